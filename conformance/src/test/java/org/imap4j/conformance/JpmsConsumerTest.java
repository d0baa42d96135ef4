package org.imap4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles a consumer module on the module path against the real imap4j modules: the exported API is usable, and
 * no internal package is (STYLE rule 12; the check Angus Mail lacks).
 */
class JpmsConsumerTest {
    @TempDir
    Path dir;

    /** The imap4j modules as they were built (jars or class directories), found on this test's class path. */
    private static String modulePath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String n = e.replace('\\', '/');
            if (n.matches(".*/imap-(codec|session|transport-blocking|transport-nio|client)(/target/classes|-[^/]*(?<!tests)\\.jar)$")) {
                entries.add(e);
            }
        }
        assertEquals(5, entries.size(), () -> "expected the five imap4j modules on the class path: " + entries);
        return String.join(File.pathSeparator, entries);
    }

    private String compile(String moduleInfo, String source) throws IOException {
        Path src = dir.resolve("src");
        Path pkg = src.resolve("com/example/app");
        Files.createDirectories(pkg);
        Files.writeString(src.resolve("module-info.java"), moduleInfo);
        Files.writeString(pkg.resolve("App.java"), source);
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(new PrintStream(err, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), "--release", "17", "--module-path", modulePath(), "-d",
                dir.resolve("out").toString(), src.resolve("module-info.java").toString(),
                pkg.resolve("App.java").toString());
        return rc == 0 ? null : err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theExportedApiIsUsableFromAModule() throws IOException {
        String errors = compile("module com.example.app { requires org.imap4j.client; }", """
                package com.example.app;
                import org.imap4j.client.ImapClient;
                import org.imap4j.client.auth.Sasl;
                import org.imap4j.codec.command.SearchKey;
                import org.imap4j.codec.core.Secret;
                import org.imap4j.session.TlsMode;
                public class App {
                    public static void main(String[] a) {
                        var b = ImapClient.builder("imap.example.org").tlsMode(TlsMode.STARTTLS);
                        var m = Sasl.scramSha256("alice", Secret.of("x"));
                        var k = SearchKey.unseen();
                    }
                }
                """);
        assertEquals(null, errors);
    }

    @Test
    void internalPackagesAreNotVisible() throws IOException {
        String errors = compile("module com.example.app { requires org.imap4j.client; }", """
                package com.example.app;
                import org.imap4j.codec.internal.frame.Framer;
                public class App { Framer f; }
                """);
        assertNotEquals(null, errors, "the codec's internal packages must not be exported");
        assertTrue(errors.contains("not visible") || errors.contains("does not export"), errors);
        String client = compile("module com.example.app { requires org.imap4j.client; }", """
                package com.example.app;
                import org.imap4j.client.internal.Session;
                public class App { Session s; }
                """);
        assertNotEquals(null, client, "the client's internal package must not be exported");
    }

    @Test
    void theCodecAloneIsOnlyTheProtocol() throws IOException {
        String session = compile("module com.example.app { requires org.imap4j.codec; }", """
                package com.example.app;
                import org.imap4j.session.SessionDriver;
                public class App { SessionDriver d; }
                """);
        assertNotEquals(null, session, "a module that requires only the codec must not see the session layer");
        String ok = compile("module com.example.app { requires org.imap4j.codec; }", """
                package com.example.app;
                import org.imap4j.codec.ImapEngine;
                import org.imap4j.codec.EngineConfig;
                public class App { ImapEngine e = new ImapEngine(EngineConfig.defaults()); }
                """);
        assertEquals(null, ok);
    }
}
