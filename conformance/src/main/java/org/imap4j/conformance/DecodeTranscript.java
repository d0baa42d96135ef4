package org.imap4j.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.ResponseDecoder;
import org.imap4j.codec.response.Response;

/**
 * The codec's demonstration job: decodes a server transcript (raw bytes as a server sent them) and prints each typed
 * response. Without an argument it decodes the sample session bundled with the module.
 *
 * <pre>
 * java -jar conformance/target/imap4j-demo.jar [transcript-file]
 * </pre>
 */
public final class DecodeTranscript {
    private DecodeTranscript() {
    }

    /**
     * @param args an optional path to a transcript file
     * @throws IOException if the transcript cannot be read
     */
    public static void main(String[] args) throws IOException {
        byte[] bytes;
        if (args.length > 0) {
            bytes = Files.readAllBytes(Path.of(args[0]));
        } else {
            try (InputStream in = DecodeTranscript.class.getResourceAsStream("/transcripts/sample-session.imap")) {
                if (in == null) {
                    throw new IOException("bundled sample transcript is missing");
                }
                bytes = in.readAllBytes();
            }
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int count = decode(bytes, out);
        out.println(count + " responses decoded");
    }

    /**
     * Decodes every response in {@code bytes}, feeding them in 7-byte pieces to show that splits do not matter.
     *
     * @param bytes the transcript
     * @param out   where to print
     * @return the number of responses decoded
     */
    public static int decode(byte[] bytes, PrintStream out) {
        ResponseDecoder decoder = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
        int count = 0;
        for (int off = 0; off < bytes.length; off += 7) {
            decoder.feed(ByteBuffer.wrap(bytes, off, Math.min(7, bytes.length - off)));
            while (true) {
                Response r;
                try {
                    r = decoder.next();
                } catch (ImapProtocolException e) {
                    out.println("! " + e.getMessage());
                    if (decoder.isFailed()) {
                        return count;
                    }
                    continue;
                }
                if (r == null) {
                    break;
                }
                count++;
                out.println(r);
            }
        }
        return count;
    }
}
