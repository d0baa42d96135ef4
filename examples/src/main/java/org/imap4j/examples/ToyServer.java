package org.imap4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.CommandDecoder;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Continuation;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * The codec's server half: a toy IMAP server that decodes commands with {@link CommandDecoder} (bytes split
 * anywhere, synchronizing literals included) and answers with typed {@link Response} values encoded by
 * {@link ImapCodec#encodeResponse}; no response is written by hand. It knows CAPABILITY, LOGIN, SELECT/EXAMINE of
 * an INBOX holding a fixed number of messages, NOOP and LOGOUT, and answers anything else with a tagged BAD.
 *
 * <p>The same two calls make test servers, protocol proxies and fault injectors: decode what the client sent as a
 * {@link TaggedCommand}, inspect or change it, encode a {@link Response}. The shape of the loop is the point here; a
 * real server adds TLS, a mailbox store, and a limit on the connections it accepts.
 *
 * <p>Run it, then talk to it with any IMAP client, for example {@code telnet 127.0.0.1 1143} and
 * {@code a LOGIN alice secret}:
 *
 * <pre>
 * java -cp "$CP" org.imap4j.examples.ToyServer 1143 alice secret
 * </pre>
 *
 * <p>with {@code CP} the class path that {@code examples/README.md} says how to build (one {@code mvn}
 * command after {@code mvn install}); or run the class from an IDE that has the project open.
 *
 * <p>{@code ToyServerTest} has imap4j's own client log in (with a password sent as a synchronizing literal), select,
 * and get a BAD for a command the toy does not know.
 */
public final class ToyServer implements AutoCloseable {
    private static final List<Capability> CAPABILITIES = List.of(Capability.Known.IMAP4REV1);

    private final ServerSocket listener;
    private final String user;
    private final Secret password;
    private final int messages;
    private final List<String> received = new CopyOnWriteArrayList<>();

    private ToyServer(ServerSocket listener, String user, Secret password, int messages) {
        this.listener = listener;
        this.user = user;
        this.password = password;
        this.messages = messages;
    }

    /**
     * @param args port, user, password
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ToyServer PORT USER PASSWORD");
            System.exit(2);
        }
        ToyServer server = new ToyServer(new ServerSocket(Integer.parseInt(args[0]), 50,
                InetAddress.getLoopbackAddress()), args[1], Secret.of(args[2]), 3);
        System.out.println("listening on 127.0.0.1:" + server.port());
        server.acceptLoop();
    }

    /**
     * Starts a server on an ephemeral loopback port, accepting connections on a daemon thread.
     *
     * @param user     the one user
     * @param password its password
     * @param messages how many messages INBOX claims to hold
     * @return the running server
     * @throws IOException if no port can be bound
     */
    public static ToyServer start(String user, Secret password, int messages) throws IOException {
        ToyServer server = new ToyServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), user, password,
                messages);
        Thread t = new Thread(server::acceptLoop, "toy-imap-accept");
        t.setDaemon(true);
        t.start();
        return server;
    }

    /** @return the port the server listens on */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return every command received, as its tag and name ({@code a1 LOGIN}), across all connections */
    public List<String> received() {
        return List.copyOf(received);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                Thread t = new Thread(() -> serve(s), "toy-imap-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;   // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            CommandDecoder decoder = new CommandDecoder(CodecLimits.defaults(), Set.of());
            send(out, new Untagged.StatusResponse(Condition.OK, new ResponseCode.Capabilities(CAPABILITIES),
                    "toy server ready"));
            byte[] buf = new byte[8192];
            boolean authenticated = false;
            while (true) {
                TaggedCommand c;
                try {
                    c = decoder.next();
                } catch (ImapProtocolException e) {
                    // not a command: say so and end, since what follows cannot be trusted to be framed
                    send(out, new Untagged.StatusResponse(Condition.BYE, null, "that was not an IMAP command"));
                    return;
                }
                if (c == null) {
                    if (decoder.awaitingLiteral()) {
                        // the client announced {n} and waits for permission before sending n bytes
                        send(out, new Continuation(null, "go ahead"));
                    }
                    int n = in.read(buf);
                    if (n < 0) {
                        return;
                    }
                    decoder.feed(ByteBuffer.wrap(buf, 0, n));
                    continue;
                }
                Command cmd = c.command();
                received.add(c.tag().value() + " " + name(cmd));
                if (cmd instanceof Command.Logout) {
                    send(out, new Untagged.StatusResponse(Condition.BYE, null, "toy server signing off"));
                    send(out, new Tagged(c.tag(), Condition.OK, null, "LOGOUT completed"));
                    return;
                } else if (cmd instanceof Command.Capability) {
                    send(out, new Untagged.Capabilities(CAPABILITIES));
                    send(out, new Tagged(c.tag(), Condition.OK, null, "CAPABILITY completed"));
                } else if (cmd instanceof Command.Noop) {
                    send(out, new Tagged(c.tag(), Condition.OK, null, "NOOP completed"));
                } else if (cmd instanceof Command.Login) {
                    Command.Login login = (Command.Login) cmd;
                    authenticated = login.user().equals(user) && login.password().equals(password);
                    send(out, authenticated
                            ? new Tagged(c.tag(), Condition.OK, null, "LOGIN completed")
                            : new Tagged(c.tag(), Condition.NO,
                                    new ResponseCode.Simple(ResponseCode.Kind.AUTHENTICATIONFAILED), "no"));
                } else if (authenticated && (cmd instanceof Command.Select || cmd instanceof Command.Examine)) {
                    select(out, c);
                } else {
                    send(out, new Tagged(c.tag(), Condition.BAD, null, "the toy server does not do " + name(cmd)));
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void select(OutputStream out, TaggedCommand c) throws IOException {
        boolean examine = c.command() instanceof Command.Examine;
        boolean inbox = examine ? ((Command.Examine) c.command()).mailbox().isInbox()
                : ((Command.Select) c.command()).mailbox().isInbox();
        if (!inbox) {
            send(out, new Tagged(c.tag(), Condition.NO, new ResponseCode.Simple(ResponseCode.Kind.NONEXISTENT),
                    "only INBOX here"));
            return;
        }
        send(out, new Untagged.Flags(List.of(Flag.SEEN, Flag.FLAGGED, Flag.DELETED)));
        send(out, new Untagged.Exists(messages));
        send(out, new Untagged.StatusResponse(Condition.OK, new ResponseCode.UidValidity(1), "UIDs valid"));
        send(out, new Untagged.StatusResponse(Condition.OK, new ResponseCode.UidNext(messages + 1L), "next UID"));
        send(out, new Tagged(c.tag(), Condition.OK, new ResponseCode.Simple(
                examine ? ResponseCode.Kind.READ_ONLY : ResponseCode.Kind.READ_WRITE), "done"));
    }

    private static String name(Command cmd) {
        return cmd.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    }

    private static void send(OutputStream out, Response response) throws IOException {
        out.write(ImapCodec.encodeResponse(response));
        out.flush();
    }

    /** Stops accepting connections (those open end when their clients leave). */
    @Override
    public void close() throws IOException {
        listener.close();
    }
}
