package org.imap4j.conformance.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.imap4j.client.AppendResult;
import org.imap4j.client.AsyncImapClient;
import org.imap4j.client.CopyResult;
import org.imap4j.client.Fallback;
import org.imap4j.client.FetchResult;
import org.imap4j.client.FlagUpdate;
import org.imap4j.client.Idle;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.ListEntry;
import org.imap4j.client.MailboxListener;
import org.imap4j.client.QuotaRootResult;
import org.imap4j.client.SearchResult;
import org.imap4j.client.SelectResult;
import org.imap4j.client.StatusResult;
import org.imap4j.client.StoreResult;
import org.imap4j.client.auth.Sasl;
import org.imap4j.client.auth.SaslMechanism;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapTlsException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.Address;
import org.imap4j.codec.fetch.BodyData;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.codec.fetch.Envelope;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Capability.Known;
import org.imap4j.codec.response.MailboxAttribute;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TlsOptions;

/**
 * The live suite's scenario list: every client operation, each extension the client uses, error responses,
 * unsolicited events during FETCH and IDLE, non-ASCII and special mailbox names, large literals both ways and 8-bit
 * and binary content. Each scenario runs unchanged against every server and transport; what a server does not
 * advertise ends the scenario as "not offered".
 */
final class Scenarios {
    private Scenarios() {
    }

    private static final long WAIT_S = 20;

    /** @return every scenario, in report order; the wrong-password one last (servers may delay logins after it) */
    static List<Scenario> all() {
        List<Scenario> s = new ArrayList<>();
        connection(s);
        authentication(s);
        mailboxes(s);
        appending(s);
        fetching(s);
        flagsAndSearch(s);
        copyMoveExpunge(s);
        extensions(s);
        newerExtensions(s);
        rev2First(s);
        events(s);
        asynchronous(s);
        s.add(new Scenario("auth.wrong-password", "a wrong password is an ImapAuthenticationException carrying NO",
                Scenarios::wrongPassword));
        return List.copyOf(s);
    }

    private static void add(List<Scenario> s, String id, String title, Scenario.Body body) {
        s.add(new Scenario(id, title, body));
    }

    // ------------------------------------------------------------------------------------------ connection

