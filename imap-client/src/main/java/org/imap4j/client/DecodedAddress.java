package org.imap4j.client;

/**
 * One envelope address made readable: the display name decoded from RFC 2047 and the address as
 * {@code mailbox@host}.
 *
 * @param name    the decoded display name, or {@code ""} when there is none
 * @param address {@code mailbox@host}, never null
 * @param group   the decoded name of the RFC 5322 group this mailbox was listed in, or {@code null}
 */
public record DecodedAddress(String name, String address, String group) {
    /**
     * Requires the name and the address.
     *
     * @param name the {@code name} component
     * @param address the {@code address} component
     * @param group the {@code group} component
     */
    public DecodedAddress {
        if (name == null || address == null) {
            throw new NullPointerException("name and address are required (use an empty name for none)");
        }
    }

    /**
     * @return {@code name <mailbox@host>}, or {@code mailbox@host} when there is no name. This is text for people: the
     *         name is neither quoted nor re-encoded, so pass it through a terminal escape before printing server text
     */
    public String formatted() {
        return name.isEmpty() ? address : name + " <" + address + ">";
    }

    /** @return {@link #formatted()} */
    @Override
    public String toString() {
        return formatted();
    }
}
