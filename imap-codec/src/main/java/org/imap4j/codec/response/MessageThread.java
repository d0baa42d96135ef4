package org.imap4j.codec.response;

import java.util.List;
import org.imap4j.codec.ImapValidationException;

/**
 * One {@code thread-list} of a THREAD response (RFC 5256 section 4): a chain of messages, each the parent of the
 * next, followed by two or more branches that all descend from the last message. The shape mirrors the grammar, so a
 * long chain costs no nesting.
 *
 * <pre>{@code
 * // (3 6 (4 23)(44 7 96)): 3 -> 6 -> {4 -> 23, 44 -> 7 -> 96}
 * new MessageThread(List.of(3L, 6L), List.of(new MessageThread(List.of(4L, 23L), List.of()),
 *                                         new MessageThread(List.of(44L, 7L, 96L), List.of())));
 * }</pre>
 *
 * <p>An empty chain stands for a missing parent (RFC 5256: {@code ((3)(5))}); it then has at least two branches.
 *
 * @param messages the chain of message numbers (nz-numbers), possibly empty
 * @param children the branches below the chain's last message: none, or at least two
 */
public record MessageThread(List<Long> messages, List<MessageThread> children) {
    /**
     * Checks the shape: never exactly one branch, and a missing parent has at least two.
     *
     * @param messages the chain of message numbers (nz-numbers), possibly empty
     * @param children the branches below the chain's last message: none, or at least two
     */
    public MessageThread {
        messages = List.copyOf(messages);
        children = List.copyOf(children);
        for (long m : messages) {
            Checks.nz("thread message", m);
        }
        if (children.size() == 1) {
            throw new ImapValidationException("a thread branches into none or at least two children, not one");
        }
        if (messages.isEmpty() && children.isEmpty()) {
            throw new ImapValidationException("an empty thread-list");
        }
    }
}
