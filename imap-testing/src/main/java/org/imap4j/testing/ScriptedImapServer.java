package org.imap4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.CommandDecoder;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.response.Tagged;

/**
 * A scripted IMAP server on loopback, for tests: each accepted connection plays an {@link ImapScript} (the first
 * connection the first script, the second the second, and so on; the last script plays to every later one). Commands
 * are read with the codec's {@link CommandDecoder} (synchronizing literals get their {@code +}); a command the script
 * does not expect is answered {@code BAD} and recorded as a problem, and {@link #verify(Duration)} reports every
 * problem and every step not played.
 *
 * <p>Each connection has its own daemon thread; {@link #close()} stops them all.
 */
public final class ScriptedImapServer implements AutoCloseable {
    private final ServerSocket listener;
    private final List<ImapScript> scripts;
    private final List<TaggedCommand> received = new CopyOnWriteArrayList<>();
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
        return List.copyOf(received);
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
            try (Socket s = socket) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                out.write(script.greetingBytes());
                out.flush();
                CommandDecoder decoder = new CommandDecoder(CodecLimits.defaults(), Set.of());
                byte[] buf = new byte[16 << 10];
                boolean continued = false;
                int n;
                while ((n = in.read(buf)) > 0) {
                    decoder.feed(ByteBuffer.wrap(buf, 0, n));
                    TaggedCommand tc;
                    while ((tc = decoder.next()) != null) {
                        if (!answer(tc, in, out)) {
                            return;
                        }
                    }
                    if (decoder.awaitingLiteral()) {
                        if (!continued) {
                            out.write("+ go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            continued = true;
                        }
                    } else {
                        continued = false;
                    }
                }
            } catch (ImapProtocolException e) {
                problems.add("connection " + number + ": an unreadable command: " + e.getMessage());
            } catch (IOException e) {
                if (!closed) {
                    problems.add("connection " + number + ": " + e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** @return whether to keep reading */
        private boolean answer(TaggedCommand tc, InputStream in, OutputStream out)
                throws IOException, InterruptedException {
            received.add(tc);
            for (ImapScript.Step a : script.alwaysSteps()) {
                if (a.matches(tc.command())) {
                    return play(a, tc, in, out);
                }
            }
            List<ImapScript.Step> steps = script.steps();
            if (next < steps.size() && steps.get(next).matches(tc.command())) {
                ImapScript.Step step = steps.get(next);
                boolean go = play(step, tc, in, out);
                next++;
                return go;
            }
            problems.add("connection " + number + ": unexpected " + tc.command() + (next < steps.size()
                    ? " (the script expects " + steps.get(next).description() + ")" : " (the script has ended)"));
            out.write(ImapCodec.encodeResponse(new Tagged(tc.tag(), org.imap4j.codec.response.Condition.BAD, null,
                    "unexpected command (scripted server)")));
            out.flush();
            return true;
        }

        private boolean play(ImapScript.Step step, TaggedCommand tc, InputStream in, OutputStream out)
                throws IOException, InterruptedException {
            for (ImapScript.Action a : step.actions()) {
                if (a instanceof ImapScript.Action.Send send) {
                    out.write(send.bytes());
                    out.flush();
                } else if (a instanceof ImapScript.Action.Complete c) {
                    out.write(ImapCodec.encodeResponse(new Tagged(tc.tag(), c.status(), c.code(), c.text())));
                    out.flush();
                } else if (a instanceof ImapScript.Action.AwaitDone) {
                    String line = readLine(in);
                    if (line == null) {
                        return false;
                    }
                    if (!line.equalsIgnoreCase("DONE")) {
                        problems.add("connection " + number + ": expected DONE after IDLE, got " + line);
                    }
                } else if (a instanceof ImapScript.Action.Pause p) {
                    TimeUnit.MILLISECONDS.sleep(p.millis());
                } else if (a instanceof ImapScript.Action.Close) {
                    socket.close();
                    return false;
                } else {
                    // Hang: read and drop whatever comes until the client gives up
                    byte[] sink = new byte[4096];
                    while (in.read(sink) > 0) {
                        continue;
                    }
                    return false;
                }
            }
            return true;
        }

        private String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    String s = line.toString(StandardCharsets.UTF_8);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                if (line.size() > 8192) {
                    throw new IOException("a line of more than 8 KiB while waiting for DONE");
                }
                line.write(b);
            }
            return null;
        }
    }
}