    private static void connection(List<Scenario> s) {
        add(s, "conn.tls-verified", "implicit TLS with chain and host-name verification; capabilities after login",
                ctx -> {
                    ctx.target().tls(ctx.transport());   // "not offered" on a server without a TLS listener
                    ImapClient c = ctx.client();
                    assertTrue(c.isSecure());
                    assertTrue(c.hasCapability(Known.IMAP4REV1) || c.hasCapability(Known.IMAP4REV2),
                            c.capabilities()::toString);
                });
        add(s, "conn.tls-untrusted", "a certificate the caller does not trust fails the handshake (ImapTlsException)",
                ctx -> {
                    ImapClientConfig.Builder tls = ctx.target().tls(ctx.transport());   // "not offered" without TLS
                    assertThrows(ImapTlsException.class, () -> ctx.track(tls.tls(TlsOptions.defaults()).connect()));
                });
        add(s, "conn.starttls", "STARTTLS on the cleartext port, capabilities re-read, then LOGIN", ctx -> {
            try (ImapClient probe = ctx.target().plain(ctx.transport(), TlsMode.PLAIN).connect()) {
                if (!probe.hasCapability(Known.STARTTLS)) {
                    throw new Scenario.NotOffered("no STARTTLS on the cleartext port");
                }
            }
            ImapClient c = ctx.track(ctx.target().plain(ctx.transport(), TlsMode.STARTTLS).connect());
            assertTrue(c.isSecure());
            assertFalse(c.hasCapability(Known.STARTTLS), "capabilities re-read after the handshake");
            c.login(ctx.user(0), ctx.password(0));
            assertNotNull(c.select(MailboxName.INBOX));
        });
        add(s, "conn.cleartext-refused", "no password is sent in cleartext unless the caller opts in", ctx -> {
            ImapClient c = ctx.track(ctx.target().plain(ctx.transport(), TlsMode.PLAIN).connect());
            ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class,
                    () -> c.login(ctx.user(0), ctx.password(0)));
            assertTrue(e.getMessage().contains("cleartext"), e.getMessage());
            c.noop();
        });
        add(s, "conn.cleartext-opt-in", "LOGIN over the cleartext port when the caller opts in", ctx -> {
            ImapClient c = ctx.track(ctx.target().plain(ctx.transport(), TlsMode.PLAIN)
                    .allowCleartextPasswords(true).connect());
            if (c.hasCapability(Known.LOGINDISABLED)) {
                throw new Scenario.NotOffered("LOGINDISABLED on the cleartext port");
            }
            c.login(ctx.user(0), ctx.password(0));
            assertFalse(c.isSecure());
            assertNotNull(c.select(MailboxName.INBOX));
        });
        add(s, "conn.noop-capability", "NOOP and CAPABILITY refresh", ctx -> {
            ImapClient c = ctx.client();
            c.noop();
            assertEquals(Set.copyOf(c.capabilities()), Set.copyOf(c.refreshCapabilities()));
        });
        add(s, "conn.logout", "LOGOUT ends the session; later calls fail fast with a typed error", ctx -> {
            ImapClient c = ctx.client();
            c.logout();
            long t0 = System.nanoTime();
            assertThrows(ImapException.class, c::noop);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "failed fast");
        });
        add(s, "conn.id", "ID (RFC 2971) exchanges fields", ctx -> {
            ctx.require(Known.ID);
            assertNotNull(ctx.client().id(List.of(new Command.IdField("name", "imap4j-conformance"),
                    new Command.IdField("version", "0.1"))));
        });
        add(s, "conn.namespace", "NAMESPACE (RFC 2342) has a personal namespace", ctx -> {
            ctx.require(Known.NAMESPACE);
            assertFalse(ctx.client().namespace().personal().isEmpty());
        });
        add(s, "conn.enable", "ENABLE CONDSTORE (RFC 5161) is acknowledged", ctx -> {
            ctx.require(Known.ENABLE);
            ctx.require(Known.CONDSTORE);
            assertTrue(ctx.client().enable("CONDSTORE").stream()
                    .anyMatch(cap -> cap.wire().equalsIgnoreCase("CONDSTORE")));
        });
        add(s, "conn.compress", "COMPRESS=DEFLATE (RFC 4978), then APPEND and FETCH through it", ctx -> {
            ctx.require(Known.COMPRESS_DEFLATE);
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Compress");
            c.compress();
            assertTrue(c.transport().isCompressing());
            Bytes big = Bytes.utf8("x".repeat(200_000));
            long uid = appendUid(ctx, c, box, mime("compressed", big.utf8()));
            c.select(box);
            assertTrue(c.fetchMessage(SequenceSet.of(uid)).get(uid).message().orElseThrow().utf8()
                    .contains("x".repeat(1000)));
        });
    }

    // ------------------------------------------------------------------------------------------ authentication

    private static void authentication(List<Scenario> s) {
        sasl(s, "auth.plain", "PLAIN", (u, p) -> Sasl.plain(u, p));
        sasl(s, "auth.login", "LOGIN", (u, p) -> Sasl.login(u, p));
        sasl(s, "auth.cram-md5", "CRAM-MD5", (u, p) -> Sasl.cramMd5(u, p));
        sasl(s, "auth.scram-sha-1", "SCRAM-SHA-1", (u, p) -> Sasl.scramSha1(u, p));
        sasl(s, "auth.scram-sha-256", "SCRAM-SHA-256", (u, p) -> Sasl.scramSha256(u, p));
        add(s, "auth.choose", "AUTHENTICATE with the strongest offered mechanism, else LOGIN", ctx -> {
            ImapClient c = ctx.track(ctx.target().tls(ctx.transport()).connect());
            c.authenticate(ctx.user(0), Secret.of(ctx.password(0)));
            assertNotNull(c.select(MailboxName.INBOX));
        });
    }

    private interface MechanismFactory {
        SaslMechanism create(String user, Secret password);
    }

    private static void sasl(List<Scenario> s, String id, String mechanism, MechanismFactory f) {
        add(s, id, "AUTHENTICATE " + mechanism + " (over TLS)", ctx -> {
            ImapClient c = ctx.track(ctx.target().tls(ctx.transport()).connect());
            if (!c.hasCapability(new Capability.Auth(mechanism))) {
                throw new Scenario.NotOffered("no AUTH=" + mechanism);
            }
            c.authenticate(f.create(ctx.user(0), Secret.of(ctx.password(0))));
            assertNotNull(c.select(MailboxName.INBOX));
        });
    }

    private static void wrongPassword(LiveContext ctx) {
        ImapClient c = ctx.track(ctx.target().tls(ctx.transport()).connect());
        ImapAuthenticationException e = assertThrows(ImapAuthenticationException.class,
                () -> c.login(ctx.user(0), "not-" + ctx.password(0)));
        ImapCommandException no = assertInstanceOf(ImapCommandException.class, e.getCause());
        assertEquals(Condition.NO, no.status());
    }

    // ------------------------------------------------------------------------------------------ mailboxes

    private static boolean listed(ImapClient c, MailboxName box) {
        return c.list("", "*").stream().anyMatch(e -> e.mailbox().equals(box));
    }

    private static void mailboxes(List<Scenario> s) {
        add(s, "mbox.create-delete", "CREATE, LIST shows it, DELETE, LIST no longer does", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.uniqueName("Plain");
            c.create(box);
            assertTrue(listed(c, box));
            c.delete(box);
            assertFalse(listed(c, box));
        });
        add(s, "mbox.hierarchy", "a child under the server's delimiter; LIST % of the parent shows it", ctx -> {
            String d = ctx.requireDelimiter();
            ImapClient c = ctx.client();
            MailboxName parent = ctx.newMailbox("Parent");
            MailboxName child = MailboxName.of(parent.name() + d + "Kind");
            c.create(child);
            ctx.created(child);
            List<ListEntry> kids = c.list("", parent.name() + d + "%");
            assertEquals(List.of(child), kids.stream().map(ListEntry::mailbox).toList());
            assertEquals(d, kids.get(0).delimiter());
        });
        add(s, "mbox.rename", "RENAME moves the messages with the mailbox", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Before");
            c.append(box, LiveContext.message("kept", "across rename"));
            MailboxName after = ctx.uniqueName("After");
            c.rename(box, after);
            ctx.created(after);
            assertFalse(listed(c, box));
            assertEquals(1, c.status(after, StatusAttribute.MESSAGES).messages().orElseThrow());
        });
        add(s, "mbox.rename-hierarchy", "RENAME of a parent renames its children", ctx -> {
            String d = ctx.requireDelimiter();
            ImapClient c = ctx.client();
            MailboxName parent = ctx.newMailbox("Top");
            MailboxName child = MailboxName.of(parent.name() + d + "Sub");
            c.create(child);
            ctx.created(child);
            MailboxName renamed = ctx.uniqueName("TopRenamed");
            c.rename(parent, renamed);
            ctx.created(renamed);
            MailboxName movedChild = MailboxName.of(renamed.name() + d + "Sub");
            ctx.created(movedChild);
            assertTrue(listed(c, movedChild), c.list("", "*")::toString);
            assertFalse(listed(c, child));
        });
        add(s, "mbox.non-ascii", "non-ASCII names (modified UTF-7 / UTF-8) round-trip create, list, rename, delete",
                ctx -> roundTripName(ctx, "Entwürfe Ölfässer 日本語 Ωμέγα 😀"));
        add(s, "mbox.special-chars", "names with spaces, & ' ( ) [ ] { } ~ ! # ; | quotes and a backslash round-trip",
                ctx -> {
                    List<String> refused = new ArrayList<>();
                    List<String> names = List.of("Tom & Jerry's (a) [b] ~#$,=@+",
                            "braces {c} bang! semi; pipe|", "say \"hi\"", "back\\slash");
                    // each name alone: servers refuse different characters (Cyrus 3.6: { } ! " \ ; ^ | `)
                    for (String name : names) {
                        try {
                            roundTripName(ctx, name);
                        } catch (Scenario.NotOffered e) {
                            refused.add(name + " (" + e.getMessage() + ")");
                        }
                    }
                    if (refused.size() == names.size()) {
                        throw new Scenario.NotOffered(String.join("; ", refused));
                    }
                });
        add(s, "mbox.subscribe", "SUBSCRIBE / LSUB / UNSUBSCRIBE", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Sub");
            c.subscribe(box);
            assertTrue(c.lsub("", "*").stream().anyMatch(e -> e.mailbox().equals(box)));
            c.unsubscribe(box);
            assertFalse(c.lsub("", "*").stream().anyMatch(e -> e.mailbox().equals(box)));
        });
        add(s, "mbox.list-patterns", "LIST with * and % wildcards and INBOX always listed", ctx -> {
            String d = ctx.delimiter();
            ImapClient c = ctx.client();
            MailboxName parent = ctx.newMailbox("Wild");
            assertTrue(c.list("", "*").stream().anyMatch(e -> e.mailbox().isInbox()));
            assertEquals(List.of(parent), c.list("", parent.name()).stream().map(ListEntry::mailbox).toList());
            if (d != null) {
                MailboxName child = MailboxName.of(parent.name() + d + "Deep");
                c.create(child);
                ctx.created(child);
                String prefix = parent.name().substring(0, parent.name().length() - 2);
                assertTrue(c.list("", prefix + "%").stream().noneMatch(e -> e.mailbox().equals(child)),
                        "% does not cross the delimiter");
                assertTrue(c.list("", prefix + "*").stream().anyMatch(e -> e.mailbox().equals(child)),
                        "* does");
            }
        });
        add(s, "mbox.status", "STATUS MESSAGES UIDNEXT UIDVALIDITY UNSEEN", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Status");
            c.append(box, LiveContext.message("one", "1"), Flag.SEEN);
            c.append(box, LiveContext.message("two", "2"));
            StatusResult st = c.status(box, StatusAttribute.MESSAGES, StatusAttribute.UIDNEXT,
                    StatusAttribute.UIDVALIDITY, StatusAttribute.UNSEEN);
            assertEquals(2, st.messages().orElseThrow());
            assertEquals(1, st.unseen().orElseThrow());
            assertTrue(st.uidNext().orElseThrow() > 2 - 1);
            assertTrue(st.uidValidity().orElseThrow() > 0);
        });
        add(s, "mbox.status-size", "STATUS SIZE (RFC 8438)", ctx -> {
            ctx.require(Known.STATUS_SIZE);
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Size");
            Bytes m = LiveContext.message("sized", "z".repeat(500));
            c.append(box, m);
            StatusResult st = c.status(box, StatusAttribute.SIZE);
            assertEquals(m.size(), st.get(org.imap4j.codec.response.StatusItem.Kind.SIZE).orElseThrow());
        });
        add(s, "mbox.status-appendlimit", "STATUS APPENDLIMIT (RFC 7889), or, where the server announces it but "
                + "refuses the item, asked again without it and reported", ctx -> {
                    ImapClient c = ctx.client();
                    if (!StatusAttribute.APPENDLIMIT.offeredBy(c.capabilities())) {
                        throw new Scenario.NotOffered("no APPENDLIMIT capability");
                    }
                    MailboxName box = ctx.newMailbox("AppendLimit");
                    StatusResult st = c.status(box, StatusAttribute.MESSAGES, StatusAttribute.APPENDLIMIT);
                    assertEquals(0, st.messages().orElseThrow());
                    boolean worked = c.fallbacks().stream().anyMatch(f -> f.kind() == Fallback.Kind.QUIRK
                            && f.command().equals("STATUS"));
                    assertEquals(worked, st.omitted().contains(StatusAttribute.APPENDLIMIT),
                            "APPENDLIMIT is omitted exactly when the refusal was worked around: " + st);
                    if (!worked) {
                        assertTrue(st.items().stream().anyMatch(
                                i -> i instanceof org.imap4j.codec.response.StatusItem.AppendLimit), st.toString());
                    }
                });
        add(s, "mbox.list-status", "LIST-STATUS (RFC 5819) returns STATUS with LIST", ctx -> {
            ctx.require(Known.LIST_STATUS);
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("ListStatus");
            c.append(box, LiveContext.message("a", "1"));
            List<ListEntry> l = c.listWithStatus("", box.name(), StatusAttribute.MESSAGES);
            assertEquals(1, l.get(0).status().orElseThrow().messages().orElseThrow());
        });
        add(s, "mbox.special-use", "LIST (SPECIAL-USE) (RFC 6154) reports typed attributes", ctx -> {
            ctx.require(Known.SPECIAL_USE);
            List<ListEntry> l = ctx.client().listSpecialUse();
            assertFalse(l.isEmpty());
            assertTrue(l.stream().allMatch(e -> e.attributes().stream().anyMatch(Scenarios::isSpecialUse)),
                    l::toString);
        });
        add(s, "mbox.create-special-use", "CREATE with USE (RFC 6154) for a use no mailbox has yet", ctx -> {
            ctx.require(Known.CREATE_SPECIAL_USE);
            ImapClient c = ctx.client();
            String taken = c.listSpecialUse().toString().toLowerCase(java.util.Locale.ROOT);
            ImapCommandException last = null;
            // servers allow one mailbox per use (Cyrus answers NO [USEATTR] otherwise): take a free one
            for (String use : List.of("\\Archive", "\\Junk", "\\Drafts", "\\All", "\\Flagged")) {
                if (taken.contains(use.substring(1).toLowerCase(java.util.Locale.ROOT))) {
                    continue;
                }
                MailboxName box = ctx.uniqueName("Use");
                try {
                    c.create(box, use);
                } catch (ImapCommandException e) {
                    last = e;
                    continue;
                }
                ctx.created(box);
                assertTrue(c.listSpecialUse().stream().anyMatch(e -> e.mailbox().equals(box)));
                return;
            }
            throw new Scenario.NotOffered("every special use is taken or refused"
                    + (last == null ? "" : ": " + last.text()));
        });
        add(s, "mbox.select-examine", "SELECT is read-write, EXAMINE read-only, same UIDVALIDITY", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Sel");
            c.append(box, LiveContext.message("a", "1"));
            SelectResult rw = c.select(box);
            assertFalse(rw.readOnly());
            assertEquals(1, rw.exists());
            assertTrue(rw.flags().contains(Flag.SEEN), rw.flags()::toString);
            SelectResult ro = c.examine(box);
            assertTrue(ro.readOnly());
            assertEquals(rw.uidValidity(), ro.uidValidity());
        });
        add(s, "mbox.select-missing", "SELECT of a missing mailbox is a NO (ImapCommandException); client usable",
                ctx -> {
                    ImapClient c = ctx.client();
                    ImapCommandException e = assertThrows(ImapCommandException.class,
                            () -> c.select(ctx.uniqueName("Missing")));
                    assertEquals(Condition.NO, e.status());
                    assertNotNull(c.select(MailboxName.INBOX));
                });
        add(s, "mbox.delete-inbox", "DELETE INBOX is refused with NO", ctx -> {
            ImapCommandException e = assertThrows(ImapCommandException.class,
                    () -> ctx.client().delete(MailboxName.INBOX));
            assertEquals(Condition.NO, e.status());
            ctx.client().noop();
        });
        add(s, "mbox.unselect", "UNSELECT (RFC 3691, or its EXAMINE emulation) leaves \\Deleted messages", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Unselect");
            long uid = appendUid(ctx, c, box, LiveContext.message("keep", "k"));
            c.select(box);
            c.addFlags(SequenceSet.of(uid), Flag.DELETED);
            c.unselect();
            assertEquals(1, c.status(box, StatusAttribute.MESSAGES).messages().orElseThrow());
        });
        add(s, "mbox.close", "CLOSE expunges \\Deleted messages silently", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Close");
            long uid = appendUid(ctx, c, box, LiveContext.message("gone", "g"));
            c.append(box, LiveContext.message("stays", "s"));
            c.select(box);
            c.addFlags(SequenceSet.of(uid), Flag.DELETED);
            c.closeMailbox();
            assertEquals(1, c.status(box, StatusAttribute.MESSAGES).messages().orElseThrow());
        });
        add(s, "mbox.check", "CHECK in the selected state", ctx -> {
            ImapClient c = ctx.client();
            c.select(MailboxName.INBOX);
            c.check();
        });
    }

    private static boolean isSpecialUse(MailboxAttribute a) {
        String w = a.toString().toLowerCase(java.util.Locale.ROOT);
        return w.contains("sent") || w.contains("trash") || w.contains("drafts") || w.contains("junk")
                || w.contains("archive") || w.contains("all") || w.contains("flagged");
    }

    private static void roundTripName(LiveContext ctx, String readable) {
        ImapClient c = ctx.client();
        MailboxName box = ctx.uniqueName(readable);
        try {
            c.create(box);
        } catch (ImapCommandException e) {
            // a server may restrict the characters of its names (Cyrus refuses some); the client sent it correctly
            throw new Scenario.NotOffered("the server refuses such a name: " + e.text());
        }
        ctx.created(box);
        assertTrue(listed(c, box), () -> "listed as sent: " + c.list("", "*"));
        assertEquals(List.of(box), c.list("", box.name()).stream().map(ListEntry::mailbox).toList());
        c.append(box, LiveContext.message("inside", "x"));
        assertEquals(1, c.select(box).exists());
        c.unselect();
        MailboxName renamed = MailboxName.of(box.name() + " ✓");
        c.rename(box, renamed);
        ctx.created(renamed);
        assertTrue(listed(c, renamed));
        assertFalse(listed(c, box));
        assertEquals(1, c.status(renamed, StatusAttribute.MESSAGES).messages().orElseThrow());
        c.delete(renamed);
        assertFalse(listed(c, renamed));
    }

    // ------------------------------------------------------------------------------------------ append

    private static long appendUid(LiveContext ctx, ImapClient c, MailboxName box, Bytes message, Flag... flags) {
        return appendUid(ctx, c, box, message, null, flags);
    }

    private static long appendUid(LiveContext ctx, ImapClient c, MailboxName box, Bytes message,
            OffsetDateTime internalDate, Flag... flags) {
        AppendResult r = internalDate == null ? c.append(box, message, flags)
                : c.append(box, message, internalDate, flags);
        if (r.uid().isPresent()) {
            return r.uid().getAsLong();
        }
        // Without UIDPLUS: the newest message of the mailbox is the one just appended (no one else writes here).
        SelectResult sel = c.examine(box);
        long uid = c.bySequence().fetch(SequenceSet.of(sel.exists()), FetchAttribute.Item.UID)
                .get(sel.exists()).uid().orElseThrow();
        c.unselect();
        return uid;
    }

    /** A multipart/mixed message: a UTF-8 text part and a base64 binary attachment. */
    private static Bytes multipart(String subject, byte[] attachment) {
        String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment);
        return Bytes.of(("From: =?UTF-8?Q?J=C3=BCrgen?= <juergen@example.org>\r\nTo: alice@example.org, bob@example.org\r\n"
                + "Subject: " + subject + "\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <mp-" + System.nanoTime() + "@conformance.imap4j>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"=-b1\"\r\n\r\npreamble\r\n--=-b1\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Grüße aus Köln\r\n--=-b1\r\nContent-Type: application/octet-stream; name=\"blob.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"blob.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + b64 + "\r\n--=-b1--\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static Bytes mime(String subject, String text) {
        return LiveContext.message(subject, text);
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Messages as servers store them may lose the final CRLF (GreenMail 2.1 does); compare without it. */
    private static String trimFinalCrlf(String s) {
        return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s;
    }

    private static void appending(List<Scenario> s) {
        add(s, "append.flags-date", "APPEND with flags and an internal date; FETCH returns both", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Dated");
            OffsetDateTime when = OffsetDateTime.of(2021, 3, 14, 15, 9, 26, 0, ZoneOffset.ofHours(2));
            c.append(box, LiveContext.message("dated", "d"), when, Flag.FLAGGED, Flag.SEEN);
            c.select(box);
            FetchResult f = c.bySequence().fetch(SequenceSet.of(1), FetchAttribute.Item.FLAGS,
                    FetchAttribute.Item.INTERNALDATE).get(1L);
            assertTrue(f.flags().orElseThrow().containsAll(List.of(Flag.FLAGGED, Flag.SEEN)));
            assertEquals(when.toInstant(), f.internalDate().orElseThrow().toInstant());
        });
        add(s, "append.uidplus", "APPEND answers APPENDUID (RFC 4315) naming the new message", ctx -> {
            ctx.require(Known.UIDPLUS);
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("AppendUid");
            AppendResult r = c.append(box, LiveContext.message("uid", "u"));
            SelectResult sel = c.select(box);
            assertEquals(sel.uidValidity(), r.uidValidity());
            assertEquals(List.of(r.uid().orElseThrow()), c.search(SearchKey.all()).ids());
        });
        add(s, "append.multi", "MULTIAPPEND (RFC 3502) of three messages, or three APPENDs without it", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Multi");
            List<Command.AppendMessage> ms = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ms.add(new Command.AppendMessage(List.of(), null, LiveContext.message("m" + i, "body " + i), false));
            }
            AppendResult r = c.appendAll(box, ms);
            if (c.hasCapability(Known.UIDPLUS)) {
                assertEquals(3, r.uids().size());
            }
            assertEquals(3, c.status(box, StatusAttribute.MESSAGES).messages().orElseThrow());
        });
        add(s, "append.large", "an 8 MiB message up as a literal and down again, byte-exact", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Large");
            StringBuilder sb = new StringBuilder(8 << 20);
            Random r = new Random(5);
            while (sb.length() < (8 << 20)) {
                for (int i = 0; i < 76; i++) {
                    sb.append((char) ('a' + r.nextInt(26)));
                }
                sb.append("\r\n");
            }
            Bytes m = mime("large", sb.toString());
            long uid = appendUid(ctx, c, box, m);
            c.select(box);
            ByteArrayOutputStream out = new ByteArrayOutputStream(m.size());
            c.fetchMessage(uid, out, null);
            assertEquals(trimFinalCrlf(m.latin1()), trimFinalCrlf(out.toString(StandardCharsets.ISO_8859_1)));
        });
        add(s, "append.stream", "APPEND from an InputStream of known size", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Stream");
            Bytes m = LiveContext.message("streamed", "s".repeat(100_000));
            c.append(box, m.newInputStream(), m.size());
            assertEquals(1, c.status(box, StatusAttribute.MESSAGES).messages().orElseThrow());
        });
        add(s, "append.trycreate", "APPEND to a missing mailbox: NO [TRYCREATE] carried by the exception", ctx -> {
            ImapCommandException e = assertThrows(ImapCommandException.class,
                    () -> ctx.client().append(ctx.uniqueName("NoSuchBox"), LiveContext.message("x", "y")));
            assertEquals(Condition.NO, e.status());
            if (e.code() == null) {
                throw new Scenario.NotOffered("NO without the TRYCREATE code");
            }
            assertEquals(new ResponseCode.Simple(ResponseCode.Kind.TRYCREATE), e.code());
        });
        add(s, "append.8bit", "8-bit UTF-8 header and body bytes survive APPEND and FETCH BODY[] unchanged", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("EightBit");
            Bytes m = Bytes.of(("From: Jürgen <j@example.org>\r\nSubject: Grüße, 日本語\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                    + "Ünïcödé bödy ✓\r\n").getBytes(StandardCharsets.UTF_8));
            long uid = appendUid(ctx, c, box, m);
            c.select(box);
            Bytes back = c.fetchMessage(SequenceSet.of(uid)).get(uid).message().orElseThrow();
            assertEquals(trimFinalCrlf(m.utf8()), trimFinalCrlf(back.utf8()));
        });
        add(s, "append.binary", "APPEND of a binary literal8 (RFC 3516) holding NUL bytes; BINARY[] returns it",
                ctx -> {
                    ctx.require(Known.BINARY);
                    ImapClient c = ctx.client();
                    MailboxName box = ctx.newMailbox("Binary");
                    byte[] raw = randomBytes(3000, 9);
                    byte[] head = ("From: b@example.org\r\nSubject: binary\r\nMIME-Version: 1.0\r\n"
                            + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    byte[] all = new byte[head.length + raw.length];
                    System.arraycopy(head, 0, all, 0, head.length);
                    System.arraycopy(raw, 0, all, head.length, raw.length);
                    c.appendAll(box, List.of(new Command.AppendMessage(List.of(), null, Bytes.of(all), true)));
                    c.select(box);
                    FetchResult f = c.bySequence().fetch(SequenceSet.of(1),
                            new FetchAttribute.Binary(List.of(1), true, null)).get(1L);
                    assertArrayEquals(raw, binary(f));
                });
    }

    private static byte[] binary(FetchResult f) {
        for (FetchItem item : f.items()) {
            if (item instanceof FetchItem.Binary b && b.data() instanceof BodyData.InMemory m) {
                return m.bytes().toByteArray();
            }
        }
        throw new AssertionError("no BINARY item in " + f);
    }

    // ------------------------------------------------------------------------------------------ fetch

    private static void fetching(List<Scenario> s) {
        add(s, "fetch.envelope", "ENVELOPE: subject, date, decoded-as-sent addresses", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Env");
            long uid = appendUid(ctx, c, box, LiveContext.message("envelope test", "e"));
            c.select(box);
            Envelope e = c.fetchEnvelope(SequenceSet.of(uid)).get(uid).envelope().orElseThrow();
            assertEquals("envelope test", e.subject());
            Address.Mailbox from = (Address.Mailbox) e.from().get(0);
            assertEquals("sender", from.mailbox());
            assertEquals("example.org", from.host());
            assertEquals("Sender", from.name());
            assertNotNull(e.messageId());
        });
        add(s, "fetch.bodystructure", "BODYSTRUCTURE of multipart/mixed: text part and base64 attachment", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Struct");
            long uid = appendUid(ctx, c, box, multipart("structure", randomBytes(2000, 1)));
            c.select(box);
            BodyStructure bs = c.fetchBodyStructure(SequenceSet.of(uid)).get(uid).bodyStructure().orElseThrow();
            BodyStructure.Multipart mp = assertInstanceOf(BodyStructure.Multipart.class, bs);
            assertEquals("MIXED", mp.subtype().toUpperCase(java.util.Locale.ROOT));
            assertEquals(2, mp.parts().size());
            BodyStructure.Text text = assertInstanceOf(BodyStructure.Text.class, mp.parts().get(0));
            assertEquals("PLAIN", text.subtype().toUpperCase(java.util.Locale.ROOT));
            BodyStructure.Basic att = assertInstanceOf(BodyStructure.Basic.class, mp.parts().get(1));
            assertEquals("BASE64", att.fields().encoding().toUpperCase(java.util.Locale.ROOT));
        });
        add(s, "fetch.sections", "BODY.PEEK[HEADER.FIELDS], [TEXT], [1], partial <4.4>", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Sections");
            long uid = appendUid(ctx, c, box, multipart("sections", randomBytes(100, 2)));
            c.select(box);
            SequenceSet one = SequenceSet.of(uid);
            String subj = c.fetchSpecific(one, Section.headerFields("Subject"), true, null, null).get(uid)
                    .body(Section.headerFields("Subject")).orElseThrow().utf8();
            assertEquals("Subject: sections", subj.strip());
            byte[] part1 = c.fetchSpecific(one, Section.ofPart(1), true, null, null).get(uid)
                    .body(Section.ofPart(1)).orElseThrow().toByteArray();
            assertEquals("Grüße aus Köln", new String(part1, StandardCharsets.UTF_8).strip());
            byte[] partial = c.fetchSpecific(one, Section.ofPart(1), true, 4L, 4L).get(uid)
                    .body(Section.ofPart(1)).orElseThrow().toByteArray();
            // octets 4..7 of the part ("ße " in UTF-8), not characters
            assertArrayEquals(java.util.Arrays.copyOfRange(part1, 4, 8), partial);
            assertTrue(c.fetchBody(one).get(uid).body(Section.text()).orElseThrow().utf8().contains("--=-b1"));
        });
        add(s, "fetch.peek-seen", "BODY.PEEK[] leaves \\Seen alone; BODY[] sets it", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Peek");
            long uid = appendUid(ctx, c, box, LiveContext.message("peek", "p"));
            c.select(box);
            SequenceSet one = SequenceSet.of(uid);
            c.fetchSpecific(one, Section.whole(), true, null, null);
            assertFalse(c.getFlags(one).get(uid).contains(Flag.SEEN));
            c.fetchSpecific(one, Section.whole(), false, null, null);
            assertTrue(c.getFlags(one).get(uid).contains(Flag.SEEN));
        });
        add(s, "fetch.stream", "a 3 MB body streamed to an OutputStream with progress", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Sink");
            Bytes m = LiveContext.message("sink", "y".repeat(3_000_000));
            long uid = appendUid(ctx, c, box, m);
            c.select(box);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AtomicLong lastDone = new AtomicLong();
            c.fetchMessage(uid, out, (done, total) -> lastDone.set(done));
            assertEquals(trimFinalCrlf(m.latin1()), trimFinalCrlf(out.toString(StandardCharsets.ISO_8859_1)));
            assertEquals(out.size(), lastDone.get(), "progress reached the end");
        });
        add(s, "fetch.macros", "FAST, ALL and FULL macros", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Macros");
            long uid = appendUid(ctx, c, box, LiveContext.message("macros", "m"));
            c.select(box);
            SequenceSet one = SequenceSet.of(uid);
            FetchResult fast = c.fetchFast(one).get(uid);
            assertTrue(fast.flags().isPresent() && fast.internalDate().isPresent() && fast.size().isPresent());
            assertEquals("macros", c.fetchAll(one).get(uid).envelope().orElseThrow().subject());
            assertTrue(c.fetchFull(one).get(uid).bodyStructure().isPresent());
        });
        add(s, "fetch.sequence-numbers", "FETCH by sequence number keys results by sequence number", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("BySeq");
            for (int i = 0; i < 3; i++) {
                c.append(box, LiveContext.message("s" + i, "x"));
            }
            c.select(box);
            Map<Long, FetchResult> r = c.bySequence().fetchEnvelope(SequenceSet.range(2, 3));
            assertEquals(Set.of(2L, 3L), r.keySet());
            assertEquals("s1", r.get(2L).envelope().orElseThrow().subject());
        });
        add(s, "fetch.rfc822", "RFC822.HEADER, RFC822.TEXT and RFC822.SIZE (RFC 3501 forms)", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Rfc822");
            long uid = appendUid(ctx, c, box, LiveContext.message("old forms", "legacy"));
            c.select(box);
            FetchResult f = c.fetch(SequenceSet.of(uid), FetchAttribute.Item.RFC822_HEADER,
                    FetchAttribute.Item.RFC822_SIZE).get(uid);
            assertTrue(f.size().orElseThrow() > 0);
            String header = f.items().stream().filter(i -> i instanceof FetchItem.Rfc822Header)
                    .map(i -> ((BodyData.InMemory) ((FetchItem.Rfc822Header) i).data()).bytes().utf8())
                    .findFirst().orElseThrow();
            assertTrue(header.contains("Subject: old forms\r\n") && !header.contains("legacy"), header);
        });
        add(s, "fetch.binary-part", "BINARY[2] (RFC 3516) returns a base64 attachment decoded; BINARY.SIZE", ctx -> {
            ctx.require(Known.BINARY);
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("BinPart");
            byte[] att = randomBytes(5000, 3);
            long uid = appendUid(ctx, c, box, multipart("binary part", att));
            c.select(box);
            FetchResult f = c.fetch(SequenceSet.of(uid), new FetchAttribute.Binary(List.of(2), true, null),
                    new FetchAttribute.BinarySize(List.of(2))).get(uid);
            assertArrayEquals(att, binary(f));
            assertEquals(List.of(5000L), f.items().stream().filter(i -> i instanceof FetchItem.BinarySize)
                    .map(i -> ((FetchItem.BinarySize) i).size()).toList());
        });
        add(s, "fetch.emailid", "EMAILID / THREADID (RFC 8474), the email id kept by COPY", ctx -> {
            ctx.require(Known.OBJECTID);
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("ObjectId");
            long uid = appendUid(ctx, c, box, LiveContext.message("ids", "i"));
            c.select(box);
            FetchResult f = c.fetch(SequenceSet.of(uid), FetchAttribute.Item.EMAILID, FetchAttribute.Item.THREADID)
                    .get(uid);
            String emailId = f.items().stream().filter(i -> i instanceof FetchItem.EmailId)
                    .map(i -> ((FetchItem.EmailId) i).id()).findFirst().orElseThrow();
            assertFalse(emailId.isEmpty());
            // THREADID may be NIL (the server does not thread), but it is answered
            assertTrue(f.items().stream().anyMatch(i -> i instanceof FetchItem.ThreadId), f::toString);
            // the id is stable: a copy elsewhere keeps it (RFC 8474 section 5.1)
            MailboxName other = ctx.newMailbox("ObjectIdCopy");
            c.copy(SequenceSet.of(uid), other);
            c.select(other);
            assertEquals(emailId, c.fetch(SequenceSet.all(), FetchAttribute.Item.EMAILID).values().iterator().next()
                    .items().stream().filter(i -> i instanceof FetchItem.EmailId)
                    .map(i -> ((FetchItem.EmailId) i).id()).findFirst().orElseThrow());
        });
        add(s, "fetch.preview", "PREVIEW (RFC 8970) of a text message", ctx -> {
            ctx.require(Known.PREVIEW);
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Preview");
            long uid = appendUid(ctx, c, box, LiveContext.message("preview", "the first words of the body"));
            c.select(box);
            FetchResult f = c.fetch(SequenceSet.of(uid), FetchAttribute.Item.PREVIEW).get(uid);
            FetchItem.Preview p = f.items().stream().filter(i -> i instanceof FetchItem.Preview)
                    .map(i -> (FetchItem.Preview) i).findFirst().orElseThrow();
            // NIL is allowed when the server has no preview at hand (RFC 8970 section 3.1; Cyrus answers NIL)
            assertTrue(p.text() == null || p.text().contains("the first words"), f::toString);
        });
    }

    // ------------------------------------------------------------------------------------------ flags, search

    private static void flagsAndSearch(List<Scenario> s) {
        add(s, "store.flags", "STORE +FLAGS, -FLAGS and FLAGS with the new flags returned", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Store");
            long uid = appendUid(ctx, c, box, LiveContext.message("flags", "f"), Flag.SEEN);
            c.select(box);
            SequenceSet one = SequenceSet.of(uid);
            assertTrue(c.addFlags(one, Flag.FLAGGED, Flag.ANSWERED).flags().get(uid).contains(Flag.FLAGGED));
            assertFalse(c.removeFlags(one, Flag.SEEN).flags().get(uid).contains(Flag.SEEN));
            StoreResult set = c.setFlags(one, Flag.DRAFT);
            Set<Flag> now = new HashSet<>(set.flags().get(uid));
            now.remove(Flag.RECENT);
            assertEquals(Set.of(Flag.DRAFT), now);
        });
        add(s, "store.silent", "STORE .SILENT changes flags without echoing them", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Silent");
            long uid = appendUid(ctx, c, box, LiveContext.message("silent", "s"));
            c.select(box);
            c.store(SequenceSet.of(uid), Command.StoreMode.ADD, true, null, Flag.ANSWERED);
            assertTrue(c.getFlags(SequenceSet.of(uid)).get(uid).contains(Flag.ANSWERED));
        });
        add(s, "store.keyword", "a custom keyword when PERMANENTFLAGS allows \\*", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Keyword");
            long uid = appendUid(ctx, c, box, LiveContext.message("kw", "k"));
            SelectResult sel = c.select(box);
            if (!sel.permanentFlags().contains(Flag.ANY_KEYWORD)) {
                throw new Scenario.NotOffered("PERMANENTFLAGS without \\*");
            }
            Flag kw = Flag.of("$Conformance");
            c.addFlags(SequenceSet.of(uid), kw);
            assertTrue(c.getFlags(SequenceSet.of(uid)).get(uid).contains(kw));
            assertEquals(List.of(uid), c.search(SearchKey.keyword("$Conformance")).ids());
        });
        add(s, "search.basic", "SEARCH SUBJECT, FROM, FLAGGED, UNSEEN, ALL", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Search");
            long apple = appendUid(ctx, c, box, LiveContext.message("apple pie", "x"), Flag.SEEN);
            long banana = appendUid(ctx, c, box, LiveContext.message("banana split", "y"), Flag.FLAGGED);
            c.select(box);
            assertEquals(List.of(banana), c.search(SearchKey.subject("banana")).ids());
            assertEquals(List.of(apple, banana), c.search(SearchKey.from("sender@example.org")).ids());
            assertEquals(List.of(banana), c.search(SearchKey.flagged()).ids());
            assertEquals(List.of(banana), c.search(SearchKey.unseen()).ids());
            assertEquals(2, c.search(SearchKey.all()).ids().size());
        });
        add(s, "search.dates-sizes", "SEARCH SINCE, BEFORE, LARGER, SMALLER", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Dates");
            OffsetDateTime old = OffsetDateTime.of(2020, 1, 10, 12, 0, 0, 0, ZoneOffset.UTC);
            c.append(box, LiveContext.message("old small", "s"), old);
            long big = appendUid(ctx, c, box, LiveContext.message("new big", "b".repeat(20_000)));
            c.select(box);
            assertEquals(List.of(big), c.search(SearchKey.since(LocalDate.of(2024, 1, 1))).ids());
            assertEquals(1, c.search(SearchKey.before(LocalDate.of(2021, 1, 1))).ids().size());
            assertEquals(List.of(big), c.search(SearchKey.larger(10_000)).ids());
            assertEquals(1, c.search(SearchKey.smaller(10_000)).ids().size());
        });
        add(s, "search.or-not", "SEARCH OR and NOT combinations", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("OrNot");
            long a = appendUid(ctx, c, box, LiveContext.message("alpha", "1"));
            long b = appendUid(ctx, c, box, LiveContext.message("beta", "2"));
            long g = appendUid(ctx, c, box, LiveContext.message("gamma", "3"));
            c.select(box);
            assertEquals(List.of(a, g), c.search(SearchKey.or(SearchKey.subject("alpha"),
                    SearchKey.subject("gamma"))).ids());
            assertEquals(List.of(a, g), c.search(SearchKey.not(SearchKey.subject("beta"))).ids());
            assertEquals(List.of(b), c.search(SearchKey.and(SearchKey.not(SearchKey.subject("alpha")),
                    SearchKey.not(SearchKey.subject("gamma")))).ids());
        });
        add(s, "search.utf8", "SEARCH CHARSET UTF-8 with a non-ASCII string (sent as a literal)", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Utf8Search");
            c.append(box, LiveContext.message("plain", "nothing"));
            // an RFC 2047 encoded subject (the server decodes it to match) and an 8-bit UTF-8 body
            long hit = appendUid(ctx, c, box, LiveContext.message("=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= aus Berlin",
                    "viele Grüße aus Köln"));
            c.select(box);
            assertEquals(List.of(hit), c.search(SearchKey.subject("Grüße")).ids());
            assertEquals(List.of(hit), c.search(SearchKey.body("Köln")).ids());
            assertEquals(List.of(), c.search(SearchKey.body("Zürich")).ids());
        });
        add(s, "search.header-uid", "SEARCH HEADER and UID set; sequence-number view returns numbers", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Header");
            long a = appendUid(ctx, c, box, LiveContext.message("first", "1"));
            long b = appendUid(ctx, c, box, LiveContext.message("second", "2"));
            c.select(box);
            assertEquals(List.of(b), c.search(SearchKey.header("Subject", "second")).ids());
            assertEquals(List.of(a), c.search(SearchKey.uid(SequenceSet.of(a))).ids());
            SearchResult seq = c.bySequence().search(SearchKey.subject("second"));
            assertFalse(seq.uid());
            assertEquals(List.of(2L), seq.ids());
        });
        add(s, "search.esearch", "SEARCH answered as ESEARCH (RFC 4731) gives the same UIDs", ctx -> {
            ctx.require(Known.ESEARCH);
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("ESearch");
            List<Long> uids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                uids.add(appendUid(ctx, c, box, LiveContext.message("es " + i, "x")));
            }
            c.select(box);
            assertEquals(uids, c.search(SearchKey.all()).ids());
            assertEquals(List.of(), c.search(SearchKey.subject("no such subject")).ids());
        });
        add(s, "search.sort", "SORT (RFC 5256) by subject, and by reverse arrival", ctx -> {
            ctx.require(Known.SORT);
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Sort");
            // distinct internal dates, so that ARRIVAL has no ties (ties keep mailbox order even under REVERSE)
            OffsetDateTime t0 = OffsetDateTime.of(2024, 5, 1, 8, 0, 0, 0, ZoneOffset.UTC);
            long z = appendUid(ctx, c, box, LiveContext.message("zebra", "1"), t0);
            long a = appendUid(ctx, c, box, LiveContext.message("aardvark", "2"), t0.plusHours(1));
            long m = appendUid(ctx, c, box, LiveContext.message("mango", "3"), t0.plusHours(2));
            c.select(box);
            assertEquals(List.of(a, m, z), c.sort(List.of(new Command.SortCriterion(false,
                    Command.SortKey.SUBJECT)), SearchKey.all()));
            assertEquals(List.of(m, a, z), c.sort(List.of(new Command.SortCriterion(true,
                    Command.SortKey.ARRIVAL)), SearchKey.all()));
        });
        add(s, "search.thread", "THREAD (RFC 5256) REFERENCES or ORDEREDSUBJECT", ctx -> {
            ImapClient c = ctx.client();
            String algorithm = c.hasCapability(Known.THREAD_REFERENCES) ? "REFERENCES"
                    : c.hasCapability(Known.THREAD_ORDEREDSUBJECT) ? "ORDEREDSUBJECT" : null;
            if (algorithm == null) {
                throw new Scenario.NotOffered("no THREAD capability");
            }
            MailboxName box = ctx.newMailbox("Thread");
            appendUid(ctx, c, box, LiveContext.message("topic", "1"));
            appendUid(ctx, c, box, LiveContext.message("Re: topic", "2"));
            appendUid(ctx, c, box, LiveContext.message("other", "3"));
            c.select(box);
            assertEquals(2, c.thread(algorithm, SearchKey.all()).size(), "two threads");
        });
    }

    // ------------------------------------------------------------------------------------------ copy, move, expunge

    private static void copyMoveExpunge(List<Scenario> s) {
        add(s, "explain.fallbacks", "every fallback for a missing MOVE, LIST-STATUS, UNSELECT or MULTIAPPEND is "
                + "reported once, to the listener and by fallbacks()", ctx -> {
                    List<Fallback> heard = new CopyOnWriteArrayList<>();
                    ImapClient c = ctx.connect(new MailboxListener() {
                        @Override
                        public void fallback(Fallback f) {
                            heard.add(f);
                        }
                    });
                    boolean rev2 = c.hasCapability(Known.IMAP4REV2);
                    java.util.EnumSet<Fallback.Kind> expected = java.util.EnumSet.noneOf(Fallback.Kind.class);
                    if (!rev2 && !c.hasCapability(Known.MOVE) && c.hasCapability(Known.UIDPLUS)) {
                        expected.add(Fallback.Kind.MOVE_EMULATED);
                    }
                    if (!rev2 && !c.hasCapability(Known.LIST_STATUS)) {
                        expected.add(Fallback.Kind.LIST_STATUS_EMULATED);
                    }
                    if (!rev2 && !c.hasCapability(Known.UNSELECT)) {
                        expected.add(Fallback.Kind.UNSELECT_EMULATED);
                    }
                    if (!c.hasCapability(Known.MULTIAPPEND)) {
                        expected.add(Fallback.Kind.APPEND_ONE_BY_ONE);
                    }
                    MailboxName src = ctx.newMailbox("FallbackSrc");
                    MailboxName dst = ctx.newMailbox("FallbackDst");
                    for (int round = 0; round < 2; round++) {
                        c.appendAll(src, List.of(
                                new Command.AppendMessage(List.of(), null, LiveContext.message("f1", "1"), false),
                                new Command.AppendMessage(List.of(), null, LiveContext.message("f2", "2"), false)));
                        c.listWithStatus("", src.name(), StatusAttribute.MESSAGES);
                        c.select(src);
                        if (c.hasCapability(Known.MOVE) || rev2 || c.hasCapability(Known.UIDPLUS)) {
                            List<Long> uids = c.search(SearchKey.all()).ids();
                            c.move(SequenceSet.of(uids.get(0)), dst);
                        }
                        c.unselect();
                    }
                    java.util.EnumSet<Fallback.Kind> reported = java.util.EnumSet.noneOf(Fallback.Kind.class);
                    for (Fallback f : c.fallbacks()) {
                        assertTrue(reported.add(f.kind()), "reported twice: " + f);
                    }
                    assertEquals(expected, reported, "fallbacks() on " + c.capabilities());
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (heard.size() < expected.size() && System.nanoTime() < until) {
                        Thread.sleep(10);
                    }
                    assertEquals(c.fallbacks(), List.copyOf(heard), "the listener heard each fallback once");
                    if (c.hasCapability(Known.MOVE) || rev2 || c.hasCapability(Known.UIDPLUS)) {
                        assertEquals(2, c.status(dst, StatusAttribute.MESSAGES).messages().orElseThrow());
                    }
                });
        add(s, "copy.copyuid", "COPY; with UIDPLUS the COPYUID mapping names the copies", ctx -> {
            ImapClient c = ctx.client();
            MailboxName src = ctx.newMailbox("CopySrc");
            MailboxName dst = ctx.newMailbox("CopyDst");
            long a = appendUid(ctx, c, src, LiveContext.message("one", "1"));
            long b = appendUid(ctx, c, src, LiveContext.message("two", "2"));
            c.select(src);
            CopyResult r = c.copy(SequenceSet.of(a, b), dst);
            assertEquals(2, c.status(dst, StatusAttribute.MESSAGES).messages().orElseThrow());
            if (c.hasCapability(Known.UIDPLUS)) {
                assertEquals(Set.of(a, b), r.mapping().keySet());
            }
        });
        add(s, "copy.move", "MOVE (RFC 6851) with the UID mapping; source left without the message", ctx -> {
            ctx.require(Known.MOVE);
            ImapClient c = ctx.client();
            MailboxName src = ctx.newMailbox("MoveSrc");
            MailboxName dst = ctx.newMailbox("MoveDst");
            long a = appendUid(ctx, c, src, LiveContext.message("moving", "1"));
            long b = appendUid(ctx, c, src, LiveContext.message("staying", "2"));
            c.select(src);
            CopyResult r = c.move(SequenceSet.of(a), dst);
            if (c.hasCapability(Known.UIDPLUS)) {
                assertEquals(Set.of(a), r.mapping().keySet());
            }
            assertEquals(List.of(b), c.search(SearchKey.all()).ids());
            assertEquals(1, c.status(dst, StatusAttribute.MESSAGES).messages().orElseThrow());
        });
        add(s, "copy.to-missing", "COPY to a missing mailbox is a NO; nothing changes", ctx -> {
            ImapClient c = ctx.client();
            MailboxName src = ctx.newMailbox("CopyMissing");
            long a = appendUid(ctx, c, src, LiveContext.message("x", "1"));
            c.select(src);
            ImapCommandException e = assertThrows(ImapCommandException.class,
                    () -> c.copy(SequenceSet.of(a), ctx.uniqueName("Absent")));
            assertEquals(Condition.NO, e.status());
            assertEquals(List.of(a), c.search(SearchKey.all()).ids());
        });
        add(s, "expunge.sequence", "EXPUNGE reports the expunged sequence numbers in order", ctx -> {
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Expunge");
            List<Long> uids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                uids.add(appendUid(ctx, c, box, LiveContext.message("e" + i, "x")));
            }
            c.select(box);
            c.deleteMessages(SequenceSet.of(uids.get(1), uids.get(2)));
            List<Long> gone = c.expunge();
            // sequence numbers as reported, each valid at its moment: 2 then 2 (or 3 then 2)
            assertEquals(2, gone.size(), gone::toString);
            assertEquals(List.of(uids.get(0), uids.get(3)), c.search(SearchKey.all()).ids());
        });
        add(s, "expunge.uid", "UID EXPUNGE (RFC 4315) removes only the given \\Deleted messages", ctx -> {
            ctx.require(Known.UIDPLUS);
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("UidExpunge");
            long a = appendUid(ctx, c, box, LiveContext.message("a", "1"));
            long b = appendUid(ctx, c, box, LiveContext.message("b", "2"));
            c.select(box);
            c.addFlags(SequenceSet.of(a, b), Flag.DELETED);
            c.expunge(SequenceSet.of(a));
            assertEquals(List.of(b), c.search(SearchKey.all()).ids());
        });
    }

    // ------------------------------------------------------------------------------------------ extensions

    private static void newerExtensions(List<Scenario> s) {
        add(s, "acl.rights", "ACL (RFC 4314): MYRIGHTS, SETACL adds and DELETEACL removes an entry GETACL shows",
                ctx -> {
                    ctx.require(Known.ACL);
                    ImapClient c = ctx.client();
                    MailboxName box = ctx.newMailbox("Acl");
                    String mine = c.myRights(box);
                    assertTrue(mine.contains("l") && mine.contains("r") && mine.contains("a"), mine);
                    c.setAcl(box, "anyone", Command.StoreMode.ADD, "lr");
                    java.util.Optional<org.imap4j.codec.response.AclEntry> anyone = c.getAcl(box).stream()
                            .filter(e -> e.identifier().equals("anyone")).findFirst();
                    assertTrue(anyone.isPresent() && anyone.get().has('l') && anyone.get().has('r'),
                            () -> c.getAcl(box).toString());
                    c.deleteAcl(box, "anyone");
                    assertTrue(c.getAcl(box).stream().noneMatch(e -> e.identifier().equals("anyone")),
                            () -> c.getAcl(box).toString());
                });
        add(s, "metadata.entry", "METADATA (RFC 5464): SETMETADATA, GETMETADATA, and NIL removes the entry", ctx -> {
            ctx.require(Known.METADATA);
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Meta");
            c.setMetadata(box, org.imap4j.codec.core.MetadataEntry.of("/private/comment", "Grüße, line 1\r\nline 2"));
            List<org.imap4j.codec.core.MetadataEntry> got = c.getMetadata(box, "/private/comment");
            assertEquals(List.of(org.imap4j.codec.core.MetadataEntry.of("/private/comment",
                    "Grüße, line 1\r\nline 2")), got);
            c.setMetadata(box, org.imap4j.codec.core.MetadataEntry.of("/private/comment", null));
            assertTrue(c.getMetadata(box, "/private/comment").stream().allMatch(e -> e.value() == null),
                    () -> c.getMetadata(box, "/private/comment").toString());
        });
        add(s, "raw.extension", "the escape hatch: a command built from typed arguments completes like any other",
                ctx -> {
                    ImapClient c = ctx.client();
                    // a known command sent raw: the server answers it, the client stays usable
                    org.imap4j.client.RawResult r = c.raw(new Command.Extension("NOOP"));
                    assertEquals(org.imap4j.codec.response.Condition.OK, r.ok().status());
                    assertThrows(org.imap4j.codec.ImapCommandException.class,
                            () -> c.raw(new Command.Extension("XIMAP4J-NO-SUCH-COMMAND",
                                    org.imap4j.codec.command.Argument.string("a\r\nX1 DELETE INBOX"))));
                    c.noop();
                    assertTrue(c.list("", "INBOX").size() == 1, "INBOX still there: the string was not a command");
                });
    }

    // ------------------------------------------------------------------------------------------ rev2-first

    private static void rev2First(List<Scenario> s) {
        add(s, "rev2first.enable", "rev2-first: IMAP4rev2 and UTF8=ACCEPT enabled after authentication exactly when "
                + "offered (the rev1 path elsewhere)", ctx -> {
                    ImapClient c = ctx.client();
                    assertEquals(c.hasCapability(Known.IMAP4REV2), c.isImap4rev2(), c.capabilities()::toString);
                    assertEquals(c.hasCapability(Known.UTF8_ACCEPT), c.enabled().contains(Known.UTF8_ACCEPT),
                            () -> c.capabilities() + " enabled " + c.enabled());
                    // either way the connection works on: SEARCH, LIST and SELECT as the enabled mode has them
                    MailboxName box = ctx.newMailbox("Rev2");
                    long uid = appendUid(ctx, c, box, LiveContext.message("rev2", "x"));
                    SelectResult sel = c.select(box);
                    assertEquals(1, sel.exists());
                    assertEquals(List.of(uid), c.search(SearchKey.all()).ids());
                    if (c.isImap4rev2()) {
                        assertEquals(0, sel.recent(), "IMAP4rev2 has no RECENT");
                    }
                });
        add(s, "rev2first.utf8-accept", "UTF8=ACCEPT enabled: a UTF-8 name and an 8-bit header round-trip (UTF8 APPEND form "
                + "where literal8 is read)", ctx -> {
                    ctx.require(Known.UTF8_ACCEPT);
                    ImapClient c = ctx.client();
                    assertTrue(c.enabled().contains(Known.UTF8_ACCEPT), () -> "enabled " + c.enabled());
                    roundTripName(ctx, "Gr\u00fc\u00dfe \u65e5\u672c\u8a9e");
                    MailboxName box = ctx.newMailbox("Utf8Append");
                    Bytes m = Bytes.of(("From: J\u00fcrgen <j@example.org>\r\nSubject: Gr\u00fc\u00dfe\r\n"
                            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                            + "Content-Transfer-Encoding: 8bit\r\n\r\n\u00dcn\u00efc\u00f6d\u00e9\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                    long uid = appendUid(ctx, c, box, m);
                    c.select(box);
                    Bytes back = c.fetchMessage(SequenceSet.of(uid)).get(uid).message().orElseThrow();
                    assertTrue(back.utf8().contains("Gr\u00fc\u00dfe"), back::utf8);
                });
        add(s, "rev2first.opt-out", "with both upgrades opted out nothing is enabled and non-ASCII names still "
                + "round-trip (modified UTF-7)", ctx -> {
                    ImapClientConfig.Builder b = ctx.target().session(ctx.transport()).enableImap4rev2(false)
                            .enableUtf8Accept(false);
                    ImapClient c = ctx.track(b.connect());
                    if (!ctx.target().preauth()) {
                        c.login(ctx.user(0), ctx.password(0));
                    }
                    assertTrue(c.enabled().isEmpty(), () -> "enabled " + c.enabled());
                    assertFalse(c.isImap4rev2());
                    MailboxName box = ctx.uniqueName("OptOut-\u00e4\u00f6");
                    c.create(box);
                    ctx.created(box);
                    assertTrue(c.list("", "*").stream().anyMatch(e -> e.mailbox().equals(box)),
                            () -> c.list("", "*").toString());
                });
    }

    private static void extensions(List<Scenario> s) {
        add(s, "condstore.changedsince", "CONDSTORE (RFC 7162): MODSEQ and FETCH CHANGEDSINCE", ctx -> {
            ctx.require(Known.CONDSTORE);
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Changed");
            long a = appendUid(ctx, c, box, LiveContext.message("a", "1"));
            appendUid(ctx, c, box, LiveContext.message("b", "2"));
            SelectResult sel = c.select(box, true, null);
            long modseq = sel.highestModSeq().orElseThrow();
            c.addFlags(SequenceSet.of(a), Flag.FLAGGED);
            Map<Long, FetchResult> changed = c.fetchChangedSince(SequenceSet.all(), modseq,
                    FetchAttribute.Item.FLAGS);
            assertEquals(Set.of(a), changed.keySet());
            assertTrue(changed.get(a).modSeq().orElseThrow() > modseq);
        });
        add(s, "condstore.unchangedsince", "STORE UNCHANGEDSINCE answers [MODIFIED] for a changed message", ctx -> {
            ctx.require(Known.CONDSTORE);
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Unchanged");
            long a = appendUid(ctx, c, box, LiveContext.message("a", "1"));
            long b = appendUid(ctx, c, box, LiveContext.message("b", "2"));
            long modseq = c.select(box, true, null).highestModSeq().orElseThrow();
            c.addFlags(SequenceSet.of(a), Flag.FLAGGED);
            StoreResult r = c.store(SequenceSet.of(a, b), Command.StoreMode.ADD, false, modseq, Flag.SEEN);
            assertNotNull(r.modified());
            assertTrue(r.modified().contains(a, Long.MAX_VALUE), r::toString);
            assertTrue(c.getFlags(SequenceSet.of(b)).get(b).contains(Flag.SEEN));
        });
        add(s, "qresync.select", "QRESYNC (RFC 7162) SELECT reports VANISHED (EARLIER) and changed flags", ctx -> {
            ctx.require(Known.QRESYNC);
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Qresync");
            long a = appendUid(ctx, c, box, LiveContext.message("a", "1"));
            long b = appendUid(ctx, c, box, LiveContext.message("b", "2"));
            SelectResult first = c.select(box, true, null);
            long modseq = first.highestModSeq().orElseThrow();
            c.addFlags(SequenceSet.of(a), Flag.FLAGGED);
            c.deleteMessages(SequenceSet.of(b));
            c.expunge();
            c.unselect();
            SelectResult again = c.select(box, false, new Command.Qresync(first.uidValidity().orElseThrow(), modseq,
                    null, null, null));
            assertTrue(again.vanished() != null && again.vanished().contains(b, Long.MAX_VALUE),
                    () -> "vanished " + again.vanished());
            assertTrue(again.changed().stream().anyMatch(f -> f.uid().orElse(-1) == a), again.changed()::toString);
        });
        add(s, "quota.root", "GETQUOTAROOT and GETQUOTA (RFC 9208)", ctx -> {
            ctx.require(Known.QUOTA);
            ImapClient c = ctx.client();
            QuotaRootResult q = c.getQuotaRoot(MailboxName.INBOX);
            if (q.roots().isEmpty()) {
                throw new Scenario.NotOffered("QUOTA advertised but no quota root configured for INBOX");
            }
            assertFalse(q.quotas().isEmpty(), "GETQUOTAROOT carries the root's QUOTA");
            try {
                assertFalse(c.getQuota(q.roots().get(0)).isEmpty());
            } catch (ImapCommandException e) {
                // GETQUOTA may be reserved to administrators (Cyrus: NO Permission denied); typed, client usable
                assertEquals(Condition.NO, e.status());
                c.noop();
            }
        });
        add(s, "gmail.ext", "Gmail X-GM-EXT-1: X-GM-MSGID, X-GM-THRID, X-GM-LABELS, label STORE, X-GM-RAW search", ctx -> {
            ctx.require(Known.X_GM_EXT_1);
            ImapClient c = ctx.client();
            MailboxName box = ctx.newMailbox("Gmail");
            long uid = appendUid(ctx, c, box, LiveContext.message("labelled", "g"));
            c.select(box);
            FetchResult f = c.fetchGmail(SequenceSet.of(uid)).get(uid);
            assertTrue(f.gmailMessageId().isPresent() && f.gmailThreadId().isPresent(), f::toString);
            assertTrue(c.storeGmailLabels(SequenceSet.of(uid), Command.StoreMode.ADD, "imap4j-conformance")
                    .get(uid).contains("imap4j-conformance"));
            assertEquals(List.of(uid), c.search(SearchKey.gmailRaw("label:imap4j-conformance")).ids());
        });
    }

    // ------------------------------------------------------------------------------------------ events

    /** Records what a connection's listener is told. */
    private static final class Recorder implements MailboxListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch exists = new CountDownLatch(1);
        final CountDownLatch expunge = new CountDownLatch(1);
        final CountDownLatch flags = new CountDownLatch(1);
        volatile long lastExists = -1;
        volatile FlagUpdate lastFlags;

        @Override
        public void newMessages(long count, long recent) {
            events.add("EXISTS " + count);
            lastExists = count;
            exists.countDown();
        }

        @Override
        public void expunged(long seq) {
            events.add("EXPUNGE " + seq);
            expunge.countDown();
        }

        @Override
        public void vanished(SequenceSet uids, boolean earlier) {
            events.add("VANISHED " + uids);
            expunge.countDown();
        }

        @Override
        public void flagsChanged(FlagUpdate update) {
            events.add("FLAGS " + update);
            lastFlags = update;
            flags.countDown();
        }
    }

    private static void events(List<Scenario> s) {
        add(s, "idle.exists", "IDLE (RFC 2177) reports another connection's APPEND as EXISTS", ctx -> {
            ctx.require(Known.IDLE);
            Recorder rec = new Recorder();
            ImapClient c = ctx.connect(rec);
            MailboxName box = ctx.newMailbox("IdleExists");
            c.select(box);
            Idle idle = c.idle();
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(idle::await);
            idle.started().get(WAIT_S, TimeUnit.SECONDS);
            ctx.connect(null).append(box, LiveContext.message("pushed", "p"));
            assertTrue(rec.exists.await(WAIT_S, TimeUnit.SECONDS), rec.events::toString);
            idle.done();
            waiting.get(WAIT_S, TimeUnit.SECONDS);
            assertEquals(1, rec.lastExists);
            c.noop();
        });
        add(s, "idle.expunge", "IDLE reports another connection's EXPUNGE", ctx -> {
            ctx.require(Known.IDLE);
            Recorder rec = new Recorder();
            ImapClient c = ctx.connect(rec);
            MailboxName box = ctx.newMailbox("IdleExpunge");
            c.append(box, LiveContext.message("doomed", "d"));
            c.append(box, LiveContext.message("kept", "k"));
            c.select(box);
            Idle idle = c.idle();
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(idle::await);
            idle.started().get(WAIT_S, TimeUnit.SECONDS);
            ImapClient other = ctx.connect(null);
            other.select(box);
            other.bySequence().deleteMessages(SequenceSet.of(1));
            other.expunge();
            assertTrue(rec.expunge.await(WAIT_S, TimeUnit.SECONDS), rec.events::toString);
            idle.done();
            waiting.get(WAIT_S, TimeUnit.SECONDS);
            assertEquals(List.of("kept"), c.fetchEnvelope(SequenceSet.all()).values().stream()
                    .map(f -> f.envelope().orElseThrow().subject()).toList());
        });
        add(s, "events.during-fetch", "EXISTS / EXPUNGE from another connection around a FETCH: results by UID",
                ctx -> {
                    Recorder rec = new Recorder();
                    ImapClient c = ctx.connect(rec);
                    MailboxName box = ctx.newMailbox("DuringFetch");
                    List<Long> uids = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        uids.add(appendUid(ctx, c, box, LiveContext.message("m" + i, "x")));
                    }
                    c.select(box);
                    ImapClient other = ctx.connect(null);
                    other.select(box);
                    other.deleteMessages(SequenceSet.of(uids.get(1)));
                    other.expunge();
                    long added = appendUid(ctx, other, box, LiveContext.message("late", "l"));
                    Map<Long, FetchResult> r = c.fetchEnvelope(SequenceSet.all());
                    // The server may report the changes before, during or after this FETCH (or at the next
                    // command): whatever it returned is keyed by UID and each UID holds its own message.
                    Map<Long, String> subjects = new java.util.HashMap<>();
                    for (int i = 0; i < uids.size(); i++) {
                        subjects.put(uids.get(i), "m" + i);
                    }
                    subjects.put(added, "late");
                    for (Map.Entry<Long, FetchResult> e : r.entrySet()) {
                        String subject = e.getValue().envelope().orElseThrow().subject();
                        // an expunged message not yet reported may come back with NIL data (Dovecot does) or a
                        // placeholder (Courier: subject "message unavailable" from "System Administrator"), as
                        // RFC 2180 section 4.1 allows; every other UID must hold its own message
                        if (!e.getKey().equals(uids.get(1))) {
                            assertEquals(subjects.get(e.getKey()), subject,
                                    () -> "UID " + e.getKey() + " in " + r + "; events " + rec.events);
                        }
                    }
                    c.noop();
                    Set<Long> expected = new HashSet<>(uids);
                    expected.remove(uids.get(1));
                    expected.add(added);
                    assertEquals(expected, c.fetchEnvelope(SequenceSet.all()).keySet(), rec.events::toString);
                    assertTrue(rec.events.stream().anyMatch(e -> e.startsWith("EXISTS")), rec.events::toString);
                    assertTrue(rec.events.stream().anyMatch(e -> e.startsWith("EXPUNGE")
                            || e.startsWith("VANISHED")), rec.events::toString);
                });
        add(s, "events.foreign-flags", "another connection's flag change reaches the listener with the UID", ctx -> {
            Recorder rec = new Recorder();
            ImapClient c = ctx.connect(rec);
            MailboxName box = ctx.newMailbox("ForeignFlags");
            long uid = appendUid(ctx, c, box, LiveContext.message("watched", "w"));
            c.select(box);
            ImapClient other = ctx.connect(null);
            other.select(box);
            other.addFlags(SequenceSet.of(uid), Flag.FLAGGED);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            while (rec.flags.getCount() > 0 && System.nanoTime() < deadline) {
                c.noop();
                rec.flags.await(200, TimeUnit.MILLISECONDS);
            }
            assertNotNull(rec.lastFlags, rec.events::toString);
            assertTrue(rec.lastFlags.flags().contains(Flag.FLAGGED), rec.lastFlags::toString);
        });
    }

    // ------------------------------------------------------------------------------------------ async

    private static void asynchronous(List<Scenario> s) {
        add(s, "async.pipelined", "the async client pipelines 20 FETCHes and a SEARCH", ctx -> {
            AsyncImapClient a = ctx.async();
            MailboxName box = ctx.uniqueName("Async");
            a.create(box).get(WAIT_S, TimeUnit.SECONDS);
            ctx.created(box);
            List<Long> uids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                AppendResult r = a.append(box, LiveContext.message("async " + i, "z")).get(WAIT_S, TimeUnit.SECONDS);
                r.uid().ifPresent(uids::add);
            }
            a.select(box).get(WAIT_S, TimeUnit.SECONDS);
            List<CompletableFuture<org.imap4j.client.FetchResults>> fetches = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                fetches.add(a.fetchEnvelope(SequenceSet.all()));
            }
            CompletableFuture<SearchResult> search = a.search(SearchKey.subject("async 3"));
            for (CompletableFuture<org.imap4j.client.FetchResults> f : fetches) {
                assertEquals(5, f.get(WAIT_S, TimeUnit.SECONDS).size());
            }
            assertEquals(1, search.get(WAIT_S, TimeUnit.SECONDS).ids().size());
            if (!uids.isEmpty()) {
                assertEquals(List.of(uids.get(3)), search.get().ids());
            }
        });
        add(s, "async.no", "a NO completes the async future with ImapCommandException; the session goes on", ctx -> {
            AsyncImapClient a = ctx.async();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> a.select(ctx.uniqueName("Nope")).get(WAIT_S, TimeUnit.SECONDS));
            assertInstanceOf(ImapCommandException.class, e.getCause());
            assertNotNull(a.select(MailboxName.INBOX).get(WAIT_S, TimeUnit.SECONDS));
            a.logout().get(WAIT_S, TimeUnit.SECONDS);
        });
    }
}
