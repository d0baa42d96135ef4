package org.imap4j.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Untagged;

/**
 * What a {@link ScriptedImapServer} plays to one connection: a greeting, then steps in order, each expecting one
 * command and answering it. Steps are typed: a command is matched as the codec parsed it (an equal record, a record
 * type, or any predicate), and answers are response records the codec encodes; {@link Step#respondRaw(String)} sends
 * bytes as they are, for malformed or hostile cases. Commands registered with {@link #always} are answered whenever
 * they arrive, between steps.
 *
 * <p>Handler mode: with {@link #handler(ImapHandler)}, every command that neither an {@code always} step nor the next
 * step takes goes to the handler, whose answer may depend on the command; what the handler declines gets a default
 * answer ({@link ImapExchange#defaultAnswer()}). Nothing is then unexpected.
 *
 * <pre>{@code
 * ImapScript script = ImapScript.create().greeting("IMAP4rev1", "IDLE").handler(x -> {
 *     if (x.command() instanceof Command.Search) {
 *         x.send(new Untagged.Search(List.of(2L, 5L), null));
 *         x.ok();
 *         return true;
 *     }
 *     return false;
 * });
 * }</pre>
 *
 * <p>A script is built once and may be played to several connections; each plays it from the start.
 */
public final class ImapScript {
    private List<byte[]> greeting = List.of(bytes("* OK [CAPABILITY IMAP4rev1] imap4j scripted server ready\r\n"));
    private long greetingPauseMillis;
    private final List<Step> steps = new ArrayList<>();
    private final List<Step> always = new ArrayList<>();
    private List<Capability> capabilities = List.of(Capability.of("IMAP4rev1"));
    private ImapHandler handler;
    private SSLContext startTls;

    private ImapScript() {
    }

    /** @return an empty script with a default {@code * OK [CAPABILITY IMAP4rev1]} greeting */
    public static ImapScript create() {
        return new ImapScript();
    }

    /**
     * Sets the greeting and the capabilities the default answer to CAPABILITY lists.
     *
     * @param capabilities the capabilities to announce in the greeting, e.g. {@code "IMAP4rev1", "IDLE"}
     * @return this script
     */
    public ImapScript greeting(String... capabilities) {
        List<Capability> caps = new ArrayList<>();
        for (String c : capabilities) {
            caps.add(Capability.of(c));
        }
        this.capabilities = List.copyOf(caps);
        return greeting(new Untagged.StatusResponse(Condition.OK, new ResponseCode.Capabilities(caps),
                "imap4j scripted server ready"));
    }

    /**
     * @param greeting the greeting ({@code * OK}, {@code * PREAUTH} or {@code * BYE})
     * @return this script
     */
    public ImapScript greeting(Untagged.StatusResponse greeting) {
        this.greeting = List.of(Responses.encode(greeting));
        return this;
    }

    /**
     * @param raw the greeting's bytes as sent (CRLF included)
     * @return this script
     */
    public ImapScript greetingRaw(String raw) {
        this.greeting = List.of(bytes(raw));
        return this;
    }

    /**
     * A greeting written in parts with a pause between them, so that the client reads it in pieces (for tests of
     * how a client frames a line split anywhere, even between CR and LF).
     *
     * @param pause the pause between two parts
     * @param parts the greeting's bytes in the order sent, as UTF-8 (CRLF included in the last)
     * @return this script
     */
    public ImapScript greetingRaw(Duration pause, String... parts) {
        List<byte[]> all = new ArrayList<>();
        for (String p : parts) {
            all.add(bytes(p));
        }
        this.greeting = List.copyOf(all);
        this.greetingPauseMillis = pause.toMillis();
        return this;
    }

    /**
     * @param capabilities what the default answer to CAPABILITY lists (handler mode), without touching the greeting;
     *                     {@code IMAP4rev1} unless set here or by {@link #greeting(String...)}
     * @return this script
     */
    public ImapScript capabilities(String... capabilities) {
        List<Capability> caps = new ArrayList<>();
        for (String c : capabilities) {
            caps.add(Capability.of(c));
        }
        this.capabilities = List.copyOf(caps);
        return this;
    }

    /**
     * @param context the server's TLS context with its key, which the default answer to STARTTLS upgrades the
     *                connection with (without one, STARTTLS is answered BAD)
     * @return this script
     */
    public ImapScript startTls(SSLContext context) {
        this.startTls = Objects.requireNonNull(context, "context");
        return this;
    }

