package org.imap4j.transport.nio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.session.CommandListener;
import org.imap4j.session.ConnectionListener;
import org.imap4j.session.ImapCall;
import org.imap4j.session.ImapTransport;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TransportOptions;

/**
 * Measures the client heap one idle connection costs: opens N connections (argument, default 2000) on one selector
 * thread to a tiny NIO IMAP server run in a child JVM (so its memory is not counted), puts each into IDLE, and
 * compares the heap used after full GCs before and after (not a test: run it by hand).
 *
 * <pre>
 * java -cp imap-transport-nio/target/classes:imap-transport-nio/target/test-classes:imap-session/target/classes:imap-codec/target/classes \
 *      org.imap4j.transport.nio.IdleFootprint 2000
 * </pre>
 */
public final class IdleFootprint {
    private IdleFootprint() {
    }

    /**
     * @param args the number of connections, or {@code server} to run the test server
     * @throws Exception if anything fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("server")) {
            serve();
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), IdleFootprint.class.getName(), "server")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.US_ASCII));
            int port = Integer.parseInt(r.readLine().trim());
            run(n, port);
        } finally {
            server.destroy();
        }
    }

    private static void run(int n, int port) throws Exception {
        try (NioTransportGroup group = NioTransportGroup.create(1)) {
            TransportOptions o = TransportOptions.builder("127.0.0.1").port(port).tlsMode(TlsMode.PLAIN)
                    .connectTimeout(Duration.ofSeconds(30)).greetingTimeout(Duration.ofSeconds(30)).build();
            // warm up: class loading, the shared executor and the loop's read buffer are not per connection
            ImapTransport warm = group.connect(o, ConnectionListener.NONE).get(30, TimeUnit.SECONDS);
            idle(warm, new CountDownLatch(1)).done();
            warm.close();
            long before = usedAfterGc();
            List<ImapTransport> transports = new ArrayList<>(n);
            List<ImapCall> idles = new ArrayList<>(n);
            CountDownLatch idling = new CountDownLatch(n);
            long start = System.nanoTime();
            for (int i = 0; i < n; i += 200) {
                List<java.util.concurrent.CompletableFuture<ImapTransport>> batch = new ArrayList<>();
                for (int j = i; j < Math.min(n, i + 200); j++) {
                    batch.add(group.connect(o, ConnectionListener.NONE));
                }
                for (java.util.concurrent.CompletableFuture<ImapTransport> f : batch) {
                    ImapTransport t = f.get(60, TimeUnit.SECONDS);
                    transports.add(t);
                    idles.add(idle(t, idling));
                }
            }
            if (!idling.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(idling.getCount() + " connections did not start idling");
            }
            long opened = System.nanoTime() - start;
            long after = usedAfterGc();
            System.out.printf("%d idle connections opened in %d ms on one selector thread%n", n, opened / 1_000_000);
            System.out.printf("heap used: before %d bytes, after %d bytes%n", before, after);
            System.out.printf("per idle connection: %d bytes%n", (after - before) / n);
            // -Didle.pause=SECONDS keeps the connections open for a heap histogram (jmap -histo:live)
            Thread.sleep(Long.getLong("idle.pause", 0) * 1000);
            if (transports.size() + idles.size() != 2 * n) {
                throw new IllegalStateException("lost references");
            }
        }
    }

    private static ImapCall idle(ImapTransport t, CountDownLatch idling) {
        return t.submit(new Command.Idle(), new CommandListener() {
            @Override
            public void onContinuation(ImapCall call, Bytes challenge) {
                idling.countDown();
            }
        });
    }

    /**
     * Heap in use after full collections. {@code Runtime} gives the same figure as
     * {@code MemoryMXBean.getHeapMemoryUsage().getUsed()}; java.management is not read by this module, in which
     * the tests compile.
     */
    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** A single-threaded IMAP server that answers CAPABILITY, IDLE/DONE and anything else with OK. */
    private static void serve() throws IOException {
        Selector selector = Selector.open();
        ServerSocketChannel ss = ServerSocketChannel.open();
        ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        ss.configureBlocking(false);
        ss.register(selector, SelectionKey.OP_ACCEPT);
        System.out.println(((InetSocketAddress) ss.getLocalAddress()).getPort());
        System.out.flush();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (true) {
            selector.select();
            for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                SelectionKey k = it.next();
                it.remove();
                if (k.isAcceptable()) {
                    SocketChannel c;
                    while ((c = ss.accept()) != null) {
                        c.configureBlocking(false);
                        c.register(selector, SelectionKey.OP_READ, new StringBuilder());
                        write(c, "* OK idle test server ready\r\n");
                    }
                } else if (k.isReadable()) {
                    SocketChannel c = (SocketChannel) k.channel();
                    StringBuilder line = (StringBuilder) k.attachment();
                    buf.clear();
                    int r;
                    try {
                        r = c.read(buf);
                    } catch (IOException e) {
                        r = -1;
                    }
                    if (r < 0) {
                        k.cancel();
                        c.close();
                        continue;
                    }
                    buf.flip();
                    while (buf.hasRemaining()) {
                        char ch = (char) buf.get();
                        if (ch != '\n') {
                            line.append(ch);
                            continue;
                        }
                        String l = line.toString().trim();
                        line.setLength(0);
                        answer(c, l);
                    }
                }
            }
        }
    }

    private static void answer(SocketChannel c, String l) throws IOException {
        String[] p = l.split(" ", 3);
        if (p[0].equals("DONE")) {
            write(c, idleTag(c) + " OK IDLE done\r\n");
            return;
        }
        String cmd = p.length > 1 ? p[1].toUpperCase(java.util.Locale.ROOT) : "";
        if (cmd.equals("CAPABILITY")) {
            write(c, "* CAPABILITY IMAP4rev1 IDLE\r\n" + p[0] + " OK done\r\n");
        } else if (cmd.equals("IDLE")) {
            IDLE_TAGS.put(c, p[0]);
            write(c, "+ idling\r\n");
        } else {
            write(c, p[0] + " OK done\r\n");
        }
    }

    private static final java.util.Map<SocketChannel, String> IDLE_TAGS = new java.util.HashMap<>();

    private static String idleTag(SocketChannel c) {
        String t = IDLE_TAGS.remove(c);
        return t == null ? "*" : t;
    }

    private static void write(SocketChannel c, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            c.write(b);
        }
    }
}
