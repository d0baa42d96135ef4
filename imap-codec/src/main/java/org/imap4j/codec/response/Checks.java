package org.imap4j.codec.response;

import org.imap4j.codec.ImapValidationException;

/** Shared validation of response fields. */
final class Checks {
    private Checks() {
    }

    /** A hierarchy delimiter is NIL or one QUOTED-CHAR (7-bit, not CR, LF or NUL). */
    static void delimiter(String d) {
        if (d == null) {
            return;
        }
        if (d.length() != 1 || d.charAt(0) == '\r' || d.charAt(0) == '\n' || d.charAt(0) == 0
                || d.charAt(0) > 0x7f) {
            throw new ImapValidationException("a hierarchy delimiter is one 7-bit character: \"" + d + "\"");
        }
    }

    /** Human-readable text: no CR, LF or NUL. */
    static void text(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new ImapValidationException("response text contains CR, LF or NUL at index " + i);
            }
        }
    }

    /** A number in 1..2^32-1. */
    static long nz(String what, long n) {
        if (n < 1 || n > 0xFFFF_FFFFL) {
            throw new ImapValidationException(what + " must be in 1..4294967295: " + n);
        }
        return n;
    }

    /** A number in 0..2^32-1. */
    static long u32(String what, long n) {
        if (n < 0 || n > 0xFFFF_FFFFL) {
            throw new ImapValidationException(what + " must be in 0..4294967295: " + n);
        }
        return n;
    }

    /** A number in 0..2^63-1. */
    static long u63(String what, long n) {
        if (n < 0) {
            throw new ImapValidationException(what + " must not be negative: " + n);
        }
        return n;
    }

    /** {@code objectid = 1*255(ALPHA / DIGIT / "_" / "-")} (RFC 8474). */
    static void objectId(String id) {
        if (id.isEmpty() || id.length() > 255) {
            throw new ImapValidationException("objectid must have 1..255 characters: \"" + id + "\"");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
            if (!ok) {
                throw new ImapValidationException("objectid has '" + c + "' at index " + i);
            }
        }
    }
}
