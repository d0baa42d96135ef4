package org.imap4j.client.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Undoes a Content-Transfer-Encoding (RFC 2045 section 6) while bytes stream through, so a part fetched by section
 * reaches its sink decoded, in constant memory. Base64 skips what is not in its alphabet (line ends, stray
 * characters) and stops at padding; quoted-printable drops soft line breaks and keeps a malformed {@code =} as is.
 * Other encodings (7bit, 8bit, binary, unknown) pass through.
 */
public abstract class TransferDecodingOutputStream extends FilterOutputStream {

    TransferDecodingOutputStream(OutputStream out) {
        super(out);
    }

    /**
     * @param encoding the part's Content-Transfer-Encoding, or null
     * @param out      where decoded bytes go (closed when the returned stream is closed)
     * @return a decoding stream, or {@code out} itself when there is nothing to undo
     */
    public static OutputStream wrap(String encoding, OutputStream out) {
        String e = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        if (e.equals("base64")) {
            return new Base64Decoding(out);
        }
        if (e.equals("quoted-printable")) {
            return new QuotedPrintableDecoding(out);
        }
        return out;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    private static final class Base64Decoding extends TransferDecodingOutputStream {
        private final byte[] decoded = new byte[8192];
        private int used;
        private int acc;
        private int nbits;
        private boolean ended;

        Base64Decoding(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '=') {
                // padding ends the data; the bits left over are only zero fill
                ended = true;
                return;
            }
            int v = value(b & 0xff);
            if (v < 0 || ended) {
                return;
            }
            acc = acc << 6 | v;
            nbits += 6;
            if (nbits >= 8) {
                nbits -= 8;
                emit(acc >> nbits & 0xff);
                acc &= (1 << nbits) - 1;
            }
        }

        private void emit(int b) throws IOException {
            if (used == decoded.length) {
                out.write(decoded, 0, used);
                used = 0;
            }
            decoded[used++] = (byte) b;
        }

        @Override
        public void flush() throws IOException {
            out.write(decoded, 0, used);
            used = 0;
            out.flush();
        }

        private static int value(int c) {
            if (c >= 'A' && c <= 'Z') {
                return c - 'A';
            }
            if (c >= 'a' && c <= 'z') {
                return c - 'a' + 26;
            }
            if (c >= '0' && c <= '9') {
                return c - '0' + 52;
            }
            if (c == '+') {
                return 62;
            }
            return c == '/' ? 63 : -1;
        }
    }

    private static final class QuotedPrintableDecoding extends TransferDecodingOutputStream {
        private final byte[] decoded = new byte[8192];
        private int used;
        /** 0: normal; 1: after '='; 2: after '=' and one hex digit; 3: after "=\r" (soft break). */
        private int state;
        private int first;

        QuotedPrintableDecoding(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            b &= 0xff;
            switch (state) {
                case 0:
                    if (b == '=') {
                        state = 1;
                    } else {
                        emit(b);
                    }
                    break;
                case 1:
                    if (b == '\r') {
                        state = 3;
                    } else if (b == '\n') {
                        state = 0;
                    } else if (Character.digit(b, 16) >= 0) {
                        first = b;
                        state = 2;
                    } else if (b == ' ' || b == '\t') {
                        // trailing white space before a soft break: wait for the line end
                        state = 1;
                    } else {
                        emit('=');
                        state = 0;
                        write(b);
                    }
                    break;
                case 2:
                    if (Character.digit(b, 16) >= 0) {
                        emit(Character.digit(first, 16) * 16 + Character.digit(b, 16));
                        state = 0;
                    } else {
                        emit('=');
                        emit(first);
                        state = 0;
                        write(b);
                    }
                    break;
                default:
                    state = 0;
                    if (b != '\n') {
                        write(b);
                    }
                    break;
            }
        }

        private void emit(int b) throws IOException {
            if (used == decoded.length) {
                out.write(decoded, 0, used);
                used = 0;
            }
            decoded[used++] = (byte) b;
        }

        @Override
        public void flush() throws IOException {
            out.write(decoded, 0, used);
            used = 0;
            out.flush();
        }
    }
}
