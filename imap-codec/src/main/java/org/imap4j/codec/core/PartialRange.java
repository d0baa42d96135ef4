package org.imap4j.codec.core;

import org.imap4j.codec.ImapValidationException;

/**
 * A page of results ({@code partial-range}, RFC 9394 section 4): {@code first:last} counts from the oldest match
 * (lowest number), {@code -first:-last} from the newest. {@code 500:400} is the same page as {@code 400:500}, and a
 * server echoes the range as the client wrote it, so both ends are kept as given.
 *
 * <pre>
 * partial-range-first = nz-number ":" nz-number
 * partial-range-last  = MINUS nz-number ":" MINUS nz-number
 * </pre>
 *
 * @param first one end: 1..4294967295, or -1..-4294967295 for a range counted from the newest
 * @param last  the other end, of the same sign
 */
public record PartialRange(long first, long last) {
    /**
     * Validates the ends.
     *
     * @param first one end
     * @param last  the other end, of the same sign
     */
    public PartialRange {
        if (first == 0 || last == 0 || (first < 0) != (last < 0) || Math.abs(first) > SequenceSet.MAX_NUMBER
                || Math.abs(last) > SequenceSet.MAX_NUMBER) {
            throw new ImapValidationException("not a partial range (RFC 9394): " + first + ":" + last);
        }
    }

    /**
     * @param n the page size
     * @return the {@code n} oldest matches, {@code 1:n}
     */
    public static PartialRange first(long n) {
        return new PartialRange(1, n);
    }

    /**
     * @param n the page size
     * @return the {@code n} newest matches, {@code -1:-n}
     */
    public static PartialRange last(long n) {
        return new PartialRange(-1, -n);
    }

    /** @return whether it counts from the newest match */
    public boolean fromNewest() {
        return first < 0;
    }

    /**
     * @param s {@code a:b} or {@code -a:-b}
     * @return the range
     * @throws ImapValidationException if {@code s} is not one
     */
    public static PartialRange parse(String s) {
        int colon = s.indexOf(':');
        try {
            if (colon > 0 && s.indexOf('+') < 0) {
                return new PartialRange(Long.parseLong(s.substring(0, colon)), Long.parseLong(s.substring(colon + 1)));
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ImapValidationException("not a partial range (RFC 9394): " + s.replaceAll("[^\\x20-\\x7e]", "?"));
    }

    @Override
    public String toString() {
        return first + ":" + last;
    }
}
