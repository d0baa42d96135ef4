package org.imap4j.codec.command;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.codec.CodecLimits;
import org.imap4j.codec.Quirk;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.internal.encode.CommandEncoder;
import org.imap4j.codec.internal.parse.CommandParser;
import org.imap4j.codec.internal.parse.ImapReader;

/** Test helpers: encode to fragments, join them, parse them back. */
public final class Wire {
    private Wire() {
    }

    /** @param fs fragments @return all bytes in order */
    public static byte[] join(List<Fragment> fs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Fragment f : fs) {
            Bytes b = f instanceof Fragment.Line l ? l.data() : ((Fragment.Literal) f).data();
            out.writeBytes(b.toByteArray());
        }
        return out.toByteArray();
    }

    /** @param tag a tag @param c a command @param o options @return the joined bytes */
    public static byte[] encode(String tag, Command c, EncodeOptions o) {
        return join(CommandEncoder.encode(Tag.of(tag), c, o));
    }

    /** @param b bytes @return them as UTF-8 text */
    public static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** @param bytes one command through CRLF @return the parsed command */
    public static TaggedCommand parse(byte[] bytes) {
        return CommandParser.parse(new ImapReader(bytes, 0, bytes.length, new int[0], CodecLimits.defaults(),
                Quirk.defaults()));
    }

    /** @param text one command through CRLF @return the parsed command */
    public static TaggedCommand parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }
}
