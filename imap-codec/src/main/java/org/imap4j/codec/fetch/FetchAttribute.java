package org.imap4j.codec.fetch;

/**
 * One data item a FETCH command asks for ({@code fetch-att}, RFC 9051 section 6.4.5), or a macro.
 */
public sealed interface FetchAttribute permits FetchAttribute.Simple {

    /**
     * An attribute named by a single atom (placeholder shape; see the fetch helper's final design).
     *
     * @param name the atom
     */
    record Simple(String name) implements FetchAttribute {
    }
}
