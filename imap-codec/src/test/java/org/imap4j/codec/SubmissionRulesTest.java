package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.junit.jupiter.api.Test;

/**
 * RFC 9051 section 5.5 in the engine's submission path, byte for byte: what {@link ImapEngine#pollOutput()} yields,
 * in what order, across completions.
 */
class SubmissionRulesTest {
    private final ImapEngine engine = new ImapEngine(EngineConfig.defaults());

    SubmissionRulesTest() {
        engine.receive(ascii("* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"));
        drain();
    }

    private static ByteBuffer ascii(String s) {
        return EngineHarness.utf8(s);
    }

    private List<EngineEvent> feed(String serverBytes) {
        return EngineHarness.feed(engine, serverBytes);
    }

    private List<EngineEvent> drain() {
        return EngineHarness.drain(engine);
    }

    private String written() {
        return EngineHarness.written(engine);
    }

    private static Command uidFetch(String set) {
        return new Command.Fetch(SequenceSet.parse(set), List.of(FetchAttribute.Item.FLAGS), true, null, false);
    }

    private static Command uidSearch() {
        return new Command.Search(null, SearchKey.unseen(), List.of(), true);
    }

    private static Command status(String box) {
        return new Command.Status(MailboxName.of(box), List.of(StatusAttribute.MESSAGES));
    }

    @Test
    void aSelectSubmittedAfterTwoUidFetchesWaitsUntilBothCompleted() {
        engine.submit(uidFetch("1"));
        engine.submit(uidFetch("2"));
        engine.submit(Command.Select.of(MailboxName.of("Other")));
        // the second FETCH collects the same kind of response as the first: held; the SELECT behind it
        assertEquals("A1 UID FETCH 1 FLAGS\r\n", written());
        feed("* 1 FETCH (UID 1 FLAGS ())\r\nA1 OK done\r\n");
        assertEquals("A2 UID FETCH 2 FLAGS\r\n", written());
        feed("A2 OK done\r\n");
        assertEquals("A3 SELECT Other\r\n", written());
    }

    @Test
    void aUidFetchAndAUidSearchPipelineButTwoFetchesNeverOverlap() {
        engine.submit(uidFetch("1:5"));
        engine.submit(uidSearch());
        engine.submit(status("Box"));
        assertEquals("A1 UID FETCH 1:5 FLAGS\r\nA2 UID SEARCH RETURN () UNSEEN\r\nA3 STATUS Box (MESSAGES)\r\n", written());
        engine.submit(uidFetch("6"));
        assertEquals("", written(), "a second FETCH waits for the first");
        feed("A2 OK searched\r\nA3 OK status\r\n");
        assertEquals("", written(), "other completions do not release it");
        feed("A1 OK fetched\r\n");
        assertEquals("A4 UID FETCH 6 FLAGS\r\n", written());
    }

    @Test
    void aBarrierWaitsForWhatRunsAndHoldsBackWhatFollowsInSubmissionOrder() {
        engine.submit(uidSearch());
        engine.submit(new Command.Noop());
        engine.submit(status("A"));
        engine.submit(uidFetch("1"));
        assertEquals("A1 UID SEARCH RETURN () UNSEEN\r\n", written());
        feed("A1 OK done\r\n");
        assertEquals("A2 NOOP\r\n", written(), "the NOOP runs alone");
        feed("A2 OK done\r\n");
        assertEquals("A3 STATUS A (MESSAGES)\r\nA4 UID FETCH 1 FLAGS\r\n", written());
    }

    @Test
    void theExtensionCommandsFollowTheRulesOfWhatTheyDo() {
        // REPLACE expunges: a barrier; two GETACLs collect the same responses: one after the other
        engine.submit(uidSearch());
        engine.submit(new Command.Replace(4, MailboxName.of("Drafts"), new Command.AppendMessage(List.of(), null,
                org.imap4j.codec.core.Bytes.utf8("x"), false), true));
        assertEquals("A1 UID SEARCH RETURN () UNSEEN\r\n", written(), "REPLACE waits for what runs");
        feed("A1 OK done\r\n");
        assertEquals("A2 UID REPLACE 4 Drafts {1+}\r\nx\r\n", written());
        engine.submit(new Command.GetAcl(MailboxName.INBOX));
        assertEquals("", written(), "nothing starts while REPLACE runs");
        feed("A2 OK replaced\r\n");
        engine.submit(new Command.GetAcl(MailboxName.of("Other")));
        engine.submit(new Command.GetMetadata(MailboxName.INBOX, List.of("/shared/comment"), null, null));
        assertEquals("A3 GETACL INBOX\r\n", written(),
                "the second GETACL waits for the first (same group), and what follows it waits in submission order");
        feed("A3 OK acl\r\n");
        assertEquals("A4 GETACL Other\r\nA5 GETMETADATA INBOX /shared/comment\r\n", written(),
                "GETACL and GETMETADATA (another group) pipeline");
        // an extension command the codec does not know runs alone
        engine.submit(new Command.Extension("XFOO"));
        engine.submit(status("A"));
        feed("A4 OK\r\nA5 OK\r\n");
        assertEquals("A6 XFOO\r\n", written());
        feed("A6 OK\r\n");
        assertEquals("A7 STATUS A (MESSAGES)\r\n", written());
    }

