package org.imap4j.cli;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.imap4j.client.Idle;
import org.imap4j.client.ImapClient;
import org.imap4j.client.MailboxListener;
import org.imap4j.client.SearchResult;
import org.imap4j.client.SelectResult;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TraceListener;

/**
 * {@code imap4j demo}: starts GreenMail on loopback, seeds it with a realistic mailbox, and walks through the
 * classic IMAP workflow with the same code the commands use, printing each step.
 */
final class Demo {
    private static final String USER = "alice";
    private static final String EMAIL = "alice@example.org";
    private static final String PASSWORD = "demo-secret";
    private static final DateTimeFormatter RFC5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ROOT);
    private static final String[][] PEOPLE = {
        {"Bob Martin", "bob@example.org"}, {"Carol Nguyen", "carol@acme.test"}, {"Dave Okafor", "dave@example.net"},
        {"Erin Schmidt", "erin@example.org"}, {"GitHub", "notifications@github.test"},
        {"Frank Rossi", "frank@supplier.test"}, {"Grace Lee", "grace@example.org"},
        {"Release Bot", "builds@ci.example.org"},
    };
    private static final String[] SUBJECTS = {
        "Quarterly report draft", "Re: Lunch on Thursday?", "[imap4j] PR #42: pipeline STARTTLS", "Invoice 2024-0117",
        "Team offsite: agenda", "Re: Re: Dovecot quirks", "Your flight itinerary",
        "Coffee chat next week", "Fwd: Conference CFP closes Friday", "Minutes of Monday's stand-up",
        "Re: Review of the codec limits", "Holiday schedule", "Welcome to the mailing list",
        "Re: Budget approval", "Security advisory: rotate your tokens", "Slides from today",
    };
    private static final String[] BODIES = {
        "Hi Alice,\n\nattached is the draft; comments welcome before Friday.\n\nThanks,\n",
        "Sounds good to me. Shall we say 12:30 at the usual place?\n\n",
        "The change moves the STARTTLS upgrade before the first command and adds a test.\n\n",
        "Please find the invoice for January below. Payment terms: 30 days.\n\n",
        "All 1 204 tests passed in 3m 12s.\n\n",
        "Draft agenda: 1. roadmap 2. hiring 3. dinner. Add topics in the doc.\n\n",
    };

    private final PrintStream out;
    private int step;

    Demo(PrintStream out) {
        this.out = out;
    }

    void run(TraceListener trace) {
        GreenMail gm = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        gm.start();
        try {
            GreenMailUser user = gm.setUser(EMAIL, USER, PASSWORD);
            int port = gm.getImap().getPort();
            String url = "imap://" + USER + "@127.0.0.1:" + port;
            int seeded = seed(port);
            out.println("imap4j demo: an embedded GreenMail IMAP server on 127.0.0.1:" + port + ", user " + USER
                    + ", " + seeded + " messages seeded");
            out.println("(every step is also a command: IMAP4J_PASSWORD=... imap4j COMMAND " + url
                    + "/INBOX --insecure-plaintext)");
            DemoListener listener = new DemoListener();
            var b = ImapClient.builder("127.0.0.1").port(port).tlsMode(TlsMode.PLAIN)
                    .allowCleartextPasswords(true).listener(listener);
            if (trace != null) {
                b.trace(trace);
            }
            try (ImapClient c = b.connect()) {
                step("Connect, log in, and read the capabilities", "capabilities");
                c.authenticate(USER, Secret.of(PASSWORD));
                out.println("  " + String.join(" ", c.capabilities().stream().map(x -> x.wire()).toList()));

                step("List the mailboxes", "list");
                Commands.list(c, out, "  ");

                step("Select INBOX", "status");
                SelectResult s = c.select("INBOX");
                out.println("  " + Commands.describe(s));

                step("Search UNSEEN", "search URL unseen");
                SearchResult unseen = c.search(SearchKey.unseen());
                out.println("  " + unseen.ids().size() + " unseen: UIDs " + unseen.toSet());

                step("Fetch the unseen messages' envelopes", "fetch URL " + unseen.toSet());
                Commands.fetchTable(c, out, unseen.toSet(), false, "  ", Progress.none());

                long first = unseen.ids().get(0);
                SequenceSet one = SequenceSet.of(first);
                step("Flags of UID " + first + ": get, add, remove, set", "flags URL get|add|remove|set " + first);
                out.println("  get:");
                Commands.printFlags(c, out, one, "    ");
                out.println("  add \\Seen \\Flagged:");
                c.addFlags(one, Flag.SEEN, Flag.FLAGGED);
                Commands.printFlags(c, out, one, "    ");
                out.println("  remove \\Flagged:");
                c.removeFlags(one, Flag.FLAGGED);
                Commands.printFlags(c, out, one, "    ");
                out.println("  set \\Seen \\Answered $Important:");
                c.setFlags(one, Flag.SEEN, Flag.ANSWERED, Flag.of("$Important"));
                Commands.printFlags(c, out, one, "    ");

                SearchResult builds = c.search(SearchKey.subject("Build #"));
                step("Delete the CI build notices and expunge", "search URL subject:\"Build #\"; delete; expunge");
                out.println("  search subject:\"Build #\" -> UIDs " + builds.toSet());
                c.deleteMessages(builds.toSet());
                out.println("  marked " + builds.ids().size() + " messages \\Deleted");
                List<Long> gone = c.expunge();
                out.println("  expunged " + gone.size() + " messages; INBOX now has "
                        + c.status(MailboxName.INBOX, org.imap4j.codec.command.StatusAttribute.MESSAGES).messages()
                                .orElse(-1) + " messages");

                step("IDLE: wait for new mail (another thread delivers one)", "idle URL");
                long nextUid = c.status(MailboxName.INBOX, org.imap4j.codec.command.StatusAttribute.UIDNEXT)
                        .uidNext().orElse(1);
                Idle idle = c.idle();
                listener.idle = idle;
                // The blocking transport reads while this thread awaits, so the sender starts from the callback
                // that sees the server's "+ idling", and a watchdog ends IDLE if nothing comes.
                idle.started().thenRun(() -> {
                    out.println("  idling... (another connection delivers a message)");
                    Thread sender = new Thread(() -> {
                        sleep(300);
                        user.deliver(GreenMailUtil.newMimeMessage(message("Dave Okafor", "dave@example.net",
                                "Are we still on for 3pm?", "Just checking before I book the room.\n\n",
                                OffsetDateTime.now(ZoneOffset.UTC))));
                        if (!awaitQuietly(listener.arrived)) {
                            out.println("  (no new mail within 10 s)");
                            idle.done();
                        }
                    }, "demo-sender");
                    sender.setDaemon(true);
                    sender.start();
                });
                idle.await();
                out.println("  server pushed: * " + listener.exists + " EXISTS; IDLE ended with DONE");
                SequenceSet fresh = SequenceSet.parse(nextUid + ":*");
                Commands.fetchTable(c, out, fresh, false, "  ", Progress.none());

                step("Log out", "");
                c.logout();
                out.println("  bye. Try it on your own server: imap4j --help");
            }
        } finally {
            gm.stop();
        }
    }

    private void step(String title, String command) {
        out.println();
        out.println("== " + (++step) + ". " + title + (command.isEmpty() ? "" : "   [imap4j " + command + "]"));
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Seeds INBOX and a few special-use style mailboxes over IMAP, with dates over the last weeks and flags. */
    private static int seed(int port) {
        try (ImapClient c = ImapClient.builder("127.0.0.1").port(port).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).connect()) {
            c.login(USER, Secret.of(PASSWORD));
            for (String box : List.of("Archive", "Drafts", "Sent", "Trash")) {
                c.create(MailboxName.of(box));
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
            List<Command.AppendMessage> inbox = new ArrayList<>();
            int n = 36;
            for (int i = 0; i < n; i++) {
                String[] who = PEOPLE[(i * 5 + 3) % PEOPLE.length];
                String subject = SUBJECTS[(i * 7) % SUBJECTS.length];
                if (who[1].startsWith("builds")) {
                    subject = "Build #" + (1800 + i) + (i % 3 == 0 ? " failed" : " passed");
                }
                OffsetDateTime date = now.minusHours((long) (n - i) * 17 + i % 5);
                List<Flag> flags = new ArrayList<>();
                if (i < n - 9 && i % 4 != 1) {
                    flags.add(Flag.SEEN);
                }
                if (i % 7 == 2) {
                    flags.add(Flag.FLAGGED);
                }
                if (i % 6 == 0 && flags.contains(Flag.SEEN)) {
                    flags.add(Flag.ANSWERED);
                }
                String body = BODIES[i % BODIES.length] + "-- \n" + who[0] + "\n";
                inbox.add(new Command.AppendMessage(flags, date, Bytes.utf8(message(who[0], who[1], subject, body,
                        date)), false));
            }
            for (Command.AppendMessage m : inbox) {
                c.appendAll(MailboxName.INBOX, List.of(m));
            }
            c.append(MailboxName.of("Sent"), Bytes.utf8(message("Alice", EMAIL, "Re: Lunch on Thursday?",
                    "Yes, 12:30 works.\n", now.minusDays(2))), Flag.SEEN);
            c.logout();
            return n;
        }
    }

    static String message(String name, String address, String subject, String body, OffsetDateTime date) {
        String id = Integer.toHexString((subject + date).hashCode()) + "@example.org";
        return ("From: " + name + " <" + address + ">\n"
                + "To: Alice <" + EMAIL + ">\n"
                + "Subject: " + subject + "\n"
                + "Date: " + RFC5322.format(date) + "\n"
                + "Message-ID: <" + id + ">\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: 8bit\n"
                + "\n" + body).replace("\n", "\r\n");
    }

    /** Prints nothing itself; lets the IDLE step see EXISTS and end IDLE. */
    private static final class DemoListener implements MailboxListener {
        final CountDownLatch arrived = new CountDownLatch(1);
        volatile Idle idle;
        volatile long exists;

        @Override
        public void newMessages(long count, long recent) {
            exists = count;
            Idle i = idle;
            if (i != null) {
                i.done();
                arrived.countDown();
            }
        }
    }
}
