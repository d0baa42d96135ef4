package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server that refuses {@code CHARSET UTF-8} ({@code NO [BADCHARSET (US-ASCII)]}, as RFC 9051 section 6.4.4 lets a
 * server do, or BAD naming the charset): a SEARCH with non-ASCII header keys is answered by the client-side filter of
 * {@code BadCharsetSearch} (superset search, the candidates' headers fetched and matched, the search sent again with
 * the matching UIDs), reported once as {@link Fallback.Kind#BADCHARSET_FILTERED}; a non-ASCII BODY key is an
 * {@link ImapSearchCharsetException}; another NO stays what it was. Scripted: every server installed here accepts
 * UTF-8 (see {@code BadCharsetSearchLiveTest} for real Dovecot behind a relay that refuses it).
 */
class BadCharsetSearchScriptedTest {
    private static final String CAPS = "IMAP4rev1 UIDPLUS";

    /** Three messages' headers: an encoded-word subject, a plain one, raw 8-bit UTF-8; an ISO-8859-1 From. */
    private static final String[] HEADERS = {
        "From: Anna <anna@example.org>\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= aus Berlin\r\n\r\n",
        "From: =?ISO-8859-1?Q?J=FCrgen?= <j@example.org>\r\nSubject: hello\r\n\r\n",
        "From: Bob <bob@example.org>\r\nSubject: GR\u00dcSSE\r\n zur\u00fcck\r\n\r\n",
    };

    /** @return the headers as a server answers {@code BODY.PEEK[HEADER.FIELDS (field)]} (whole, which is allowed) */
    private static String fetchResponses(String field) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < HEADERS.length; i++) {
            byte[] h = HEADERS[i].getBytes(StandardCharsets.UTF_8);
            sb.append("* ").append(i + 1).append(" FETCH (UID ").append(i + 1).append(" BODY[HEADER.FIELDS (")
                    .append(field.toUpperCase(java.util.Locale.ROOT)).append(")] {")
                    .append(h.length).append("}\r\n").append(HEADERS[i]) // sent as UTF-8
                    .append(")\r\n");
        }
        return sb.toString();
    }

    /** The search's criteria as a flat list: nested ANDs opened, each other key by its shape. */
    private static List<String> flat(SearchKey k) {
        List<String> out = new ArrayList<>();
        if (k instanceof SearchKey.And a) {
            for (SearchKey x : a.keys()) {
                out.addAll(flat(x));
            }
        } else if (k instanceof SearchKey.Not n) {
            out.add("NOT " + String.join(" ", flat(n.key())));
        } else if (k instanceof SearchKey.Uid u) {
            out.add("UID " + u.set());
        } else if (k instanceof SearchKey.Simple s) {
            out.add(s.wire());
        } else if (k instanceof SearchKey.Text t) {
            out.add(t.field().wire() + " " + t.value());
        } else {
            out.add(k.toString());
        }
        return out;
    }

    /** A UID FETCH of only the header field the keys name, no whole header. */
    private static boolean headerFields(Command c, String field) {
        return c instanceof Command.Fetch f && f.uid() && f.attributes().stream().anyMatch(a ->
                a instanceof org.imap4j.codec.fetch.FetchAttribute.BodySection b && b.peek()
                        && b.section().equals(org.imap4j.codec.fetch.Section.headerFields(field)));
    }

    private static boolean search(Command c, boolean charset, List<String> keys) {
        return c instanceof Command.Search s && (s.charset() != null) == charset && flat(s.key()).equals(keys);
    }

    private static ImapScript login(ImapScript script) {
        script.always(Command.Capability.class).respondRaw("* CAPABILITY " + CAPS + "\r\n").ok();
        return script.expect(Command.Login.class).ok()
                .expect(Command.Select.class).respondRaw("* 3 EXISTS\r\n* OK [UIDVALIDITY 5] v\r\n").ok();
    }

    private static ImapClient connect(ScriptedImapServer s, ImapClientConfig.Transport transport) {
        ImapClient c = ImapClient.builder(s.host()).port(s.port()).tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true)
                .transport(transport).readTimeout(Duration.ofSeconds(10)).enableImap4rev2(false).connect();
        c.login("alice", "pw");
        c.select(MailboxName.INBOX);
        return c;
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void headerKeysAreMatchedOnTheClientAndTheRestStaysWithTheServer(ImapClientConfig.Transport transport)
            throws Exception {
        ImapScript script = login(ImapScript.create().greeting(CAPS.split(" ")))
                .expect(c -> search(c, true, List.of("SUBJECT gr\u00fc\u00dfe", "UNSEEN")), "SEARCH CHARSET UTF-8")
                .complete(Condition.NO, new ResponseCode.BadCharset(List.of("US-ASCII")), "UTF-8 not supported")
                .expect(c -> search(c, false, List.of("ALL", "UNSEEN")), "the superset search")
                .respondRaw("* SEARCH 1 2 3\r\n").ok()
                .expect(c -> headerFields(c, "subject"), "UID FETCH (BODY.PEEK[HEADER.FIELDS (subject)])")
                .respondRaw(fetchResponses("subject")).ok()
                .expect(c -> search(c, false, List.of("UID 1:3", "UID 1,3", "UNSEEN")), "the exact search")
                .respondRaw("* SEARCH 3\r\n").ok()
                // NOT: the superset leaves the key out as NOT ALL, so NOT (NOT ALL) finds every candidate
                .expect(c -> search(c, true, List.of("NOT FROM j\u00fcrgen")), "SEARCH CHARSET UTF-8")
                .complete(Condition.NO, new ResponseCode.BadCharset(List.of()), "no")
                .expect(c -> search(c, false, List.of("NOT NOT ALL")), "the superset search")
                .respondRaw("* SEARCH 1 2 3\r\n").ok()
                .expect(c -> headerFields(c, "from"), "UID FETCH (BODY.PEEK[HEADER.FIELDS (from)])")
                .respondRaw(fetchResponses("from")).ok()
                .expect(c -> search(c, false, List.of("UID 1:3", "NOT UID 2")), "the exact search")
                .respondRaw("* SEARCH 1 3\r\n").ok()
                .expect(Command.Logout.class).respondRaw("* BYE bye\r\n").ok();
        try (ScriptedImapServer s = ScriptedImapServer.start(script)) {
            ImapClient c = connect(s, transport);
            // "grüße" folds as "grüsse" (i;unicode-casemap), so the raw 8-bit "GRÜSSE" of message 3 matches too
            SearchResult r = c.search(SearchKey.and(SearchKey.subject("gr\u00fc\u00dfe"), SearchKey.unseen()));
            assertEquals(List.of(3L), r.ids());
            SearchResult not = c.search(SearchKey.not(SearchKey.from("j\u00fcrgen")));
            assertEquals(List.of(1L, 3L), not.ids());
            List<Fallback> f = c.fallbacks();
            assertEquals(1, f.size(), f.toString());
            assertEquals(Fallback.Kind.BADCHARSET_FILTERED, f.get(0).kind());
            assertEquals("SEARCH", f.get(0).command());
            c.logout();
            s.verify(Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void bodyKeysAreATypedErrorAndOtherRefusalsStayAsTheyWere(ImapClientConfig.Transport transport)
            throws Exception {
        ImapScript script = login(ImapScript.create().greeting(CAPS.split(" ")))
                .expect(c -> search(c, true, List.of("BODY caf\u00e9")), "SEARCH CHARSET UTF-8 BODY")
                .complete(Condition.NO, new ResponseCode.BadCharset(List.of("US-ASCII", "ISO-8859-1")), "no")
                // BAD naming the charset (servers without the BADCHARSET code), and nothing matches the rest
                .expect(c -> search(c, true, List.of("SUBJECT caf\u00e9", "FLAGGED")), "SEARCH CHARSET UTF-8")
                .bad("Unknown charset UTF-8")
                .expect(c -> search(c, false, List.of("ALL", "FLAGGED")), "the superset search")
                .respondRaw("* SEARCH\r\n").ok()
                // a NO of another kind is the caller's to see
                .expect(c -> search(c, true, List.of("SUBJECT caf\u00e9")), "SEARCH CHARSET UTF-8")
                .no("mailbox is being rebuilt")
                .expect(Command.Logout.class).respondRaw("* BYE bye\r\n").ok();
        try (ScriptedImapServer s = ScriptedImapServer.start(script)) {
            ImapClient c = connect(s, transport);
            ImapSearchCharsetException body = assertThrows(ImapSearchCharsetException.class,
                    () -> c.search(SearchKey.body("caf\u00e9")));
            assertEquals(List.of("US-ASCII", "ISO-8859-1"), body.charsets());
            assertTrue(body.reason().contains("BODY"), body.reason());
            assertEquals(Condition.NO, body.status());
            SearchResult none = c.search(SearchKey.and(SearchKey.subject("caf\u00e9"), SearchKey.flagged()));
            assertEquals(List.of(), none.ids());
            ImapCommandException other = assertThrows(ImapCommandException.class,
                    () -> c.search(SearchKey.subject("caf\u00e9")));
            assertTrue(!(other instanceof ImapSearchCharsetException), other.toString());
            assertEquals("mailbox is being rebuilt", other.text());
            c.logout();
            s.verify(Duration.ofSeconds(5));
        }
    }
}
