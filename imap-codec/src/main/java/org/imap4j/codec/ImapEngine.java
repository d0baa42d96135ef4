package org.imap4j.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.Fragment;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Tag;
import org.imap4j.codec.internal.encode.CommandEncoder;
import org.imap4j.codec.internal.frame.Framer;
import org.imap4j.codec.internal.parse.ImapReader;
import org.imap4j.codec.internal.parse.LiteralPrefix;
import org.imap4j.codec.internal.parse.ParserMemo;
import org.imap4j.codec.internal.parse.ResponseParser;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Continuation;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * The sans-I/O IMAP client protocol engine: it assigns tags, encodes commands into bytes to write, holds back a
 * synchronizing literal until the server's continuation request, parses what is received, routes each response to
 * its command, tracks the connection state, and marks the STARTTLS and COMPRESS boundaries. It has no threads,
 * clock, logging or locks; both transports drive it, and tests drive it byte for byte.
 *
 * <pre>{@code
 * ImapEngine engine = new ImapEngine(EngineConfig.defaults());
 * engine.receive(ByteBuffer.wrap("* OK ready\r\n".getBytes(US_ASCII)));
 * CommandHandle h = engine.submit(new Command.Noop());
 * ByteBuffer out;
 * while ((out = engine.pollOutput()) != null) { socket.write(out); }
 * engine.receive(bytesFromSocket);
 * EngineEvent e;
 * while ((e = engine.next()) != null) { ... }        // null: more input is needed
 * }</pre>
 *
 * <h2>Routing</h2>
 * An untagged response goes to the oldest command in flight that collects its kind (FETCH to FETCH and STORE, SEARCH
 * and ESEARCH to SEARCH, LIST to LIST, and so on; during SELECT/EXAMINE everything but BYE belongs to it); anything
 * else is unsolicited ({@code handle == null}). FETCH responses are routed by kind only: telling an unsolicited flag
 * change from a requested item is the caller's job (by UID).
 *
 * <h2>Writing</h2>
 * Commands are written in the order they start. A synchronizing literal stops the output until a continuation
 * request arrives; if the server answers NO or BAD instead, the rest of that command is dropped, never sent.
 *
 * <h2>Pipelining (RFC 9051 section 5.5)</h2>
 * A submitted command is held in the engine, unwritten, until the rules let it start; held commands start in
 * submission order (one that must wait holds back those after it), as completions allow:
 * <ul>
 * <li>a barrier runs alone: it starts when every command before it has completed, and nothing starts while it runs.
 *     Barriers are SELECT, EXAMINE, CLOSE, UNSELECT, EXPUNGE, UID EXPUNGE, MOVE, NOOP, CHECK, LOGIN, AUTHENTICATE,
 *     ENABLE, STARTTLS, COMPRESS, IDLE, LOGOUT and every command that addresses messages by sequence number;</li>
 * <li>two commands that collect the same kind of untagged response never overlap (FETCH and non-silent STORE;
 *     SEARCH, SORT and THREAD; LIST, LSUB and STATUS; GETQUOTA and GETQUOTAROOT; CAPABILITY; NAMESPACE; ID):
 *     untagged responses carry no tag, and a server may run pipelined commands at once and interleave them;</li>
 * <li>other commands pipeline freely (a UID FETCH and a UID SEARCH go out together).</li>
 * </ul>
 * An {@link ExclusiveSection} ({@link #openSection()}) keeps the commands of one multi-command operation together:
 * while it is active, commands submitted without it stay held.
 *
 * <h2>Answers to commands not yet sent</h2>
 * A command is on the wire once all its fragments were emitted and every buffer of it was taken by
 * {@link #pollOutput()} (a transport writes what it polled fully before polling again, so polled bytes are the most
 * the server can have read). A tagged response for a command that is still queued, partially written, waiting for
 * a synchronizing literal's continuation, or not yet polled (likewise a continuation request for it, or an
 * AUTHENTICATE success before the client's answer to the challenge was polled) cannot be an answer to it: the engine
 * fails with an {@link ImapProtocolException} whose message says the server answered a command before it had
 * received it, and never completes the command (the STARTTLS-stripping class, ruby net-imap CVE-2026-42246). The
 * one answer to half a command RFC 9051 allows stays valid: NO or BAD instead of a literal's continuation request,
 * once the bytes before the literal were polled. A tagged response whose tag is not in flight at all (never
 * assigned, foreign, or already completed) completes nothing; it is reported as {@link EngineEvent.Malformed} and
 * skipped.
 *
 * <h2>Failure</h2>
 * A framing error, a broken {@link CodecLimits} limit (also one found while parsing a response), a premature answer
 * or a lost connection fails the engine: every pending command gets {@link EngineEvent.CommandFailed}, then
 * {@link EngineEvent.Failed}; {@link #failureCause()} keeps the first error, and every later {@link #submit} throws
 * an {@link ImapConnectionException} caused by it. After the server's BYE, a lost connection with nothing but a sent
 * LOGOUT pending is the clean end: the LOGOUT completes and the state stays {@link ConnectionState#LOGOUT}.
 *
 * <p>Not thread-safe: one thread (or one lock holder) drives an engine.
 */
public final class ImapEngine {
    private final EngineConfig config;
    private final Framer framer;
    /** Values this engine's parser built recently; this connection's own, shared with no other. */
    private final ParserMemo memo = new ParserMemo();
    /** The one reader of this engine's response frames, reset for each (created with the first frame). */
    private ImapReader frameReader;
    private final ArrayDeque<EngineEvent> events = new ArrayDeque<>(2);
    /** Bytes to write ({@link ByteBuffer}) and slots for payloads the caller supplies ({@link SuppliedSlot}). */
    private final ArrayDeque<Object> output = new ArrayDeque<>(2);
    private final ArrayDeque<CommandHandle> outputOwners = new ArrayDeque<>(2);
    private CommandHandle lastOutputOwner;
    private final ArrayDeque<Pending> writeQueue = new ArrayDeque<>(1);
    /**
     * Commands submitted and not yet released to {@link #writeQueue} (RFC 9051 section 5.5, {@link SubmissionRules}),
     * in submission order, with the marks where exclusive sections were opened.
     */
    private final ArrayDeque<Object> held = new ArrayDeque<>(1);
    /** The section whose commands alone may start now, or {@code null}. */
    private ExclusiveSection activeSection;
    private long sectionCounter;
    /** Commands released and not completed. */
    private int running;
    /** Whether a released barrier command has not completed. */
    private boolean barrierRunning;
    private final java.util.EnumSet<SubmissionRules.Group> runningGroups =
            java.util.EnumSet.noneOf(SubmissionRules.Group.class);
    private final ArrayList<Pending> inFlight = new ArrayList<>();
    private final Map<String, Pending> byTag = new HashMap<>(4);

    private ConnectionState state = ConnectionState.GREETING;
    private EncodeOptions encodeOptions;
    private boolean utf8Mailboxes;
    private long tagCounter;
    private boolean awaitingTls;
    private boolean compressing;
    private String byeText;
    private List<Capability> capabilities = List.of();
    private CommandHandle streamingHandle;
    private ImapException failure;

    /** A literal payload the caller supplies ({@link Fragment.Supplied}): how much of it is still due. */
    private static final class SuppliedSlot {
        final CommandHandle owner;
        long remaining;

        SuppliedSlot(CommandHandle owner, long size) {
            this.owner = owner;
            this.remaining = size;
        }
    }

    /** A command in flight. */
    private static final class Pending {
        final CommandHandle handle;
        final List<Fragment> fragments;
        final ExclusiveSection section;
        final boolean barrier;
        final SubmissionRules.Group group;
        /** Whether the submission rules let it start (it is in, or went through, the write queue). */
        boolean released;
        int next;
        boolean awaitingLiteralContinuation;
        boolean continuationGranted;
        boolean written;
        /** Buffers of the command itself (its fragments) queued and not yet taken by {@link #pollOutput()}. */
        int unpolled;
        /** Buffers sent later in its exchange (SASL responses, DONE) queued and not yet taken. */
        int unpolledReplies;
        long responses;

        Pending(CommandHandle handle, List<Fragment> fragments, ExclusiveSection section) {
            this.handle = handle;
            this.fragments = fragments;
            this.section = section;
            this.barrier = SubmissionRules.isBarrier(handle.command());
            this.group = SubmissionRules.group(handle.command());
        }
    }

    /**
     * @param config limits, quirks, tag prefix and initial encoding options
     */
    public ImapEngine(EngineConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.framer = new Framer(config.limits(), config.quirks().contains(Quirk.CRLF_RELAXED));
        this.encodeOptions = config.encodeOptions();
    }

    // ---------------------------------------------------------------- state

    /** @return the connection state */
    public ConnectionState state() {
        return state;
    }

    /** @return the capabilities last announced (greeting code, CAPABILITY response or code), possibly empty */
    public List<Capability> capabilities() {
        return capabilities;
    }

    /** @return the encoding options in force (they follow LITERAL+, LITERAL- and ENABLE UTF8=ACCEPT) */
    public EncodeOptions encodeOptions() {
        return encodeOptions;
    }

    /** @return whether commands are in flight */
    public boolean hasPendingCommands() {
        return !inFlight.isEmpty();
    }

    /**
     * @return the first error that failed this engine (what {@link EngineEvent.Failed} reported), or {@code null}
     *         while it has not failed; every later {@link #submit} is refused with an exception caused by it
     */
    public ImapException failureCause() {
        return failure;
    }

    // ---------------------------------------------------------------- submitting

    /**
     * Submits a command: it is given the next tag and queued for writing ({@link #pollOutput()}) as soon as the
     * pipelining rules allow (see "Pipelining" above); until then it is held, unwritten.
     *
     * @param command the command
     * @return the handle that later events about this command carry
     * @throws ImapConnectionException if the engine failed or the session ended; after a failure its cause is the
     *                                 first error ({@link #failureCause()}) and its message repeats that error's
     */
    public CommandHandle submit(Command command) {
        return submit(command, null);
    }

    /**
     * Submits a command as part of an exclusive section (see {@link #openSection()}): while the section is active,
     * only its commands start; the usual pipelining rules still apply among them and to commands still running.
     *
     * @param command the command
     * @param section the section it belongs to, or {@code null} for none (as {@link #submit(Command)})
     * @return the handle that later events about this command carry
     * @throws ImapConnectionException if the engine failed or the session ended
     * @throws IllegalStateException   if the section is closed
     */
    public CommandHandle submit(Command command, ExclusiveSection section) {
        Objects.requireNonNull(command, "command");
        if (section != null && section.closed) {
            throw new IllegalStateException("the exclusive section is closed: " + section);
        }
        if (state == ConnectionState.FAILED || state == ConnectionState.LOGOUT) {
            String what = "; cannot send " + command.getClass().getSimpleName();
            if (failure != null) {
                // the first error stays the cause of every later refusal (issue 14 item 5)
                throw new ImapConnectionException("connection is " + state + " (first error: "
                        + failure.getMessage() + ")" + what, failure);
            }
            throw new ImapConnectionException("connection is " + state
                    + (byeText != null ? " (server said BYE: " + byeText + ")" : "") + what);
        }
        Tag tag = new Tag(config.tagPrefix() + (++tagCounter));
        List<Fragment> fragments = CommandEncoder.encode(tag, command, encodeOptions);
        CommandHandle handle = new CommandHandle(tag, command, tagCounter);
        Pending p = new Pending(handle, fragments, section);
        inFlight.add(p);
        byTag.put(tag.value(), p);
        held.add(p);
        release();
        pump();
        return handle;
    }

    /**
     * Opens an exclusive section: a mark is queued behind every command submitted so far; when they have all
     * started, the section becomes active, and from then until {@link #closeSection} only commands submitted with
     * it start (in their order, under the usual pipelining rules). Commands submitted without it meanwhile wait,
     * unwritten, and start in their order after it closes. Sections are served in the order they were opened. An
     * operation made of several commands uses one so that nothing of another caller comes between its steps.
     *
     * @return the section
     */
    public ExclusiveSection openSection() {
        ExclusiveSection s = new ExclusiveSection(++sectionCounter);
        held.add(s);
        release();
        return s;
    }

    /**
     * Closes an exclusive section; the commands waiting behind it may start. Idempotent.
     *
     * @param section the section
     */
    public void closeSection(ExclusiveSection section) {
        Objects.requireNonNull(section, "section");
        if (section.closed) {
            return;
        }
        section.closed = true;
        release();
        pump();
    }

    /**
     * Moves held commands whose turn has come to the write queue (RFC 9051 section 5.5; see
     * {@link SubmissionRules}): in submission order, a command starts when no barrier is running, it is not a barrier
     * itself with other commands running, and no running command collects the same kind of response. While an
     * exclusive section is active only its commands are considered.
     */
    private void release() {
        while (true) {
            if (activeSection != null) {
                Pending next = null;
                for (Object o : held) {
                    if (o instanceof Pending p && p.section == activeSection) {
                        next = p;
                        break;
                    }
                }
                if (next == null) {
                    if (!activeSection.closed) {
                        return;
                    }
                    activeSection = null;
                    continue;
                }
                if (!mayStart(next)) {
                    return;
                }
                held.remove(next);
                start(next);
                continue;
            }
            Object head = held.peek();
            if (head == null) {
                return;
            }
            if (head instanceof ExclusiveSection s) {
                held.poll();
                if (!s.closed) {
                    activeSection = s;
                }
                continue;
            }
            Pending p = (Pending) head;
            if (!mayStart(p)) {
                return;
            }
            held.poll();
            start(p);
        }
    }

    private boolean mayStart(Pending p) {
        if (barrierRunning || p.barrier && running > 0) {
            return false;
        }
        return p.group == null || !runningGroups.contains(p.group);
    }

    private void start(Pending p) {
        p.released = true;
        running++;
        if (p.barrier) {
            barrierRunning = true;
        }
        if (p.group != null) {
            runningGroups.add(p.group);
        }
        writeQueue.add(p);
    }

    /**
     * Answers an AUTHENTICATE challenge with the client's response (sent base64-encoded).
     *
     * @param handle   the AUTHENTICATE command
     * @param response the SASL response
     */
    public void authenticateResponse(CommandHandle handle, Bytes response) {
        requireActive(handle, Command.Authenticate.class);
        String b64 = Base64.getEncoder().encodeToString(response.toByteArray());
        emitReply(handle, ByteBuffer.wrap((b64 + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Cancels an AUTHENTICATE exchange ({@code *}); the server answers BAD.
     *
     * @param handle the AUTHENTICATE command
     */
    public void authenticateCancel(CommandHandle handle) {
        requireActive(handle, Command.Authenticate.class);
        emitReply(handle, ByteBuffer.wrap("*\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Ends IDLE ({@code DONE}); the server then completes the IDLE command.
     *
     * @param handle the IDLE command
     */
    public void idleDone(CommandHandle handle) {
        requireActive(handle, Command.Idle.class);
        emitReply(handle, ByteBuffer.wrap(CommandEncoder.done()));
    }

    private void requireActive(CommandHandle handle, Class<?> kind) {
        Pending p = byTag.get(handle.tag().value());
        if (p == null || p.handle != handle || !kind.isInstance(handle.command()) || !p.written) {
            throw new IllegalStateException("not an active " + kind.getSimpleName() + " command: " + handle);
        }
    }

    /** Moves releasable fragments of queued commands to the output. */
    private void pump() {
        while (!writeQueue.isEmpty() && !awaitingTls) {
            Pending p = writeQueue.peek();
            if (p.awaitingLiteralContinuation) {
                return;
            }
            while (p.next < p.fragments.size()) {
                Fragment f = p.fragments.get(p.next);
                if ((f instanceof Fragment.Literal lit && lit.mode() == Fragment.LiteralMode.SYNC
                        || f instanceof Fragment.Supplied sup && sup.mode() == Fragment.LiteralMode.SYNC)
                        && !p.continuationGranted) {
                    p.awaitingLiteralContinuation = true;
                    return;
                }
                p.continuationGranted = false;
                if (f instanceof Fragment.Supplied sup) {
                    emit(p, new SuppliedSlot(p.handle, sup.size()));
                } else {
                    emit(p, bytesOf(f).asReadOnlyBuffer());
                }
                p.next++;
            }
            p.written = true;
            if (isExclusive(p.handle.command())) {
                // stays at the head of the queue until its tagged response removes it
                return;
            }
            writeQueue.poll();
        }
    }

    private static Bytes bytesOf(Fragment f) {
        return f instanceof Fragment.Line l ? l.data() : ((Fragment.Literal) f).data();
    }

    private static boolean isExclusive(Command c) {
        return c instanceof Command.Idle || c instanceof Command.Authenticate || c instanceof Command.StartTls
                || c instanceof Command.Compress;
    }

    /**
     * @return the next bytes to write, or {@code null} if there are none now; write them fully before polling again
     */
    public ByteBuffer pollOutput() {
        if (output.peek() instanceof SuppliedSlot) {
            return null; // the caller writes this payload itself: pendingSupplied() / supplied(n)
        }
        lastOutputOwner = outputOwners.poll();
        if (lastOutputOwner != null) {
            Pending p = byTag.get(lastOutputOwner.tag().value());
            if (p != null && p.handle == lastOutputOwner) {
                if (p.unpolled > 0) {
                    p.unpolled--; // the command's own bytes were queued first, so they leave first
                } else {
                    p.unpolledReplies--;
                }
            }
        }
        return (ByteBuffer) output.poll();
    }

    /**
     * Whether the next output is a literal payload the caller supplies ({@link Fragment.Supplied}, an APPEND from
     * a stream): {@link #pollOutput()} then returns {@code null} until the caller has written that many payload
     * bytes itself and reported them with {@link #supplied(long)}. The engine never sees the bytes; it only keeps
     * the count, so it knows when the command is fully on the wire.
     *
     * @return the number of payload bytes still due now, or 0 if the next output is not a supplied payload
     */
    public long pendingSupplied() {
        return output.peek() instanceof SuppliedSlot slot ? slot.remaining : 0;
    }

    /** @return the command whose supplied payload is due ({@link #pendingSupplied()} &gt; 0), or {@code null} */
    public CommandHandle pendingSuppliedOwner() {
        return output.peek() instanceof SuppliedSlot slot ? slot.owner : null;
    }

    /**
     * Reports that the caller wrote {@code n} bytes of the supplied payload that is due; when all are written, the
     * output goes on with the rest of the command.
     *
     * @param n bytes written, at most {@link #pendingSupplied()}
     * @throws IllegalStateException if no supplied payload is due or {@code n} is more than is due
     */
    public void supplied(long n) {
        if (!(output.peek() instanceof SuppliedSlot slot) || n < 0 || n > slot.remaining) {
            throw new IllegalStateException("supplied " + n + " bytes, but " + pendingSupplied() + " are due");
        }
        slot.remaining -= n;
        lastOutputOwner = slot.owner;
        if (slot.remaining == 0) {
            output.poll();
            outputOwners.poll();
            Pending p = byTag.get(slot.owner.tag().value());
            if (p != null && p.handle == slot.owner) {
                p.unpolled--;
            }
        }
    }

    /**
     * Tells whose bytes {@link #pollOutput()} returned last, so that a trace can redact LOGIN and AUTHENTICATE
     * secrets exactly, fragment by fragment, instead of guessing from the text.
     *
     * @return the command the last polled output belongs to, or {@code null} before any
     */
    public CommandHandle lastOutputOwner() {
        return lastOutputOwner;
    }

    private void emit(Pending p, Object bytes) {
        output.add(bytes);
        outputOwners.add(p.handle);
        p.unpolled++;
    }

    private void emitReply(CommandHandle owner, ByteBuffer bytes) {
        output.add(bytes);
        outputOwners.add(owner);
        byTag.get(owner.tag().value()).unpolledReplies++;
    }

    /**
     * Whether the server can have received all of a command that it now answers: every fragment emitted (none held
     * back for a continuation, none queued behind another command) and every emitted buffer taken by
     * {@link #pollOutput()} (a transport writes what it polled fully before polling again). Bytes polled are the
     * most the server can have read; a tagged response for a command not fully polled answers something the server
     * was never sent.
     */
    private static boolean onWire(Pending p) {
        return p.written && p.unpolled == 0;
    }

    /**
     * The STARTTLS-stripping class (ruby net-imap CVE-2026-42246): a tagged response for a command the server had not
     * received yet. Trusting it would complete STARTTLS before it was sent, or a LOGIN before its password.
     */
    private ImapProtocolException premature(Tag tag, Pending p, String how) {
        return new ImapProtocolException("protocol violation: the server answered " + tag.value() + " "
                + (p == null ? "" : p.handle.command().getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT)
                + " ") + how + " before it had received that command (" + describeProgress(p)
                + "); a server cannot answer a command it has not received yet, so the connection is closed",
                -1, "", null);
    }

    private static String describeProgress(Pending p) {
        if (p == null) {
            return "not submitted yet";
        }
        if (p.next == 0) {
            return "still queued, nothing of it written";
        }
        if (p.awaitingLiteralContinuation) {
            return p.unpolled > 0 ? "partially written, then waiting for a literal's continuation request"
                    : "waiting for the continuation request of a synchronizing literal";
        }
        if (!p.written) {
            return "partially written";
        }
        if (p.unpolled > 0) {
            return "not yet handed to the connection";
        }
        return "its answer to the server's challenge not yet handed to the connection";
    }


    /** @return whether bytes are waiting to be written */
    public boolean hasOutput() {
        return !output.isEmpty();
    }

    // ---------------------------------------------------------------- receiving

    /**
     * Hands received bytes to the engine (copied).
     *
     * @param bytes what was read from the connection
     */
    public void receive(ByteBuffer bytes) {
        checkReceiving();
        framer.feed(bytes);
    }

    /**
     * A buffer to read into directly, avoiding a copy; follow with {@link #commitInput(int)}.
     *
     * @param minFree the least free space wanted
     * @return the buffer, positioned at its free space
     */
    public ByteBuffer inputBuffer(int minFree) {
        checkReceiving();
        return framer.writableBuffer(minFree);
    }

    /** @param n the number of bytes read into the last {@link #inputBuffer(int)} */
    public void commitInput(int n) {
        framer.commit(n);
    }

    private void checkReceiving() {
        if (awaitingTls) {
            throw new IllegalStateException("STARTTLS: complete the TLS handshake and call tlsEstablished() first");
        }
    }

    /**
     * Reports that the TLS handshake after STARTTLS completed. Capabilities learnt before it are forgotten (RFC 9051
     * section 6.2.1): ask again.
     */
    public void tlsEstablished() {
        if (!awaitingTls) {
            throw new IllegalStateException("no STARTTLS is in progress");
        }
        awaitingTls = false;
        // Nothing learned in cleartext survives the handshake (RFC 9051 section 6.2.1): neither the capabilities
        // nor what they enabled, such as LITERAL+ writing.
        learnCapabilities(List.of());
        finishExclusive();
    }

    /**
     * Reports that the connection was lost or closed: every pending command fails with {@code cause}, and the state
     * becomes {@link ConnectionState#FAILED}; after the server's BYE with nothing but a sent LOGOUT pending, the state
     * stays {@link ConnectionState#LOGOUT} instead and that LOGOUT completes successfully.
     *
     * @param cause why
     */
    public void connectionLost(ImapException cause) {
        if (state == ConnectionState.FAILED) {
            return;
        }
        ImapException c = cause;
        if (byeText != null && cause instanceof ImapConnectionException) {
            c = new ImapConnectionException("server said BYE: " + byeText, cause);
        }
        if (state == ConnectionState.LOGOUT && onlyLogoutPending()) {
            endAfterBye();
            return;
        }
        fail(c);
    }

    /** @return whether nothing but fully sent LOGOUT commands is in flight */
    private boolean onlyLogoutPending() {
        for (Pending p : inFlight) {
            if (!(p.handle.command() instanceof Command.Logout) || !onWire(p)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The end of a session the server closed after BYE with nothing but LOGOUT pending: not a failure, the state
     * stays {@link ConnectionState#LOGOUT}. A server may answer LOGOUT with BYE and close without the tagged OK (BYE
     * says the server is closing the connection, RFC 9051 section 7.1.5), so a LOGOUT that was fully sent completes with an
     * OK made here, whose text says so. (Other commands still pending when the connection ends after BYE fail, and so
     * does the engine.)
     */
    private void endAfterBye() {
        for (Pending p : inFlight) {
            events.add(new EngineEvent.Completed(p.handle, new Tagged(p.handle.tag(), Condition.OK, null,
                    "LOGOUT completed: the server said BYE and closed the connection")));
        }
        dropCommands();
    }

    /**
     * Returns the next event, parsing received bytes as needed.
     *
     * @return the event, or {@code null} if more input is needed
     */
    public EngineEvent next() {
        while (events.isEmpty()) {
            if (state == ConnectionState.FAILED || awaitingTls) {
                return null;
            }
            Framer.Result r;
            try {
                r = framer.next();
            } catch (ImapProtocolException e) {
                fail(e);
                break;
            }
            switch (r) {
                case NEED_INPUT:
                    return null;
                case FRAME:
                    onFrame();
                    break;
                case LITERAL_START:
                    streamingHandle = oldestCollectingFetch();
                    events.add(new EngineEvent.LiteralStarted(streamingHandle,
                            Bytes.copyOf(framer.buffer(), framer.start(), framer.end() - framer.start()),
                            framer.literalSize(), framer.literalBinary(),
                            LiteralPrefix.bind(framer.buffer(), framer.start(), framer.end(),
                                    framer.streamedOffsets(), config.limits(), config.quirks())));
                    break;
                case LITERAL_CHUNK:
                    events.add(new EngineEvent.LiteralChunk(streamingHandle, framer.chunkOffset(),
                            ByteBuffer.wrap(framer.chunkArray(), framer.start(), framer.end() - framer.start())));
                    break;
                case LITERAL_END:
                    events.add(new EngineEvent.LiteralEnded(streamingHandle));
                    streamingHandle = null;
                    break;
                default:
                    throw new AssertionError(r);
            }
        }
        return events.poll();
    }

    private CommandHandle oldestStarted() {
        for (Pending p : inFlight) {
            if (p.next > 0) {
                return p.handle;
            }
        }
        return null;
    }

    private CommandHandle oldestCollectingFetch() {
        for (Pending p : inFlight) {
            if (p.next > 0
                    && (p.handle.command() instanceof Command.Fetch || p.handle.command() instanceof Command.Store)) {
                return p.handle;
            }
        }
        return null;
    }

    private void onFrame() {
        byte[] buf = framer.buffer();
        int start = framer.start();
        int end = framer.end();
        ImapReader reader = frameReader;
        if (reader == null) {
            reader = new ImapReader(buf, start, end, framer.streamedOffsets(), config.limits(), config.quirks(), memo);
            frameReader = reader;
        } else {
            reader.reset(buf, start, end, framer.streamedOffsets());
        }
        Response response;
        try {
            response = ResponseParser.parse(reader, utf8Mailboxes);
        } catch (ImapProtocolException e) {
            onMalformed(buf, start, end, e);
            return;
        } finally {
            // The framer may give its buffer back while idle (trimBuffers): the reader must not keep it alive.
            reader.detach();
        }
        if (response instanceof Tagged t) {
            onTagged(t);
        } else if (response instanceof Continuation c) {
            onContinuation(c);
        } else {
            onUntagged((Untagged) response);
        }
    }

    private void onMalformed(byte[] buf, int start, int end, ImapProtocolException e) {
        if (state == ConnectionState.GREETING) {
            fail(e);
            return;
        }
        if (e.limit() != null) {
            // A limit broken inside a response (maxListItems, maxNestingDepth...) is not a recoverable grammar slip:
            // the server sends more than the client agreed to take. Every waiting caller hears of it now, typed, and
            // the connection closes, instead of waiting for a tagged reply that may never come (issue 14 item 8).
            fail(e);
            return;
        }
        int sp = start;
        while (sp < end && buf[sp] != ' ' && buf[sp] != '\r' && buf[sp] != '\n') {
            sp++;
        }
        String first = new String(buf, start, sp - start, StandardCharsets.ISO_8859_1);
        Pending p = byTag.get(first);
        if (p != null && !onWire(p)) {
            fail(premature(p.handle.tag(), p, "(with an unreadable response)"));
            return;
        }
        if (p != null) {
            // A tagged completion we cannot read still ends its command; it must not hang.
            finish(p);
            events.add(new EngineEvent.CommandFailed(p.handle, e));
            release();
            pump();
            return;
        }
        events.add(new EngineEvent.Malformed(oldestStarted(), e));
    }

    private void onTagged(Tagged t) {
        Pending p = byTag.get(t.tag().value());
        if (p == null) {
            // A tag not in flight (never assigned, not ours, or already completed) completes nothing, so it cannot
            // stand in for a command's answer: it is reported (Malformed) and skipped, and the connection goes on. A
            // completion prepared for a tag the client will assign later is thereby dropped before that command
            // exists; the command then needs an answer that arrives after it was sent.
            events.add(new EngineEvent.Malformed(null, new ImapProtocolException(
                    "tagged response for a tag not in flight: " + t.tag(), -1, "", null)));
            return;
        }
        if (!onWire(p) && !refusesHeldLiteral(p, t) || okBeforeSaslAnswer(p, t)) {
            fail(premature(t.tag(), p, t.status().toString()));
            return;
        }
        finish(p);
        Command c = p.handle.command();
        ConnectionState before = state;
        if (t.status() == Condition.OK) {
            if (c instanceof Command.Login || c instanceof Command.Authenticate) {
                setState(ConnectionState.AUTHENTICATED);
            } else if (c instanceof Command.Select || c instanceof Command.Examine) {
                setState(ConnectionState.SELECTED);
            } else if (c instanceof Command.Close || c instanceof Command.Unselect) {
                setState(ConnectionState.AUTHENTICATED);
            } else if (c instanceof Command.Logout) {
                setState(ConnectionState.LOGOUT);
            } else if (c instanceof Command.Unauthenticate) {
                // RFC 8437: back to not authenticated; what the server offers may change, ask again
                setState(ConnectionState.NOT_AUTHENTICATED);
                capabilities = List.of();
                // and what ENABLE turned on is off again (RFC 8437 section 3)
                utf8Mailboxes = false;
                encodeOptions = new EncodeOptions(encodeOptions.literals(), false);
            }
        } else if ((c instanceof Command.Select || c instanceof Command.Examine) && before == ConnectionState.SELECTED) {
            setState(ConnectionState.AUTHENTICATED);
        }
        if (t.code() instanceof ResponseCode.Capabilities cc) {
            learnCapabilities(cc.capabilities());
        }
        events.add(new EngineEvent.Completed(p.handle, t));
        if (t.status() == Condition.OK && c instanceof Command.StartTls) {
            int stray = framer.discardBuffered();
            if (stray > 0) {
                fail(new ImapProtocolException("STARTTLS injection: " + stray
                        + " byte(s) received after the tagged OK, before the TLS handshake", -1, "", null));
                return;
            }
            awaitingTls = true;
            capabilities = List.of();
            events.add(new EngineEvent.StartTls(p.handle));
            return;
        }
        if (t.status() == Condition.OK && c instanceof Command.Compress) {
            compressing = true;
            Bytes rest = framer.takeBuffered();
            events.add(new EngineEvent.CompressionStarted(p.handle, rest));
        }
        release();
        pump();
    }

    /**
     * RFC 9051 section 4.3: instead of the continuation request for a synchronizing literal, the server may refuse
     * the command with NO or BAD; it has then read everything before the literal, which must all have been polled.
     * An OK is never a valid answer to half a command.
     */
    private static boolean refusesHeldLiteral(Pending p, Tagged t) {
        return p.awaitingLiteralContinuation && p.unpolled == 0 && t.status() != Condition.OK;
    }

    /**
     * An AUTHENTICATE cannot succeed before the server has the client's answer to its challenge (it may fail, or the
     * client may cancel, at any time). IDLE may end either way: a server may end it without DONE.
     */
    private static boolean okBeforeSaslAnswer(Pending p, Tagged t) {
        return p.unpolledReplies > 0 && t.status() == Condition.OK && p.handle.command() instanceof Command.Authenticate;
    }

    /** Removes a command from the bookkeeping, dropping any fragments it has not sent. */
    private void finish(Pending p) {
        inFlight.remove(p);
        byTag.remove(p.handle.tag().value());
        if (p.released) {
            running--;
            if (p.barrier) {
                barrierRunning = false;
            }
            if (p.group != null) {
                runningGroups.remove(p.group);
            }
        } else {
            held.remove(p);
        }
        if (writeQueue.peek() == p) {
            writeQueue.poll();
        } else {
            writeQueue.remove(p);
        }
        p.awaitingLiteralContinuation = false;
        if (p.unpolled + p.unpolledReplies > 0) {
            // e.g. a DONE queued while the server ended IDLE by itself: bytes of a finished command are never sent
            dropOutput(p.handle);
        }
    }

    private void dropOutput(CommandHandle owner) {
        Iterator<Object> bytes = output.iterator();
        for (Iterator<CommandHandle> owners = outputOwners.iterator(); owners.hasNext(); ) {
            bytes.next();
            if (owners.next() == owner) {
                owners.remove();
                bytes.remove();
            }
        }
    }

    private void finishExclusive() {
        release();
        pump();
    }

    private void onContinuation(Continuation c) {
        Pending head = writeQueue.peek();
        if (head != null && head.awaitingLiteralContinuation && head.unpolled > 0) {
            fail(premature(head.handle.tag(), head, "with a continuation request"));
            return;
        }
        if (head != null && head.awaitingLiteralContinuation) {
            head.awaitingLiteralContinuation = false;
            head.continuationGranted = true;
            pump();
            return;
        }
        for (Pending p : inFlight) {
            Command cmd = p.handle.command();
            if (!p.written) {
                continue;
            }
            if (p.unpolled > 0 && (cmd instanceof Command.Authenticate || cmd instanceof Command.Idle)) {
                fail(premature(p.handle.tag(), p, "with a continuation request"));
                return;
            }
            if (cmd instanceof Command.Authenticate) {
                Bytes challenge;
                try {
                    challenge = Bytes.of(Base64.getDecoder().decode(c.text().trim()));
                } catch (IllegalArgumentException e) {
                    events.add(new EngineEvent.Malformed(p.handle, new ImapProtocolException(
                            "AUTHENTICATE challenge is not base64", -1, "", null)));
                    return;
                }
                events.add(new EngineEvent.ContinuationRequest(p.handle, c, challenge));
                return;
            }
            if (cmd instanceof Command.Idle) {
                events.add(new EngineEvent.ContinuationRequest(p.handle, c, null));
                return;
            }
        }
        events.add(new EngineEvent.Malformed(null, new ImapProtocolException(
                "continuation request with nothing waiting for one", -1, "", null)));
    }

    private void onUntagged(Untagged u) {
        if (state == ConnectionState.GREETING) {
            onGreeting(u);
            return;
        }
        if (u instanceof Untagged.StatusResponse b && b.status() == Condition.BYE) {
            byeText = b.text();
            CommandHandle logout = null;
            for (Pending p : inFlight) {
                if (p.handle.command() instanceof Command.Logout) {
                    logout = p.handle;
                }
            }
            events.add(new EngineEvent.Data(logout, u));
            setState(ConnectionState.LOGOUT);
            return;
        }
        if (u instanceof Untagged.Capabilities cd) {
            learnCapabilities(cd.capabilities());
        } else if (u instanceof Untagged.StatusResponse s && s.code() instanceof ResponseCode.Capabilities cc) {
            learnCapabilities(cc.capabilities());
        } else if (u instanceof Untagged.Enabled en) {
            for (Capability c : en.capabilities()) {
                // RFC 9051 section 5.1: once IMAP4rev2 is enabled, mailbox names and quoted strings are UTF-8 as
                // under UTF8=ACCEPT (RFC 9755 section 3), in both directions
                if (c == Capability.Known.UTF8_ACCEPT || c == Capability.Known.UTF8_ONLY
                        || c == Capability.Known.IMAP4REV2) {
                    utf8Mailboxes = true;
                    encodeOptions = new EncodeOptions(encodeOptions.literals(), true);
                }
            }
        }
        Pending target = route(u);
        if (target != null) {
            if (++target.responses > config.limits().maxResponsesPerCommand()) {
                fail(ImapProtocolException.limit("maxResponsesPerCommand", target.responses,
                        config.limits().maxResponsesPerCommand()));
                return;
            }
        }
        events.add(new EngineEvent.Data(target == null ? null : target.handle, u));
    }

    private void onGreeting(Untagged u) {
        if (u instanceof Untagged.StatusResponse s && (s.status() == Condition.OK || s.status() == Condition.PREAUTH)) {
            if (s.code() instanceof ResponseCode.Capabilities cc) {
                learnCapabilities(cc.capabilities());
            }
            events.add(new EngineEvent.Greeting(u));
            setState(s.status() == Condition.OK ? ConnectionState.NOT_AUTHENTICATED : ConnectionState.AUTHENTICATED);
        } else if (u instanceof Untagged.StatusResponse b && b.status() == Condition.BYE) {
            byeText = b.text();
            events.add(new EngineEvent.Greeting(u));
            setState(ConnectionState.LOGOUT);
        } else {
            fail(new ImapProtocolException("expected a greeting (* OK, * PREAUTH or * BYE), got "
                    + u.getClass().getSimpleName(), -1, "", null));
        }
    }

    private void learnCapabilities(List<Capability> caps) {
        capabilities = List.copyOf(caps);
        EncodeOptions.LiteralSupport lits = EncodeOptions.LiteralSupport.SYNC_ONLY;
        for (Capability c : caps) {
            if (c == Capability.Known.LITERAL_PLUS) {
                lits = EncodeOptions.LiteralSupport.LITERAL_PLUS;
                break;
            }
            if (c == Capability.Known.LITERAL_MINUS || c == Capability.Known.IMAP4REV2) {
                lits = EncodeOptions.LiteralSupport.LITERAL_MINUS;
            }
        }
        encodeOptions = new EncodeOptions(lits, encodeOptions.utf8Accept());
    }

    private Pending route(Untagged u) {
        if (u instanceof Untagged.ESearch e && e.tag() != null) {
            // the search correlator names its command (RFC 4731 section 3.1): an ESEARCH tagged for a command that has
            // completed (a CONTEXT=SEARCH update, RFC 5267 section 4.4) is unsolicited, never another search's data
            Pending p = byTag.get(e.tag());
            return p != null && p.next > 0 && ResponseRouting.collects(p.handle.command(), u) ? p : null;
        }
        for (Pending p : inFlight) {
            if (p.next > 0) {
                if (ResponseRouting.collects(p.handle.command(), u)) {
                    return p;
                }
            }
        }
        return null;
    }

    private void setState(ConnectionState to) {
        if (state != to) {
            ConnectionState from = state;
            state = to;
            events.add(new EngineEvent.StateChanged(from, to));
        }
    }

    /** Forgets every command, queued, held or in flight, and whatever output was pending: the session has ended. */
    private void dropCommands() {
        inFlight.clear();
        byTag.clear();
        writeQueue.clear();
        held.clear();
        activeSection = null;
        running = 0;
        barrierRunning = false;
        runningGroups.clear();
        output.clear();
        outputOwners.clear();
    }

    private void fail(ImapException cause) {
        if (state == ConnectionState.FAILED) {
            return;
        }
        failure = cause;
        for (Iterator<Pending> it = inFlight.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            events.add(new EngineEvent.CommandFailed(p.handle, cause));
        }
        dropCommands();
        setState(ConnectionState.FAILED);
        events.add(new EngineEvent.Failed(cause));
    }

    /**
     * Releases the receive buffer if it holds no partial response; call when the connection goes quiet (IDLE).
     * The next bytes received allocate a fresh one.
     */
    public void trimBuffers() {
        framer.trim();
        // The frame reader (and its scratch stack) is made again with the next frame: an idling connection keeps none.
        frameReader = null;
    }

    /** @return the bytes the receive buffer holds allocated now (monitoring: an idling connection holds none) */
    public int receiveBufferCapacity() {
        return framer.capacity();
    }

    /** @return whether COMPRESS=DEFLATE is active on this connection */
    public boolean isCompressing() {
        return compressing;
    }

    /**
     * @param quirk a quirk
     * @return whether it is tolerated by this engine
     */
    public boolean tolerates(Quirk quirk) {
        return config.quirks().contains(quirk);
    }

    /** @return the configuration */
    public EngineConfig config() {
        return config;
    }
}
