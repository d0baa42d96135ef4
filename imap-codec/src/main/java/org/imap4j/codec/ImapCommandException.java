package org.imap4j.codec;

import org.imap4j.codec.internal.encode.ImapWriter;
import org.imap4j.codec.internal.encode.ResponseEncoder;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;

/**
 * The server completed a command with NO or BAD (RFC 9051 section 7.1.2/7.1.3). It carries the status, the typed
 * response code (if any) and the server's text, so callers can react to, say, {@code [TRYCREATE]} or
 * {@code [OVERQUOTA]} without parsing text.
 *
 * <pre>{@code
 * catch (ImapCommandException e) {
 *     if (e.code() instanceof ResponseCode.Simple s && s.kind() == ResponseCode.Kind.TRYCREATE) { ... }
 * }
 * }</pre>
 */
public class ImapCommandException extends ImapException {
    private static final long serialVersionUID = 1L;

    /** NO or BAD. */
    private final Condition status;
    private final transient ResponseCode code;
    /** The server's text after the status and response code, raw (may hold control characters); never null. */
    private final String text;
    /** The name of the command that failed, e.g. {@code SELECT}, or {@code null} when not known. */
    private final String command;

    /**
     * Creates the exception.
     *
     * @param status  NO or BAD
     * @param code    the response code, or {@code null}
     * @param text    the server's text
     * @param command the command's name, e.g. {@code SELECT}
     */
    public ImapCommandException(Condition status, ResponseCode code, String text, String command) {
        super(compose(status, code, text, command), null);
        this.status = status;
        this.code = code;
        this.text = text == null ? "" : text;
        this.command = command;
    }

    /**
     * @param tagged  the NO or BAD completion
     * @param command the command's name
     * @return the exception
     */
    public static ImapCommandException of(Tagged tagged, String command) {
        return new ImapCommandException(tagged.status(), tagged.code(), tagged.text(), command);
    }

    private static String compose(Condition status, ResponseCode code, String text, String command) {
        StringBuilder sb = new StringBuilder();
        sb.append(command == null ? "command" : command).append(" failed: ").append(status);
        if (code != null) {
            sb.append(" [").append(codeText(code)).append(']');
        }
        if (text != null && !text.isEmpty()) {
            sb.append(' ').append(text);
        }
        return sb.toString();
    }

    private static String codeText(ResponseCode code) {
        try {
            ImapWriter w = new ImapWriter(EncodeOptions.DEFAULT, true);
            ResponseEncoder.responseCode(w, code);
            return new String(w.toBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return String.valueOf(code);
        }
    }

    /** @return NO or BAD */
    public Condition status() {
        return status;
    }

    /** @return the typed response code, or {@code null} */
    public ResponseCode code() {
        return code;
    }

    /**
     * @return the server's human-readable text (possibly empty), raw: it may hold control characters, so escape it
     *         with {@link ServerText#escape(CharSequence)} before showing it
     */
    public String text() {
        return text;
    }

    /** @return the name of the command that failed */
    public String command() {
        return command;
    }
}
