package org.imap4j.conformance.live;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.imap4j.client.AsyncImapClient;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.ListEntry;
import org.imap4j.client.MailboxListener;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.response.Capability;

/**
 * What a scenario works with: the server and transport under test, logged-in connections opened on demand (each
 * closed after the scenario), and mailboxes with names unique to the run (each deleted after the scenario).
 */
final class LiveContext implements AutoCloseable {
    private static final AtomicLong UNIQUE = new AtomicLong();

    private final LiveTarget target;
    private final ImapClientConfig.Transport transport;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<MailboxName> created = new ArrayList<>();
    private ImapClient main;
    private String personalPrefix;

    LiveContext(LiveTarget target, ImapClientConfig.Transport transport) {
        this.target = target;
        this.transport = transport;
    }

    LiveTarget target() {
        return target;
    }

    ImapClientConfig.Transport transport() {
        return transport;
    }

    /** @return the scenario's main connection: implicit TLS, logged in as the first user */
    ImapClient client() {
        if (main == null) {
            main = connect(null);
        }
        return main;
    }

    /**
     * @param listener receives the connection's unsolicited events
     * @return a new logged-in connection (implicit TLS, first user) reporting to the listener
     */
    ImapClient connect(MailboxListener listener) {
        ImapClientConfig.Builder b = target.session(transport);
        if (listener != null) {
            b.listener(listener);
        }
        ImapClient c = track(b.connect());
        if (!target.preauth()) {
            c.login(user(0), password(0));
        }
        return c;
    }

    /** @return a new logged-in asynchronous connection (implicit TLS, first user) */
    AsyncImapClient async() throws Exception {
        AsyncImapClient a = track(target.session(transport).connectAsync().get(30, TimeUnit.SECONDS));
        if (!target.preauth()) {
            a.login(user(0), Secret.of(password(0))).get(30, TimeUnit.SECONDS);
        }
        return a;
    }

    /**
     * @param <T> the resource's type
     * @param c   something to close after the scenario
     * @return {@code c}
     */
    <T extends AutoCloseable> T track(T c) {
        open.add(c);
        return c;
    }

    /**
     * @param i which user (0 or 1)
     * @return the user's name
     * @throws Scenario.NotOffered on a pre-authenticating server (no LOGIN) or when it has only one user
     */
    String user(int i) {
        requireUser(i);
        return target.users().get(i)[0];
    }

    /**
     * @param i which user (0 or 1)
     * @return the user's password
     * @throws Scenario.NotOffered as {@link #user(int)}
     */
    String password(int i) {
        requireUser(i);
        return target.users().get(i)[1];
    }

    private void requireUser(int i) {
        if (target.preauth()) {
            throw new Scenario.NotOffered("sessions are pre-authenticated (no LOGIN)");
        }
        if (i >= target.users().size()) {
            throw new Scenario.NotOffered("one user only");
        }
    }

    /**
     * Ends the scenario as "not offered" unless the main connection's capabilities include {@code capability}.
     *
     * @param capability the capability, e.g. {@link Capability.Known#MOVE}
     */
    void require(Capability capability) {
        if (!client().hasCapability(capability)) {
            throw new Scenario.NotOffered("no " + capability.wire() + " capability");
        }
    }

    /** @return the server's hierarchy delimiter for the personal namespace, or {@code null} if flat */
    String delimiter() {
        List<ListEntry> root = client().list("", "");
        return root.isEmpty() ? null : root.get(0).delimiter();
    }

    /** @return the hierarchy delimiter; ends the scenario as "not offered" on a flat name space */
    String requireDelimiter() {
        String d = delimiter();
        if (d == null) {
            throw new Scenario.NotOffered("flat name space");
        }
        return d;
    }

    /**
     * @param prefix readable start of the name (may hold any Unicode)
     * @return a name unique to this run; not created
     */
    MailboxName uniqueName(String prefix) {
        return MailboxName.of(personalPrefix() + prefix + "-" + (System.nanoTime() / 1000 % 1_000_000) + "-"
                + UNIQUE.incrementAndGet());
    }

    /**
     * @return where the user's own mailboxes go: the personal namespace's prefix (RFC 2342), {@code ""} on Dovecot,
     *     Cyrus and GreenMail, {@code INBOX.} on Courier; {@code ""} when the server has no NAMESPACE
     */
    String personalPrefix() {
        if (personalPrefix == null) {
            personalPrefix = "";
            if (client().hasCapability(Capability.Known.NAMESPACE)) {
                List<org.imap4j.codec.response.NamespaceDescriptor> personal = client().namespace().personal();
                if (personal != null && !personal.isEmpty()) {
                    personalPrefix = personal.get(0).prefix();
                }
            }
        }
        return personalPrefix;
    }

    /**
     * Creates a mailbox on the main connection, deleted again after the scenario.
     *
     * @param prefix readable start of the name
     * @return its name
     */
    MailboxName newMailbox(String prefix) {
        MailboxName box = uniqueName(prefix);
        client().create(box);
        created(box);
        return box;
    }

    /** @param box a mailbox the scenario created some other way, to delete afterwards */
    void created(MailboxName box) {
        created.add(box);
    }

    /**
     * @param subject the Subject header
     * @param body    the text body
     * @return a small RFC 5322 message with a unique Message-ID
     */
    static Bytes message(String subject, String body) {
        return Bytes.of(("From: Sender <sender@example.org>\r\nTo: Alice <alice@example.org>\r\nSubject: " + subject
                + "\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\nMessage-ID: <" + UNIQUE.incrementAndGet()
                + "@conformance.imap4j>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + body + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        // Courier takes 2 s for each DELETE (and RENAME); its server is private and thrown away after the run, and
        // names are unique, so its scenarios leave their mailboxes
        if (!created.isEmpty() && !target.preauth()) {
            // A fresh connection: the scenario may have left its own closed, compressed or in IDLE.
            try (ImapClient c = target.session(transport).connect()) {
                if (!target.preauth()) {
                    c.login(user(0), password(0));
                }
                for (int i = created.size() - 1; i >= 0; i--) {
                    try {
                        c.delete(created.get(i));
                    } catch (RuntimeException ignored) {
                        // already deleted or renamed by the scenario
                    }
                }
            } catch (RuntimeException ignored) {
                // cleanup is best effort; names are unique, so leftovers cannot disturb later scenarios
            }
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception ignored) {
                // closing a connection the scenario already broke on purpose
            }
        }
    }
}
