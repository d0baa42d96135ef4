package org.imap4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imap4j completion bash}, sourced into a real bash, completes commands, options and option values. */
class CliCompletionIT {

    private static String complete(Path script, String... words) throws IOException, InterruptedException {
        StringBuilder arr = new StringBuilder();
        for (String w : words) {
            arr.append('"').append(w).append("\" ");
        }
        String cmd = "source '" + script + "'; COMP_WORDS=(" + arr + "); COMP_CWORD=" + (words.length - 1)
                + "; _complete_imap4j 2>/dev/null; echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void bashCompletesCommandsOptionsAndValues(@TempDir Path dir) throws Exception {
        CliProcess.Result r = CliProcess.run(null, "completion", "bash");
        assertEquals(0, r.code(), r.toString());
        Path script = dir.resolve("imap4j.bash");
        Files.writeString(script, r.out());
        assertEquals("fetch", complete(script, "imap4j", "fe"));
        assertEquals("delete delete-mailbox", complete(script, "imap4j", "dele"));
        assertEquals("mbox maildir", complete(script, "imap4j", "export", "URL", "--format", ""));
        assertEquals("--trace --trust-cert", complete(script, "imap4j", "list", "--tr"));
        assertEquals("get", complete(script, "imap4j", "flags", "URL", "g"));
        assertEquals(r.out(), CliProcess.run(null, "completion", "zsh").out(), "one script serves both shells");
        assertEquals(2, CliProcess.run(null, "completion", "fish").code());
    }

    @Test
    void helpCommandShowsThatCommand() {
        CliProcess.Result r = CliProcess.run(null, "help", "move");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("usage: imap4j move URL UIDS MAILBOX"), r.toString());
        assertTrue(r.out().contains("options:") && r.out().contains("exit codes:"), r.toString());
        assertTrue(!r.out().contains("copy URL"), "only the command asked for: " + r);
        assertTrue(CliProcess.run(null, "help", "unsubscribe").out().startsWith("usage: imap4j subscribe URL"));
        assertEquals(2, CliProcess.run(null, "help", "frobnicate").code());
    }
}
