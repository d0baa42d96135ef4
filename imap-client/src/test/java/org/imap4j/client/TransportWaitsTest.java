package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.ImapInterruptedException;
import org.imap4j.codec.ImapTimeoutException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deadlines and waits of both transports against a scripted server (issue 14 item 12): a deadline fires only when
 * nothing arrived in time, an IDLE's start can be waited for with a bound and fails when IDLE cannot start, and an
 * interrupted waiting thread is released with a typed error, its interrupt flag set again.
 */
class TransportWaitsTest {

    /**
     * The blocking transport's reading thread runs the listener: while it did, the reply arrived and the read
     * deadline passed. The reply was on time, so the command succeeds.
     */
    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aReplyBufferedWhileACallbackRanPastTheReadTimeoutIsNotATimeout(ImapClientConfig.Transport transport)
            throws Exception {
        try (ScriptedImapServer server = HandlerScripts.start(x -> {
            if (!(x.command() instanceof Command.Noop)) {
                return false;
            }
            x.send(new Untagged.Exists(4));
            x.pause(Duration.ofMillis(200));
            x.ok("noop done");
            return true;
        })) {
            try (ImapClient c = HandlerScripts.client(server, transport).readTimeout(Duration.ofSeconds(1))
                    .listener(new MailboxListener() {
                        @Override
                        public void newMessages(long exists, long recent) {
                            sleep(1800); // longer than the read timeout; the tagged OK arrives meanwhile
                        }
                    }).connect()) {
                c.noop();
                c.noop();
            }
            assertEquals(List.of(), server.problems());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void anInterruptReleasesAThreadWaitingInIdleAndEndsTheIdle(ImapClientConfig.Transport transport)
            throws Exception {
        CountDownLatch idling = new CountDownLatch(1);
        CountDownLatch doneReceived = new CountDownLatch(1);
        try (ScriptedImapServer server = HandlerScripts.start(x -> {
            if (!(x.command() instanceof Command.Idle)) {
                return false;
            }
            x.continuation("idling");
            idling.countDown();
            String done = x.readLine();
            if (done.equals("DONE")) {
                doneReceived.countDown();
            }
            x.ok("IDLE terminated");
            return true;
        })) {
            try (ImapClient c = HandlerScripts.client(server, transport).connect()) {
                c.login("alice", "secret");
                c.select(org.imap4j.codec.core.MailboxName.INBOX);
                Idle idle = c.idle();
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                AtomicBoolean flagAfter = new AtomicBoolean();
                Thread waiter = new Thread(() -> {
                    try {
                        idle.await();
                    } catch (Throwable t) {
                        thrown.set(t);
                    }
                    flagAfter.set(Thread.currentThread().isInterrupted());
                }, "idle-waiter");
                waiter.start();
                assertTrue(idling.await(10, TimeUnit.SECONDS));
                Thread.sleep(300); // the waiter is now blocked reading (blocking) or in the future (NIO)
                long t0 = System.nanoTime();
                waiter.interrupt();
                waiter.join(5000);
                assertFalse(waiter.isAlive(), "the interrupted thread is still waiting");
                assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3));
                assertInstanceOf(ImapInterruptedException.class, thrown.get());
                assertTrue(flagAfter.get(), "the interrupt flag is set again");
                assertTrue(doneReceived.await(5, TimeUnit.SECONDS), "IDLE was ended with DONE");
                c.noop(); // the connection is usable: the IDLE's completion is read with it
            }
            assertEquals(List.of(), server.problems());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void anInterruptReleasesAThreadWaitingForAnyCommand(ImapClientConfig.Transport transport) throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ScriptedImapServer server = HandlerScripts.start(x -> {
            if (!(x.command() instanceof Command.Noop) || release.getCount() == 0) {
                return false;
            }
            stalled.countDown();
            release.await(20, TimeUnit.SECONDS);
            x.ok("late noop");
            return true;
        })) {
            try (ImapClient c = HandlerScripts.client(server, transport).connect()) {
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                AtomicBoolean flagAfter = new AtomicBoolean();
                Thread waiter = new Thread(() -> {
                    try {
                        c.noop();
                    } catch (Throwable t) {
                        thrown.set(t);
                    }
                    flagAfter.set(Thread.currentThread().isInterrupted());
                }, "noop-waiter");
                waiter.start();
                assertTrue(stalled.await(10, TimeUnit.SECONDS));
                Thread.sleep(300);
                waiter.interrupt();
                waiter.join(5000);
                assertFalse(waiter.isAlive(), "the interrupted thread is still waiting");
                assertInstanceOf(ImapInterruptedException.class, thrown.get());
                assertTrue(flagAfter.get(), "the interrupt flag is set again");
                release.countDown();
                c.noop(); // the abandoned NOOP's reply is read on the way; the connection goes on
            }
            assertEquals(List.of(), server.problems());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void anInterruptReleasesAThreadWaitingForTheGreeting(ImapClientConfig.Transport transport) throws Exception {
        // raw: no greeting at all; the server only reads
        try (ScriptedImapServer server = ScriptedImapServer.start(HandlerScripts.script(x -> false).greetingRaw(""))) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean flagAfter = new AtomicBoolean();
            Thread waiter = new Thread(() -> {
                try {
                    HandlerScripts.client(server, transport).connect().close();
                } catch (Throwable t) {
                    thrown.set(t);
                }
                flagAfter.set(Thread.currentThread().isInterrupted());
            }, "connect-waiter");
            waiter.start();
            Thread.sleep(500); // connected; the greeting never comes (30 s greeting timeout)
            waiter.interrupt();
            waiter.join(5000);
            assertFalse(waiter.isAlive(), "the interrupted thread is still waiting for the greeting");
            assertInstanceOf(ImapInterruptedException.class, thrown.get());
            assertTrue(flagAfter.get(), "the interrupt flag is set again");
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void idleThatTheServerNeverAcceptsFailsItsStartWithTheReadTimeout(ImapClientConfig.Transport transport)
            throws Exception {
        try (ScriptedImapServer server = HandlerScripts.start(x -> x.command() instanceof Command.Idle)) {
            try (ImapClient c = HandlerScripts.client(server, transport).readTimeout(Duration.ofSeconds(1))
                    .connect()) {
                Idle idle = c.idle();
                long t0 = System.nanoTime();
                assertThrows(ImapTimeoutException.class, () -> idle.awaitStarted(Duration.ofSeconds(30)));
                assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> idle.started().get(5, TimeUnit.SECONDS));
                assertInstanceOf(ImapTimeoutException.class, e.getCause());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void idleThatTheServerRefusesFailsItsStart(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = HandlerScripts.start(x -> {
            if (!(x.command() instanceof Command.Idle)) {
                return false;
            }
            x.no("not now");
            return true;
        })) {
            try (ImapClient c = HandlerScripts.client(server, transport).connect()) {
                Idle idle = c.idle();
                assertThrows(ImapCommandException.class, () -> idle.awaitStarted(Duration.ofSeconds(10)));
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> idle.started().get(5, TimeUnit.SECONDS));
                assertInstanceOf(ImapCommandException.class, e.getCause());
                c.noop();
            }
            assertEquals(List.of(), server.problems());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void awaitStartedReadsUntilTheServerAcceptsIdle(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = HandlerScripts.start(x -> {
            if (!(x.command() instanceof Command.Idle)) {
                return false;
            }
            x.pause(Duration.ofMillis(200));
            x.continuation("idling");
            x.readLine();
            x.ok("IDLE terminated");
            return true;
        })) {
            try (ImapClient c = HandlerScripts.client(server, transport).connect()) {
                Idle idle = c.idle();
                assertTrue(idle.awaitStarted(Duration.ofSeconds(10)));
                assertTrue(idle.started().isDone());
                idle.done();
                idle.await();
                c.noop();
            }
            assertEquals(List.of(), server.problems());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
