/**
 * A scripted IMAP server on loopback: {@link org.imap4j.testing.ImapScript} says what the client must send and what
 * the server answers, {@link org.imap4j.testing.ScriptedImapServer} plays it to each connection and reports what did
 * not go as scripted.
 *
 * <pre>{@code
 * ImapScript script = ImapScript.create()
 *         .greeting("IMAP4rev1", "IDLE")
 *         .expect(new Command.Login("alice", Secret.of("pw"))).ok()
 *         .expect(new Command.Select(MailboxName.INBOX, false, null))
 *             .respond(new Untagged.Exists(3)).ok(new ResponseCode.Simple(ResponseCode.Kind.READ_WRITE), "selected")
 *         .expect(Command.Logout.class).respond(Responses.bye("bye")).ok();
 * try (ScriptedImapServer server = ScriptedImapServer.start(script)) {
 *     // connect the code under test to server.host():server.port() ...
 *     server.verify(Duration.ofSeconds(5));   // every step was played, nothing unexpected arrived
 * }
 * }</pre>
 *
 * <p>When the answer depends on the command, an {@link org.imap4j.testing.ImapHandler} answers it through an
 * {@link org.imap4j.testing.ImapExchange}; what it declines gets a default answer:
 *
 * <pre>{@code
 * try (ScriptedImapServer server = ScriptedImapServer.serve(x -> {
 *     if (x.command() instanceof Command.Fetch f && f.uid()) {
 *         x.sendRaw("* 1 FETCH (UID 7 BODY[] {3}\r\nabc)\r\n");   // bytes as they are
 *         x.ok();
 *         return true;
 *     }
 *     return false;   // LOGIN, SELECT, LOGOUT ... get the default answer
 * })) {
 *     // connect the code under test to server.host():server.port() ...
 * }
 * }</pre>
 */
package org.imap4j.testing;
