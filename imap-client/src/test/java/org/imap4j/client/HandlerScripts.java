package org.imap4j.client;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.ImapHandler;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.ScriptedImapServer;

/**
 * The typed scripted server ({@link ScriptedImapServer} in handler mode) as this package's tests use it: a greeting
 * with {@code IMAP4rev1 IDLE UIDPLUS} inline, so the client sends nothing before the test's commands, and the
 * handler answers what the test is about; the rest gets the default answer (SELECT with three messages, LOGOUT with
 * BYE, anything else OK).
 */
final class HandlerScripts {
    /** The capabilities of the greeting and of the default CAPABILITY answer. */
    static final List<String> CAPABILITIES = List.of("IMAP4rev1", "IDLE", "UIDPLUS");

    private HandlerScripts() {
    }

    /**
     * @param handler what the test is about
     * @return the script: the greeting, then the handler
     */
    static ImapScript script(ImapHandler handler) {
        return ImapScript.create()
                .greeting(new Untagged.StatusResponse(Condition.OK, new ResponseCode.Capabilities(
                        CAPABILITIES.stream().map(Capability::of).toList()), "scripted server ready"))
                .capabilities(CAPABILITIES.toArray(String[]::new))
                .handler(handler);
    }

    /**
     * @param handler what the test is about
     * @return the running server
     * @throws IOException if it cannot listen
     */
    static ScriptedImapServer start(ImapHandler handler) throws IOException {
        return ScriptedImapServer.start(script(handler));
    }

    /**
     * @param server    the server
     * @param transport which transport
     * @return a cleartext client builder for it (loopback: nothing real is at stake)
     */
    static ImapClientConfig.Builder client(ScriptedImapServer server, ImapClientConfig.Transport transport) {
        return ImapClient.builder("127.0.0.1").port(server.port()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(transport).readTimeout(Duration.ofSeconds(20));
    }
}
