package org.imap4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecodeTranscriptTest {
    @Test
    void bundledSampleDecodesCompletely() throws IOException {
        byte[] bytes;
        try (InputStream in = DecodeTranscript.class.getResourceAsStream("/transcripts/sample-session.imap")) {
            bytes = in.readAllBytes();
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int n = DecodeTranscript.decode(bytes, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("\n! "), out);
        assertEquals(32, n, out);
        assertTrue(out.contains("~peter/mail/台北/日本語"), out);
        assertTrue(out.contains("CopyUid[uidValidity=38505, source=4390:4391, destination=3956:3957]"), out);
    }
}
