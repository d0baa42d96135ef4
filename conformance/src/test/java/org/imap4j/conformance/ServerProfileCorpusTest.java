package org.imap4j.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.imap4j.client.ServerProfile;
import org.junit.jupiter.api.Test;

/** Every quirk a server profile names is a case of the corpus, backed by a recorded response. */
class ServerProfileCorpusTest {

    @Test
    void everyProfileQuirkIsACorpusCase() throws IOException {
        Set<String> ids = new HashSet<>();
        try (InputStream in = ServerProfileCorpusTest.class.getResourceAsStream(QuirksCorpusTest.CORPUS)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("## ")) {
                    ids.add(line.substring(3).strip());
                }
            }
        }
        for (ServerProfile.Family f : ServerProfile.Family.values()) {
            ServerProfile p = ServerProfile.detect(f.product(), java.util.Map.of(), java.util.List.of());
            for (String q : p.quirks()) {
                assertTrue(ids.contains(q), () -> f + " names " + q + ", which the corpus does not hold");
            }
        }
    }
}
