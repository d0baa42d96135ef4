package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.response.Untagged;
import org.junit.jupiter.api.Test;

/**
 * What {@code ENABLE IMAP4rev2} changes in the engine (RFC 9051 section 5.1): mailbox names and strings go UTF-8 both
 * ways, as under UTF8=ACCEPT; UNAUTHENTICATE (RFC 8437) takes that back.
 */
class Rev2EnableTest {
    private final ImapEngine engine = new ImapEngine(EngineConfig.defaults());

    private List<EngineEvent> feed(String s) {
        return EngineHarness.feed(engine, s);
    }

    private String written() {
        return EngineHarness.written(engine);
    }

    private static MailboxName listed(List<EngineEvent> events) {
        for (EngineEvent e : events) {
            if (e instanceof EngineEvent.Data d && d.response() instanceof Untagged.MailboxList l) {
                return l.mailbox();
            }
        }
        throw new AssertionError("no LIST in " + events);
    }

    private void login() {
        feed("* OK [CAPABILITY IMAP4rev1 IMAP4rev2 UNAUTHENTICATE] ready\r\n");
        engine.submit(new Command.Login("alice", Secret.of("pw")));
        written();
        feed("A1 OK done\r\n");
    }

    @Test
    void beforeEnableNamesAreModifiedUtf7() {
        login();
        engine.submit(new Command.Create(MailboxName.of("Entw\u00fcrfe"), List.of()));
        assertEquals("A2 CREATE Entw&APw-rfe\r\n", written());
        assertFalse(engine.encodeOptions().utf8Accept());
    }

    @Test
    void enabledRev2SendsAndReadsUtf8Names() {
        login();
        engine.submit(new Command.Enable(List.of("IMAP4rev2")));
        assertEquals("A2 ENABLE IMAP4rev2\r\n", written());
        feed("* ENABLED IMAP4rev2\r\nA2 OK enabled\r\n");
        assertTrue(engine.encodeOptions().utf8Accept());
        engine.submit(new Command.Create(MailboxName.of("Entw\u00fcrfe"), List.of()));
        assertEquals("A3 CREATE \"Entw\u00fcrfe\"\r\n", written());
        engine.submit(Command.ListMailboxes.of("", "*"));
        written();
        // RFC 9051 section 7.3.1: the name in UTF-8, an mUTF-7 looking name taken literally
        assertEquals("Entw\u00fcrfe", listed(feed("* LIST (\\HasNoChildren) \"/\" \"Entw\u00fcrfe\"\r\n")).name());
        assertEquals("a&AOQ-b", listed(feed("* LIST (\\HasNoChildren) \"/\" \"a&AOQ-b\"\r\n")).name());
    }

    @Test
    void unauthenticateTurnsItOffAgain() {
        login();
        engine.submit(new Command.Enable(List.of("IMAP4rev2")));
        written();
        feed("* ENABLED IMAP4rev2\r\nA2 OK enabled\r\n");
        engine.submit(new Command.Unauthenticate());
        written();
        feed("A3 OK back\r\n");
        assertFalse(engine.encodeOptions().utf8Accept());
        engine.submit(new Command.Login("bob", Secret.of("pw")));
        written();
        feed("A4 OK done\r\n");
        engine.submit(new Command.Create(MailboxName.of("Entw\u00fcrfe"), List.of()));
        assertEquals("A5 CREATE Entw&APw-rfe\r\n", written());
    }
}
