package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.imap4j.codec.command.Command;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Operation}: a deadline on one wait is typed and harms nothing; its future is a copy. */
class OperationTest {

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aWaitThatRunsOutIsTypedAndTheOperationAndConnectionGoOn(ImapClientConfig.Transport transport)
            throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        try (ScriptedImapServer server = HandlerScripts.start(x -> {
            if (!(x.command() instanceof Command.Noop)) {
                return false;
            }
            answer.await(10, TimeUnit.SECONDS);
            x.ok("late");
            return true;
        }); ImapClient c = HandlerScripts.client(server, transport).connect()) {
            Operation<Void> noop = c.operations().noop();
            long t0 = System.nanoTime();
            OperationTimeoutException e = assertThrows(OperationTimeoutException.class,
                    () -> noop.await(Duration.ofMillis(300)));
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(250), "waited the limit");
            assertTrue(e.getMessage().contains("NOOP"), e.getMessage());

            CompletableFuture<Void> mine = noop.future();
            mine.cancel(true); // a copy: the caller cannot cancel or complete the library's operation
            CompletableFuture<Void> other = noop.future();
            assertFalse(other.isDone());

            answer.countDown();
            noop.await(); // the operation went on and completes
            other.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(), c.operations().list("", "*").await(Duration.ofSeconds(10)),
                    "the connection is unharmed");
        }
    }
}
