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
 */
package org.imap4j.testing;
