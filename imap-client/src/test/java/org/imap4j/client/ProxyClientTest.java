package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.session.ImapProxyException;
import org.imap4j.session.ProxyOptions;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TlsOptions;
import org.imap4j.testing.servers.GreenMailServer;
import org.imap4j.session.testing.TestProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client's builder reaches the server through a proxy, on both transports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyClientTest {
    private GreenMailServer greenMail;

    @BeforeAll
    void start() {
        greenMail = GreenMailServer.start();
    }

    @AfterAll
    void stop() {
        greenMail.close();
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void theBuilderConnectsThroughAnHttpProxyWithImplicitTls(ImapClientConfig.Transport transport) {
        try (TestProxy proxy = TestProxy.http().credentials("me", "pw").alias("localhost", "127.0.0.1").start()) {
            ImapClientConfig.Builder b = ImapClient.builder("localhost").port(greenMail.imapsPort())
                    .transport(transport)
                    .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(greenMail.ca()))))
                    .proxy(ProxyOptions.httpConnect(proxy.host(), proxy.port()).withCredentials("me", Secret.of("pw")))
                    .resolver(host -> {
                        throw new UnknownHostException("the proxy resolves " + host);
                    })
                    .connectAttemptDelay(Duration.ofMillis(100)).connectTimeout(Duration.ofSeconds(10));
            try (ImapClient c = b.connect()) {
                c.login(GreenMailServer.USER, GreenMailServer.PASSWORD);
                c.select(MailboxName.INBOX);
            }
            assertEquals(1, proxy.requests().size());
            assertTrue(proxy.requests().get(0).authenticated());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aRefusingSocksProxyFailsTheConnect(ImapClientConfig.Transport transport) {
        try (TestProxy proxy = TestProxy.socks5().behaviour(TestProxy.Behaviour.REFUSE).start()) {
            ImapClientConfig.Builder b = ImapClient.builder("imap.test").port(greenMail.imapPort())
                    .tlsMode(TlsMode.PLAIN).transport(transport)
                    .resolver(host -> List.of(InetAddress.getLoopbackAddress()))
                    .proxy(ProxyOptions.socks5(proxy.host(), proxy.port()));
            ImapProxyException e = assertThrows(ImapProxyException.class, b::connect);
            assertEquals(5, e.replyCode(), e::toString);
        }
    }
}
