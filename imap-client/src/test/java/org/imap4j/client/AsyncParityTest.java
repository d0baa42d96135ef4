package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.GreenMailServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The async client has the blocking client's operations (both are views of {@link ImapOperations}), and the
 * {@link Operation} style works with a deadline, against GreenMail on both transports.
 */
class AsyncParityTest {

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void operationsTheAsyncClientLackedWorkAndOperationsTakeADeadline(ImapClientConfig.Transport transport)
            throws Exception {
        String text = "hello, part\r\n";
        String message = "From: a@example.org\r\nSubject: parity\r\nContent-Type: text/plain\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII)) + "\r\n";
        try (GreenMailServer gm = GreenMailServer.start();
                AsyncImapClient c = ImapClient.builder(gm.host()).port(gm.imapPort()).tlsMode(TlsMode.PLAIN)
                        .allowCleartextPasswords(true).transport(transport).connectAsync()
                        .get(20, TimeUnit.SECONDS)) {
            gm.deliver(message);
            assertFalse(c.isSecure());
            c.login(GreenMailServer.USER, GreenMailServer.PASSWORD).get(20, TimeUnit.SECONDS);
            assertEquals(1, c.select("INBOX").get(20, TimeUnit.SECONDS).exists());
            long uid = c.search(org.imap4j.codec.command.SearchKey.all()).get(20, TimeUnit.SECONDS).ids().get(0);

            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            c.fetchMessage(uid, whole, ProgressListener.NONE).get(20, TimeUnit.SECONDS);
            assertTrue(whole.toString(StandardCharsets.US_ASCII).contains("Subject: parity"), whole::toString);

            BodyStructure bs = c.fetchBodyStructure(SequenceSet.of(uid)).get(20, TimeUnit.SECONDS).get(uid)
                    .bodyStructure().orElseThrow();
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();
            c.fetchPart(uid, BodyPart.first(bs, "text/plain").orElseThrow(), decoded).get(20, TimeUnit.SECONDS);
            assertEquals(text, decoded.toString(StandardCharsets.US_ASCII), "base64 undone on the way");

            // the Operation style: a deadline, and a refusal before sending as a failed operation
            Operation<SelectResult> sel = c.operations().examine(MailboxName.INBOX);
            assertEquals(1, sel.await(Duration.ofSeconds(20)).exists());
            Operation<FetchResults> gmail = c.operations().fetchGmail(SequenceSet.all());
            assertThrows(ImapCapabilityException.class, gmail::await, "GreenMail is not Gmail");
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> gmail.future().get(5, TimeUnit.SECONDS));
            assertInstanceOf(ImapCapabilityException.class, e.getCause());
        }
    }
}
