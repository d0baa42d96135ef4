package org.imap4j.cli;

import java.nio.file.Path;
import org.imap4j.testing.servers.CyrusServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The imap4j jar against a private Cyrus (skipped when Cyrus is not installed, failed on CI). */
class CliCyrusIT {

    /** Cyrus refuses bare LF ("bare newlines"): an LF-only mbox imports, with its dates and flags, once. */
    @Test
    void lfMboxImportsWithDatesAndFlagsAndOnlyOnce(@TempDir Path dir) throws Exception {
        try (CyrusServer cyrus = CyrusServer.startOrSkip()) {
            ForeignImport.importTwice(cyrus.host(), cyrus.imapPort(), CyrusServer.USER, CyrusServer.PASSWORD, dir);
        }
    }
}
