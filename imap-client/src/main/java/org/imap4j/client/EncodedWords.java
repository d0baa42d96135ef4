package org.imap4j.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A decoder of RFC 2047 encoded words ({@code =?charset?B?...?=} and {@code =?charset?Q?...?=}) in header text such
 * as a subject or a display name. JDK only; imap4j never decodes them silently inside the parser, so call this (or
 * {@link Envelopes#decode(org.imap4j.codec.fetch.Envelope)}) where text is shown to a person.
 *
 * <ul>
 *   <li>{@code B} (base64) and {@code Q} (quoted-printable, {@code _} for space) encodings, in any case;</li>
 *   <li>every charset the JDK knows; an RFC 2231 language suffix ({@code =?utf-8*en?Q?...?=}) is ignored;</li>
 *   <li>adjacent encoded words are joined: the white space (and folding) between them is dropped (RFC 2047
 *       section 6.2), and the bytes of adjacent words in the same charset are decoded together, so a multi-byte
 *       character split across two words comes out whole;</li>
 *   <li>a malformed word (unknown charset, bad base64, a {@code =} not followed by two hex digits, bytes that are
 *       not valid in the charset) is left exactly as it was sent;</li>
 *   <li>leniently, an encoded word glued to ordinary text ({@code Re:=?utf-8?Q?x?=}) is decoded too, as mail
 *       readers do.</li>
 * </ul>
 *
 * <pre>{@code
 * EncodedWords.decode("=?UTF-8?B?SGVsbG8=?= =?ISO-8859-1?Q?W=F6rld?=")   // "HelloWörld"
 * }</pre>
 */
public final class EncodedWords {
    private EncodedWords() {
    }

    /**
     * Decodes the encoded words in a header value.
     *
     * @param text header text, possibly {@code null}
     * @return the decoded text ({@code ""} for {@code null}); text that is not an encoded word is kept as is
     */
    public static String decode(String text) {
        if (text == null) {
            return "";
        }
        if (text.indexOf("=?") < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        // a run of adjacent encoded words in one charset, with the white space between them, not yet decoded
        List<Word> run = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        while (i < n) {
            Word w = text.startsWith("=?", i) ? Word.at(text, i) : null;
            if (w == null || w.bytes() == null) {
                int ws = i;
                while (ws < n && isWhite(text.charAt(ws))) {
                    ws++;
                }
                if (!run.isEmpty() && ws > i && ws < n && text.startsWith("=?", ws)
                        && decodable(Word.at(text, ws))) {
                    gaps.add(text.substring(i, ws));
                    i = ws;
                    continue;
                }
                flush(out, run, gaps);
                if (w != null) {
                    out.append(w.raw);
                    i = w.end;
                } else {
                    out.append(text.charAt(i));
                    i++;
                }
                continue;
            }
            if (!run.isEmpty() && !run.get(0).charset.equals(w.charset)) {
                // white space between words of different charsets is dropped too (RFC 2047 section 6.2)
                if (gaps.size() == run.size()) {
                    gaps.remove(gaps.size() - 1);
                }
                flush(out, run, gaps);
            }
            if (!run.isEmpty() && gaps.size() < run.size()) {
                gaps.add("");
            }
            run.add(w);
            i = w.end;
        }
        flush(out, run, gaps);
        return out.toString();
    }

    private static void flush(StringBuilder out, List<Word> run, List<String> gaps) {
        if (run.isEmpty()) {
            return;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Word w : run) {
            all.writeBytes(w.bytes());
        }
        String joined = strictDecode(all.toByteArray(), run.get(0).charset);
        if (joined != null) {
            out.append(joined);
        } else {
            // one bad word spoils the run: decode word by word, keep the bad ones (and the space beside them) as sent
            String previous = null;
            for (int k = 0; k < run.size(); k++) {
                String one = strictDecode(run.get(k).bytes(), run.get(k).charset);
                if (k > 0 && (one == null || previous == null)) {
                    out.append(gaps.get(k - 1));
                }
                out.append(one != null ? one : run.get(k).raw);
                previous = one;
            }
        }
        run.clear();
        gaps.clear();
    }

    private static String strictDecode(byte[] bytes, Charset cs) {
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean decodable(Word w) {
        return w != null && w.bytes() != null;
    }

    private static boolean isWhite(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** One syntactically complete encoded word: charset known, encoding B or Q, no white space inside. */
    private static final class Word {
        final String raw;
        final Charset charset;
        final boolean base64;
        final String payload;
        final int end;

        private Word(String raw, Charset charset, boolean base64, String payload, int end) {
            this.raw = raw;
            this.charset = charset;
            this.base64 = base64;
            this.payload = payload;
            this.end = end;
        }

        static Word at(String s, int start) {
            int q1 = s.indexOf('?', start + 2);
            if (q1 < 0 || q1 + 2 >= s.length() || s.charAt(q1 + 2) != '?') {
                return null;
            }
            char enc = Character.toUpperCase(s.charAt(q1 + 1));
            if (enc != 'B' && enc != 'Q') {
                return null;
            }
            int close = s.indexOf("?=", q1 + 3);
            if (close < 0) {
                return null;
            }
            String name = s.substring(start + 2, q1);
            String payload = s.substring(q1 + 3, close);
            if (name.isEmpty() || containsWhite(name) || containsWhite(payload)) {
                return null;
            }
            int star = name.indexOf('*');
            if (star >= 0) {
                name = name.substring(0, star);
            }
            Charset cs;
            try {
                cs = Charset.forName(name.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // unknown or illegal charset name: not a word we can decode, so it stays text as sent
                return null;
            }
            return new Word(s.substring(start, close + 2), cs, enc == 'B', payload, close + 2);
        }

        private static boolean containsWhite(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (isWhite(s.charAt(i))) {
                    return true;
                }
            }
            return false;
        }

        /** @return the decoded bytes, or null when the word is malformed */
        byte[] bytes() {
            if (base64) {
                try {
                    return Base64.getDecoder().decode(payload);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length());
            for (int i = 0; i < payload.length(); i++) {
                char c = payload.charAt(i);
                if (c == '_') {
                    out.write(' ');
                } else if (c == '=') {
                    if (i + 2 >= payload.length()) {
                        return null;
                    }
                    int hi = Character.digit(payload.charAt(i + 1), 16);
                    int lo = Character.digit(payload.charAt(i + 2), 16);
                    if (hi < 0 || lo < 0) {
                        return null;
                    }
                    out.write(hi * 16 + lo);
                    i += 2;
                } else if (c > 0x7e || c < 0x21) {
                    return null;
                } else {
                    out.write(c);
                }
            }
            return out.toByteArray();
        }
    }
}
