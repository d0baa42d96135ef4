package org.imap4j.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.response.Tagged;

/**
 * A scripted IMAP server on loopback, for tests: each accepted connection plays an {@link ImapScript} (the first
 * connection the first script, the second the second, and so on; the last script plays to every later one). Commands
 * are read with the codec's {@link org.imap4j.codec.CommandDecoder} (synchronizing literals get their {@code +}); a command the script
 * does not expect is answered {@code BAD} and recorded as a problem, and {@link #verify(Duration)} reports every
 * problem and every step not played.
 *
 * <p>In handler mode ({@link ImapScript#handler(ImapHandler)}, {@link #serve(ImapHandler)}) commands that no step
 * takes go to the handler; an unreadable command is then answered {@code * BAD} and reported, and the connection
 * goes on; a connection the client drops is not a problem.
 *
 * <p>Each connection has its own daemon thread; {@link #close()} stops them all.
 */
public final class ScriptedImapServer implements AutoCloseable {
    private final ServerSocket listener;
    private final List<ImapScript> scripts;
    /** Each command received, with its bytes as they arrived. */
    private final List<Arrival> received = new CopyOnWriteArrayList<>();

    private record Arrival(TaggedCommand command, Bytes bytes) {
    }
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<Conn> conns = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    private ScriptedImapServer(ServerSocket listener, List<ImapScript> scripts) {
        this.listener = listener;
        this.scripts = scripts;
        Thread t = new Thread(this::acceptLoop, "imap4j-scripted-accept-" + listener.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /**
     * Starts a plain-text server.
     *
     * @param scripts what each connection plays, in connection order (at least one)
     * @return the running server
     * @throws IOException if no loopback port can be bound
     */
    public static ScriptedImapServer start(ImapScript... scripts) throws IOException {
        return start(null, scripts);
    }

    /**
     * Starts a server that speaks TLS from the first byte (imaps), or plain text when {@code tls} is {@code null}.
     *
     * @param tls     the server's TLS context (with its key), or {@code null}
     * @param scripts what each connection plays, in connection order (at least one)
     * @return the running server
     * @throws IOException if no loopback port can be bound
     */
    public static ScriptedImapServer start(SSLContext tls, ImapScript... scripts) throws IOException {
        if (scripts.length == 0) {
            throw new IllegalArgumentException("at least one script");
        }
        ServerSocket ss = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new ScriptedImapServer(ss, List.of(scripts));
    }

    /**
     * Starts a plain-text server in handler mode: the default greeting ({@code IMAP4rev1}), then every command goes
     * to {@code handler}. For another greeting, capabilities or a STARTTLS context, build an {@link ImapScript} with
     * {@link ImapScript#handler(ImapHandler)} and {@link #start(ImapScript...)} it.
     *
     * @param handler answers the commands
     * @return the running server
     * @throws IOException if no loopback port can be bound
     */
    public static ScriptedImapServer serve(ImapHandler handler) throws IOException {
        return start(ImapScript.create().handler(handler));
    }

    /** @return the loopback address's name, {@code 127.0.0.1} */
    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    /** @return the port */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return the commands received so far, on every connection, in arrival order */
    public List<TaggedCommand> received() {
        return received.stream().map(Arrival::command).toList();
    }

    /**
     * What the client wrote for each command, byte for byte (tag, arguments, CRLF, literal bytes and the lines after
     * them), in the order of {@link #received()}: for what the decoded records cannot tell, such as whether a
     * mailbox name was written as UTF-8 or as modified UTF-7 (both decode to the same name). Each command's first
     * 64 KiB are kept (a large APPEND's message is in its decoded record whole; its bytes here are cut there).
     *
     * @return the commands' bytes so far, on every connection, in arrival order
     */
    public List<Bytes> receivedBytes() {
        return received.stream().map(Arrival::bytes).toList();
    }

    /**
     * @return what went wrong so far, as {@link #verify(Duration)} reports it (unexpected or unreadable commands,
     *     handler failures and {@link ImapExchange#fail(String)}), without waiting for steps
     */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** @return how many connections were accepted */
    public int connections() {
        return accepted.get();
    }

    /**
     * Waits until every accepted connection has played all the steps of its script, and fails if a command came that
     * the script did not expect, a command could not be read, or steps were left when the time ran out.
     *
     * @param timeout the longest wait
     * @throws AssertionError naming every problem
     * @throws InterruptedException if interrupted while waiting
     */
    public void verify(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end && (accepted.get() == 0 || !allPlayed())) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        List<String> all = new ArrayList<>(problems);
        if (accepted.get() == 0) {
            all.add("no connection was made");
        }
        for (Conn c : conns) {
            if (c.next < c.script.steps().size()) {
                all.add("connection " + c.number + ": the client never sent " + c.script.steps().get(c.next)
                        .description() + " (step " + (c.next + 1) + " of " + c.script.steps().size() + ")");
            }
        }
        if (!all.isEmpty()) {
            throw new AssertionError("the scripted server saw:\n  " + String.join("\n  ", all));
        }
    }

    private boolean allPlayed() {
        for (Conn c : conns) {
            if (c.next < c.script.steps().size()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing
        }
        for (Conn c : conns) {
            c.close();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return;
            }
            int n = accepted.incrementAndGet();
            Conn c = new Conn(n, s, scripts.get(Math.min(n, scripts.size()) - 1));
            conns.add(c);
            Thread t = new Thread(c::run, "imap4j-scripted-conn-" + n);
            t.setDaemon(true);
            t.start();
        }
    }

    /** One connection playing its script. */
    private final class Conn {
        final int number;
        final Socket socket;
        final ImapScript script;
        volatile int next;

        Conn(int number, Socket socket, ImapScript script) {
            this.number = number;
            this.socket = socket;
            this.script = script;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing
            }
        }

        void run() {
            Wire wire = null;
            try {
                socket.setTcpNoDelay(true);
                wire = new Wire(socket);
                List<byte[]> greeting = script.greetingParts();
                for (int i = 0; i < greeting.size(); i++) {
                    if (i > 0) {
                        TimeUnit.MILLISECONDS.sleep(script.greetingPauseMillis());
                    }
                    wire.write(greeting.get(i));
                }
                while (true) {
                    TaggedCommand tc;
                    try {
                        tc = wire.readCommand();
                    } catch (ImapProtocolException e) {
                        problems.add("connection " + number + ": an unreadable command: " + e.getMessage());
                        if (script.handler() == null) {
                            return;
                        }
                        wire.write("* BAD unreadable command (scripted server)\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        continue;
                    }
                    if (tc == null || !answer(tc, wire)) {
                        return;
                    }
                }
            } catch (IOException e) {
                if (!closed && script.handler() == null) {
                    problems.add("connection " + number + ": " + e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | AssertionError e) {
                if (!closed) {
                    problems.add("connection " + number + ": the handler failed: " + e);
                }
            } finally {
                // after the catch clauses: a problem is recorded before the client sees the connection end
                if (wire != null) {
                    wire.close();
                }
                close();
            }
        }

        /** @return whether to keep reading */
        private boolean answer(TaggedCommand tc, Wire wire) throws Exception {
            received.add(new Arrival(tc, wire.lastCommandBytes()));
            for (ImapScript.Step a : script.alwaysSteps()) {
                if (a.matches(tc.command())) {
                    return play(a, tc, wire);
                }
            }
            List<ImapScript.Step> steps = script.steps();
            if (next < steps.size() && steps.get(next).matches(tc.command())) {
                ImapScript.Step step = steps.get(next);
                boolean go = play(step, tc, wire);
                next++;
                return go;
            }
            ImapHandler handler = script.handler();
            if (handler != null) {
                ImapExchange x = new ImapExchange(wire, tc, script, number, problems::add,
                        c -> received.add(new Arrival(c, wire.lastCommandBytes())));
                if (!handler.handle(x) && !x.ended()) {
                    x.defaultAnswer();
                }
                return !x.ended();
            }
            problems.add("connection " + number + ": unexpected " + tc.command() + (next < steps.size()
                    ? " (the script expects " + steps.get(next).description() + ")" : " (the script has ended)"));
            wire.write(ImapCodec.encodeResponse(new Tagged(tc.tag(), org.imap4j.codec.response.Condition.BAD, null,
                    "unexpected command (scripted server)")));
            return true;
        }

        private boolean play(ImapScript.Step step, TaggedCommand tc, Wire wire)
                throws IOException, InterruptedException {
            for (ImapScript.Action a : step.actions()) {
                if (a instanceof ImapScript.Action.Send send) {
                    wire.write(send.bytes());
                } else if (a instanceof ImapScript.Action.Complete c) {
                    wire.write(ImapCodec.encodeResponse(new Tagged(tc.tag(), c.status(), c.code(), c.text())));
                } else if (a instanceof ImapScript.Action.AwaitDone) {
                    String line = wire.readLine();
                    if (line == null) {
                        return false;
                    }
                    if (!line.equalsIgnoreCase("DONE")) {
                        problems.add("connection " + number + ": expected DONE after IDLE, got " + line);
                    }
                } else if (a instanceof ImapScript.Action.Pause p) {
                    TimeUnit.MILLISECONDS.sleep(p.millis());
                } else if (a instanceof ImapScript.Action.Close) {
                    wire.close();
                    return false;
                } else {
                    // Hang: read and drop whatever comes until the client gives up
                    wire.drain();
                    return false;
                }
            }
            return true;
        }
    }
}