    @Test
    void aListReturningMetadataNeverOverlapsAGetMetadata() {
        // LIST ... RETURN (METADATA ...) collects METADATA responses as GETMETADATA does, and LIST responses as
        // another LIST does: it runs alone, so neither can take the other's METADATA
        engine.submit(new Command.GetMetadata(MailboxName.INBOX, List.of("/shared/comment"), null, null));
        engine.submit(new Command.ListMailboxes(List.of(), MailboxName.of(""), List.of("*"), List.of(), List.of(),
                List.of("/shared/comment")));
        engine.submit(new Command.GetMetadata(MailboxName.of("Other"), List.of("/shared/comment"), null, null));
        assertEquals("A1 GETMETADATA INBOX /shared/comment\r\n", written(), "the LIST waits for the GETMETADATA");
        feed("A1 OK done\r\n");
        assertEquals("A2 LIST \"\" * RETURN (METADATA (/shared/comment))\r\n", written());
        feed("A2 OK done\r\n");
        assertEquals("A3 GETMETADATA Other /shared/comment\r\n", written(), "and what follows waits for it");
    }

    @Test
    void aCommandBySequenceNumberIsABarrier() {
        engine.submit(uidSearch());
        engine.submit(new Command.Fetch(SequenceSet.parse("1:3"), List.of(FetchAttribute.Item.FLAGS), false, null,
                false));
        engine.submit(status("A"));
        assertEquals("A1 UID SEARCH RETURN () UNSEEN\r\n", written());
        feed("A1 OK done\r\n");
        assertEquals("A2 FETCH 1:3 FLAGS\r\n", written());
        feed("A2 OK done\r\n");
        assertEquals("A3 STATUS A (MESSAGES)\r\n", written());
    }

    @Test
    void anExclusiveSectionKeepsOtherCommandsOutBetweenItsSteps() {
        ExclusiveSection move = engine.openSection();
        engine.submit(new Command.Copy(SequenceSet.parse("7"), MailboxName.of("Archive"), true), move);
        // another caller's SELECT arrives between the steps
        engine.submit(Command.Select.of(MailboxName.of("Elsewhere")));
        assertEquals("A1 UID COPY 7 Archive\r\n", written());
        feed("A1 OK copied\r\n");
        assertEquals("", written(), "the SELECT waits: the section is still open");
        engine.submit(new Command.UidExpunge(SequenceSet.parse("7")), move);
        assertEquals("A3 UID EXPUNGE 7\r\n", written(), "the section's next step bypasses the held SELECT");
        feed("* 3 EXPUNGE\r\nA3 OK expunged\r\n");
        assertEquals("", written());
        engine.closeSection(move);
        assertEquals("A2 SELECT Elsewhere\r\n", written());
    }

    @Test
    void aSectionStartsAfterWhatWasSubmittedBeforeItAndSectionsTakeTurns() {
        engine.submit(new Command.Noop());
        ExclusiveSection first = engine.openSection();
        ExclusiveSection second = engine.openSection();
        engine.submit(status("B"), second);
        engine.submit(status("A"), first);
        assertEquals("A1 NOOP\r\n", written());
        feed("A1 OK done\r\n");
        assertEquals("A3 STATUS A (MESSAGES)\r\n", written(), "the first section's command goes first");
        feed("A3 OK done\r\n");
        engine.closeSection(first);
        assertEquals("A2 STATUS B (MESSAGES)\r\n", written());
        engine.closeSection(second);
        engine.closeSection(second); // idempotent
        assertThrows(IllegalStateException.class, () -> engine.submit(new Command.Noop(), second));
    }

    @Test
    void aTaggedAnswerToAHeldCommandIsPremature() {
        engine.submit(new Command.Noop());
        engine.submit(status("A"));
        assertEquals("A1 NOOP\r\n", written());
        List<EngineEvent> ev = feed("A2 OK status\r\n");
        EngineEvent.Failed f = (EngineEvent.Failed) ev.get(ev.size() - 1);
        assertInstanceOf(ImapProtocolException.class, f.cause());
        assertEquals(true, f.cause().getMessage().contains("still queued"), f.cause().getMessage());
    }

    @Test
    void heldCommandsFailWithTheConnection() {
        engine.submit(new Command.Noop());
        CommandHandle held = engine.submit(status("A"));
        written();
        engine.connectionLost(new ImapConnectionException("gone"));
        List<EngineEvent> ev = drain();
        long failed = ev.stream().filter(e -> e instanceof EngineEvent.CommandFailed cf && cf.handle() == held)
                .count();
        assertEquals(1, failed, ev::toString);
        assertEquals("", written());
    }

    @Test
    void untaggedDataGoesToTheRunningCommandNeverToAHeldOne() {
        CommandHandle running = engine.submit(uidFetch("1"));
        CommandHandle held = engine.submit(uidFetch("2"));
        assertEquals("A1 UID FETCH 1 FLAGS\r\n", written());
        List<EngineEvent> ev = feed("* 2 FETCH (UID 2 FLAGS ())\r\n");
        assertEquals(running, ((EngineEvent.Data) ev.get(0)).handle(), "routed to the FETCH on the wire");
        feed("A1 OK done\r\n");
        assertEquals("A2 UID FETCH 2 FLAGS\r\n", written());
        ev = feed("* 2 FETCH (UID 2 FLAGS ())\r\n");
        assertEquals(held, ((EngineEvent.Data) ev.get(0)).handle());
    }

    @Test
    void idleWaitsForWhatRunsAndNothingStartsDuringIt() {
        engine.submit(uidSearch());
        CommandHandle idle = engine.submit(new Command.Idle());
        engine.submit(status("A"));
        assertEquals("A1 UID SEARCH RETURN () UNSEEN\r\n", written());
        feed("A1 OK done\r\n");
        assertEquals("A2 IDLE\r\n", written());
        feed("+ idling\r\n");
        engine.idleDone(idle);
        assertEquals("DONE\r\n", written());
        feed("A2 OK idle done\r\n");
        assertEquals("A3 STATUS A (MESSAGES)\r\n", written());
    }
}
