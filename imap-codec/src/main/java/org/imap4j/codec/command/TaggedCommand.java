package org.imap4j.codec.command;

import java.util.Objects;
import org.imap4j.codec.core.Tag;

/**
 * A command with its tag, as a server reads it ({@code command = tag SP (command-any / command-auth /
 * command-nonauth / command-select) CRLF}, RFC 9051 section 9).
 *
 * @param tag     the tag
 * @param command the command
 */
public record TaggedCommand(Tag tag, Command command) {
    /**
     * Requires both parts.
     *
     * @param tag     the tag
     * @param command the command
     */
    public TaggedCommand {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(command, "command");
    }
}
