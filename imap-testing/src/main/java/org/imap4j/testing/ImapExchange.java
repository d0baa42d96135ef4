package org.imap4j.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Continuation;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * One command as an {@link ImapHandler} sees it: the command the codec parsed, and the means to answer it on the
 * connection. Responses are records the codec encodes; {@link #sendRaw(String)} writes bytes as they are, for
 * malformed, hostile, streamed or huge answers the codec would not write. The tagged completion ({@link #ok()},
 * {@link #no(String)}, {@link #bad(String)}, {@link #complete}) carries the command's tag. A continuation request and
 * the client's reply line ({@link #continuation(String)}, {@link #readLine()}) serve IDLE and AUTHENTICATE;
 * synchronizing literals inside a command are continued by the server before the handler sees the command.
 *
 * <p>Every method runs on the connection's thread, except that the {@code send} methods may also be called from
 * another thread (a test pushing while the handler waits).
 */
public final class ImapExchange {
    private final Wire wire;
    private final TaggedCommand tagged;
    private final ImapScript script;
    private final int connection;
    private final Consumer<String> problems;
    private final Consumer<TaggedCommand> received;
    private boolean ended;

    ImapExchange(Wire wire, TaggedCommand tagged, ImapScript script, int connection, Consumer<String> problems,
            Consumer<TaggedCommand> received) {
        this.received = received;
        this.wire = wire;
        this.tagged = tagged;
        this.script = script;
        this.connection = connection;
        this.problems = problems;
    }

    /** @return the command as the codec parsed it */
    public Command command() {
        return tagged.command();
    }

    /** @return the command's tag */
    public Tag tag() {
        return tagged.tag();
    }

    /** @return the tag and the command */
    public TaggedCommand tagged() {
        return tagged;
    }

    /** @return the connection's number, 1 for the first accepted */
    public int connection() {
        return connection;
    }

    /**
     * @param responses responses the codec encodes and sends, in order and in one write (untagged data, a
     *                  continuation, a tagged completion with another tag)
     * @throws IOException if the client went away
     */
    public void send(Response... responses) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Response r : responses) {
            all.writeBytes(Responses.encode(r));
        }
        wire.write(all.toByteArray());
    }

    /**
     * @param raw text sent as it is in UTF-8 (CRLF included): for answers the codec would refuse to write
     * @throws IOException if the client went away
     */
    public void sendRaw(String raw) throws IOException {
        wire.write(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param raw bytes sent as they are, in one write
     * @throws IOException if the client went away
     */
    public void sendRaw(byte[] raw) throws IOException {
        wire.write(raw); // written before returning: nothing keeps the array
    }

    /**
     * Completes the command: {@code tag OK completed}.
     *
     * @throws IOException if the client went away
     */
    public void ok() throws IOException {
        complete(Condition.OK, null, "completed");
    }

    /**
     * @param text the text
     * @throws IOException if the client went away
     */
    public void ok(String text) throws IOException {
        complete(Condition.OK, null, text);
    }

    /**
     * @param code the response code, or {@code null}
     * @param text the text
     * @throws IOException if the client went away
     */
    public void ok(ResponseCode code, String text) throws IOException {
        complete(Condition.OK, code, text);
    }

    /**
     * @param text the text
     * @throws IOException if the client went away
     */
    public void no(String text) throws IOException {
        complete(Condition.NO, null, text);
    }

    /**
     * @param code the response code, or {@code null}
     * @param text the text
     * @throws IOException if the client went away
     */
    public void no(ResponseCode code, String text) throws IOException {
        complete(Condition.NO, code, text);
    }

    /**
     * @param text the text
     * @throws IOException if the client went away
     */
    public void bad(String text) throws IOException {
        complete(Condition.BAD, null, text);
    }

    /**
     * @param code the response code, or {@code null}
     * @param text the text
     * @throws IOException if the client went away
     */
    public void bad(ResponseCode code, String text) throws IOException {
        complete(Condition.BAD, code, text);
    }

    /**
     * @param status OK, NO or BAD
     * @param code   the response code, or {@code null}
     * @param text   the text
     * @throws IOException if the client went away
     */
    public void complete(Condition status, ResponseCode code, String text) throws IOException {
        send(new Tagged(tagged.tag(), status, code, text));
    }

    /**
     * Sends a continuation request {@code + text} (IDLE's {@code + idling}, an AUTHENTICATE challenge in base64).
     *
     * @param text the text
     * @throws IOException if the client went away
     */
    public void continuation(String text) throws IOException {
        send(new Continuation(null, text));
    }

    /**
     * Reads the client's next line as it is, not as a command: IDLE's {@code DONE}, an AUTHENTICATE response.
     *
     * @return the line without its CRLF, bytes as ISO-8859-1 characters; {@code null} if the client closed first
     * @throws IOException on read failures
     */
    public String readLine() throws IOException {
        return wire.readLine();
    }

    /**
     * Reads the client's next command, which no handler sees (for tests about what follows a command); it is
     * recorded in {@link ScriptedImapServer#received()} like the others.
     *
     * @return the command, or {@code null} if the client closed first
     * @throws IOException on read failures
     * @throws org.imap4j.codec.ImapProtocolException if the client sent something that is not a command
     */
    public TaggedCommand readCommand() throws IOException {
        TaggedCommand c = wire.readCommand();
        if (c != null) {
            received.accept(c);
        }
        return c;
    }

    /**
     * Waits (a slow server).
     *
     * @param time how long
     * @throws InterruptedException if interrupted
     */
    public void pause(Duration time) throws InterruptedException {
        Thread.sleep(time.toMillis());
    }

    /**
     * Falls silent: reads and drops whatever the client sends until it closes the connection or the server is closed;
     * then the connection ends.
     *
     * @return how many bytes the client sent meanwhile
     */
    public long stall() {
        ended = true;
        return wire.drain();
    }

    /** Closes the connection, without completion (a server that dies); the connection ends. */
    public void close() {
        ended = true;
        wire.close();
    }

    /**
     * Layers server-side TLS over the connection (after the handler sent STARTTLS's OK) and completes the handshake;
     * later reads and writes are encrypted, and commands the client pipelined before it are dropped.
     *
     * @param context the server's TLS context with its key
     * @throws IOException if the handshake fails (the client rejected the certificate)
     */
    public void startTls(SSLContext context) throws IOException {
        wire.startTls(Objects.requireNonNull(context, "context"));
    }

    /**
     * Compresses the connection both ways with raw DEFLATE (RFC 4978), after the handler sent COMPRESS's OK.
     */
    public void compress() {
        wire.compress();
    }

    /** @return whether the connection runs TLS (from the first byte or after STARTTLS) */
    public boolean isSecure() {
        return wire.secure();
    }

    /** @return whether COMPRESS=DEFLATE is active */
    public boolean isCompressing() {
        return wire.compressing();
    }

    /** @return the connection's current socket (the TLS socket once secure), for tests about the transport */
    public Socket socket() {
        return wire.socket();
    }

    /**
     * Records a failure that {@link ScriptedImapServer#verify(Duration)} reports; the connection goes on.
     *
     * @param message what went wrong
     */
    public void fail(String message) {
        problems.accept("connection " + connection + ": " + message);
    }

    /**
     * Plays the default answer, as when the handler returns {@code false}: LOGOUT gets {@code * BYE} and OK and the
     * connection ends; SELECT and EXAMINE get {@code * 3 EXISTS}, {@code [UIDVALIDITY 7]}, {@code [UIDNEXT 40]} and
     * {@code OK [READ-WRITE]}; CAPABILITY lists {@link ImapScript#capabilities(String...)}; IDLE gets
     * {@code + idling}, waits for {@code DONE} and completes; STARTTLS upgrades with
     * {@link ImapScript#startTls(SSLContext)}'s context (BAD without one); COMPRESS starts DEFLATE; anything else gets
     * {@code OK done}.
     *
     * @throws IOException if the client went away
     */
    public void defaultAnswer() throws IOException {
        Command c = command();
        if (c instanceof Command.Logout) {
            send(Responses.bye("bye"));
            ok("LOGOUT done");
            ended = true;
        } else if (c instanceof Command.Select || c instanceof Command.Examine) {
            send(new Untagged.Exists(3), Responses.ok(new ResponseCode.UidValidity(7), "ok"),
                    Responses.ok(new ResponseCode.UidNext(40), "ok"));
            ok(new ResponseCode.Simple(ResponseCode.Kind.READ_WRITE), "selected");
        } else if (c instanceof Command.Capability) {
            send(new Untagged.Capabilities(List.copyOf(script.capabilityList())));
            ok("CAPABILITY done");
        } else if (c instanceof Command.Idle) {
            continuation("idling");
            String done = readLine();
            if (done == null) {
                ended = true;
                return;
            }
            if (!done.equalsIgnoreCase("DONE")) {
                fail("expected DONE after IDLE, got " + done);
            }
            ok("IDLE terminated");
        } else if (c instanceof Command.StartTls) {
            SSLContext tls = script.startTlsContext();
            if (tls == null) {
                bad("STARTTLS is not available (no context in the script)");
            } else {
                ok("begin TLS");
                startTls(tls);
            }
        } else if (c instanceof Command.Compress z) {
            if (z.mechanism().equalsIgnoreCase("DEFLATE")) {
                ok("DEFLATE active");
                compress();
            } else {
                bad("only DEFLATE");
            }
        } else {
            ok("done");
        }
    }

    boolean ended() {
        return ended;
    }
}
