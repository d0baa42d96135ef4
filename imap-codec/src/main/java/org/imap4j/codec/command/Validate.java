package org.imap4j.codec.command;

import java.util.List;
import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.internal.ascii.Ascii;

/** Validation helpers shared by the command records. */
final class Validate {
    private Validate() {
    }

    static <T> List<T> list(List<T> l, String what) {
        Objects.requireNonNull(l, what);
        for (T t : l) {
            Objects.requireNonNull(t, what + " element");
        }
        return List.copyOf(l);
    }

    static <T> List<T> nonEmpty(List<T> l, String what) {
        List<T> c = list(l, what);
        if (c.isEmpty()) {
            throw new ImapValidationException(what + " must not be empty");
        }
        return c;
    }

    static String atom(String s, String what) {
        Objects.requireNonNull(s, what);
        if (!Ascii.all(s, Ascii.ATOM)) {
            throw new ImapValidationException(what + " is not an atom: " + shown(s));
        }
        return s;
    }

    static String noNul(String s, String what) {
        Objects.requireNonNull(s, what);
        int i = s.indexOf('\0');
        if (i >= 0) {
            throw new ImapValidationException(what + " contains NUL at index " + i);
        }
        return s;
    }

    /**
     * A caller's string as an error message may show it: printable ASCII as is, anything else escaped, at most 64
     * characters, so that a string built to inject CR LF (or terminal escapes) cannot do so through a log line.
     */
    static String shown(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int n = Math.min(b.length, 64);
        return "\"" + Ascii.escape(b, 0, n) + "\"" + (b.length > n ? "... (" + b.length + " bytes)" : "");
    }

    static long nz(long n, String what) {
        if (n < 1 || n > 0xFFFF_FFFFL) {
            throw new ImapValidationException(what + " must be in 1..4294967295: " + n);
        }
        return n;
    }

    static long nonNegative(long n, String what) {
        if (n < 0) {
            throw new ImapValidationException(what + " must not be negative: " + n);
        }
        return n;
    }

    /** ACL rights: lower-case letters and digits (RFC 4314 section 2.1), possibly none. */
    static String rights(String s) {
        Objects.requireNonNull(s, "rights");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                throw new ImapValidationException("ACL rights are lower-case letters and digits: " + shown(s));
            }
        }
        return s;
    }

    /** {@code mechanism = "INTERNAL" / 1*(ALPHA / DIGIT / "-" / ".")} (RFC 4467). */
    static String mechanism(String m) {
        Objects.requireNonNull(m, "mechanism");
        boolean ok = !m.isEmpty();
        for (int i = 0; i < m.length() && ok; i++) {
            char c = m.charAt(i);
            ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.';
        }
        if (!ok) {
            throw new ImapValidationException("not a URLAUTH mechanism: " + shown(m));
        }
        return m;
    }
}
