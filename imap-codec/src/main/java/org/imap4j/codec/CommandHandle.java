package org.imap4j.codec;

import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Tag;

/**
 * A command submitted to an {@link ImapEngine}: its tag and the command. Events about the command carry this handle,
 * so a caller can match them to its own bookkeeping (a future, a listener) by identity.
 */
public final class CommandHandle {
    private final Tag tag;
    private final Command command;
    private final long sequence;

    CommandHandle(Tag tag, Command command, long sequence) {
        this.tag = tag;
        this.command = command;
        this.sequence = sequence;
    }

    /** @return the tag the engine assigned */
    public Tag tag() {
        return tag;
    }

    /** @return the command */
    public Command command() {
        return command;
    }

    /** @return the submission order, starting at 1 */
    public long sequence() {
        return sequence;
    }

    @Override
    public String toString() {
        return "CommandHandle[" + tag + " " + command.getClass().getSimpleName() + "]";
    }
}
