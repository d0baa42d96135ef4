package org.imap4j.transport.nio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.ImapExchange;
import org.imap4j.testing.ImapHandler;
import org.imap4j.testing.ImapScript;

/**
 * The transport tests' scripted server behaviour: a handler per command type, which a test may set at any time (also
 * while connected); other commands get the scripted server's default answer, and STARTTLS upgrades with the test
 * certificate.
 */
final class CommandRouter implements ImapHandler {
    /** What the transport tests' server announces unless a test says otherwise. */
    static final String[] CAPABILITIES = {"IMAP4rev1", "IDLE", "LITERAL+", "COMPRESS=DEFLATE"};

    private final Map<Class<? extends Command>, ImapHandler> handlers = new ConcurrentHashMap<>();

    /**
     * @param type    the command type
     * @param handler how to answer it from now on
     * @return this router
     */
    CommandRouter on(Class<? extends Command> type, ImapHandler handler) {
        handlers.put(type, handler);
        return this;
    }

    @Override
    public boolean handle(ImapExchange exchange) throws Exception {
        ImapHandler h = handlers.get(exchange.command().getClass());
        return h != null && h.handle(exchange);
    }

    /**
     * @return a script with this router: greeting {@code * OK fake IMAP ready} without capabilities (the transport
     *     asks for them), {@link #CAPABILITIES}, STARTTLS with the test certificate
     */
    ImapScript script() {
        return ImapScript.create()
                .greeting(new Untagged.StatusResponse(Condition.OK, null, "fake IMAP ready"))
                .capabilities(CAPABILITIES)
                .startTls(TestCerts.LOCALHOST.serverContext)
                .handler(this);
    }
}
