package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.MetadataEntry;
import org.imap4j.codec.response.Capability;
import org.imap4j.session.TlsMode;
import org.imap4j.testing.servers.CyrusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LIST-METADATA (RFC 9590) live against Cyrus 3.6 (which advertises it after login), on both transports: a mailbox
 * given a private comment with SETMETADATA is listed with it, and an entry without a value comes back as NIL.
 */
@Timeout(120)
class ListMetadataCyrusTest {
    private static CyrusServer cyrus;

    @BeforeAll
    static void start() {
        cyrus = CyrusServer.startOrSkip();
    }

    @AfterAll
    static void stop() {
        if (cyrus != null) {
            cyrus.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void cyrusReturnsMetadataWithList(ImapClientConfig.Transport transport) {
        List<String> in = new CopyOnWriteArrayList<>();
        String suffix = transport.name().toLowerCase(java.util.Locale.ROOT);
        try (ImapClient c = ImapClient.builder(cyrus.host()).port(cyrus.imapPort()).tlsMode(TlsMode.PLAIN)
                .allowCleartextPasswords(true).transport(transport).readTimeout(Duration.ofSeconds(20))
                .trace((d, t) -> in.add(d + " " + t)).connect()) {
            c.login(CyrusServer.USER, CyrusServer.PASSWORD);
            assertTrue(c.capabilities().contains(Capability.Known.LIST_METADATA), c.capabilities()::toString);
            MailboxName box = MailboxName.of("INBOX" + cyrus.separator() + "meta-" + suffix);
            c.create(box);
            c.setMetadata(box, MetadataEntry.of("/private/comment", "note " + suffix));
            List<ListEntry> listed = c.listWithMetadata("", box.toString(),
                    "/private/comment", "/shared/comment");
            assertEquals(1, listed.size(), () -> listed + " " + in);
            assertEquals(box, listed.get(0).mailbox());
            assertEquals(Optional.of(Bytes.of(("note " + suffix).getBytes(StandardCharsets.UTF_8))),
                    listed.get(0).metadata("/private/comment"), () -> "trace: " + in);
            // Cyrus 3.6 returns every entry asked for, NIL for one without a value
            assertEquals(List.of(MetadataEntry.of("/private/comment", "note " + suffix),
                    MetadataEntry.of("/shared/comment", null)), listed.get(0).metadata(), () -> "trace: " + in);
            assertEquals(Optional.empty(), listed.get(0).metadata("/shared/comment"));
            c.logout();
        }
    }
}
