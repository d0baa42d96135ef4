package org.imap4j.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.imap4j.codec.CommandHandle;
import org.imap4j.codec.ServerText;
import org.imap4j.codec.command.Command;

/**
 * The session driver's part that shows the protocol as text with secrets redacted: the arguments of LOGIN, the
 * initial response of AUTHENTICATE and every SASL response line never reach the {@link TraceListener}.
 */
final class Tracer {
    private final TraceListener trace;
    private final ConnectionEvents events;
    private CommandHandle lastTracedOwner;
    /** Whether the last chunk traced that way ended in a CR that is not shown yet (see {@link #emit}). */
    private boolean inCr;
    private boolean outCr;

    /**
     * @param trace  the trace hook, or {@code null} for none
     * @param events where the trace is logged too (at TRACE, when that level is on)
     */
    Tracer(TraceListener trace, ConnectionEvents events) {
        this.trace = trace;
        this.events = events;
    }

    /** @return whether anything is traced: the hook is set or the trace logger is on (else nothing is decoded) */
    boolean isOn() {
        return trace != null || ConnectionEvents.traceLogged();
    }

    /** @param b bytes received (after TLS and DEFLATE), read through the buffer's position; consumed */
    void in(ByteBuffer b) {
        if (trace != null) {
            trace.received(b.asReadOnlyBuffer());
        }
        emit(TraceListener.Direction.IN, StandardCharsets.ISO_8859_1.decode(b).toString());
    }

    /**
     * @param b     bytes about to be sent (before DEFLATE); not consumed
     * @param owner the command they belong to (the engine's last output owner), or {@code null}
     */
    void out(ByteBuffer b, CommandHandle owner) {
        boolean first = owner != lastTracedOwner;
        lastTracedOwner = owner;
        Command c = owner == null ? null : owner.command();
        String text = StandardCharsets.ISO_8859_1.decode(b.duplicate()).toString();
        if (c instanceof Command.Login || c instanceof Command.Authenticate) {
            text = redact(text, c instanceof Command.Login ? 2 : 3, first, b.remaining());
        }
        emit(TraceListener.Direction.OUT, text);
    }

    /** Keeps the first {@code keep} words of a command's first line; everything after it is secret. */
    static String redact(String text, int keep, boolean first, int size) {
        if (!first) {
            return "<redacted " + size + " bytes>";
        }
        int i = 0;
        for (int words = 0; i < text.length() && words < keep; i++) {
            if (text.charAt(i) == ' ') {
                words++;
            } else if (text.charAt(i) == '\r') {
                return text;
            }
        }
        return i >= text.length() ? text : text.substring(0, i) + "<redacted>\r\n";
    }

    /**
     * Hands a chunk to the trace, one call per line, escaped by {@link ServerText#escapeLines}:
     * CR LF line ends stay (only at the end of a call),
     * every other control character (a lone CR or LF, ESC, NUL, C1 controls) is shown escaped, so neither side's
     * bytes can forge trace lines or drive a terminal. A CR that ends a chunk waits for the next chunk of the same
     * direction, so a CR LF split between two reads is still shown as one line end.
     */
    private void emit(TraceListener.Direction d, String text) {
        boolean in = d == TraceListener.Direction.IN;
        if (in ? inCr : outCr) {
            text = "\r" + text;
        }
        boolean endsInCr = !text.isEmpty() && text.charAt(text.length() - 1) == '\r';
        if (in) {
            inCr = endsInCr;
        } else {
            outCr = endsInCr;
        }
        if (endsInCr) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            return;
        }
        String shown = ServerText.escapeLines(text);
        try {
            // one call per line: a trace entry holds at most one line end, at its end, so a log line is a wire line
            int from = 0;
            for (int eol = shown.indexOf("\r\n"); eol >= 0; eol = shown.indexOf("\r\n", from)) {
                line(d, shown.substring(from, eol + 2));
                from = eol + 2;
            }
            if (from < shown.length()) {
                line(d, shown.substring(from));
            }
        } catch (RuntimeException ignored) {
            // a debugging hook must not break the connection
        }
    }

    private void line(TraceListener.Direction d, String line) {
        events.trace(d, line);
        if (trace != null) {
            trace.trace(d, line);
        }
    }
}
