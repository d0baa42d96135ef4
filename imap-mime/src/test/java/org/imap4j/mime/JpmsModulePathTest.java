package org.imap4j.mime;

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
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module descriptor works as its comments say: a consumer module that requires only org.imap4j.mime compiles and
 * RUNS on the module path, with mime4j as automatic modules (apache.mime4j.core, apache.mime4j.dom) and commons-io
 * resolved through this module's requires; mime4j's types are not visible to it.
 */
class JpmsModulePathTest {
    @TempDir
    Path dir;

    private static String modulePath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String n = e.replace('\\', '/');
            if (n.matches(".*/imap-(codec|session|transport-blocking|transport-nio|client|mime)"
                    + "(/target/classes|-[^/]*(?<!tests)\\.jar)$")
                    || n.matches(".*/(apache-mime4j-(core|dom)|commons-io)-[^/]*\\.jar$")) {
                entries.add(e);
            }
        }
        assertEquals(9, entries.size(), () -> "expected 6 imap4j modules, 2 mime4j jars, commons-io: " + entries);
        return String.join(File.pathSeparator, entries);
    }

    private String compile(String source) throws IOException {
        Path src = dir.resolve("src");
        Path pkg = src.resolve("com/example/app");
        Files.createDirectories(pkg);
        Files.writeString(src.resolve("module-info.java"), "module com.example.app { requires org.imap4j.mime; }");
        Files.writeString(pkg.resolve("App.java"), source);
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(err, true, StandardCharsets.UTF_8);
        int rc = javac.run(p, p, "--release", "17", "--module-path", modulePath(), "-d",
                dir.resolve("out").toString(), src.resolve("module-info.java").toString(),
                pkg.resolve("App.java").toString());
        return rc == 0 ? null : err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aConsumerModuleCompilesAndRunsOnTheModulePath() throws Exception {
        assertEquals(null, compile("""
                package com.example.app;
                import org.imap4j.mime.MimeMessage;
                import org.imap4j.mime.MimeMessages;
                public class App {
                    public static void main(String[] a) throws Exception {
                        String msg = "Subject: =?UTF-8?Q?h=C3=A9llo?=\\r\\nContent-Type: multipart/mixed; boundary=b"
                                + "\\r\\n\\r\\n--b\\r\\n\\r\\nbody\\r\\n--b\\r\\nContent-Type: application/pdf; name=x.pdf"
                                + "\\r\\nContent-Transfer-Encoding: base64\\r\\n\\r\\nJVBERg==\\r\\n--b--\\r\\n";
                        try (MimeMessage m = MimeMessages.parse(msg.getBytes("US-ASCII"))) {
                            System.out.println(m.subject() + "|" + m.text().orElseThrow().strip() + "|"
                                    + m.attachments().get(0).fileName() + "|" + m.attachments().get(0).size() + "|"
                                    + MimeMessage.class.getModule().getName());
                        }
                    }
                }
                """));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath() + File.pathSeparator + dir.resolve("out"), "-m",
                "com.example.app/com.example.app.App").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("héllo|body|x.pdf|4|org.imap4j.mime", out.strip());
    }

    @Test
    void mime4jIsNotPartOfTheApi() throws IOException {
        String errors = compile("""
                package com.example.app;
                import org.apache.james.mime4j.stream.MimeTokenStream;
                public class App { MimeTokenStream t; }
                """);
        assertNotEquals(null, errors, "mime4j must not be readable through org.imap4j.mime");
        String internal = compile("""
                package com.example.app;
                import org.imap4j.mime.internal.Parser;
                public class App { Parser p; }
                """);
        assertNotEquals(null, internal, "the internal package must not be exported");
    }
}
