package org.imap4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.imap4j.client.ImapClient;

/** Placeholder until export/import land. */
final class Archive {
    Archive(PrintStream out, PrintStream err, boolean progress) {
    }

    void export(ImapClient c, String mailbox, Path dest, String format, long stopAfter) {
        throw new UsageException("export is not implemented yet");
    }

    void importInto(ImapClient c, String mailbox, Path source) {
        throw new UsageException("import is not implemented yet");
    }
}
