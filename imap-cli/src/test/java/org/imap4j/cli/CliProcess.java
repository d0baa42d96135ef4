package org.imap4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar target/imap4j.jar} as a process, the way a user does, and captures what it printed. */
final class CliProcess {
    static final Path JAR = Path.of("target", "imap4j.jar");

    /** What one run printed, and its exit code. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private CliProcess() {
    }

    static ProcessBuilder builder(String password, String... args) {
        return withJvmOptions(List.of(), password, args);
    }

    /** As {@link #builder(String, String...)}, with JVM options such as {@code -Xmx48m} before {@code -jar}. */
    static ProcessBuilder withJvmOptions(List<String> jvmOptions, String password, String... args) {
        assertTrue(Files.isRegularFile(JAR), JAR + " missing: these tests run after `package`");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("IMAP4J_PASSWORD");
        if (password != null) {
            pb.environment().put("IMAP4J_PASSWORD", password);
        }
        return pb;
    }

    static Result run(String password, String... args) {
        return runWithJvmOptions(List.of(), password, args);
    }

    /** As {@link #run(String, String...)}, with JVM options before {@code -jar}. */
    static Result runWithJvmOptions(List<String> jvmOptions, String password, String... args) {
        try {
            Process p = withJvmOptions(jvmOptions, password, args).start();
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread t = new Thread(() -> copy(p.getErrorStream(), err));
            t.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy(p.getInputStream(), out);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("imap4j did not finish: " + List.of(args));
            }
            t.join();
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path pem(X509Certificate cert, Path dir) throws IOException, CertificateEncodingException {
        Path f = dir.resolve("ca.pem");
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(cert.getEncoded());
        Files.writeString(f, "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n");
        return f;
    }
}
