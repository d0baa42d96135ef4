package org.imap4j.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.imap4j.session.TlsMode;
import org.imap4j.session.testing.HostileServer;

/**
 * A line-level scripted IMAP server for the hostile-server tests of this package's new classes: it greets with
 * {@code IMAP4rev1 IDLE} capabilities, reads one command line at a time, lets a {@link Handler} answer what the test is
 * about, and answers everything else with a plain {@code OK} (SELECT with three messages).
 */
final class ScriptedImap {
    /** The greeting: capabilities inline, so the client sends nothing before the test's commands. */
    static final String GREETING = "* OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] scripted server ready\r\n";

    private ScriptedImap() {
    }

    /** Answers one command line, or declines it. */
    @FunctionalInterface
    interface Handler {
        /**
         * @param peer the connection
         * @param tag  the command's tag
         * @param verb the command's verb, upper case ({@code UID FETCH} is {@code "UID"} with the rest in line)
         * @param line the whole line without CRLF
         * @return whether it answered; otherwise the default answer is sent
         * @throws Exception anything (ends the connection)
         */
        boolean answer(HostileServer.Peer peer, String tag, String verb, String line) throws Exception;
    }

    /**
     * @param handler what the test is about
     * @return the running server
     * @throws IOException if it cannot listen
     */
    static HostileServer start(Handler handler) throws IOException {
        return HostileServer.start(peer -> {
            peer.send(GREETING);
            while (true) {
                String line = peer.readLine();
                int sp = line.indexOf(' ');
                if (sp < 0) {
                    continue; // DONE and other untagged lines the handler did not take
                }
                String tag = line.substring(0, sp);
                String verb = line.substring(sp + 1).split(" ", 2)[0].toUpperCase(Locale.ROOT);
                if (handler.answer(peer, tag, verb, line)) {
                    continue;
                }
                if (verb.equals("LOGOUT")) {
                    peer.send("* BYE bye\r\n" + tag + " OK LOGOUT done\r\n");
                    return;
                }
                if (verb.equals("SELECT") || verb.equals("EXAMINE")) {
                    peer.send("* 3 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 40] ok\r\n" + tag
                            + " OK [READ-WRITE] selected\r\n");
                    continue;
                }
                peer.send(tag + " OK done\r\n");
            }
        });
    }

    /**
     * @param server    the server
     * @param transport which transport
     * @return a cleartext client builder for it (loopback: nothing real is at stake)
     */
    static ImapClientConfig.Builder client(HostileServer server, ImapClientConfig.Transport transport) {
        return ImapClient.builder("127.0.0.1").port(server.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(transport).readTimeout(Duration.ofSeconds(20));
    }
}
