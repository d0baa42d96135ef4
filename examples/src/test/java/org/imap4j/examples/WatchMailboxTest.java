package org.imap4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.imap4j.client.ImapClient;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.api.Test;

class WatchMailboxTest {
    @Test
    void printsEachMessageAppendedFromAnotherConnectionWhileIdling() throws Exception {
        try (GreenMailServer gm = GreenMailServer.start()) {
            gm.deliver("From: old@example.org\r\nSubject: already there\r\n\r\nold\r\n");
            Servers.Output out = new Servers.Output();
            CompletableFuture<Integer> watching = CompletableFuture.supplyAsync(() -> WatchMailbox.run(
                    Servers.tls(gm), GreenMailServer.USER, Secret.of(GreenMailServer.PASSWORD), 2,
                    Duration.ofSeconds(60), out.stream));

            try (ImapClient other = Servers.tls(gm).connect()) {
                other.login(GreenMailServer.USER, GreenMailServer.PASSWORD);
                awaitIdling(out, 1, watching);
                other.append(MailboxName.INBOX, Bytes.utf8(
                        "From: =?UTF-8?Q?Zo=C3=AB?= <zoe@example.org>\r\nSubject: =?UTF-8?Q?caf=C3=A9?=\r\n\r\nx\r\n"));
                awaitIdling(out, 2, watching);   // it printed the first and idles again
                other.append(MailboxName.INBOX, Bytes.utf8("From: c@example.org\r\nSubject: second new\r\n\r\ny\r\n"));
            }

            assertEquals(2, watching.get(30, TimeUnit.SECONDS), out.text());
            String printed = out.text();
            assertTrue(printed.contains("watching INBOX: 1 messages"), printed);
            assertTrue(printed.matches("(?s).*new: \\d+  Zoë <zoe@example.org>  café\\R.*"), printed);
            assertTrue(printed.contains("second new"), printed);
            assertTrue(!printed.contains("already there"), "only new mail is printed: " + printed);
        }
    }

    private static void awaitIdling(Servers.Output out, int times, CompletableFuture<Integer> watching)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(out.text(), WatchMailbox.IDLING + System.lineSeparator()) < times) {
            if (watching.isDone() || System.nanoTime() > end) {
                throw new AssertionError("the example is not idling (" + times + "): " + out.text()
                        + (watching.isCompletedExceptionally() ? " " + watching.handle((v, e) -> e).join() : ""));
            }
            Thread.sleep(20);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
