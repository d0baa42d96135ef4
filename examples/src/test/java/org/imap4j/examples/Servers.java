package org.imap4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.session.TlsOptions;
import org.imap4j.testing.servers.GreenMailServer;

/** What the example tests share: a client configuration for the embedded GreenMail, and captured output. */
final class Servers {
    private Servers() {
    }

    /** Implicit TLS to GreenMail's IMAPS port, trusting its test certificate (host name still verified). */
    static ImapClientConfig.Builder tls(GreenMailServer gm) {
        return ImapClient.builder(gm.host()).port(gm.imapsPort())
                .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(gm.ca()))));
    }

    /** A PrintStream whose text can be read back while the example still writes to it. */
    static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            synchronized (stream) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
