package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.command.Command;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 19 item 3, bodies with one copy: a streamed body (above the 1 MiB stream threshold) goes from the socket
 * read into the engine's receive buffer (the one copy: the JDK's read into a heap array), and from there to the
 * user's sink as slices of that buffer, on both transports and both calling styles. What it costs is measured as
 * the bytes the client's threads allocate while the body passes ({@code ThreadMXBean.getThreadAllocatedBytes}):
 * the receive buffer given away with each chunk is replaced by a fresh one (about one byte allocated per body
 * byte); a copy of the chunks into new arrays anywhere on the way would add another byte per byte and fail the
 * bound. No timing is asserted.
 */
class BodyCopiesTest {
    private static final int SIZE = 16 << 20;

    enum Style { BLOCKING_CLIENT, ASYNC_CLIENT }

    /** A sink that keeps nothing: it counts the bytes. */
    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static ScriptedImapServer bodyServer() throws IOException {
        return HandlerScripts.start(x -> {
            if (!(x.command() instanceof Command.Fetch)) {
                return false;
            }
            // raw on purpose: a 16 MiB literal sent in 64 KiB writes, as a server streams it
            x.sendRaw("* 1 FETCH (UID 5 BODY[] {" + SIZE + "}\r\n");
            byte[] piece = new byte[64 * 1024];
            Arrays.fill(piece, (byte) 'x');
            for (int left = SIZE; left > 0; left -= piece.length) {
                x.sendRaw(piece);
            }
            x.sendRaw(")\r\n");
            x.ok("fetched");
            return true;
        });
    }

    /**
     * Adds to {@code seen} the allocation counter of every live library thread (and of the calling one when asked),
     * keeping the latest reading of each: a thread that ends meanwhile (the blocking transport's background reader
     * of the async client) keeps its last reading.
     */
    private static void sample(java.util.Map<Long, Long> seen, boolean self) throws ReflectiveOperationException {
        // by reflection: the test runs in the client's module, which does not read java.management
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                .invoke(null);
        Method allocated = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes",
                long.class);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (self && t == Thread.currentThread() || t.getName().startsWith("imap4j")) {
                long a = (long) allocated.invoke(threads, t.getId());
                if (a > 0) {
                    seen.put(t.getId(), a);
                }
            }
        }
    }

    /** @return what the client's threads allocated while one FETCH of the body ran */
    private static long fetchOnce(ImapClient blocking, AsyncImapClient async, CountingSink sink) throws Exception {
        java.util.Map<Long, Long> before = new java.util.HashMap<>();
        java.util.Map<Long, Long> after = new java.util.HashMap<>();
        boolean self = blocking != null; // the blocking client reads on the caller's thread (blocking transport)
        sample(before, self);
        if (blocking != null) {
            blocking.fetchMessages(SequenceSet.of(5), (uid, seq, announced) -> sink);
        } else {
            java.util.concurrent.CompletableFuture<FetchResults> f =
                    async.fetchMessages(SequenceSet.of(5), (uid, seq, announced) -> sink);
            while (!f.isDone()) {
                sample(after, false); // the waiting test thread is not counted: its sampling allocates
                Thread.sleep(1);
            }
            f.get(60, TimeUnit.SECONDS);
        }
        sample(after, self);
        long sum = 0;
        for (java.util.Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ImapClientConfig.Transport.class)
    void aStreamedBodyIsAllocatedForAtMostOncePerByteOnTheBlockingClient(ImapClientConfig.Transport transport)
            throws Exception {
        check(transport, Style.BLOCKING_CLIENT);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ImapClientConfig.Transport.class)
    void aStreamedBodyIsAllocatedForAtMostOncePerByteOnTheAsyncClient(ImapClientConfig.Transport transport)
            throws Exception {
        check(transport, Style.ASYNC_CLIENT);
    }

    private static void check(ImapClientConfig.Transport transport, Style style) throws Exception {
        try (ScriptedImapServer server = bodyServer()) {
            ImapClientConfig config = HandlerScripts.client(server, transport).build();
            ImapClient blocking = null;
            AsyncImapClient async = null;
            try {
                if (style == Style.BLOCKING_CLIENT) {
                    blocking = ImapClient.connect(config);
                    blocking.login("alice", "secret");
                    blocking.select(MailboxName.INBOX);
                } else {
                    async = AsyncImapClient.connect(config).get(30, TimeUnit.SECONDS);
                    async.login("alice", "secret").get(30, TimeUnit.SECONDS);
                    async.select(MailboxName.INBOX).get(30, TimeUnit.SECONDS);
                }
                CountingSink sink = new CountingSink();
                fetchOnce(blocking, async, sink); // the first pass loads classes and warms the path
                long best = Long.MAX_VALUE;
                for (int i = 0; i < 3; i++) {
                    best = Math.min(best, fetchOnce(blocking, async, sink));
                }
                assertEquals(4L * SIZE, sink.bytes);
                double perByte = (double) best / SIZE;
                System.out.printf("%s %s: %.3f bytes allocated per body byte%n", transport, style, perByte);
                // one fresh receive buffer per chunk handed on is about 1.0; a copy of every chunk would be 2.0
                assertTrue(perByte < 1.5, transport + " " + style + ": " + perByte + " bytes allocated per body byte");
            } finally {
                if (blocking != null) {
                    blocking.close();
                }
                if (async != null) {
                    async.close();
                }
            }
        }
    }
}
