package org.imap4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lanes on the client's own delivery threads: a burst on many connections runs on a few threads, a callback
 * that blocks does not hold other connections' callbacks for longer than the pool takes to add a thread, and one
 * connection's long run of callbacks keeps its order while others get their turn.
 */
@Timeout(60)
class DeliveryPoolTest {

    @Test
    void aBurstOnManyLanesRunsOnAFewThreads() throws Exception {
        int lanes = 400;
        CountDownLatch done = new CountDownLatch(lanes);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < lanes; i++) {
            new Lane(null).execute(() -> {
                threads.add(Thread.currentThread());
                // a short wait, as a listener that writes the event somewhere would do
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            });
        }
        assertTrue(done.await(30, TimeUnit.SECONDS), "every lane ran");
        for (Thread t : threads) {
            assertTrue(t.getName().startsWith("imap4j-delivery-"), t.getName());
        }
        // a thread per busy connection would be about a hundred here; the pool runs them on its few (plus a thread
        // for each callback that a loaded machine stalled past the blocked threshold)
        assertTrue(threads.size() <= DeliveryPool.INSTANCE.parallelism() + 24,
                threads.size() + " threads ran " + lanes + " one-event lanes");
    }

    @Test
    void callbacksThatBlockEveryThreadDoNotHoldBackAnotherConnection() throws Exception {
        int blockers = DeliveryPool.INSTANCE.parallelism() + 2;
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(blockers);
        for (int i = 0; i < blockers; i++) {
            new Lane(null).execute(() -> {
                blocking.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            assertTrue(blocking.await(20, TimeUnit.SECONDS), "each blocking callback got a thread of its own");
            CountDownLatch other = new CountDownLatch(1);
            long start = System.nanoTime();
            new Lane(null).execute(other::countDown);
            assertTrue(other.await(20, TimeUnit.SECONDS), "another connection's callback ran while they block");
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMillis < 5_000, "took " + tookMillis + " ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aLongRunOfCallbacksKeepsItsOrderAndLetsOthersIn() throws Exception {
        Lane busy = new Lane(null);
        int n = 5_000;
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch busyDone = new CountDownLatch(1);
        CountDownLatch othersDone = new CountDownLatch(100);
        for (int i = 0; i < n; i++) {
            int k = i;
            busy.execute(() -> {
                order.add(k);
                if (k == n - 1) {
                    busyDone.countDown();
                }
            });
        }
        for (int i = 0; i < 100; i++) {
            new Lane(null).execute(othersDone::countDown);
        }
        assertTrue(othersDone.await(20, TimeUnit.SECONDS));
        assertTrue(busyDone.await(20, TimeUnit.SECONDS));
        busy.sync();
        assertEquals(n, order.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, order.get(i));
        }
    }

    @Test
    void syncFromInsideTheLaneDoesNotWaitForItselfAcrossTurns() throws Exception {
        Lane lane = new Lane(null);
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 200; i++) {
            lane.execute(() -> { });
        }
        // runs after at least two turns of the lane, possibly on another pool thread than the first callbacks
        lane.execute(() -> {
            lane.sync();
            done.countDown();
        });
        assertTrue(done.await(20, TimeUnit.SECONDS), "sync() inside the lane returned");
    }
}
