package org.imap4j.benchmarks.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A scripted IMAP server for the push-scale job, run as its own process so that its heap is not the client's: one
 * selector thread, as many connections as the client opens, and just enough of IMAP for a client to log in, select
 * INBOX and idle (LOGIN, CAPABILITY, SELECT/EXAMINE, NOOP, IDLE/DONE, LOGOUT; anything else is answered OK). It
 * pushes at once, with no per-client process or notification batching in the way: a line {@code push N} on standard
 * input makes it write {@code * N EXISTS} followed by {@code * OK [ALERT] sent T} to every idling connection, T being
 * {@link System#nanoTime()} just before that connection's write (on Linux the monotonic clock is the same for every
 * process, so the client can subtract it from its own). Prints {@code port P} on standard output when listening and
 * {@code pushed N to K} after each push.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.imap4j.benchmarks.e2e.PushServer
 * </pre>
 */
public final class PushServer {
    private static final byte[] GREETING =
            "* OK [CAPABILITY IMAP4rev1 IDLE LITERAL+ AUTH=PLAIN] push server ready\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Per-connection state: the bytes of a partial line, and whether it idles. */
    private static final class Conn {
        final SocketChannel channel;
        final StringBuilder line = new StringBuilder();
        String idleTag;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private PushServer() {
    }

    /**
     * @param args none
     * @throws IOException when the port cannot be opened
     */
    public static void main(String[] args) throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 16_384);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        System.out.println("port " + ((InetSocketAddress) server.getLocalAddress()).getPort());
        System.out.flush();
        ConcurrentLinkedQueue<long[]> pushes = new ConcurrentLinkedQueue<>();
        Thread stdin = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String l;
                while ((l = in.readLine()) != null) {
                    if (l.startsWith("push ")) {
                        // "push N" writes to every connection at once; "push N MILLIS" spreads the writes evenly
                        // over MILLIS, one connection at a time (per-event latency apart from a burst's queue)
                        String[] w = l.substring(5).trim().split(" +");
                        pushes.add(new long[] {Long.parseLong(w[0]), w.length > 1 ? Long.parseLong(w[1]) : 0});
                        selector.wakeup();
                    }
                }
            } catch (IOException ignored) {
                // the runner went away
            }
            System.exit(0);
        }, "stdin");
        stdin.setDaemon(true);
        stdin.start();
        List<Conn> conns = new ArrayList<>();
        ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        while (true) {
            selector.select();
            long[] push;
            while ((push = pushes.poll()) != null) {
                long n = push[0];
                long gap = conns.isEmpty() ? 0 : push[1] * 1_000_000L / conns.size();
                long next = System.nanoTime();
                int k = 0;
                for (Conn c : conns) {
                    if (c.idleTag != null && c.channel.isOpen()) {
                        if (gap > 0) {
                            next += gap;
                            long wait;
                            while ((wait = next - System.nanoTime()) > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                        }
                        write(c, "* " + n + " EXISTS\r\n* OK [ALERT] sent " + System.nanoTime() + "\r\n");
                        k++;
                    }
                }
                System.out.println("pushed " + n + " to " + k);
                System.out.flush();
            }
            for (SelectionKey key : selector.selectedKeys()) {
                if (key.isAcceptable()) {
                    SocketChannel ch;
                    while ((ch = server.accept()) != null) {
                        ch.configureBlocking(false);
                        Conn c = new Conn(ch);
                        conns.add(c);
                        ch.register(selector, SelectionKey.OP_READ, c);
                        ch.write(ByteBuffer.wrap(GREETING));
                    }
                } else if (key.isReadable()) {
                    Conn c = (Conn) key.attachment();
                    in.clear();
                    int r;
                    try {
                        r = c.channel.read(in);
                    } catch (IOException e) {
                        r = -1;
                    }
                    if (r < 0) {
                        key.cancel();
                        c.channel.close();
                        conns.remove(c);
                        continue;
                    }
                    in.flip();
                    while (in.hasRemaining()) {
                        char ch = (char) (in.get() & 0xff);
                        if (ch == '\n') {
                            String l = c.line.toString().strip();
                            c.line.setLength(0);
                            answer(c, l);
                        } else {
                            c.line.append(ch);
                        }
                    }
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private static void answer(Conn c, String l) throws IOException {
        if (c.idleTag != null) {
            if (l.equalsIgnoreCase("DONE")) {
                write(c, c.idleTag + " OK IDLE done\r\n");
                c.idleTag = null;
            }
            return;
        }
        int sp = l.indexOf(' ');
        if (sp < 0) {
            return;
        }
        String tag = l.substring(0, sp);
        String rest = l.substring(sp + 1);
        String cmd = (rest.indexOf(' ') < 0 ? rest : rest.substring(0, rest.indexOf(' '))).toUpperCase();
        switch (cmd) {
            case "CAPABILITY" -> write(c, "* CAPABILITY IMAP4rev1 IDLE LITERAL+ AUTH=PLAIN\r\n" + tag + " OK done\r\n");
            case "LOGIN", "AUTHENTICATE" -> write(c, tag + " OK [CAPABILITY IMAP4rev1 IDLE LITERAL+] logged in\r\n");
            case "SELECT", "EXAMINE" -> write(c, "* FLAGS (\\Seen \\Deleted)\r\n* 0 EXISTS\r\n* 0 RECENT\r\n"
                    + "* OK [UIDVALIDITY 1] v\r\n* OK [UIDNEXT 1] n\r\n" + tag + " OK [READ-WRITE] selected\r\n");
            case "IDLE" -> {
                c.idleTag = tag;
                write(c, "+ idling\r\n");
            }
            case "LOGOUT" -> write(c, "* BYE bye\r\n" + tag + " OK done\r\n");
            default -> write(c, tag + " OK done\r\n");
        }
    }

    private static void write(Conn c, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
        int spins = 0;
        while (b.hasRemaining() && spins++ < 1000) {
            c.channel.write(b);
        }
    }
}
