package org.imap4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.imap4j.codec.CommandHandle;
import org.imap4j.codec.EngineConfig;
import org.imap4j.codec.EngineEvent;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapEngine;
import org.imap4j.codec.ImapTimeoutException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * Only the codec, in a stack of your own: a small non-blocking loop on a {@link SocketChannel} and a
 * {@link Selector} drives the sans-I/O {@link ImapEngine} (no imap4j transport, session or client) through LOGIN,
 * SELECT, {@code UID FETCH 1:* (UID ENVELOPE)} and LOGOUT, and prints the subjects.
 *
 * <p>The engine does the protocol: it assigns tags, encodes commands into bytes ({@link ImapEngine#pollOutput()}),
 * frames and parses what arrives ({@link ImapEngine#receive}, {@link ImapEngine#next()}), routes each untagged
 * response to its command and reports typed {@link EngineEvent}s. The loop below does only the I/O: write what the
 * engine has to send, read what the socket has, hand it over. The same engine fits a Netty handler, a virtual-thread
 * socket or an io_uring binding in the same way.
 *
 * <p>Left out for brevity, and what a real stack adds: TLS (an {@code SSLEngine} between the socket and the engine;
 * this example talks cleartext, for a server on loopback only), several commands in flight, streamed literals
 * ({@link EngineEvent.LiteralChunk}, for bodies above {@code CodecLimits.literalStreamThreshold()}), STARTTLS and
 * COMPRESS ({@link EngineEvent.StartTls}, {@link EngineEvent.CompressionStarted}).
 *
 * <p>Run it against a cleartext IMAP port (for example a local Dovecot or GreenMail on 143/3143):
 *
 * <pre>
 * IMAP_PASSWORD=... java -cp "$CP" org.imap4j.examples.CodecOnlyClient 127.0.0.1 3143 alice
 * </pre>
 *
 * <p>with {@code CP} the class path that {@code examples/README.md} says how to build (one {@code mvn}
 * command after {@code mvn install}); or run the class from an IDE that has the project open.
 *
 * <p>{@code CodecOnlyClientTest} runs it against an embedded GreenMail.
 */
public final class CodecOnlyClient implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ImapEngine engine = new ImapEngine(EngineConfig.defaults());
    private final SocketChannel channel;
    private final Selector selector;
    /** Bytes polled from the engine and not yet fully written: the engine wants each written whole, in order. */
    private ByteBuffer unwritten;

    private CodecOnlyClient(SocketChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    /**
     * @param args host, port and user; the password is read from the {@code IMAP_PASSWORD} environment variable
     * @throws IOException if the connection fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3 || System.getenv("IMAP_PASSWORD") == null) {
            System.err.println("usage: IMAP_PASSWORD=... CodecOnlyClient HOST PORT USER");
            System.exit(2);
        }
        run(args[0], Integer.parseInt(args[1]), args[2], Secret.of(System.getenv("IMAP_PASSWORD")), System.out);
    }

    /**
     * Logs in, selects INBOX, fetches every envelope and logs out.
     *
     * @param host     the server
     * @param port     its cleartext IMAP port
     * @param user     the user
     * @param password the password
     * @param out      where to print
     * @return the subjects of the messages in INBOX, in UID order as the server sent them
     * @throws IOException if the connection fails
     */
    public static List<String> run(String host, int port, String user, Secret password, PrintStream out)
            throws IOException {
        try (CodecOnlyClient c = open(host, port)) {
            out.println("greeting: " + c.greeting());
            c.execute(new Command.Login(user, password), data -> { });
            c.execute(Command.Select.of(MailboxName.INBOX), data -> {
                if (data instanceof Untagged.Exists) {
                    out.println(((Untagged.Exists) data).count() + " messages in INBOX");
                }
            });
            List<String> subjects = new ArrayList<>();
            c.execute(new Command.Fetch(SequenceSet.range(1, SequenceSet.STAR),
                    List.of(FetchAttribute.Item.UID, FetchAttribute.Item.ENVELOPE), true, null, false), data -> {
                        if (data instanceof Untagged.Fetch) {
                            long uid = 0;
                            String subject = null;
                            for (FetchItem item : ((Untagged.Fetch) data).items()) {
                                if (item instanceof FetchItem.Uid) {
                                    uid = ((FetchItem.Uid) item).uid();
                                } else if (item instanceof FetchItem.EnvelopeItem) {
                                    subject = ((FetchItem.EnvelopeItem) item).envelope().subject();
                                }
                            }
                            out.println(uid + "  " + subject);
                            subjects.add(subject);
                        }
                    });
            c.execute(new Command.Logout(), data -> { });
            return subjects;
        }
    }

    private static CodecOnlyClient open(String host, int port) throws IOException {
        SocketChannel ch = SocketChannel.open();
        Selector sel = Selector.open();
        try {
            ch.configureBlocking(false);
            ch.register(sel, SelectionKey.OP_CONNECT);
            if (!ch.connect(new InetSocketAddress(host, port))) {
                do {
                    select(sel);
                } while (!ch.finishConnect());
            }
            return new CodecOnlyClient(ch, sel);
        } catch (IOException | RuntimeException e) {
            sel.close();
            ch.close();
            throw e;
        }
    }

    private String greeting() throws IOException {
        EngineEvent e = nextEvent();
        while (!(e instanceof EngineEvent.Greeting)) {
            e = nextEvent();
        }
        Untagged g = ((EngineEvent.Greeting) e).response();
        if (g instanceof Untagged.StatusResponse && ((Untagged.StatusResponse) g).status() == Condition.BYE) {
            throw new ImapConnectionException("the server refused the connection: " + g);
        }
        return g instanceof Untagged.StatusResponse ? ((Untagged.StatusResponse) g).text() : g.toString();
    }

    /**
     * Sends one command and waits for its completion, giving its untagged responses to {@code onData}.
     */
    private Tagged execute(Command command, Consumer<Untagged> onData) throws IOException {
        CommandHandle handle = engine.submit(command);
        while (true) {
            EngineEvent e = nextEvent();
            if (e instanceof EngineEvent.Data && ((EngineEvent.Data) e).handle() == handle) {
                onData.accept(((EngineEvent.Data) e).response());
            } else if (e instanceof EngineEvent.Completed && ((EngineEvent.Completed) e).handle() == handle) {
                Tagged t = ((EngineEvent.Completed) e).response();
                if (t.status() != Condition.OK) {
                    throw ImapCommandException.of(t, command.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT));
                }
                return t;
            } else if (e instanceof EngineEvent.CommandFailed && ((EngineEvent.CommandFailed) e).handle() == handle) {
                throw ((EngineEvent.CommandFailed) e).cause();
            }
            // anything else (unsolicited data, state changes) is not this example's business
        }
    }

    /** The I/O loop: returns the engine's next event, writing and reading the socket until there is one. */
    private EngineEvent nextEvent() throws IOException {
        while (true) {
            EngineEvent e = engine.next();
            if (e != null) {
                return e;
            }
            write();
            SelectionKey key = channel.keyFor(selector);
            key.interestOps(SelectionKey.OP_READ | (unwritten != null ? SelectionKey.OP_WRITE : 0));
            select(selector);
            if (key.isWritable()) {
                write();
            }
            if (key.isReadable()) {
                ByteBuffer in = engine.inputBuffer(16 * 1024);
                int n = channel.read(in);
                if (n < 0) {
                    // the engine fails what is pending (or completes a LOGOUT after BYE) and reports it as events
                    engine.connectionLost(new ImapConnectionException("the server closed the connection"));
                } else {
                    engine.commitInput(n);
                }
            }
        }
    }

    /** Writes what the engine has to send, as far as the socket takes it now. */
    private void write() throws IOException {
        while (true) {
            if (unwritten == null) {
                unwritten = engine.pollOutput();
                if (unwritten == null) {
                    return;
                }
            }
            channel.write(unwritten);
            if (unwritten.hasRemaining()) {
                return;   // the socket's buffer is full: OP_WRITE tells when to go on
            }
            unwritten = null;
        }
    }

    private static void select(Selector selector) throws IOException {
        selector.selectedKeys().clear();
        if (selector.select(TIMEOUT.toMillis()) == 0) {
            throw new ImapTimeoutException("nothing happened on the connection for " + TIMEOUT.toSeconds() + " s");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
