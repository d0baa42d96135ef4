package org.imap4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The recorded streams checked in under {@code src/main/resources/corpus}, so parser benchmarks need no server. */
public final class Corpus {
    /** Dovecot's env stream for 1,000 generated messages (see BENCHMARKS.md for how it was recorded). */
    public static final String ENV_1000 = "env-1000";

    private Corpus() {
    }

    /**
     * @param name {@link #ENV_1000}, {@code synthetic-N} for {@link EnvStream#generate(int)} with N messages, or
     *             {@code file:PATH} for a FETCH response stream of your own (as {@code imap4j capture} writes one)
     * @return the stream's bytes
     */
    public static byte[] load(String name) {
        if (name.startsWith("file:")) {
            try {
                return java.nio.file.Files.readAllBytes(java.nio.file.Path.of(name.substring("file:".length())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (name.startsWith("synthetic-")) {
            return EnvStream.generate(Integer.parseInt(name.substring("synthetic-".length())));
        }
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + name + ".imap")) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param stream a FETCH response stream
     * @return how many untagged FETCH responses it holds (lines starting {@code * n FETCH}, literals skipped)
     */
    public static int countFetches(byte[] stream) {
        int count = 0;
        int i = 0;
        while (i < stream.length) {
            int lineStart = i;
            while (stream[i] != '\n') {
                i++;
            }
            if (stream[lineStart] == '*' && indexOf(stream, lineStart, i, " FETCH (") > 0) {
                count++;
            }
            // Continue through the literals of the same response.
            while (i >= 2 && stream[i - 2] == '}') {
                int j = i - 3;
                long size = 0;
                long mul = 1;
                while (stream[j] >= '0' && stream[j] <= '9') {
                    size += (stream[j] - '0') * mul;
                    mul *= 10;
                    j--;
                }
                i += 1 + (int) size;
                while (stream[i] != '\n') {
                    i++;
                }
            }
            i++;
        }
        return count;
    }

    private static int indexOf(byte[] b, int from, int to, String s) {
        outer:
        for (int i = from; i + s.length() <= to; i++) {
            for (int k = 0; k < s.length(); k++) {
                if (b[i + k] != s.charAt(k)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
