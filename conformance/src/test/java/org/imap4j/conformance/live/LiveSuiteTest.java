package org.imap4j.conformance.live;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.imap4j.client.ImapClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * The live conformance suite: every scenario of {@link Scenarios#all()} against embedded GreenMail, a private
 * Dovecot, a private Cyrus and a private Courier-IMAP (the last three skipped with a visible reason when not installed, failed when missing on
 * CI), each over the blocking and the NIO transport. Writes {@code target/conformance-report.md}; with
 * {@code -Dconformance.publish=true} (the command in {@link LiveReport#COMMAND}) also the project's
 * {@code CONFORMANCE.md}, but only from a complete run (every scenario on every server and transport, none skipped).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveSuiteTest {
    private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(90);
    /** {@code -Dlive.only=PREFIX} runs only the scenarios whose id starts with it (for debugging one). */
    private static final String ONLY = System.getProperty("live.only", "");
    /** {@code -Dlive.servers=courier,dovecot} runs only those servers (for debugging); all by default. */
    private static final List<String> SERVERS = java.util.Arrays.stream(System.getProperty("live.servers", "")
            .toLowerCase(java.util.Locale.ROOT).split(",")).filter(s -> !s.isBlank()).map(String::strip).toList();

    private final List<Scenario> scenarios = Scenarios.all();
    private final LiveReport report = new LiveReport(scenarios);
    private final List<LiveTarget> started = new ArrayList<>();

    @TestFactory
    Stream<DynamicNode> greenMail() {
        return server("GreenMail", LiveTarget::greenMail);
    }

    @TestFactory
    Stream<DynamicNode> dovecot() {
        return server("Dovecot", LiveTarget::dovecot);
    }

    @TestFactory
    Stream<DynamicNode> cyrus() {
        return server("Cyrus", LiveTarget::cyrus);
    }

    @TestFactory
    Stream<DynamicNode> courier() {
        return server("Courier", LiveTarget::courier);
    }

    private Stream<DynamicNode> server(String label, Supplier<LiveTarget> start) {
        if (!SERVERS.isEmpty() && !SERVERS.contains(label.toLowerCase(java.util.Locale.ROOT))) {
            return Stream.empty();
        }
        LiveTarget target;
        try {
            target = start.get();
            started.add(target);
        } catch (TestAbortedException notInstalled) {
            for (ImapClientConfig.Transport t : ImapClientConfig.Transport.values()) {
                String column = label + " " + t.name().toLowerCase(java.util.Locale.ROOT);
                for (Scenario s : scenarios) {
                    report.record(column, s.id(), LiveReport.Outcome.SKIPPED, notInstalled.getMessage());
                }
            }
            return Stream.of(DynamicTest.dynamicTest(label + " not available", () -> {
                throw notInstalled;
            }));
        }
        List<DynamicNode> perTransport = new ArrayList<>();
        for (ImapClientConfig.Transport t : ImapClientConfig.Transport.values()) {
            String column = target.name() + " " + t.name().toLowerCase(java.util.Locale.ROOT);
            report.column(column);
            List<DynamicNode> tests = new ArrayList<>();
            for (Scenario s : scenarios) {
                if (!ONLY.isEmpty() && !s.id().startsWith(ONLY)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(s.id(), () -> run(target, t, column, s)));
            }
            perTransport.add(DynamicContainer.dynamicContainer(column, tests));
        }
        return perTransport.stream();
    }

    private void run(LiveTarget target, ImapClientConfig.Transport transport, String column, Scenario s) {
        try {
            Assertions.assertTimeoutPreemptively(SCENARIO_TIMEOUT, () -> {
                try (LiveContext ctx = new LiveContext(target, transport)) {
                    s.body().run(ctx);
                }
            }, () -> s.id() + " did not end within " + SCENARIO_TIMEOUT);
            report.record(column, s.id(), LiveReport.Outcome.PASS, "");
        } catch (Scenario.NotOffered notOffered) {
            report.record(column, s.id(), LiveReport.Outcome.NOT_OFFERED, notOffered.getMessage());
            Assumptions.abort("not offered by " + target.name() + ": " + notOffered.getMessage());
        } catch (Throwable failure) {
            report.record(column, s.id(), LiveReport.Outcome.FAIL, failure.toString());
            throw failure;
        }
    }

    @AfterAll
    void writeReport() throws Exception {
        try {
            report.write(Path.of("target", "conformance-report.md"));
            if (Boolean.getBoolean("conformance.publish")) {
                if (!report.complete() || !ONLY.isEmpty() || !SERVERS.isEmpty()) {
                    throw new IllegalStateException("CONFORMANCE.md is written only from a complete run (all "
                            + "scenarios, all four servers, both transports, none skipped); see "
                            + "target/conformance-report.md");
                }
                report.write(Path.of("..", "CONFORMANCE.md"));
            }
        } finally {
            for (LiveTarget t : started) {
                t.close();
            }
        }
    }
}
