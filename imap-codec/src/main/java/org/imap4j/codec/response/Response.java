package org.imap4j.codec.response;

/**
 * One server response (RFC 9051 section 7): a {@link Tagged} completion, an {@link Untagged} data or status response,
 * or a {@link Continuation} request.
 */
public sealed interface Response permits Tagged, Untagged, Continuation {
}
