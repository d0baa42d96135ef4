package org.imap4j.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the consumer program as its own JVM, once on the module path and once on the class path, against an
 * embedded GreenMail: the installed imap4j jars must work both ways, as a user would run them.
 */
class ConsumerTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "consumer-secret";
    private static GreenMail greenMail;

    @BeforeAll
    static void startServer() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        greenMail.start();
        GreenMailUser user = greenMail.setUser("alice@example.org", USER, PASSWORD);
        assertEquals(USER, user.getLogin());
    }

    @AfterAll
    static void stopServer() {
        greenMail.stop();
    }

    private static Path classes() {
        return Path.of(System.getProperty("consumer.classes"));
    }

    private static List<Path> libraryJars() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("consumer.lib")))) {
            return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static String run(List<String> launch) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch);
        command.add("127.0.0.1");
        command.add(Integer.toString(greenMail.getImap().getPort()));
        command.add(USER);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("IMAP_PASSWORD", PASSWORD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the program ended");
        String printed = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + "\n" + printed);
        return printed;
    }

    private static void assertWorkflow(String printed) {
        assertTrue(printed.contains("selected INBOX: "), printed);
        assertTrue(printed.matches("(?s).*appended: \\[\\d+].*"), printed);
        assertTrue(printed.matches("(?s).*search: UIDs \\[\\d+].*"), printed);
        assertTrue(printed.matches("(?s).*fetched UID \\d+: Hello from the consumer \\d+ / "
                + "Sent through the installed imap4j artifacts\\..*"), printed);
    }

    private static int inboxSize() throws Exception {
        return greenMail.getManagers().getImapHostManager()
                .getInbox(greenMail.getManagers().getUserManager().getUser(USER)).getMessageCount();
    }

    @Test
    void runsOnTheModulePath() throws Exception {
        List<Path> jars = libraryJars();
        assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString().startsWith("imap-client-")), "" + jars);
        StringBuilder modulePath = new StringBuilder(classes().toString());
        jars.forEach(j -> modulePath.append(File.pathSeparator).append(j));
        int before = inboxSize();
        String printed = run(List.of("--module-path", modulePath.toString(),
                "--module", "org.imap4j.example.consumer/org.imap4j.example.consumer.Consumer"));
        assertTrue(printed.contains("app module: org.imap4j.example.consumer"), printed);
        assertTrue(printed.contains("imap4j module: org.imap4j.client (explicit)"), printed);
        assertWorkflow(printed);
        assertEquals(before + 1, inboxSize(), "the message was appended on the server");
    }

    @Test
    void runsOnTheClassPath() throws Exception {
        StringBuilder classPath = new StringBuilder(classes().toString());
        libraryJars().forEach(j -> classPath.append(File.pathSeparator).append(j));
        int before = inboxSize();
        String printed = run(List.of("--class-path", classPath.toString(),
                "org.imap4j.example.consumer.Consumer"));
        assertTrue(printed.contains("app module: unnamed"), printed);
        assertTrue(printed.contains("imap4j module: unnamed"), printed);
        assertWorkflow(printed);
        assertEquals(before + 1, inboxSize(), "the message was appended on the server");
    }
}
