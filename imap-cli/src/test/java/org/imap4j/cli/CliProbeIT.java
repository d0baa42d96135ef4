package org.imap4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.imap4j.testing.servers.CourierServer;
import org.imap4j.testing.servers.CyrusServer;
import org.imap4j.testing.servers.DovecotServer;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imap4j probe --json} against the four real servers: the documented fields, verified capabilities, profile. */
class CliProbeIT {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> probe(String password, String... args) {
        CliProcess.Result r = CliProcess.run(password, args);
        assertEquals(0, r.code(), r.toString());
        Map<String, Object> json = MiniJson.object(r.out());
        Map<String, Object> caps = (Map<String, Object>) json.get("capabilities");
        assertFalse(((List<Object>) caps.get("advertised")).isEmpty(), r.toString());
        assertNotNull(caps.get("verified"), r.toString());
        assertNotNull(json.get("profile"), r.toString());
        assertNotNull(json.get("quirks"), r.toString());
        // every field issue 18 item 6 names is in the document, null where the server gave nothing to measure
        for (String key : List.of("server", "greeting", "authenticated", "fallbacks", "limits", "latency", "bundle")) {
            assertTrue(json.containsKey(key), key + ": " + json);
        }
        Map<String, Object> limits = (Map<String, Object>) json.get("limits");
        for (String key : List.of("appendLimit", "messageLimit", "saveLimit", "maxLineLength", "idleKeepAlive",
                "idleWaited")) {
            assertTrue(limits.containsKey(key), key + ": " + json);
        }
        assertNotNull(((Map<String, Object>) json.get("latency")).get("noopMedianMs"), json.toString());
        for (String key : List.of("family", "product", "version", "evidence")) {
            assertNotNull(((Map<String, Object>) json.get("profile")).get(key), key + ": " + json);
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> verified(Map<String, Object> json) {
        return (List<Object>) ((Map<String, Object>) json.get("capabilities")).get("verified");
    }

    @SuppressWarnings("unchecked")
    private static String family(Map<String, Object> json) {
        return (String) ((Map<String, Object>) json.get("profile")).get("family");
    }

    @Test
    @SuppressWarnings("unchecked")
    void dovecotLoggedInWithABundle(@TempDir Path dir) throws Exception {
        try (DovecotServer d = DovecotServer.startOrSkip()) {
            Path bundle = dir.resolve("probe.txt");
            Map<String, Object> json = probe(DovecotServer.PASSWORD, "probe", "imap://" + DovecotServer.USER + "@"
                    + d.host() + ":" + d.imapPort() + "/", "--insecure-plaintext", "--json", "--bundle",
                    bundle.toString());
            assertEquals("DOVECOT", family(json));
            assertEquals(true, json.get("authenticated"));
            for (String cap : List.of("ID", "IDLE", "NAMESPACE", "ESEARCH", "CONDSTORE", "LITERAL+", "LIST-STATUS")) {
                assertTrue(verified(json).contains(cap), cap + " verified: " + json);
            }
            Map<String, Object> limits = (Map<String, Object>) json.get("limits");
            assertTrue(((Number) limits.get("maxLineLength")).longValue() >= 8192, json.toString());
            String text = Files.readString(bundle);
            assertTrue(text.contains("C: ") && text.contains("S: * ID ")
                    && text.contains("\"family\":\"DOVECOT\""), text);
            assertFalse(text.contains(DovecotServer.PASSWORD), "the password never reaches the bundle");
        }
    }

    /**
     * Dovecot with {@code imap_idle_notify_interval = 1 secs} sends {@code * OK Still here} every second of IDLE: a
     * probe holding IDLE for 4 s times them; with {@code --idle-wait 0s} nothing is seen and the interval is null.
     */
    @Test
    @SuppressWarnings("unchecked")
    void dovecotIdleKeepAliveIsTimed() {
        org.junit.jupiter.api.Assumptions.assumeTrue(DovecotServer.installed() || System.getenv("CI") != null,
                "Dovecot not installed");
        try (DovecotServer d = DovecotServer.start(null, "\nimap_idle_notify_interval = 1 secs\n")) {
            String url = "imap://" + DovecotServer.USER + "@" + d.host() + ":" + d.imapPort() + "/";
            Map<String, Object> json = probe(DovecotServer.PASSWORD, "probe", url, "--insecure-plaintext", "--json",
                    "--idle-wait", "4s");
            Map<String, Object> limits = (Map<String, Object>) json.get("limits");
            double interval = ((Number) limits.get("idleKeepAlive")).doubleValue();
            assertTrue(interval >= 0.5 && interval <= 2.5, "about 1 s: " + limits);
            assertTrue(((Number) limits.get("idleWaited")).doubleValue() >= 4.0, limits.toString());
            Map<String, Object> quick = probe(DovecotServer.PASSWORD, "probe", url, "--insecure-plaintext", "--json",
                    "--idle-wait", "0s");
            Map<String, Object> quickLimits = (Map<String, Object>) quick.get("limits");
            assertEquals(null, quickLimits.get("idleKeepAlive"), quickLimits.toString());
            assertTrue(((Number) quickLimits.get("idleWaited")).doubleValue() < 1.0, quickLimits.toString());
            CliProcess.Result text = CliProcess.run(DovecotServer.PASSWORD, "probe", url, "--insecure-plaintext",
                    "--idle-wait", "3s");
            assertEquals(0, text.code(), text.toString());
            assertTrue(text.out().contains("IDLE:        a keep-alive line every "), text.toString());
            CliProcess.Result tooLong = CliProcess.run(DovecotServer.PASSWORD, "probe", url, "--insecure-plaintext",
                    "--idle-wait", "9m");
            assertEquals(2, tooLong.code(), tooLong.toString());
        }
    }

    @Test
    void cyrusAndCourier() {
        try (CyrusServer c = CyrusServer.startOrSkip()) {
            Map<String, Object> json = probe(CyrusServer.PASSWORD, "probe", "imap://" + CyrusServer.USER + "@"
                    + c.host() + ":" + c.imapPort() + "/", "--insecure-plaintext", "--json");
            assertEquals("CYRUS", family(json));
            assertTrue(verified(json).contains("QUOTA"), json.toString());
        }
        try (CourierServer c = CourierServer.startOrSkip()) {
            // pre-authenticated: no user, no password, plain text allowed because nothing secret is sent
            Map<String, Object> json = probe(null, "probe", "imap://" + c.host() + ":" + c.imapPort() + "/", "--json");
            assertEquals("COURIER", family(json));
            assertEquals(true, json.get("authenticated"));
            assertTrue(json.get("quirks").toString().contains("courier-quota-without-list"), json.toString());
            assertTrue(verified(json).contains("IDLE"), json.toString());
        }
    }

    @Test
    void greenMailWithoutCredentialsStillReportsWhatItCan() {
        try (GreenMailServer g = GreenMailServer.start()) {
            Map<String, Object> json = probe(null, "probe", "imap://" + g.host() + ":" + g.imapPort() + "/", "--json");
            assertEquals(false, json.get("authenticated"));
            CliProcess.Result text = CliProcess.run(null, "probe", "imap://" + g.host() + ":" + g.imapPort() + "/");
            assertEquals(0, text.code(), text.toString());
            assertTrue(text.out().contains("advertised:") && text.out().contains("latency:"), text.toString());
        }
    }
}
