package org.imap4j.testing;

/**
 * Answers commands whose answer depends on the command, for {@link ImapScript#handler(ImapHandler)} (handler mode of
 * {@link ScriptedImapServer}). It is called on the connection's thread for each command the script's steps do not
 * take, with an {@link ImapExchange} that holds the parsed command and writes the answer.
 *
 * <pre>{@code
 * ImapHandler h = x -> {
 *     if (x.command() instanceof Command.Fetch) {
 *         x.send(new Untagged.Exists(1));
 *         x.no("not today");
 *         return true;
 *     }
 *     return false;   // the default answer
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ImapHandler {
    /**
     * @param exchange the command and the means to answer it
     * @return whether the handler answered; {@code false} plays the default answer
     *     ({@link ImapExchange#defaultAnswer()})
     * @throws Exception anything: an {@link java.io.IOException} ends the connection quietly (the client went away),
     *     anything else ends it and is reported by {@link ScriptedImapServer#verify(java.time.Duration)}
     */
    boolean handle(ImapExchange exchange) throws Exception;
}
