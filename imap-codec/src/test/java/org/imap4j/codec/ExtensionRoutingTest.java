package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/**
 * The engine hands the data of the extension commands (ACL, METADATA, REPLACE) to the command that asked for it,
 * and reports what nobody asked for (an unsolicited METADATA change) as unsolicited.
 */
class ExtensionRoutingTest {
    private final ImapEngine engine = new ImapEngine(EngineConfig.defaults());

    private List<EngineEvent> feed(String s) {
        return EngineHarness.feed(engine, s);
    }

    private void drainOutput() {
        EngineHarness.discardOutput(engine);
    }

    private CommandHandle run(Command c) {
        CommandHandle h = engine.submit(c);
        drainOutput();
        return h;
    }

    private void loggedIn() {
        feed("* OK [CAPABILITY IMAP4rev1 LITERAL+ ACL METADATA REPLACE] ready\r\n");
        run(new Command.Login("u", Secret.of("p")));
        feed("A1 OK done\r\n");
    }

    @Test
    void aclAndMetadataDataGoToTheirCommands() {
        loggedIn();
        CommandHandle acl = run(new Command.GetAcl(MailboxName.INBOX));
        CommandHandle my = run(new Command.MyRights(MailboxName.INBOX));
        CommandHandle md = run(new Command.GetMetadata(MailboxName.INBOX, List.of("/shared/comment"), null, null));
        List<EngineEvent> ev = feed("* ACL INBOX Fred lr\r\n* MYRIGHTS INBOX lrs\r\n"
                + "* METADATA INBOX (/shared/comment \"c\")\r\n* METADATA INBOX /private/x\r\n");
        assertEquals(4, ev.size(), ev.toString());
        assertSame(acl, ((EngineEvent.Data) ev.get(0)).handle());
        assertSame(my, ((EngineEvent.Data) ev.get(1)).handle());
        assertSame(md, ((EngineEvent.Data) ev.get(2)).handle());
        EngineEvent.Data changed = (EngineEvent.Data) ev.get(3);
        assertNull(changed.handle(), "a changed-entries METADATA is unsolicited");
        assertInstanceOf(Untagged.MetadataChanged.class, changed.response());
    }

    @Test
    void unauthenticateTakesTheStateBackAndForgetsTheCapabilities() {
        loggedIn();
        assertEquals(ConnectionState.AUTHENTICATED, engine.state());
        run(new Command.Unauthenticate());
        feed("A2 OK back\r\n");
        assertEquals(ConnectionState.NOT_AUTHENTICATED, engine.state());
        assertEquals(List.of(), engine.capabilities(), "the server may offer other things now: ask again");
        run(new Command.Login("v", Secret.of("p")));
        feed("A3 OK in\r\n");
        assertEquals(ConnectionState.AUTHENTICATED, engine.state());
    }

    @Test
    void theAppendUidOfAReplaceGoesToIt() {
        loggedIn();
        run(new Command.Select(MailboxName.of("Drafts"), false, null));
        feed("A2 OK [READ-WRITE] selected\r\n");
        CommandHandle rp = run(new Command.Replace(4, MailboxName.of("Drafts"),
                new Command.AppendMessage(List.of(), null, Bytes.utf8("x"), false), false));
        List<EngineEvent> ev = feed("* OK [APPENDUID 1 2000] Replacement Message ready\r\n* 5 EXISTS\r\n"
                + "* 4 EXPUNGE\r\n");
        assertSame(rp, ((EngineEvent.Data) ev.get(0)).handle());
        assertNull(((EngineEvent.Data) ev.get(1)).handle(), "EXISTS is the mailbox's news");
        assertNull(((EngineEvent.Data) ev.get(2)).handle(), "the expunge renumbers: every listener must see it");
    }
}
