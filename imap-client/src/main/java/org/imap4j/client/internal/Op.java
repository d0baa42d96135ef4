package org.imap4j.client.internal;

import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.Status;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.imap4j.codec.transport.CommandListener;

/**
 * One client operation that is one IMAP command: the command, what collects its responses, and what turns its
 * tagged OK into the typed result (NO and BAD become {@link ImapCommandException}). The same object serves the
 * blocking client ({@link Session#execute}) and the asynchronous one ({@link Session#submit}), so every operation is
 * written once. Responses an operation does not collect still reach the mailbox listener.
 *
 * @param <T> the result type
 */
public abstract class Op<T> implements CommandListener {
    private final Session session;
    private final Command command;

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

    @Override
    public void onData(Untagged response) {
        session.dispatch(response);
    }

    /**
     * @param tagged the command's tagged response
     * @return the result
     * @throws ImapCommandException on NO or BAD, with the response code (the client stays usable)
     */
    public T complete(Tagged tagged) {
        if (tagged.status() != Status.OK) {
            throw failure(tagged);
        }
        return result(tagged);
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
