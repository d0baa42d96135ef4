package org.imap4j.codec;

import java.util.List;
import java.util.Set;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.Fragment;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.internal.encode.CommandEncoder;
import org.imap4j.codec.internal.encode.ImapWriter;
import org.imap4j.codec.internal.encode.ResponseEncoder;
import org.imap4j.codec.internal.parse.CommandParser;
import org.imap4j.codec.internal.parse.ImapReader;
import org.imap4j.codec.internal.parse.ResponseParser;
import org.imap4j.codec.response.Response;

/**
 * One-shot encoding and decoding of single commands and responses, both halves, for callers who hold a complete
 * message (tests, scripted servers, tools). Incremental decoding is {@link ResponseDecoder} / {@link CommandDecoder};
 * a client session is {@link ImapEngine}.
 *
 * <pre>{@code
 * List<Fragment> f = ImapCodec.encodeCommand(Tag.of("A1"), new Command.Noop(), EncodeOptions.DEFAULT);
 * byte[] wire = ImapCodec.encodeResponse(response);
 * Response r = ImapCodec.decodeResponse("* 3 EXISTS\r\n".getBytes(StandardCharsets.US_ASCII));
 * }</pre>
 */
public final class ImapCodec {
    private ImapCodec() {
    }

    /**
     * @param tag     the tag
     * @param command the command
     * @param options what the server allows
     * @return the fragments to send, split at synchronizing literals
     */
    public static List<Fragment> encodeCommand(Tag tag, Command command, EncodeOptions options) {
        return CommandEncoder.encode(tag, command, options);
    }

    /**
     * @param tag     the tag
     * @param command the command
     * @return the whole command as one byte array, literals inline (for tests and logs)
     */
    public static byte[] encodeCommandBytes(Tag tag, Command command) {
        ImapWriter w = new ImapWriter(EncodeOptions.DEFAULT, true);
        for (Fragment f : CommandEncoder.encode(tag, command, EncodeOptions.DEFAULT)) {
            if (f instanceof Fragment.Supplied) {
                throw new ImapValidationException("a message supplied by the caller has no bytes to encode here");
            }
            byte[] b = f instanceof Fragment.Line l ? l.data().toByteArray()
                    : ((Fragment.Literal) f).data().toByteArray();
            w.raw(b, 0, b.length);
        }
        return w.toBytes();
    }

    /**
     * @param response a response
     * @return its wire form (the server's half)
     */
    public static byte[] encodeResponse(Response response) {
        ImapWriter w = new ImapWriter(EncodeOptions.DEFAULT, true);
        ResponseEncoder.encode(w, response);
        return w.toBytes();
    }

    /**
     * @param wire exactly one response, ending in CRLF
     * @return the typed response
     * @throws ImapProtocolException if it breaks the grammar
     */
    public static Response decodeResponse(byte[] wire) {
        return ResponseParser.parse(reader(wire), false);
    }

    /**
     * @param wire exactly one command with its literals inline, ending in CRLF
     * @return the typed command (the server's half)
     * @throws ImapProtocolException if it breaks the grammar
     */
    public static TaggedCommand decodeCommand(byte[] wire) {
        return CommandParser.parse(reader(wire));
    }

    private static ImapReader reader(byte[] wire) {
        return new ImapReader(wire, 0, wire.length, new int[0], CodecLimits.defaults(), Set.copyOf(Quirk.defaults()));
    }
}
