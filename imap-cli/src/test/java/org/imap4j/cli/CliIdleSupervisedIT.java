package org.imap4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.imap4j.testing.servers.FaultProxy;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code imap4j idle --json --liveness 3s} as a process, through a fault-injecting proxy: it keeps printing new
 * messages across a reset and across a black-holed connection, one JSON object per line, with the disconnected and
 * reconnected lines in between.
 */
class CliIdleSupervisedIT {
    static GreenMailServer server;

    @BeforeAll
    static void start() {
        server = GreenMailServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void deliver(String subject) {
        server.deliver("From: Carol <carol@example.org>\r\nTo: alice@localhost\r\nSubject: " + subject
                + "\r\n\r\nhello\r\n");
    }

    /** Reads JSON lines until one has {@code "event": event}; returns it. */
    private static Map<String, Object> until(BufferedReader r, String event, List<Map<String, Object>> seen)
            throws Exception {
        for (String l; (l = r.readLine()) != null; ) {
            Map<String, Object> o = MiniJson.object(l); // every line is one complete object
            seen.add(o);
            if (event.equals(o.get("event"))) {
                return o;
            }
        }
        throw new AssertionError("no " + event + " line; saw " + seen);
    }

    @Test
    @Timeout(120)
    void keepsPrintingAcrossAKilledAndABlackHoledConnection() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server.host(), server.imapPort())) {
            String url = "imap://" + GreenMailServer.USER + "@127.0.0.1:" + proxy.port() + "/INBOX";
            Process p = CliProcess.builder(GreenMailServer.PASSWORD, "idle", url, "--json", "--liveness", "3s",
                    "--events", "3", "--insecure-plaintext").start();
            List<Map<String, Object>> seen = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                until(r, "idling", seen);
                deliver("one");
                Map<String, Object> one = until(r, "new", seen);
                assertEquals("one", one.get("subject"), one.toString());
                assertTrue(one.get("uid") instanceof Long, one.toString());

                proxy.resetAll(); // killed
                until(r, "disconnected", seen);
                until(r, "reconnected", seen);
                deliver("two");
                assertEquals("two", until(r, "new", seen).get("subject"));

                proxy.blackHole(); // silent: no FIN, no RST
                long start = System.nanoTime();
                Map<String, Object> dead = until(r, "disconnected", seen);
                long took = System.nanoTime() - start;
                // in IDLE the liveness probe finds it; a command in flight, the read timeout set to the same bound
                assertTrue(List.of("ImapLivenessException", "ImapTimeoutException").contains(dead.get("cause")),
                        dead.toString());
                assertTrue(took < java.time.Duration.ofSeconds(3 + 15).toNanos(), "noticed after " + took / 1e9
                        + " s, bound 3 s (plus a wide margin)");
                proxy.resetAll();
                proxy.passThrough();
                until(r, "reconnected", seen);
                deliver("three");
                assertEquals("three", until(r, "new", seen).get("subject"));
                until(r, "ended", seen);
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue(), seen.toString());
                long news = seen.stream().filter(o -> "new".equals(o.get("event"))).count();
                assertEquals(3, news, "each message once: " + seen);
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
