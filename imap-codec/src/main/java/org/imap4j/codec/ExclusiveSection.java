package org.imap4j.codec;

/**
 * A run of commands that nothing else may come between: an operation made of several commands (a MOVE emulated
 * with COPY, STORE and UID EXPUNGE; LIST followed by STATUS per mailbox) opens one with
 * {@link ImapEngine#openSection()}, submits its commands with {@link ImapEngine#submit(org.imap4j.codec.command.Command, ExclusiveSection)},
 * and closes it with {@link ImapEngine#closeSection(ExclusiveSection)}. While it is active, commands submitted
 * without it wait in the engine, unwritten, so another caller's SELECT cannot change the mailbox between its steps.
 * The token is opaque; it belongs to the engine that opened it.
 */
public final class ExclusiveSection {
    private final long id;
    boolean closed;

    ExclusiveSection(long id) {
        this.id = id;
    }

    /** @return whether {@link ImapEngine#closeSection(ExclusiveSection)} was called for it */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "ExclusiveSection[" + id + (closed ? ", closed]" : "]");
    }
}
