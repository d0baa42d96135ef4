package org.imap4j.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives an {@link ImapEngine} as a transport would, for the engine's tests: server bytes in, events and written
 * bytes out. Text goes in and comes out as UTF-8 (for ASCII the same as US-ASCII).
 */
final class EngineHarness {
    private EngineHarness() {
    }

    /** @return {@code s} as UTF-8 bytes in a buffer */
    static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands {@code serverBytes} to the engine; returns every event it then has. */
    static List<EngineEvent> feed(ImapEngine engine, String serverBytes) {
        engine.receive(utf8(serverBytes));
        return drain(engine);
    }

    /** @return every event the engine has now, in order */
    static List<EngineEvent> drain(ImapEngine engine) {
        List<EngineEvent> out = new ArrayList<>();
        for (EngineEvent e; (e = engine.next()) != null; ) {
            out.add(e);
        }
        return out;
    }

    /** @return everything the engine has to write now, decoded as UTF-8 */
    static String written(ImapEngine engine) {
        StringBuilder sb = new StringBuilder();
        for (ByteBuffer b; (b = engine.pollOutput()) != null; ) {
            sb.append(StandardCharsets.UTF_8.decode(b));
        }
        return sb.toString();
    }

    /** Discards what the engine has to write now. */
    static void discardOutput(ImapEngine engine) {
        while (engine.pollOutput() != null) {
            continue;
        }
    }
}
