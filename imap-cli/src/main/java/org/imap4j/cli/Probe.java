package org.imap4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imap4j.client.Idle;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ServerProfile;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.TraceListener;

/**
 * {@code imap4j probe URL}: what the server advertises against what it does when asked, harmlessly. Every check reads
 * the server's own answer in the (redacted) protocol trace, so "verified" means the response the capability promises
 * arrived: {@code * ID} for ID, {@code * NAMESPACE}, {@code +} for IDLE, {@code * ESEARCH}, {@code HIGHESTMODSEQ} for
 * CONDSTORE, {@code * STATUS} inside a LIST for LIST-STATUS, a non-synchronizing literal taken without {@code +} for
 * LITERAL+, and so on. Nothing is changed on the server: mailboxes are only EXAMINEd, IDLE is ended after the wait,
 * and capabilities that cannot be exercised without changing mail (MOVE, UIDPLUS, MULTIAPPEND...) are reported as
 * "not exercised". While IDLE is probed the client stays in it for {@code --idle-wait} (3 s by default) and times the
 * untagged {@code * OK} lines the server sends meanwhile (Dovecot's {@code * OK Still here}): the interval between two
 * of them (or from the start of IDLE to the first) is {@code limits.idleKeepAlive} in seconds, {@code null} when none
 * came within the wait, which {@code limits.idleWaited} gives. Last, the longest command line the server accepts is
 * found with ever longer UID SEARCHes under EXAMINE (1 KiB to 1 MiB), and {@code --bundle FILE} writes the report and the redacted transcript for a bug report.
 */
final class Probe {
    /** One capability check: {@code verified}, {@code failed} or {@code not exercised}, and why. */
    record Check(String capability, String result, String detail) {
    }

    /** How long IDLE is held by default: short, so that a probe stays quick. */
    static final Duration IDLE_WAIT = Duration.ofSeconds(3);
    /** The longest IDLE wait: under the client's IDLE refresh (9 min), so the wait is one IDLE command. */
    static final Duration IDLE_WAIT_MAX = Duration.ofMinutes(8);

    private final PrintStream out;
    private final Duration idleWait;
    private final StringBuilder transcript = new StringBuilder();
    /** While IDLE is held: the arrival times (nanoTime) of the server's untagged OK lines; otherwise null. */
    private volatile List<Long> keepAlives;
    private final List<Check> checks = new ArrayList<>();
    private int mark;

    Probe(PrintStream out) {
        this(out, IDLE_WAIT);
    }

    /**
     * @param out      where the report goes
     * @param idleWait how long to stay in IDLE timing keep-alive lines ({@link Duration#ZERO}: end it at once)
     */
    Probe(PrintStream out, Duration idleWait) {
        this.out = out;
        this.idleWait = idleWait;
    }

    /** @return a trace listener that records the (already redacted) protocol for the checks and the bundle */
    TraceListener recorder() {
        return new TraceListener() {
            @Override
            public void trace(Direction direction, String text) {
                List<Long> watch = keepAlives;
                if (watch != null && direction == TraceListener.Direction.IN) {
                    long now = System.nanoTime();
                    for (String line : text.split("\r?\n", -1)) {
                        if (line.regionMatches(true, 0, "* OK", 0, 4)) {
                            watch.add(now);
                        }
                    }
                }
                synchronized (transcript) {
                    String prefix = direction == TraceListener.Direction.OUT ? "C: " : "S: ";
                    for (String line : text.split("\r?\n", -1)) {
                        if (!line.isEmpty()) {
                            transcript.append(prefix).append(line).append('\n');
                        }
                    }
                }
            }

            @Override
            public void note(String text) {
                synchronized (transcript) {
                    transcript.append("# imap4j: ").append(text).append('\n');
                }
            }
        };
    }

    private String since() {
        synchronized (transcript) {
            String s = transcript.substring(mark);
            mark = transcript.length();
            return s;
        }
    }

    private void begin() {
        synchronized (transcript) {
            mark = transcript.length();
        }
    }

