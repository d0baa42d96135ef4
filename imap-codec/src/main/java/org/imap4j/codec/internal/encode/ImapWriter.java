package org.imap4j.codec.internal.encode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.Fragment;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * Encodes protocol text, choosing atom, quoted string or literal for each string so that CR, LF and NUL can never
 * reach the wire outside a literal. A client-side writer splits its output into {@link Fragment}s at every
 * synchronizing literal; a server-side writer (responses) writes literals inline.
 */
public final class ImapWriter {
    /** Strings longer than this are sent as literals even when they could be quoted. */
    static final int MAX_QUOTED = 1024;

    private final EncodeOptions options;
    private final boolean serverSide;
    private byte[] buf = new byte[256];
    private int len;
    private final List<Fragment> fragments = new ArrayList<>(2);

    /**
     * @param options    what the peer allows
     * @param serverSide whether this writes server responses (literals inline, never waiting)
     */
    public ImapWriter(EncodeOptions options, boolean serverSide) {
        this.options = options;
        this.serverSide = serverSide;
    }

    /** @return the options in force */
    public EncodeOptions options() {
        return options;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    /**
     * @param b a byte
     * @return this
     */
    public ImapWriter raw(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    /**
     * Writes trusted ASCII text (a keyword or syntax), unchecked.
     *
     * @param ascii the text
     * @return this
     */
    public ImapWriter raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /**
     * @param b   bytes written as they are
     * @param off first
     * @param n   count
     * @return this
     */
    public ImapWriter raw(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** @return this, after a space */
    public ImapWriter sp() {
        return raw(' ');
    }

    /**
     * @param n a non-negative number
     * @return this
     */
    public ImapWriter number(long n) {
        if (n < 0) {
            throw new ImapValidationException("negative number: " + n);
        }
        return raw(Long.toString(n));
    }

    /**
     * @param atom text that must be a valid atom
     * @return this
     * @throws ImapValidationException if it is not an atom
     */
    public ImapWriter atom(String atom) {
        if (!Ascii.all(atom, Ascii.ATOM)) {
            throw new ImapValidationException("not an atom: " + shown(atom));
        }
        return raw(atom);
    }

    /**
     * Writes a string as an atom if it is one, else quoted or literal ({@code astring}).
     *
     * @param s text
     * @return this
     */
    public ImapWriter astring(String s) {
        if (Ascii.all(s, Ascii.ASTRING) && !s.equalsIgnoreCase("NIL")) {
            return raw(s);
        }
        return string(s);
    }

    /**
     * Writes {@code string}: quoted if possible, else a literal.
     *
     * @param s text
     * @return this
     */
    public ImapWriter string(String s) {
        checkNoNul(s);
        if (quotable(s)) {
            return quotedUnchecked(s);
        }
        return literal(Bytes.utf8(s), false);
    }

    /**
     * Writes {@code nstring}: NIL for {@code null}.
     *
     * @param s text or null
     * @return this
     */
    public ImapWriter nstring(String s) {
        return s == null ? raw("NIL") : string(s);
    }

    /**
     * Writes a string always as a quoted string, escaping {@code "} and {@code \}.
     *
     * @param s text
     * @return this
     */
    public ImapWriter quoted(String s) {
        checkNoNul(s);
        if (!quotableChars(s)) {
            throw new ImapValidationException("cannot be quoted (CR, LF or 8-bit without UTF8=ACCEPT): " + shown(s));
        }
        return quotedUnchecked(s);
    }

    private ImapWriter quotedUnchecked(String s) {
        raw('"');
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ensure(b.length * 2);
        for (byte x : b) {
            if (x == '"' || x == '\\') {
                buf[len++] = '\\';
            }
            buf[len++] = x;
        }
        return raw('"');
    }

    // A caller's string in an error message: escaped (no CR, LF or escape sequence reaches a log) and at most 64 bytes.
    private static String shown(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, 64);
        return "\"" + Ascii.escape(b, 0, n) + "\"" + (b.length > n ? "... (" + b.length + " bytes)" : "");
    }

    private static void checkNoNul(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new ImapValidationException("NUL is not allowed in an IMAP string (index " + i + ")");
            }
            if (Character.isSurrogate(c)) {
                // An unpaired surrogate has no UTF-8 form; encoding it would silently send '?' instead.
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new ImapValidationException("unpaired surrogate in an IMAP string (index " + i + ")");
                }
            }
        }
    }

    /**
     * @param s a string
     * @return whether it can be written quoted at all (no CR, LF, NUL; 8-bit only where allowed), whatever its length
     */
    public boolean canQuote(String s) {
        return s.indexOf(0) < 0 && quotableChars(s);
    }

    private boolean quotable(String s) {
        return s.length() <= MAX_QUOTED && quotableChars(s);
    }

    private boolean quotableChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return false;
            }
            if (c >= 0x80 && !(options.utf8Accept() || serverSide)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes a literal: the announcement ({@code {n}}, {@code {n+}}, {@code ~{n}}), CRLF, then the payload; on the
     * client side a synchronizing literal ends the current fragment.
     *
     * @param data   the payload
     * @param binary whether to announce it as {@code ~{n}} (literal8, RFC 3516)
     * @return this
     */
    public ImapWriter literal(Bytes data, boolean binary) {
        return literal(data, binary, false);
    }

    /**
     * Writes a message's content as a literal (APPEND). Unlike a string, it may go non-synchronizing even when it
     * holds line breaks: a server that accepts APPEND in this state reads the literal as data whatever it holds.
     *
     * @param data   the message
     * @param binary whether to announce it as {@code ~{n}}
     * @return this
     */
    public ImapWriter messageLiteral(Bytes data, boolean binary) {
        return literal(data, binary, true);
    }

    /**
     * Writes the announcement of a message whose bytes the caller supplies (APPEND from a stream): {@code {n}} or
     * {@code {n+}} as the server allows (LITERAL- only up to 4096 bytes), then a {@link Fragment.Supplied} in place
     * of the payload. Server side, nothing can be supplied.
     *
     * @param size   the message's exact size
     * @param binary whether to announce it as {@code ~{n}}
     * @return this
     */
    public ImapWriter suppliedLiteral(long size, boolean binary) {
        if (serverSide) {
            throw new IllegalStateException("a server-side writer cannot write a supplied literal");
        }
        boolean nonSync = options.nonSync(size);
        if (binary) {
            raw('~');
        }
        raw('{').number(size);
        if (nonSync) {
            raw('+');
        }
        raw("}\r\n");
        flushLine();
        fragments.add(new Fragment.Supplied(size, nonSync ? Fragment.LiteralMode.NON_SYNC
                : Fragment.LiteralMode.SYNC));
        return this;
    }

    private ImapWriter literal(Bytes data, boolean binary, boolean messageContent) {
        if (!binary) {
            for (int i = 0; i < data.size(); i++) {
                if (data.get(i) == 0) {
                    throw new ImapValidationException("NUL in a non-binary literal (index " + i + ")");
                }
            }
        }
        // A string holding CR or LF goes synchronizing: a server that refuses the command before reading a
        // non-synchronizing literal (some answer BAD at once to a command not valid in the current state) would
        // read its lines as commands. With a synchronizing one, a refusal means the payload is never sent.
        boolean nonSync = !serverSide && options.nonSync(data.size()) && (messageContent || !hasLineBreak(data));
        if (binary) {
            raw('~');
        }
        raw('{').number(data.size());
        if (nonSync) {
            raw('+');
        }
        raw("}\r\n");
        if (serverSide || nonSync) {
            ensure(data.size());
            data.copyTo(buf, len);
            len += data.size();
            return this;
        }
        flushLine();
        fragments.add(new Fragment.Literal(data, Fragment.LiteralMode.SYNC));
        return this;
    }

    private static boolean hasLineBreak(Bytes data) {
        for (int i = 0; i < data.size(); i++) {
            byte b = data.get(i);
            if (b == '\r' || b == '\n') {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes a mailbox name: modified UTF-7, or UTF-8 with UTF8=ACCEPT, as an astring.
     *
     * @param m the mailbox
     * @return this
     */
    public ImapWriter mailbox(MailboxName m) {
        return astring(options.utf8Accept() ? m.name() : m.toModifiedUtf7());
    }

    /**
     * Writes a LIST pattern ({@code list-mailbox = 1*list-char / string}): wildcards {@code %} and {@code *} stay
     * unquoted where possible; the rest is encoded as a mailbox name.
     *
     * @param pattern the pattern in Unicode
     * @return this
     */
    public ImapWriter listMailbox(String pattern) {
        String wire = options.utf8Accept() ? pattern : MailboxName.of(pattern).toModifiedUtf7();
        if (Ascii.all(wire, Ascii.LIST)) {
            return raw(wire);
        }
        return string(wire);
    }

    /**
     * Writes {@code flag-list = "(" [flag *(SP flag)] ")"}; flags are validated atoms, so they go as they are.
     *
     * @param flags the flags
     * @return this
     */
    public ImapWriter flagList(java.util.List<org.imap4j.codec.core.Flag> flags) {
        raw('(');
        for (int i = 0; i < flags.size(); i++) {
            if (i > 0) {
                sp();
            }
            raw(flags.get(i).value());
        }
        return raw(')');
    }

    /** @return this, after CRLF */
    public ImapWriter crlf() {
        return raw("\r\n");
    }

    private void flushLine() {
        if (len > 0) {
            fragments.add(new Fragment.Line(Bytes.copyOf(buf, 0, len)));
            len = 0;
        }
    }

    /** @return the fragments written so far (the current line flushed); the writer is then empty */
    public List<Fragment> fragments() {
        flushLine();
        List<Fragment> out = List.copyOf(fragments);
        fragments.clear();
        return out;
    }

    /** @return everything written as one byte array (for server-side output, or tests); the writer is then empty */
    public byte[] toBytes() {
        flushLine();
        int total = 0;
        for (Fragment f : fragments) {
            total += bytesOf(f).size();
        }
        byte[] out = new byte[total];
        int o = 0;
        for (Fragment f : fragments) {
            Bytes b = bytesOf(f);
            b.copyTo(out, o);
            o += b.size();
        }
        fragments.clear();
        return out;
    }

    private static Bytes bytesOf(Fragment f) {
        if (f instanceof Fragment.Line l) {
            return l.data();
        }
        if (f instanceof Fragment.Literal lit) {
            return lit.data();
        }
        throw new IllegalStateException("a supplied payload has no bytes to write here");
    }
}
