package org.imap4j.client.internal;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.client.ResponseWarning;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.CommandListener;

/**
 * One client operation that is one IMAP command: the command, what collects its responses, and what turns its
 * tagged OK into the typed result (NO and BAD become {@link ImapCommandException}). The same object serves the
 * blocking client ({@link Session#execute}) and the asynchronous one ({@link Session#submit}), so every operation is
 * written once. Responses an operation does not collect still reach the mailbox listener.
 *
 * <p>A response that could not be read during the command becomes a {@link ResponseWarning} the result can carry
 * ({@link #warnings()}), or, in strict mode ({@code ImapClientConfig.strictResponses}), fails the command with the
 * parser's {@link ImapProtocolException} when it completes.
 *
 * @param <T> the result type
 */
public abstract class Op<T> implements CommandListener {
    private final Session session;
    private final Command command;
    private List<ResponseWarning> warnings;
    private ImapProtocolException strictFailure;
    private volatile org.imap4j.client.ProgressListener progress = org.imap4j.client.ProgressListener.NONE;

    /**
     * @param session the session (for responses this operation does not collect)
     * @param command the command
     */
    protected Op(Session session, Command command) {
        this.session = session;
        this.command = command;
    }

    /** @return the command */
    public Command command() {
        return command;
    }

    /** @return the session */
    protected Session session() {
        return session;
    }

    /**
     * Where this operation's INPROGRESS reports go (RFC 9585).
     *
     * @param listener items done so far and in all ({@code -1} each when the server does not say)
     * @return this
     */
    public Op<T> progress(org.imap4j.client.ProgressListener listener) {
        this.progress = java.util.Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Prompt (its deliveries may run on the NIO transport's selector thread, see {@link CommandListener#prompt()})
     * when the operation only collects typed responses into its result ({@link #collectsOnly()}), no
     * {@link org.imap4j.client.ProgressListener} of the caller hears of it, and the lane runs on the client's own
     * delivery threads: what it does not collect then only goes to {@link Session#dispatch} (a short lock and a
     * hand-off to the lane, as for a pushed response), and the futures the caller sees still complete on the lane
     * ({@link PendingOperation#future()}). A user's delivery executor might run tasks on the calling thread or block
     * in {@code execute}, so with one nothing is prompt.
     *
     * @return whether this operation's deliveries may run on the transport's I/O thread
     */
    @Override
    public boolean prompt() {
        return progress == org.imap4j.client.ProgressListener.NONE && collectsOnly() && session.lane().ownsThreads();
    }

    /**
     * Whether this operation's callbacks, and the library's continuations of its result, only collect the responses
     * into the result: no sink, stream or listener of the caller, nothing that blocks. Operations that are sure of
     * it say so; the default is {@code false}.
     *
     * @return whether it runs no code of the caller's
     */
    protected boolean collectsOnly() {
        return false;
    }

    @Override
    public void onData(Untagged response) {
        if (response instanceof Untagged.StatusResponse s
                && s.code() instanceof org.imap4j.codec.response.ResponseCode.InProgress p) {
            // INPROGRESS (RFC 9585): the session routes it here by its tag and has renewed the command's deadline
            progress.progress(p.progress() == null ? -1 : p.progress(), p.goal() == null ? -1 : p.goal());
        }
        session.dispatch(response);
    }

    @Override
    public void onMalformed(ImapProtocolException error) {
        strict(error);
        warn(ResponseWarning.unreadable(error));
    }

    @Override
    public void onUnreadableItem(ImapProtocolException error) {
        strict(error);
        warn(new ResponseWarning(ResponseWarning.Kind.UNREADABLE_ITEM, String.valueOf(error.getMessage()),
                error.excerpt(), error));
    }

    private void strict(ImapProtocolException error) {
        if (session.config().strictResponses()) {
            if (strictFailure == null) {
                strictFailure = error;
            } else if (strictFailure != error) {
                strictFailure.addSuppressed(error);
            }
        }
    }

    /**
     * Records data lost during this command (an unreadable response, or an item a parser salvaged around).
     *
     * @param warning what was lost
     */
    protected void warn(ResponseWarning warning) {
        if (warnings == null) {
            warnings = new ArrayList<>(2);
        }
        warnings.add(warning);
    }

    /** @return what was lost during this command so far (empty if nothing) */
    protected List<ResponseWarning> warnings() {
        return warnings == null ? List.of() : List.copyOf(warnings);
    }

    /**
     * @param tagged the command's tagged response
     * @return the result
     * @throws ImapCommandException on NO or BAD, with the response code (the client stays usable)
     * @throws ImapProtocolException in strict mode, if a response during the command could not be read
     */
    public T complete(Tagged tagged) {
        if (strictFailure != null) {
            throw strictFailure;
        }
        if (tagged.status() != Condition.OK) {
            throw failure(tagged);
        }
        T r = result(tagged);
        return warnings == null ? r : withWarnings(r, warnings());
    }

    /**
     * Puts the warnings on results that carry them; other results (lists, void, plain values) cannot, and their
     * callers learn of lost data from the listener or strict mode.
     */
    @SuppressWarnings("unchecked") // each withWarnings returns its own record type, which is T
    private static <T> T withWarnings(T r, List<ResponseWarning> w) {
        Object out = r;
        if (r instanceof org.imap4j.client.SelectResult x) {
            out = x.withWarnings(w);
        } else if (r instanceof org.imap4j.client.SearchResult x) {
            out = x.withWarnings(w);
        } else if (r instanceof org.imap4j.client.StoreResult x) {
            out = x.withWarnings(w);
        } else if (r instanceof org.imap4j.client.ESearchResult x) {
            out = x.withWarnings(w);
        }
        return (T) out;
    }

    /**
     * @param tagged a NO or BAD
     * @return the exception to throw
     */
    protected RuntimeException failure(Tagged tagged) {
        return ImapCommandException.of(tagged, name());
    }

    /** @return the command's name for messages */
    protected String name() {
        return command.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * @param ok the tagged OK
     * @return the result
     */
    protected abstract T result(Tagged ok);
}
