package org.imap4j.session.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.testing.servers.TestCertificates;
import org.junit.jupiter.api.Test;

class HostileServerTest {
    private static Socket connect(HostileServer server) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(server.host(), server.port()), 5000);
        s.setSoTimeout(5000);
        return s;
    }

    private static void write(OutputStream out, String ascii) throws IOException {
        out.write(ascii.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** @return one line without CRLF; an IOException at the end of the stream (also used by ResourceSnapshotTest) */
    static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        if (c < 0) {
            throw new IOException("EOF after: " + b);
        }
        return b.toString().strip();
    }

    @Test
    void scriptReadsDecodedCommandsAndAnswersTyped() throws Exception {
        BlockingQueue<TaggedCommand> seen = new ArrayBlockingQueue<>(4);
        try (HostileServer server = HostileServer.start(peer -> {
            peer.send("* OK test\r\n");
            for (int i = 0; i < 2; i++) {
                TaggedCommand c = peer.readCommand();
                seen.add(c);
                peer.send(new Tagged(c.tag(), Condition.OK, null, "done"));
            }
        }); Socket s = connect(server)) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            assertEquals("* OK test", line(in));
            write(out, "a1 NOOP\r\n");
            assertEquals("a1 OK done", line(in));
            // A synchronizing literal: the peer must ask for it with a continuation request.
            write(out, "a2 LOGIN {5}\r\n");
            assertTrue(line(in).startsWith("+ "));
            write(out, "alice secret\r\n");
            assertEquals("a2 OK done", line(in));
            TaggedCommand first = seen.poll(5, TimeUnit.SECONDS);
            assertInstanceOf(Command.Noop.class, first.command());
            TaggedCommand second = seen.poll(5, TimeUnit.SECONDS);
            Command.Login login = assertInstanceOf(Command.Login.class, second.command());
            assertEquals("alice", login.user());
            assertEquals("a2", second.tag().value());
            assertEquals(1, server.connections());
            assertEquals(List.of(), server.errors());
        }
    }

    @Test
    void unexpectedScriptFailureIsRecordedButClientLeavingIsNot() throws Exception {
        try (HostileServer server = HostileServer.start(peer -> {
            String l = peer.readLine();
            if (l.equals("boom")) {
                throw new IllegalStateException("scripted failure");
            }
        })) {
            try (Socket s = connect(server)) {
                write(s.getOutputStream(), "boom\r\n");
                assertEquals(-1, s.getInputStream().read());
            }
            try (Socket s = connect(server)) {
                s.getOutputStream().flush();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.connections() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            server.close();
            assertEquals(1, server.errors().size(), server.errors()::toString);
            assertInstanceOf(IllegalStateException.class, server.errors().get(0));
        }
    }

    @Test
    void starttlsInjectionSendsBothLinesThenHandshakes() throws Exception {
        try (HostileServer server = HostileServer.start(HostileScripts.starttlsInjection());
                Socket s = connect(server)) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            assertEquals("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] hi", line(in));
            write(out, "a1 STARTTLS\r\n");
            assertEquals("a1 OK begin TLS", line(in));
            assertEquals("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected", line(in));
            SSLSocket tls = (SSLSocket) TestCertificates.clientContext().getSocketFactory()
                    .createSocket(s, "localhost", server.port(), true);
            SSLParameters p = tls.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(p);
            tls.startHandshake();
            write(tls.getOutputStream(), "a2 CAPABILITY\r\n");
            assertEquals("* CAPABILITY IMAP4rev1 AUTH=PLAIN", line(tls.getInputStream()));
            assertEquals("a2 OK done", line(tls.getInputStream()));
            tls.close();
            assertEquals(List.of(), server.errors());
        }
    }

    @Test
    void closeMidLiteralSendsTenOfHundredBytesThenCloses() throws Exception {
        try (HostileServer server = HostileServer.start(HostileScripts.closeMidLiteral());
                Socket s = connect(server)) {
            InputStream in = s.getInputStream();
            line(in);
            write(s.getOutputStream(), "a1 FETCH 1 BODY[]\r\n");
            assertEquals("* 1 FETCH (BODY[] {100}", line(in));
            assertEquals("0123456789", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void stallGreetingSendsNothingUntilClosed() throws Exception {
        ResourceSnapshot before = ResourceSnapshot.take();
        HostileServer server = HostileServer.start(HostileScripts.stallGreeting());
        try (Socket s = connect(server)) {
            s.setSoTimeout(300);
            assertThrowsTimeout(s.getInputStream());
        }
        server.close();
        ResourceSnapshot.take().assertNoLeaks(before, Duration.ofSeconds(5));
    }

    @Test
    void stallForeverNeverAnswers() throws Exception {
        try (HostileServer server = HostileServer.start(HostileScripts.stallForever());
                Socket s = connect(server)) {
            line(s.getInputStream());
            write(s.getOutputStream(), "a1 NOOP\r\n");
            s.setSoTimeout(300);
            assertThrowsTimeout(s.getInputStream());
        }
    }

    @Test
    void hugeLiteralHeaderAnnouncesTwoGigabytes() throws Exception {
        try (HostileServer server = HostileServer.start(HostileScripts.hugeLiteralHeader());
                Socket s = connect(server)) {
            line(s.getInputStream());
            write(s.getOutputStream(), "a1 NOOP\r\n");
            assertEquals("* 1 FETCH (BODY[] {2147483648}", line(s.getInputStream()));
        }
    }

    @Test
    void preauthGreetingOffersStarttls() throws Exception {
        try (HostileServer server = HostileServer.start(HostileScripts.preauthGreeting());
                Socket s = connect(server)) {
            assertEquals("* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome", line(s.getInputStream()));
            write(s.getOutputStream(), "a1 CAPABILITY\r\n");
            assertEquals("* CAPABILITY IMAP4rev1 STARTTLS", line(s.getInputStream()));
            assertEquals("a1 OK done", line(s.getInputStream()));
        }
    }

    @Test
    void noStarttlsRecordsCredentialsAsFailure() throws Exception {
        try (HostileServer server = HostileServer.start(HostileScripts.noStarttls())) {
            try (Socket s = connect(server)) {
                InputStream in = s.getInputStream();
                assertEquals(HostileScripts.PLAIN_GREETING.strip(), line(in));
                write(s.getOutputStream(), "a1 CAPABILITY\r\n");
                assertEquals("* CAPABILITY IMAP4rev1 AUTH=PLAIN", line(in));
                assertEquals("a1 OK done", line(in));
                assertEquals(List.of(), server.errors());
                write(s.getOutputStream(), "a2 LOGIN alice secret1\r\n");
                assertTrue(line(in).startsWith("a2 NO"));
            }
            assertEquals(1, server.errors().size());
            assertInstanceOf(AssertionError.class, server.errors().get(0));
        }
    }

    @Test
    void byeMidCommandClosesAfterBye() throws Exception {
        try (HostileServer server = HostileServer.start(HostileScripts.byeMidCommand());
                Socket s = connect(server)) {
            InputStream in = s.getInputStream();
            line(in);
            write(s.getOutputStream(), "a1 CAPABILITY\r\na2 SELECT INBOX\r\n");
            assertEquals("* CAPABILITY IMAP4rev1 AUTH=PLAIN", line(in));
            assertEquals("a1 OK done", line(in));
            assertEquals("* BYE shutting down", line(in));
            assertEquals(-1, in.read());
        }
    }

    private static void assertThrowsTimeout(InputStream in) {
        try {
            int b = in.read();
            throw new AssertionError("expected silence, read " + b);
        } catch (java.net.SocketTimeoutException expected) {
            // Silence, as scripted.
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
