package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.junit.jupiter.api.Test;

/** Server text never reaches a message or a trace with a control character in it (issue 14 item 13). */
class ServerTextTest {
    /** Hostile texts: a terminal clear, forged log lines, NUL, NEL, the one-character CSI, DEL, bidi override. */
    static final List<String> HOSTILE = List.of("\u001b[2J\u001b[31mowned", "ok\r\nA2 OK forged", "a\rb", "a\nb",
            "nul\u0000byte", "nel\u0085line", "csi\u009b31m", "del\u007f", "tab\there", "ls\u2028ps\u2029",
            "rtl\u202eevil", "lone\ud800surrogate", "\u0007bell\u001b]0;title\u0007");

    /**
     * @param s a shown string
     * @return the index of the first control character (C0, DEL, C1, line separators, bidi controls), or -1
     */
    static int firstControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0x202e
                    || Character.isLowSurrogate(c)) {
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    static void assertClean(String shown) {
        assertEquals(-1, firstControl(shown), () -> "control character in: " + shown);
    }

    @Test
    void escapesEveryControlCharacter() {
        for (String h : HOSTILE) {
            assertClean(ServerText.escape(h));
            assertTrue(ServerText.needsEscaping(h), h);
        }
        for (int c = 0; c < 0xa0; c++) {
            if (c >= 0x20 && c < 0x7f) {
                continue;
            }
            String shown = ServerText.escape("x" + (char) c + "y");
            assertClean(shown);
            assertTrue(shown.length() > 3, shown);
        }
    }

    @Test
    void knownAnswers() {
        assertEquals("\\x1b[2J", ServerText.escape("\u001b[2J"));
        assertEquals("a\\r\\nb\\t\\x00\\x7f\\x85\\x9b", ServerText.escape("a\r\nb\t\u0000\u007f\u0085\u009b"));
        assertEquals("\\u202e\\u2028", ServerText.escape("\u202e\u2028"));
        assertEquals("null", ServerText.escape(null));
    }

    @Test
    void leavesOrdinaryTextAloneAndIsIdempotent() {
        String plain = "Grüße, 日本語 \ud83d\ude00 C:\\path [ALERT] \"quoted\"";
        assertSame(plain, ServerText.escape(plain));
        assertFalse(ServerText.needsEscaping(plain));
        for (String h : HOSTILE) {
            String once = ServerText.escape(h);
            assertEquals(once, ServerText.escape(once));
        }
    }

    @Test
    void escapeLinesKeepsCrLfPairsOnly() {
        assertEquals("* OK hi\r\nA1 OK done\r\n", ServerText.escapeLines("* OK hi\r\nA1 OK done\r\n"));
        assertEquals("* OK a\\rforged\\nline\\x1b[2J\r\n",
                ServerText.escapeLines("* OK a\rforged\nline\u001b[2J\r\n"));
        for (String h : HOSTILE) {
            String shown = ServerText.escapeLines(h).replace("\r\n", "");
            assertClean(shown);
        }
    }

    @Test
    void commandExceptionMessageIsEscapedTextStaysRaw() {
        for (String h : HOSTILE) {
            ImapCommandException e = new ImapCommandException(Condition.NO,
                    new ResponseCode.Other("X-CODE", "\u001b[2J\u009b1m\u0085"), h, "SELECT");
            assertClean(e.getMessage());
            assertClean(e.toString());
            assertEquals(h, e.text());
            assertTrue(e.getMessage().startsWith("SELECT failed: NO"), e.getMessage());
        }
    }

    @Test
    void everyExceptionMessageIsEscaped() {
        for (String h : HOSTILE) {
            assertClean(new ImapConnectionException("server said BYE: " + h).getMessage());
            assertClean(new ImapTimeoutException(h).getMessage());
            assertClean(new ImapTlsException(h, null).getMessage());
            assertClean(new ImapAuthenticationException("LOGIN refused: NO " + h, null).getMessage());
            ImapProtocolException p = new ImapProtocolException("expected a greeting, got " + h, 3, h, null);
            assertClean(p.getMessage());
            assertClean(p.excerpt());
            byte[] bytes = ("* OK " + h + "\r\n").getBytes(StandardCharsets.UTF_8);
            ImapProtocolException at = ImapProtocolException.at("bad", bytes, 0, 5, bytes.length);
            assertClean(at.getMessage());
        }
    }
}