    /**
     * Runs a check when the capability is advertised: the action, then whether the server's answer holds
     * {@code evidence}.
     */
    private void check(ImapClient c, Capability cap, String evidence, Runnable action) {
        String name = cap.wire();
        if (!c.hasCapability(cap)) {
            return;
        }
        begin();
        try {
            action.run();
            String said = since();
            if (said.contains(evidence)) {
                checks.add(new Check(name, "verified", "the server answered " + evidence.strip()));
            } else {
                checks.add(new Check(name, "failed", "no " + evidence.strip() + " in the answer"));
            }
        } catch (RuntimeException e) {
            since();
            checks.add(new Check(name, "failed", Text.safe(String.valueOf(e.getMessage()))));
        }
    }

    private void notExercised(ImapClient c, Capability cap, String why) {
        if (c.hasCapability(cap)) {
            checks.add(new Check(cap.wire(), "not exercised", why));
        }
    }

    /**
     * Probes a connected client and prints the report.
     *
     * @param c             the client (logged in, or pre-authenticated, or neither)
     * @param authenticated whether commands of the authenticated state may be sent
     * @param target        the URL's parts, for the report
     * @param greeting      the greeting's text (may be empty)
     * @param json          whether to print JSON
     * @param bundle        where to write the report and transcript, or {@code null}
     */
    void run(ImapClient c, boolean authenticated, Target target, String greeting, boolean json, Path bundle) {
        List<String> advertised = new ArrayList<>();
        for (Capability cap : c.capabilities()) {
            advertised.add(cap.wire());
        }
        Map<String, String> idFields = new LinkedHashMap<>();
        check(c, Capability.Known.ID, "* ID", () -> {
            Untagged.Id id = c.id(List.of(new Command.IdField("name", "imap4j"),
                    new Command.IdField("version", Main.version())));
            if (id.params() != null) {
                id.params().forEach(p -> idFields.put(p.key(), p.value()));
            }
        });
        // an ID value that is not quotable (8-bit without UTF8=ACCEPT) goes as a literal: {n+} with LITERAL+
        check(c, Capability.Known.LITERAL_PLUS, "+}", () -> c.id(List.of(new Command.IdField("x-imap4j-probe",
                "literal\u2013plus"))));
        Double[] idleTimes = new Double[2]; // keep-alive interval, seconds waited
        List<Long> latency = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            c.noop();
            latency.add((System.nanoTime() - t0) / 1000);
        }
        if (authenticated) {
            check(c, Capability.Known.NAMESPACE, "* NAMESPACE", c::namespace);
            check(c, Capability.Known.ENABLE, "* ENABLED", () -> c.enable("CONDSTORE"));
            check(c, Capability.Known.SPECIAL_USE, "* LIST", c::listSpecialUse);
            check(c, Capability.Known.LIST_STATUS, "* STATUS", () -> c.listWithStatus("", "%",
                    StatusAttribute.MESSAGES));
            check(c, Capability.Known.STATUS_SIZE, "SIZE ", () -> c.status(MailboxName.INBOX, StatusAttribute.SIZE,
                    StatusAttribute.MESSAGES));
            check(c, Capability.Known.QUOTA, "* QUOTAROOT", () -> c.getQuotaRoot(MailboxName.INBOX));
            check(c, Capability.Known.CONDSTORE, "HIGHESTMODSEQ", () -> c.examine(MailboxName.INBOX));
            if (!c.hasCapability(Capability.Known.CONDSTORE)) {
                c.examine(MailboxName.INBOX);
            }
            check(c, Capability.Known.ESEARCH, "* ESEARCH", () -> c.search(SearchKey.all()));
            check(c, Capability.Known.IDLE, "+ ", () -> {
                keepAlives = new java.util.concurrent.CopyOnWriteArrayList<>();
                Idle idle = c.idle();
                boolean ended = false;
                try {
                    if (!idle.awaitStarted(Duration.ofSeconds(10))) {
                        throw new IllegalStateException("IDLE not accepted within 10 s");
                    }
                    holdIdle(idle, idleTimes);
                    ended = true;
                } finally {
                    keepAlives = null;
                    if (!ended) {
                        idle.done();
                        idle.await();
                    }
                }
            });
            check(c, Capability.Known.UNSELECT, "OK", c::unselect);
            for (Capability.Known k : List.of(Capability.Known.MOVE, Capability.Known.UIDPLUS,
                    Capability.Known.MULTIAPPEND, Capability.Known.CATENATE, Capability.Known.REPLACE,
                    Capability.Known.BINARY, Capability.Known.ACL, Capability.Known.METADATA)) {
                notExercised(c, k, "needs a change to mail or settings");
            }
            notExercised(c, Capability.Known.COMPRESS_DEFLATE, "would change this connection; try --trace with fetch");
        }
        Long maxLine = authenticated ? maxLine(c) : null;
        ServerProfile profile = ServerProfile.detect(greeting, idFields, c.capabilities());
        List<String> verified = new ArrayList<>();
        for (Check ch : checks) {
            if (ch.result().equals("verified")) {
                verified.add(ch.capability());
            }
        }
        Long appendLimit = null;
        Long messageLimit = null;
        Long saveLimit = null;
        for (Capability cap : c.capabilities()) {
            if (cap instanceof Capability.AppendLimit a) {
                appendLimit = a.limit();
            } else if (cap instanceof Capability.MessageLimit m) {
                if (m.saveOnly()) {
                    saveLimit = m.limit();
                } else {
                    messageLimit = m.limit();
                }
            }
        }
        long[] sorted = latency.stream().mapToLong(Long::longValue).sorted().toArray();
        double medianMs = sorted[sorted.length / 2] / 1000.0;
        List<Object> checkList = new ArrayList<>();
        for (Check ch : checks) {
            checkList.add(Json.obj("capability", ch.capability(), "result", ch.result(), "detail", ch.detail()));
        }
        Map<String, Object> report = Json.obj(
                "server", Json.obj("host", target.host(), "port", target.port(), "tls", c.isSecure()),
                "greeting", greeting,
                "authenticated", authenticated,
                "capabilities", Json.obj("advertised", advertised, "verified", verified, "checks", checkList),
                "profile", Json.obj("family", profile.family().name(), "product", profile.product(), "version",
                        profile.version(), "evidence", profile.evidence(), "connectionLimit",
                        profile.connectionLimit() == 0 ? null : profile.connectionLimit()),
                "quirks", profile.quirks(),
                "fallbacks", fallbacks(c),
                "limits", Json.obj("appendLimit", appendLimit, "messageLimit", messageLimit, "saveLimit", saveLimit,
                        "maxLineLength", maxLine, "idleKeepAlive", idleTimes[0],
                        "idleWaited", idleTimes[1]),
                "latency", Json.obj("noopMedianMs", medianMs, "samples", latency.size()),
                "bundle", bundle == null ? null : bundle.toString());
        if (json) {
            out.println(Json.write(report));
        } else {
            printText(profile, advertised, maxLine, medianMs, appendLimit, messageLimit, saveLimit, idleTimes);
        }
        if (bundle != null) {
            writeBundle(bundle, report);
        }
    }

    /**
     * Stays in IDLE (already started) for the configured wait, reading meanwhile (on the blocking transport nothing
     * else reads during IDLE), ends it, then sets {@code times[0]} to the keep-alive interval
     * in seconds ({@code null} when no untagged OK came: the server sends none this often, or none at all) and
     * {@code times[1]} to the seconds waited. The first untagged OK lines may be the server's answer to IDLE itself
     * (Cyrus), so only those after the start count; with one line the interval is measured from the start.
     */
    private void holdIdle(Idle idle, Double[] times) {
        List<Long> watch = keepAlives;
        watch.clear(); // what came with the continuation request is no keep-alive
        long start = System.nanoTime();
        idle.await(idleWait); // DONE after the wait; the lines before the server's completion are read and timed
        List<Long> seen = new ArrayList<>();
        for (long t : watch) {
            if (t - start <= idleWait.toNanos()) {
                seen.add(t); // what arrived after DONE was sent is not counted
            }
        }
        long waited = Math.min(System.nanoTime() - start, idleWait.toNanos());
        times[1] = Math.round(waited / 1e6) / 1000.0;
        if (seen.isEmpty()) {
            times[0] = null;
            return;
        }
        long gap = seen.size() == 1 ? seen.get(0) - start
                : (seen.get(seen.size() - 1) - seen.get(0)) / (seen.size() - 1);
        times[0] = Math.round(gap / 1e6) / 1000.0;
    }

    /** @return the fallbacks the client took during the probe, as JSON objects (kind, command, missing, detail) */
    private static List<Object> fallbacks(ImapClient c) {
        List<Object> out = new ArrayList<>();
        for (org.imap4j.client.Fallback f : c.fallbacks()) {
            out.add(Json.obj("kind", f.kind().name(), "command", f.command(), "missing", f.missing(), "detail",
                    f.detail()));
        }
        return out;
    }

    /**
     * The longest command line the server accepted: UID SEARCH with ever longer UID sets under EXAMINE INBOX, 1 KiB,
     * 8 KiB, 64 KiB, 1 MiB; stops at the first refusal (a server may also close the connection, which ends the probe).
     */
    private Long maxLine(ImapClient c) {
        Long ok = null;
        try {
            c.examine(MailboxName.INBOX);
            for (int size : new int[] {1 << 10, 8 << 10, 64 << 10, 1 << 20}) {
                StringBuilder set = new StringBuilder();
                for (long n = 1; set.length() < size - 30; n += 2) {
                    set.append(set.length() == 0 ? "" : ",").append(n);
                }
                begin();
                try {
                    c.search(SearchKey.uid(SequenceSet.parse(set.toString())));
                    since();
                    ok = (long) size;
                } catch (RuntimeException refused) {
                    since();
                    checks.add(new Check("(line length)", "limit", "a " + size + "-byte command line was refused: "
                            + Text.safe(String.valueOf(refused.getMessage()))));
                    break;
                }
            }
        } catch (RuntimeException e) {
            checks.add(new Check("(line length)", "failed", Text.safe(String.valueOf(e.getMessage()))));
        }
        return ok;
    }

    private void printText(ServerProfile profile, List<String> advertised, Long maxLine, double medianMs,
            Long appendLimit, Long messageLimit, Long saveLimit, Double[] idleTimes) {
        out.println("server:      " + profile.family().product() + (profile.version().isEmpty() ? ""
                : " " + Text.safe(profile.version())) + "  (" + Text.safe(profile.evidence()) + ")");
        if (profile.connectionLimit() > 0) {
            out.println("connections: at most " + profile.connectionLimit() + " per account (documented)");
        }
        out.println("advertised:  " + Text.safe(String.join(" ", advertised)));
        for (Check ch : checks) {
            out.printf("  %-18s %-14s %s%n", Text.safe(ch.capability()), ch.result(), ch.detail());
        }
        if (!profile.quirks().isEmpty()) {
            out.println("known quirks: " + String.join(", ", profile.quirks()));
        }
        out.println("limits:      APPENDLIMIT " + shown(appendLimit) + ", MESSAGELIMIT " + shown(messageLimit)
                + ", SAVELIMIT " + shown(saveLimit) + ", longest command line accepted "
                + (maxLine == null ? "not measured" : maxLine + " bytes"));
        if (idleTimes[1] != null) {
            out.println("IDLE:        " + (idleTimes[0] == null
                    ? "no keep-alive within " + idleTimes[1] + " s (--idle-wait)"
                    : "a keep-alive line every " + idleTimes[0] + " s (waited " + idleTimes[1] + " s)"));
        }
        out.printf("latency:     NOOP round trip %.2f ms (median of 5)%n", medianMs);
    }

    private static String shown(Long v) {
        return v == null ? "none" : Long.toString(v);
    }

    private void writeBundle(Path bundle, Map<String, Object> report) {
        StringBuilder b = new StringBuilder();
        b.append("imap4j probe bundle\nimap4j ").append(Main.version()).append(", Java ")
                .append(System.getProperty("java.version")).append("\n\nreport:\n").append(Json.write(report))
                .append("\n\ntranscript (LOGIN and AUTHENTICATE arguments redacted):\n");
        synchronized (transcript) {
            b.append(transcript);
        }
        try {
            Files.writeString(bundle, b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the bundle " + bundle + ": " + e.getMessage(), e);
        }
    }
}
