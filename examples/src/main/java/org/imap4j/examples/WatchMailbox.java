package org.imap4j.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.imap4j.client.DecodedEnvelope;
import org.imap4j.client.Envelopes;
import org.imap4j.client.FetchResult;
import org.imap4j.client.Idle;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.MailboxListener;
import org.imap4j.client.SelectResult;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;

/**
 * Watching a mailbox with IDLE (RFC 2177): the server pushes {@code EXISTS} when mail arrives; a
 * {@link MailboxListener} hears it and ends the IDLE; the main loop then fetches the envelopes of the new messages
 * (by UID, from the last UIDNEXT on), prints them, and IDLEs again.
 *
 * <p>Why the listener does not fetch itself: it runs on the thread that reads the connection, and a blocking call on
 * the same client from there would wait for itself (the client refuses it). So the listener only calls
 * {@link Idle#done()}, which is safe from any thread, and the fetching happens after {@link Idle#await}.
 *
 * <p>Run it against your server; it prints each new message until it has seen the given number, or stops after
 * the given number of minutes:
 *
 * <pre>
 * IMAP_PASSWORD=... java -cp "$CP" org.imap4j.examples.WatchMailbox imap.example.org alice 10 30
 * </pre>
 *
 * <p>with {@code CP} the class path that {@code examples/README.md} says how to build (one {@code mvn}
 * command after {@code mvn install}); or run the class from an IDE that has the project open.
 *
 * <p>{@code WatchMailboxTest} runs it against an embedded GreenMail and appends a message from a second connection
 * while it idles.
 */
public final class WatchMailbox {
    /** Printed (with the mailbox size) each time the server has accepted IDLE and the watch is waiting. */
    public static final String IDLING = "idling";

    private WatchMailbox() {
    }

    /**
     * @param args host, user, how many new messages to wait for, how many minutes at most; the password is read
     *             from the {@code IMAP_PASSWORD} environment variable
     */
    public static void main(String[] args) {
        if (args.length != 4 || System.getenv("IMAP_PASSWORD") == null) {
            System.err.println("usage: IMAP_PASSWORD=... WatchMailbox HOST USER MESSAGES MINUTES");
            System.exit(2);
        }
        run(ImapClient.builder(args[0]), args[1], Secret.of(System.getenv("IMAP_PASSWORD")),
                Integer.parseInt(args[2]), Duration.ofMinutes(Long.parseLong(args[3])), System.out);
    }

    /**
     * Prints new messages of INBOX as they arrive.
     *
     * @param server   where to connect
     * @param user     the user
     * @param password the password
     * @param wanted   stop after this many new messages
     * @param limit    stop after this long in any case
     * @param out      where to print
     * @return how many new messages were seen
     */
    public static int run(ImapClientConfig.Builder server, String user, Secret password, int wanted, Duration limit,
            PrintStream out) {
        AtomicReference<Idle> current = new AtomicReference<>();
        MailboxListener wakeOnNewMail = new MailboxListener() {
            @Override
            public void newMessages(long exists, long recent) {
                Idle idle = current.get();
                if (idle != null) {
                    idle.done();   // safe from the reading thread; the fetch happens in the loop below
                }
            }
        };
        Instant deadline = Instant.now().plus(limit);
        int seen = 0;
        try (ImapClient client = server.listener(wakeOnNewMail).connect()) {
            client.login(user, password);
            SelectResult inbox = client.select(MailboxName.INBOX);
            long nextUid = inbox.uidNext().orElse(1);
            out.println("watching INBOX: " + inbox.exists() + " messages, next UID " + nextUid);
            while (seen < wanted) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    break;
                }
                Idle idle = client.idle();
                current.set(idle);
                if (idle.awaitStarted(Duration.ofSeconds(30))) {
                    out.println(IDLING);
                }
                // ends early when the listener calls done(); a server may also end it. Under 29 minutes either way.
                idle.await(left.compareTo(Duration.ofMinutes(25)) < 0 ? left : Duration.ofMinutes(25));
                current.set(null);

                // UID FETCH n:* always answers with the last message, even when its UID is below n: filter
                Map<Long, FetchResult> fresh = client.fetchEnvelope(SequenceSet.range(nextUid, SequenceSet.STAR));
                long highest = nextUid - 1;
                for (FetchResult m : fresh.values()) {
                    long uid = m.uid().getAsLong();
                    if (uid < nextUid) {
                        continue;
                    }
                    DecodedEnvelope e = Envelopes.decode(m.envelope().orElseThrow());
                    out.printf("new: %d  %s  %s%n", uid, e.fromText(), e.subject());
                    highest = Math.max(highest, uid);
                    seen++;
                }
                nextUid = highest + 1;
            }
            client.logout();
        }
        return seen;
    }
}
