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
        ImapClientConfig.Builder b = target.tls(transport);
        if (listener != null) {
            b.listener(listener);
        }
        ImapClient c = track(b.connect());
        c.login(user(0), password(0));
        return c;
    }

    /** @return a new logged-in asynchronous connection (implicit TLS, first user) */
    AsyncImapClient async() throws Exception {
        AsyncImapClient a = track(target.tls(transport).connectAsync().get(30, TimeUnit.SECONDS));
        a.login(user(0), Secret.of(password(0))).get(30, TimeUnit.SECONDS);
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

    String user(int i) {
        return target.users().get(i)[0];
    }

    String password(int i) {
        return target.users().get(i)[1];
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
    static MailboxName uniqueName(String prefix) {
        return MailboxName.of(prefix + "-" + (System.nanoTime() / 1000 % 1_000_000) + "-" + UNIQUE.incrementAndGet());
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
        if (!created.isEmpty()) {
            // A fresh connection: the scenario may have left its own closed, compressed or in IDLE.
            try (ImapClient c = target.tls(transport).connect()) {
                c.login(user(0), password(0));
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