    /**
     * Turns on handler mode: commands that no step takes go to {@code handler}.
     *
     * @param handler answers commands that no step takes
     * @return this script
     */
    public ImapScript handler(ImapHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * @param command the command the client must send next (compared with {@code equals})
     * @return the step, to say how the server answers
     */
    public Step expect(Command command) {
        Objects.requireNonNull(command, "command");
        return add(steps, c -> c.equals(command), command.toString());
    }

    /**
     * @param type the type of command the client must send next
     * @return the step
     */
    public Step expect(Class<? extends Command> type) {
        return add(steps, type::isInstance, type.getSimpleName());
    }

    /**
     * @param matcher     what the next command must satisfy
     * @param description what it stands for, for failure messages
     * @return the step
     */
    public Step expect(Predicate<Command> matcher, String description) {
        return add(steps, matcher, description);
    }

    /**
     * Answers a kind of command whenever it arrives, without taking a step (for example CAPABILITY or NOOP, which a
     * client may send at any time).
     *
     * @param type the type of command
     * @return the step that says how to answer it
     */
    public Step always(Class<? extends Command> type) {
        return add(always, type::isInstance, type.getSimpleName());
    }

    private Step add(List<Step> to, Predicate<Command> matcher, String description) {
        Step s = new Step(this, matcher, description);
        to.add(s);
        return s;
    }

    List<byte[]> greetingParts() {
        return greeting;
    }

    long greetingPauseMillis() {
        return greetingPauseMillis;
    }

    List<Capability> capabilityList() {
        return capabilities;
    }

    SSLContext startTlsContext() {
        return startTls;
    }

    ImapHandler handler() {
        return handler;
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    List<Step> alwaysSteps() {
        return List.copyOf(always);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One expected command and the server's answer: untagged responses, raw bytes, an IDLE exchange, then the tagged
     * completion (or a closed connection).
     */
    public static final class Step {
        private final ImapScript script;
        private final Predicate<Command> matcher;
        private final String description;
        private final List<Action> actions = new ArrayList<>();

        Step(ImapScript script, Predicate<Command> matcher, String description) {
            this.script = script;
            this.matcher = matcher;
            this.description = description;
        }

        /**
         * @param responses untagged responses to send before the completion
         * @return this step
         */
        public Step respond(Untagged... responses) {
            for (Untagged u : responses) {
                byte[] b = Responses.encode(u);
                actions.add(new Action.Send(b));
            }
            return this;
        }

        /**
         * @param raw bytes to send as they are (CRLF included), for responses the codec would refuse to write
         * @return this step
         */
        public Step respondRaw(String raw) {
            actions.add(new Action.Send(bytes(raw)));
            return this;
        }

        /**
         * For IDLE: sends {@code + idling}, then {@code pushed} one by one, waits for the client's {@code DONE}, and
         * then completes as the script says next.
         *
         * @param pushed what the server pushes while idling
         * @return this step
         */
        public Step idle(Untagged... pushed) {
            actions.add(new Action.Send(bytes("+ idling\r\n")));
            respond(pushed);
            actions.add(new Action.AwaitDone());
            return this;
        }

        /**
         * Waits before what follows (a slow server).
         *
         * @param millis the pause
         * @return this step
         */
        public Step pause(long millis) {
            actions.add(new Action.Pause(millis));
            return this;
        }

        /** @return the script, after a tagged {@code OK completed} */
        public ImapScript ok() {
            return complete(Condition.OK, null, "completed");
        }

        /**
         * @param text the completion's text
         * @return the script, after a tagged OK
         */
        public ImapScript ok(String text) {
            return complete(Condition.OK, null, text);
        }

        /**
         * @param code the response code
         * @param text the text
         * @return the script, after a tagged OK with a code
         */
        public ImapScript ok(ResponseCode code, String text) {
            return complete(Condition.OK, code, text);
        }

        /**
         * @param text the text
         * @return the script, after a tagged NO
         */
        public ImapScript no(String text) {
            return complete(Condition.NO, null, text);
        }

        /**
         * @param text the text
         * @return the script, after a tagged BAD
         */
        public ImapScript bad(String text) {
            return complete(Condition.BAD, null, text);
        }

        /**
         * @param status OK, NO or BAD
         * @param code   the response code, or {@code null}
         * @param text   the text
         * @return the script, after the tagged completion
         */
        public ImapScript complete(Condition status, ResponseCode code, String text) {
            actions.add(new Action.Complete(status, code, text));
            return script;
        }

        /** @return the script, after closing the connection instead of completing (a server that dies) */
        public ImapScript close() {
            actions.add(new Action.Close());
            return script;
        }

        /** @return the script, the command left without completion (the server falls silent) */
        public ImapScript hang() {
            actions.add(new Action.Hang());
            return script;
        }

        boolean matches(Command c) {
            return matcher.test(c);
        }

        String description() {
            return description;
        }

        List<Action> actions() {
            return List.copyOf(actions);
        }
    }

    /** What the server does for a step, in order. */
    sealed interface Action {
        /** Send bytes. */
        record Send(byte[] bytes) implements Action {
        }

        /** The tagged completion, with the command's tag. */
        record Complete(Condition status, ResponseCode code, String text) implements Action {
        }

        /** Wait for the client's DONE line. */
        record AwaitDone() implements Action {
        }

        /** Sleep. */
        record Pause(long millis) implements Action {
        }

        /** Close the connection. */
        record Close() implements Action {
        }

        /** Send nothing more on this connection. */
        record Hang() implements Action {
        }
    }
}
