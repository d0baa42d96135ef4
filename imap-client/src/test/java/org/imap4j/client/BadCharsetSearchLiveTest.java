package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.DovecotServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The BADCHARSET fallback against real mail: Dovecot holds the messages, and a relay in front of it answers every
 * command that carries {@code CHARSET UTF-8} with {@code NO [BADCHARSET (US-ASCII)]} (no server installed here can be
 * configured to refuse UTF-8; Dovecot, Cyrus, Courier and GreenMail all accept it). Each search's answer through the
 * relay, built by the client-side filter, must equal Dovecot's own answer to the same search sent directly.
 */
class BadCharsetSearchLiveTest {
    private static final AtomicInteger BOXES = new AtomicInteger();

    /** A loopback relay to a real server that refuses, itself, every command whose first line has CHARSET UTF-8. */
    static final class RefusingRelay implements AutoCloseable {
        private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)(\\+?)\\}\r?\n$");
        private final ServerSocket listener;
        private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger refused = new AtomicInteger();

        RefusingRelay(String host, int port) throws IOException {
            listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                try {
                    while (true) {
                        Socket client = listener.accept();
                        Socket server = new Socket(host, port);
                        sockets.add(client);
                        sockets.add(server);
                        OutputStream toClient = client.getOutputStream();
                        daemon(() -> copy(server.getInputStream(), toClient));
                        daemon(() -> commands(client.getInputStream(), toClient, server.getOutputStream()));
                    }
                } catch (IOException closed) {
                    // the listener was closed
                }
            }, "refusing-relay");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private interface IoRunnable {
            void run() throws IOException;
        }

        private static void daemon(IoRunnable r) {
            Thread t = new Thread(() -> {
                try {
                    r.run();
                } catch (IOException closed) {
                    // the connection ended
                }
            }, "refusing-relay-io");
            t.setDaemon(true);
            t.start();
        }

        private static void copy(InputStream in, OutputStream out) throws IOException {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                synchronized (out) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            }
        }

        private static byte[] line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c; (c = in.read()) >= 0; ) {
                b.write(c);
                if (c == '\n') {
                    return b.toByteArray();
                }
            }
            throw new IOException("closed");
        }

        /** Forwards each command as it comes, or swallows one that asks for CHARSET UTF-8 and refuses it. */
        private void commands(InputStream in, OutputStream toClient, OutputStream toServer) throws IOException {
            while (true) {
                byte[] first = line(in);
                String text = new String(first, StandardCharsets.ISO_8859_1);
                boolean refuse = text.toUpperCase(java.util.Locale.ROOT).contains(" CHARSET UTF-8 ");
                byte[] part = first;
                while (true) {
                    if (!refuse) {
                        toServer.write(part);
                        toServer.flush();
                    }
                    Matcher m = LITERAL.matcher(new String(part, StandardCharsets.ISO_8859_1));
                    if (!m.find()) {
                        break;
                    }
                    if (refuse && m.group(2).isEmpty()) {
                        synchronized (toClient) {
                            toClient.write("+ go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
                            toClient.flush();
                        }
                    }
                    byte[] literal = in.readNBytes(Integer.parseInt(m.group(1)));
                    if (!refuse) {
                        toServer.write(literal);
                    }
                    part = line(in);
                }
                if (refuse) {
                    refused.incrementAndGet();
                    String tag = text.substring(0, text.indexOf(' '));
                    synchronized (toClient) {
                        toClient.write((tag + " NO [BADCHARSET (US-ASCII)] this relay refuses UTF-8\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        toClient.flush();
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    private static Bytes message(String from, String subject) {
        return Bytes.of(("From: " + from + "\r\nTo: x@example.org\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + System.nanoTime() + "@example.org>\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static ImapClient client(String host, int port, ImapClientConfig.Transport transport) {
        ImapClient c = ImapClient.builder(host).port(port).tlsMode(TlsMode.PLAIN).allowCleartextPasswords(true)
                .transport(transport).readTimeout(Duration.ofSeconds(20)).connect();
        c.login(DovecotServer.USER, DovecotServer.PASSWORD);
        return c;
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void filteredAnswersEqualDovecotsOwn(ImapClientConfig.Transport transport) throws Exception {
        try (DovecotServer d = DovecotServer.startOrSkip();
                RefusingRelay relay = new RefusingRelay(d.host(), d.imapPort());
                ImapClient direct = client(d.host(), d.imapPort(), transport);
                ImapClient refused = client("127.0.0.1", relay.port(), transport)) {
            MailboxName box = MailboxName.of("charset" + BOXES.incrementAndGet());
            direct.create(box);
            direct.append(box, message("Anna <anna@example.org>", "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?= aus Berlin"));
            direct.append(box, message("=?ISO-8859-1?Q?J=FCrgen?= <j@example.org>", "hello"), Flag.SEEN);
            direct.append(box, message("Bob <bob@example.org>", "Gr\u00fc\u00dfe zur\u00fcck"));
            direct.append(box, message("Carl <c@example.org>", "unrelated"), Flag.SEEN);
            direct.select(box);
            refused.select(box);
            List<SearchKey> searches = List.of(
                    SearchKey.subject("gr\u00fc\u00dfe"),
                    SearchKey.and(SearchKey.subject("GR\u00dc\u00dfE"), SearchKey.unseen()),
                    SearchKey.not(SearchKey.from("j\u00fcrgen")),
                    SearchKey.or(SearchKey.from("J\u00fcrgen"), SearchKey.subject("zur\u00fcck")),
                    SearchKey.header("Subject", "gr\u00fc\u00dfe aus"),
                    SearchKey.and(SearchKey.subject("gr\u00fc\u00dfe"), SearchKey.not(SearchKey.subject("berlin"))),
                    SearchKey.subject("nirgendwo \u00e4"));
            List<List<Long>> expected = new ArrayList<>();
            for (SearchKey k : searches) {
                List<Long> own = direct.search(k).ids();
                expected.add(own);
                assertEquals(own, refused.search(k).ids(), "through the refusing relay: " + k);
                assertEquals(direct.bySequence().search(k).ids(), refused.bySequence().search(k).ids(),
                        "by sequence number: " + k);
            }
            assertFalse(expected.get(0).isEmpty(), "the data holds matches: " + expected);
            assertTrue(relay.refused.get() >= searches.size(), "every first attempt was refused by the relay");
            assertEquals(List.of(Fallback.Kind.BADCHARSET_FILTERED),
                    refused.fallbacks().stream().map(Fallback::kind).distinct().toList());
            assertEquals(List.of(), direct.fallbacks().stream()
                    .filter(f -> f.kind() == Fallback.Kind.BADCHARSET_FILTERED).toList());
        }
    }
}
