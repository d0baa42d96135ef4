package org.imap4j.transport.nio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.session.CommandListener;
import org.imap4j.session.ConnectionListener;
import org.imap4j.session.ImapTransport;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TlsOptions;
import org.imap4j.session.TransportOptions;
import org.imap4j.testing.ImapScript;
import org.imap4j.testing.Responses;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CompressTransportTest {
    // a large SELECT answer crosses several DEFLATE (and TLS) blocks; COMPRESS itself gets the default answer
    private static ImapScript script() {
        String big = "z".repeat(50_000);
        return new CommandRouter().on(Command.Select.class, x -> {
            x.send(Responses.ok(new ResponseCode.Simple(ResponseCode.Kind.ALERT), big));
            x.ok("done");
            return true;
        }).script();
    }

    @Test
    void compressDeflateOverPlainAndTls() throws Exception {
        TlsOptions trusting = TlsOptions.defaults()
                .withTrust(new TlsOptions.Trust.Certificates(List.of(TestCerts.LOCALHOST.certificate)));
        try (NioTransportGroup group = NioTransportGroup.create(2);
                ScriptedImapServer plain = ScriptedImapServer.start(script());
                ScriptedImapServer secure = ScriptedImapServer.start(TestCerts.LOCALHOST.serverContext, script())) {
            for (ScriptedImapServer server : List.of(plain, secure)) {
                TransportOptions o = TransportOptions.builder("localhost").port(server.port())
                        .tlsMode(server == plain ? TlsMode.PLAIN : TlsMode.IMPLICIT).tls(trusting)
                        .readTimeout(Duration.ofSeconds(5)).build();
                ImapTransport t = group.connect(o, ConnectionListener.NONE).get(10, TimeUnit.SECONDS);
                assertFalse(t.isCompressing());
                assertEquals(Condition.OK, t.execute(new Command.Compress("DEFLATE"), CommandListener.NONE).status());
                assertTrue(t.isCompressing());
                for (int i = 0; i < 5; i++) {
                    assertEquals(Condition.OK, t.execute(new Command.Noop(), CommandListener.NONE).status());
                }
                assertEquals(Condition.OK, t.execute(new Command.Select(
                        org.imap4j.codec.core.MailboxName.of("INBOX"), false, null), CommandListener.NONE).status());
                assertTrue(server.received().stream().anyMatch(c -> c.command().equals(new Command.Compress("DEFLATE"))),
                        server.received().toString());
                assertEquals(Condition.OK, t.execute(new Command.Logout(), CommandListener.NONE).status());
            }
        }
    }
}
