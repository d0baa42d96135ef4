package org.imap4j.codec.core;

import java.util.Objects;
import org.imap4j.codec.ImapValidationException;

/**
 * A mailbox name as the user sees it (Unicode). On the wire it is modified UTF-7 (RFC 3501 section 5.1.3), or UTF-8
 * once {@code UTF8=ACCEPT} is enabled (RFC 6855); {@code INBOX} is case-insensitive and normalised to upper case.
 *
 * <pre>{@code
 * MailboxName.of("Entwürfe").toModifiedUtf7();          // "Entw&APw-rfe"
 * MailboxName.fromModifiedUtf7("&ZeVnLIqe-").name();    // "日本語"
 * }</pre>
 *
 * @param name the decoded name; never contains CR, LF or NUL
 */
public record MailboxName(String name) {
    /** The INBOX. */
    public static final MailboxName INBOX = new MailboxName("INBOX");

    private static final char[] B64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".toCharArray();
    private static final int[] B64_INV = new int[128];
    /** Characters of a name shown in an error message. */
    private static final int SHOWN = 64;

    static {
        java.util.Arrays.fill(B64_INV, -1);
        for (int i = 0; i < B64.length; i++) {
            B64_INV[B64[i]] = i;
        }
    }

    /**
     * Validates the name and normalises {@code INBOX}.
     *
     * @param name the decoded name; never contains CR, LF or NUL
     */
    public MailboxName {
        Objects.requireNonNull(name, "name");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new ImapValidationException("mailbox name contains " + (c == 0 ? "NUL" : c == '\r' ? "CR" : "LF")
                        + " at index " + i);
            }
            if (Character.isSurrogate(c)) {
                boolean pair = Character.isHighSurrogate(c) && i + 1 < name.length()
                        && Character.isLowSurrogate(name.charAt(i + 1));
                if (!pair) {
                    throw new ImapValidationException("mailbox name has an unpaired surrogate at index " + i);
                }
                i++;
            }
        }
        if (name.length() == 5 && name.equalsIgnoreCase("INBOX")) {
            name = "INBOX";
        }
    }

    /**
     * @param name the Unicode name
     * @return the mailbox name
     */
    public static MailboxName of(String name) {
        return new MailboxName(name);
    }

    /** @return whether this is the INBOX */
    public boolean isInbox() {
        return name.equals("INBOX");
    }

    /**
     * Decodes a modified UTF-7 name strictly: a name that is not in the canonical encoding (a shifted run that encodes
     * printable ASCII, bad base64, non-zero padding bits, an unterminated shift, a raw 8-bit or control character, or
     * an unpaired surrogate) is refused.
     *
     * @param wire the name as sent
     * @return the mailbox name
     * @throws ImapValidationException if {@code wire} is not canonical modified UTF-7
     */
    public static MailboxName fromModifiedUtf7(String wire) {
        if (isPlainAscii(wire)) {
            // printable ASCII without '&' is its own encoding: nothing to decode, nothing to re-check
            try {
                return new MailboxName(wire);
            } catch (ImapValidationException e) {
                throw new ImapValidationException("modified UTF-7 decodes to an invalid name: " + e.getMessage());
            }
        }
        StringBuilder out = new StringBuilder(wire.length());
        int i = 0;
        int n = wire.length();
        while (i < n) {
            char c = wire.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new ImapValidationException("modified UTF-7: character 0x" + Integer.toHexString(c)
                        + " must be encoded, at index " + i);
            }
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int end = wire.indexOf('-', i + 1);
            if (end < 0) {
                throw new ImapValidationException("modified UTF-7: unterminated '&' shift at index " + i);
            }
            if (end == i + 1) {
                out.append('&');
                i = end + 1;
                continue;
            }
            int bits = 0;
            int nbits = 0;
            for (int k = i + 1; k < end; k++) {
                char b = wire.charAt(k);
                int v = b < 128 ? B64_INV[b] : -1;
                if (v < 0) {
                    throw new ImapValidationException("modified UTF-7: invalid base64 character "
                            + shown(String.valueOf(b)) + " at index " + k);
                }
                bits = (bits << 6) | v;
                nbits += 6;
                if (nbits >= 16) {
                    nbits -= 16;
                    char u = (char) ((bits >> nbits) & 0xFFFF);
                    if (u >= 0x20 && u <= 0x7e) {
                        throw new ImapValidationException("modified UTF-7: printable ASCII '" + u
                                + "' must not be encoded, at index " + i);
                    }
                    out.append(u);
                }
            }
            if (nbits >= 6 || (bits & ((1 << nbits) - 1)) != 0) {
                throw new ImapValidationException("modified UTF-7: bad padding in shift at index " + i);
            }
            i = end + 1;
        }
        String name = out.toString();
        MailboxName m;
        try {
            m = new MailboxName(name);
        } catch (ImapValidationException e) {
            throw new ImapValidationException("modified UTF-7 decodes to an invalid name: " + e.getMessage());
        }
        if (!encode(name).equals(wire) && !(m.isInbox() && wire.equalsIgnoreCase("INBOX"))) {
            throw new ImapValidationException("modified UTF-7: not in canonical form: " + shown(wire));
        }
        return m;
    }

    /**
     * A name as an error message may show it: quoted, printable ASCII as is, anything else as {@code \\uXXXX}, and
     * cut after {@value #SHOWN} characters, so that a hostile name can neither inject log lines or terminal escapes
     * nor make a message as large as the name.
     */
    private static String shown(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), SHOWN) + 16).append('"');
        int n = Math.min(s.length(), SHOWN);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        sb.append('"');
        if (s.length() > n) {
            sb.append("... (").append(s.length()).append(" characters)");
        }
        return sb.toString();
    }

    private static boolean isPlainAscii(String wire) {
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '&') {
                return false;
            }
        }
        return true;
    }

    /** @return the name in modified UTF-7 */
    public String toModifiedUtf7() {
        return encode(name);
    }

    private static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c);
                if (c == '&') {
                    out.append('-');
                }
                i++;
                continue;
            }
            out.append('&');
            int bits = 0;
            int nbits = 0;
            while (i < n && (s.charAt(i) < 0x20 || s.charAt(i) > 0x7e)) {
                bits = (bits << 16) | s.charAt(i);
                nbits += 16;
                while (nbits >= 6) {
                    nbits -= 6;
                    out.append(B64[(bits >> nbits) & 0x3F]);
                }
                i++;
            }
            if (nbits > 0) {
                out.append(B64[(bits << (6 - nbits)) & 0x3F]);
            }
            out.append('-');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
