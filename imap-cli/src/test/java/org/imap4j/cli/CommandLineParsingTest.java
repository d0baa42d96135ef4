package org.imap4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as picocli parses it: every command's help page, unknown options, missing and extra arguments,
 * aliases, options before the command, and the completion script, all from the one model. Run in-process; nothing
 * here reaches a server (the URLs point at port 1 of the loopback address, which refuses at once).
 */
class CommandLineParsingTest {
    private static final String URL = "imap://alice@127.0.0.1:1/INBOX";

    private record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Run run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("IMAP4J_PASSWORD", "pw")).run(argv);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The {@code --name} options listed in a help page's options section. */
    private static Set<String> optionsOnHelpPage(String page) {
        int from = page.indexOf("\noptions");
        int to = page.indexOf("\nexit codes:");
        assertTrue(from >= 0 && to > from, page);
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^ {2}(?:-\\w, )?\\s*(--[a-z-]+)").matcher(page.substring(from, to));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyCommandHasItsOwnHelpPage() {
        for (CommandModel.Cmd c : CommandModel.COMMANDS) {
            Run help = run(c.name(), "--help");
            assertEquals(0, help.code(), help.toString());
            String synopsis = c.name().equals("unsubscribe") ? "subscribe URL [OPTIONS]\n       imap4j unsubscribe"
                    : c.name() + (c.args().isEmpty() ? "" : " " + c.argsShown()) + " [OPTIONS]\n"; // a pair, one page
            assertTrue(help.out().startsWith("usage: imap4j " + synopsis), help.out());
            assertTrue(help.out().contains(c.summary()), help.out());
            assertTrue(help.out().contains("options:") && help.out().contains("exit codes:"), help.out());
            assertEquals(help, run("help", c.name()), "imap4j help " + c.name() + " is the same page");
            assertEquals(help, run(c.name(), "-h"), "-h is --help");
            Set<String> options = optionsOnHelpPage(help.out());
            assertTrue(options.contains("--help"), options.toString());
            for (CommandModel.Opt o : c.options()) {
                assertTrue(options.contains(o.name()), c.name() + " lists " + o.name() + ": " + options);
            }
            if (c.connects()) {
                assertTrue(options.containsAll(Set.of("--user", "--password-file", "--auth", "--trust-cert",
                        "--starttls", "--insecure-plaintext", "--nio", "--trace", "--json")), c.name() + options);
                assertTrue(help.out().contains("IMAP4J_PASSWORD"), help.out());
            }
        }
        assertTrue(run("help", "copy").out().contains("\n      MAILBOX "), "arguments are explained");
        assertTrue(run("export", "--help").out().contains("--format=FORMAT"), "command options");
        assertFalse(run("list", "--help").out().contains("--format"), "only the command's own options");
    }

    @Test
    void theMainPageListsEveryCommandWithItsArguments() {
        Run help = run("--help");
        assertEquals(0, help.code(), help.toString());
        assertTrue(help.out().startsWith("usage: imap4j COMMAND URL [ARGS] [OPTIONS]"), help.out());
        for (CommandModel.Cmd c : CommandModel.COMMANDS) {
            String left = "\n  " + c.name() + (c.argsShown().isEmpty() ? "" : " " + c.argsShown());
            assertTrue(help.out().contains(left), left + " in " + help.out());
        }
        assertEquals(help, run("-h"));
        assertEquals(help, run("help"));
        assertTrue(help.out().contains("\nexit codes:\n  0   ok\n"), help.out());
        assertTrue(help.out().contains("  2   usage: the command line was wrong\n"), help.out());
    }

    @Test
    void versionAndItsAlias() {
        Run v = run("--version");
        assertEquals(new Run(0, "imap4j " + Main.version() + "\n", ""), v);
        assertEquals(v, run("-V"));
    }

    @Test
    void unknownOptionsNameTheProblemAndTheHelpPage() {
        Run bogus = run("list", URL, "--bogus");
        assertEquals(new Run(2, "", "imap4j: unknown option --bogus for list\n  see: imap4j help list\n"), bogus);
        Run foreign = run("list", URL, "--yes");
        assertEquals(2, foreign.code(), "--yes belongs to delete-mailbox: " + foreign);
        assertTrue(foreign.err().startsWith("imap4j: unknown option --yes for list\n"), foreign.toString());
        Run typo = run("status", URL, "--pasword=hunter2");
        assertEquals(2, typo.code(), typo.toString());
        assertFalse(typo.err().contains("hunter2"), "a mistyped option's value is never shown: " + typo);
        Run root = run("--bogus");
        assertEquals(new Run(2, "", "imap4j: unknown option --bogus\n  see: imap4j --help\n"), root);
        Run withoutCommand = run("--json");
        assertEquals(new Run(2, "", "imap4j: --json needs a command, e.g. imap4j list URL --json\n"
                + "  see: imap4j --help\n"), withoutCommand, "not the demo with --json ignored");
        assertTrue(run("--user=bob").err().startsWith("imap4j: --user needs a command, e.g. imap4j list URL --user "
                + "USER\n"), "the option's value label");
        Run command = run("frobnicate", URL);
        assertEquals(new Run(2, "", "imap4j: unknown command \"frobnicate\"\n  see: imap4j --help\n"), command);
        Run password = run("list", URL, "--password", "hunter2");
        assertEquals(2, password.code(), password.toString());
        assertTrue(password.err().startsWith("imap4j: passwords are never taken from the command line"),
                password.toString());
        assertFalse(password.err().contains("hunter2"), password.toString());
    }

    @Test
    void missingAndExtraArgumentsNameTheProblemAndTheHelpPage() {
        Run noUrl = run("list");
        assertEquals(2, noUrl.code(), noUrl.toString());
        assertEquals("imap4j: list needs a server URL, e.g. imaps://alice@imap.example.org/INBOX (imap4j demo runs an "
                + "embedded server)\n  see: imap4j help list\n", noUrl.err());
        Run noMailbox = run("copy", URL, "1");
        assertEquals(new Run(2, "", "imap4j: copy needs MAILBOX: imap4j copy URL UIDS MAILBOX\n"
                + "  see: imap4j help copy\n"), noMailbox);
        Run noUids = run("flags", URL, "add");
        assertTrue(noUids.code() == 2 && noUids.err().startsWith("imap4j: flags needs UIDS"), noUids.toString());
        Run extra = run("show", URL, "1", "2");
        assertEquals(new Run(2, "", "imap4j: show takes URL UID; \"2\" is one too many\n  see: imap4j help show\n"),
                extra);
        Run noValue = run("export", URL, "out.mbox", "--format");
        assertEquals(new Run(2, "", "imap4j: --format needs a value (FORMAT)\n  see: imap4j help export\n"), noValue);
        Run demo = run("demo", "x");
        assertEquals(new Run(2, "", "imap4j: demo takes no arguments; \"x\" is one too many\n"
                + "  see: imap4j help demo\n"), demo);
        Run noHelp = run("help", "frobnicate");
        assertEquals(new Run(2, "", "imap4j: no command \"frobnicate\"\n  see: imap4j --help\n"), noHelp);
        Run noShell = run("completion");
        assertEquals(2, noShell.code(), noShell.toString());
        assertTrue(noShell.err().endsWith("  see: imap4j help completion\n"), noShell.toString());
    }

    @Test
    void numbersAreCheckedBeforeConnecting() {
        // port 1 refuses at once (exit 3): exit 2 shows the option was refused before any connection was tried
        Run events = run("idle", URL, "--events", "x", "--insecure-plaintext");
        assertEquals(new Run(2, "", "imap4j: --events needs a number, not \"x\"\n  see: imap4j help idle\n"), events);
        Run attached = run("export", URL, "out.mbox", "--stop-after=7x", "--insecure-plaintext");
        assertEquals(2, attached.code(), attached.toString());
        assertTrue(attached.err().startsWith("imap4j: --stop-after needs a number, not \"7x\""), attached.toString());
    }

    @Test
    void optionsWorkWithEitherSpellingAndBeforeTheCommand() {
        Run refusedLocally = run("capabilities", URL);
        assertEquals(4, refusedLocally.code(), "no password without TLS: " + refusedLocally);
        for (String[] argv : new String[][] {
                {"capabilities", URL, "--insecure-plaintext"},
                {"--insecure-plaintext", "capabilities", URL},
                {"capabilities", "--insecure-plaintext", URL},
                {"capabilities", URL, "--insecure-plaintext", "--insecure-plaintext"},
                {"capabilities", "--user=bob", "imap://127.0.0.1:1/", "--insecure-plaintext"},
                {"--user", "bob", "capabilities", "imap://127.0.0.1:1/", "--insecure-plaintext"}}) {
            Run r = run(argv);
            assertEquals(3, r.code(), "the option was taken and a connection tried: " + String.join(" ", argv) + "\n"
                    + r);
            assertTrue(r.err().startsWith("imap4j: connection refused by 127.0.0.1:1"), r.toString());
        }
        Run noUser = run("capabilities", "imap://127.0.0.1:1/", "--insecure-plaintext");
        assertEquals(2, noUser.code(), "without --user: " + noUser);
        Run endOfOptions = run("search", URL, "--", "--insecure-plaintext");
        assertEquals(4, endOfOptions.code(), "after --, an option is a search word: " + endOfOptions);
    }

    @Test
    void anArgumentStartingWithAtIsNotAFileOfArguments(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("args");
        Files.writeString(file, "--insecure-plaintext\n");
        Run r = run("capabilities", URL, "@" + file);
        assertEquals(2, r.code(), "an extra argument, not the option in the file: " + r);
        assertTrue(r.err().contains("is one too many"), r.toString());
    }

    @Test
    void completionOffersEveryCommandWithTheOptionsItsHelpPageLists() {
        Run bash = run("completion", "bash");
        assertEquals(0, bash.code(), bash.toString());
        String script = bash.out();
        for (CommandModel.Cmd c : CommandModel.COMMANDS) {
            assertTrue(script.contains("=(" + c.name() + ")\n"), c.name() + " is completed");
            Matcher f = Pattern.compile("function _picocli_imap4j_" + c.name().replace("-", "")
                    + "\\(\\) \\{.*?local flag_opts=\"([^\"]*)\"\\s+local arg_opts=\"([^\"]*)\"", Pattern.DOTALL)
                    .matcher(script);
            assertTrue(f.find(), "a completion function for " + c.name());
            Set<String> offered = new TreeSet<>();
            for (String o : (f.group(1) + " " + f.group(2)).split(" ")) {
                if (o.startsWith("'--")) {
                    offered.add(o.substring(1, o.length() - 1));
                }
            }
            assertEquals(optionsOnHelpPage(run("help", c.name()).out()), offered, c.name());
        }
        assertEquals(bash, run("completion", "zsh"), "one script serves both shells");
    }
}
