package org.imap4j.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.imap4j.client.EncodedWords;
import org.imap4j.client.FetchResult;
import org.imap4j.client.FlagUpdate;
import org.imap4j.client.Idle;
import org.imap4j.client.ImapClient;
import org.imap4j.client.MailboxListener;
import org.imap4j.client.MailboxWatch;
import org.imap4j.client.SelectResult;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.Envelope;
import org.imap4j.session.WatchEvent;

/**
 * {@code imap4j idle}: waits in IDLE and prints each change as it arrives. A new message ends the IDLE round so its
 * envelope can be fetched (a listener must not wait for results of its own client), then IDLE starts again. Ctrl-C
 * ends IDLE cleanly and logs out.
 */
final class IdleCommand implements MailboxListener {
    private final PrintStream out;
    private final AtomicReference<Idle> current = new AtomicReference<>();
    private final AtomicBoolean newMail = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile int events;

    private final boolean json;

    IdleCommand(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** With {@code --json}: one object per line, {@code {"event":"exists",...}}; else the human line. */
    private void say(String human, Object... jsonPairs) {
        out.println(json ? Json.write(Json.obj(jsonPairs)) : human);
        out.flush();
    }

    @Override
    public void newMessages(long exists, long recent) {
        say("* " + exists + " messages now (EXISTS)", "event", "exists", "messages", exists);
        newMail.set(true);
        endRound();
    }

    @Override
    public void expunged(long seq) {
        say("* message #" + seq + " expunged", "event", "expunge", "seq", seq);
        events++;
    }

    @Override
    public void vanished(SequenceSet uids, boolean earlier) {
        say("* UIDs " + uids + " expunged (VANISHED)", "event", "vanished", "uids", uids.toString());
        events++;
    }

    @Override
    public void flagsChanged(FlagUpdate u) {
        List<String> words = new java.util.ArrayList<>();
        u.flags().forEach(f -> words.add(f.value()));
        say("* " + (u.uid().isPresent() ? "UID " + u.uid().getAsLong() : "message #" + u.seq())
                + " flags now: " + Text.flags(u.flags()), "event", "flags", "uid", Json.of(u.uid()), "seq", u.seq(),
                "flags", words);
        events++;
    }

    @Override
    public void alert(String text) {
        say("* ALERT: " + Text.safe(text), "event", "alert", "text", text);
    }

    @Override
    public void bye(String text) {
        say("* server says BYE: " + Text.safe(text), "event", "bye", "text", text);
    }

    private void endRound() {
        Idle i = current.get();
        if (i != null) {
            i.done();
        }
    }

    /**
     * Runs until Ctrl-C or until {@code maxEvents} events were printed.
     *
     * @param c         a client connected with this object as its listener
     * @param mailbox   the mailbox to watch
     * @param maxEvents stop after this many events (new messages, expunges, flag changes); 0 for never
     */
    void run(ImapClient c, String mailbox, long maxEvents) {
        SelectResult s = c.select(mailbox);
        long nextUid = s.uidNext().orElse(1);
        say("idling on " + Text.safe(mailbox) + ": " + Commands.describe(s) + " (Ctrl-C to stop)", "event", "idling",
                "mailbox", mailbox, "messages", s.exists(), "uidvalidity", s.uidValidity(), "uidnext", s.uidNext());
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopping.set(true);
            endRound();
            try {
                finished.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "imap4j-idle-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            while (!stopping.get() && (maxEvents == 0 || events < maxEvents)) {
                Idle idle = c.idle();
                current.set(idle);
                if (stopping.get() || newMail.get()) {
                    idle.done();
                }
                idle.await();
                current.set(null);
                if (newMail.getAndSet(false)) {
                    nextUid = printNew(c, nextUid);
                }
            }
            say("IDLE ended; logging out", "event", "ended");
            c.logout();
        } catch (ImapException e) {
            if (!stopping.get()) {
                throw e;
            }
        } finally {
            finished.countDown();
            if (!stopping.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }

    /**
     * The supervised {@code idle} (the default): a {@link MailboxWatch} keeps the session alive across killed or
     * black-holed connections and server restarts, and every change is printed once. Runs until Ctrl-C or until
     * {@code maxEvents} message events were printed.
     *
     * @param b         the watch, configured but not started (its listener is set here)
     * @param mailbox   the mailbox's name, for the first line
     * @param maxEvents stop after this many events (new messages, expunges, flag changes); 0 for never
     */
    void runWatch(MailboxWatch.Builder b, String mailbox, long maxEvents) {
        AtomicReference<MailboxWatch> watch = new AtomicReference<>();
        AtomicReference<WatchEvent.Disconnected> firstFailure = new AtomicReference<>();
        AtomicBoolean up = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        b.listener(e -> onWatchEvent(e, watch, up, firstFailure, done, mailbox, maxEvents));
        MailboxWatch w = b.start();
        watch.set(w);
        Thread hook = new Thread(() -> {
            stopping.set(true);
            w.close();
        }, "imap4j-idle-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            w.close();
            if (!stopping.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        if (firstFailure.get() != null && !up.get()) {
            throw firstFailure.get().cause(); // never connected: say why (a wrong password is not retried)
        }
        say("IDLE ended; logging out", "event", "ended");
    }

    private void onWatchEvent(WatchEvent e, AtomicReference<MailboxWatch> watch, AtomicBoolean up,
            AtomicReference<WatchEvent.Disconnected> firstFailure, CountDownLatch done, String mailbox,
            long maxEvents) {
        if (e instanceof WatchEvent.NewMessage n) {
            Envelope env = null;
            MailboxWatch w = watch.get();
            if (w != null) {
                try {
                    Map<Long, FetchResult> r = w.call(c -> c.fetchEnvelope(SequenceSet.of(n.uid())));
                    env = r.get(n.uid()) == null ? null : r.get(n.uid()).envelope().orElse(null);
                } catch (ImapException ex) {
                    env = null; // printed without envelope; the link is being restored
                }
            }
            String from = env == null ? null : Text.address(env.from());
            String subject = env == null ? null : EncodedWords.decode(env.subject());
            say("* UID " + n.uid() + " arrived (EXISTS)\n  new: UID " + n.uid() + "  from "
                    + (from == null ? "?" : Text.safe(from)) + "  \"" + (subject == null ? "" : Text.safe(subject))
                    + "\"", "event", "new", "uid", n.uid(), "from", from, "subject", subject, "flags",
                    flagWords(n.flags()));
            events++;
        } else if (e instanceof WatchEvent.Expunged x) {
            say("* UID " + x.uid() + " expunged", "event", "expunged", "uid", x.uid());
            events++;
        } else if (e instanceof WatchEvent.FlagsChanged f) {
            say("* UID " + f.uid() + " flags now: " + Text.flags(new java.util.ArrayList<>(f.flags())), "event",
                    "flags", "uid", f.uid(), "flags", flagWords(f.flags()));
            events++;
        } else if (e instanceof WatchEvent.Resynced r) {
            if (!up.getAndSet(true)) {
                org.imap4j.session.SyncState st = watch.get() == null ? null
                        : watch.get().state().orElse(null);
                long messages = st == null ? 0 : st.messages().size();
                say("idling on " + Text.safe(mailbox) + ": " + messages + " messages (Ctrl-C to stop)", "event",
                        "idling", "mailbox", mailbox, "messages", messages, "uidvalidity",
                        st == null ? null : st.uidValidity(), "uidnext", st == null ? null : st.uidNext());
            } else {
                say("* resynchronised (" + r.method() + "): " + r.added() + " new, " + r.expunged() + " expunged, "
                        + r.changed() + " flag changes", "event", "resynced", "method",
                        r.method().name().toLowerCase(java.util.Locale.ROOT), "new", r.added(), "expunged",
                        r.expunged(), "flags", r.changed());
            }
        } else if (e instanceof WatchEvent.Disconnected d) {
            if (!up.get()) {
                firstFailure.compareAndSet(null, d);
                done.countDown();
                return;
            }
            say("* disconnected: " + Text.safe(String.valueOf(d.cause().getMessage())), "event", "disconnected",
                    "cause", d.cause().getClass().getSimpleName(), "message", d.cause().getMessage());
        } else if (e instanceof WatchEvent.Reconnecting r) {
            say("* reconnecting in " + r.delay().toMillis() + " ms (attempt " + r.attempt() + ")", "event",
                    "reconnecting", "attempt", r.attempt(), "delay_ms", r.delay().toMillis(), "busy", r.busy());
        } else if (e instanceof WatchEvent.Reconnected r) {
            say("* reconnected (attempt " + r.attempt() + ")", "event", "reconnected", "attempt", r.attempt());
        } else if (e instanceof WatchEvent.UidValidityChanged v) {
            say("* UIDVALIDITY changed from " + v.previous() + " to " + v.current() + ": every UID before is void",
                    "event", "uidvalidity", "previous", v.previous(), "current", v.current(), "messages",
                    v.messages());
        } else if (e instanceof WatchEvent.ClockJumped j) {
            say("* the clock jumped by " + j.skew().toMillis() + " ms: checking the link", "event", "clock",
                    "skew_ms", j.skew().toMillis());
        } else if (e instanceof WatchEvent.Stopped) {
            done.countDown();
            return;
        }
        if (maxEvents > 0 && events >= maxEvents) {
            done.countDown();
        }
    }

    private static List<String> flagWords(java.util.Set<org.imap4j.codec.core.Flag> flags) {
        List<String> words = new java.util.ArrayList<>();
        flags.forEach(f -> words.add(f.value()));
        java.util.Collections.sort(words);
        return words;
    }

    private long printNew(ImapClient c, long nextUid) {
        List<Long> uids = c.search(SearchKey.uid(SequenceSet.parse(nextUid + ":*"))).ids();
        long next = nextUid;
        for (Long uid : uids) {
            if (uid < nextUid) {
                continue;
            }
            Map<Long, FetchResult> r = c.fetchEnvelope(SequenceSet.of(uid));
            Envelope e = r.get(uid) == null ? null : r.get(uid).envelope().orElse(null);
            String from = e == null ? null : Text.address(e.from());
            String subject = e == null ? null : EncodedWords.decode(e.subject());
            say("  new: UID " + uid + "  from " + (from == null ? "?" : Text.safe(from)) + "  \""
                    + (subject == null ? "" : Text.safe(subject)) + "\"", "event", "new", "uid", uid, "from", from,
                    "subject", subject);
            next = Math.max(next, uid + 1);
            events++;
        }
        out.flush();
        return next;
    }
}
