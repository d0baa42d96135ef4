package org.imap4j.codec;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.internal.frame.Framer;
import org.imap4j.codec.internal.parse.CommandParser;
import org.imap4j.codec.internal.parse.ImapReader;
import org.imap4j.codec.internal.parse.ParserMemo;

/**
 * The server's half: an incremental decoder of client commands, for test servers and proxies. Feed bytes split
 * anywhere; take typed {@link TaggedCommand}s. A server must answer a synchronizing literal's announcement with a
 * continuation request before the client sends its payload; {@link #awaitingLiteral()} says when.
 */
public final class CommandDecoder {
    private final CodecLimits limits;
    private final Set<Quirk> quirks;
    private final Framer framer;
    /** Values this decoder's parser built recently; its own, shared with no other decoder. */
    private final ParserMemo memo = new ParserMemo();

    /**
     * @param limits the limits
     * @param quirks the tolerated quirks
     */
    public CommandDecoder(CodecLimits limits, Set<Quirk> quirks) {
        this.limits = Objects.requireNonNull(limits, "limits").withLiteralStreamThreshold(Long.MAX_VALUE);
        this.quirks = Set.copyOf(quirks);
        this.framer = new Framer(this.limits, quirks.contains(Quirk.CRLF_RELAXED));
    }

    /** @param bytes received bytes (all remaining bytes are consumed) */
    public void feed(ByteBuffer bytes) {
        framer.feed(bytes);
    }

    /**
     * @return the next complete command, or {@code null} if more bytes are needed
     * @throws ImapProtocolException if the command breaks the grammar or a limit
     */
    public TaggedCommand next() {
        if (framer.next() != Framer.Result.FRAME) {
            return null;
        }
        ImapReader r = new ImapReader(framer.buffer(), framer.start(), framer.end(), framer.streamedOffsets(),
                limits, quirks, memo);
        return CommandParser.parse(r);
    }

    /**
     * @return whether the last {@link #next()} stopped inside a synchronizing literal's payload that has not begun to
     *     arrive: the server should now send {@code + ...}
     */
    public boolean awaitingLiteral() {
        return framer.awaitingSyncLiteral();
    }
}
