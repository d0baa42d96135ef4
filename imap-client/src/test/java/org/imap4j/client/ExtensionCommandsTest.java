package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.imap4j.codec.command.Argument;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Untagged;
import org.imap4j.testing.ScriptedImapServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client side of the escape hatch, JMAPACCESS and UNAUTHENTICATE against a scripted server on both transports:
 * what goes on the wire, what comes back typed, and that a string argument with a line break cannot start a second
 * command.
 */
class ExtensionCommandsTest {

    private static final String[] CAPS = {"IMAP4rev1", "IDLE", "UIDPLUS", "JMAPACCESS", "UNAUTHENTICATE", "XFOO"};

    private static ScriptedImapServer server() throws Exception {
        return ScriptedImapServer.start(HandlerScripts.script(x -> {
            Command c = x.command();
            if (c instanceof Command.Login) {
                x.ok(new ResponseCode.Capabilities(Stream.of(CAPS).map(Capability::of).toList()), "in");
            } else if (c instanceof Command.Extension e && e.name().equals("XFOO")) {
                // a literal argument was continued and read by the server's command decoder
                x.send(new Untagged.Unknown("XFOO", List.of(new ImapValue.Num(1),
                        new ImapValue.ValueList(List.of(new ImapValue.Atom("A"), new ImapValue.Quoted("b"))),
                        new ImapValue.Nil())), new Untagged.Unknown("XBAR", List.of(new ImapValue.Atom("ignored"))));
                x.ok(new ResponseCode.Other("XCODE", "3"), "foo done");
            } else if (c instanceof Command.GetJmapAccess) {
                x.send(new Untagged.JmapAccess("https://jmap.example/session"));
                x.ok("done");
            } else if (c instanceof Command.Unauthenticate) {
                x.ok("back to the start");
            } else {
                return false;
            }
            return true;
        }).capabilities(CAPS));
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void anExtensionCommandGoesOutTypedAndItsDataComesBackGeneric(ImapClientConfig.Transport transport)
            throws Exception {
        try (ScriptedImapServer server = server();
                ImapClient c = HandlerScripts.client(server, transport).connect()) {
            c.login("alice", "secret");
            RawResult r = c.raw(new Command.Extension("XFOO", List.of(Argument.atom("ALL"), Argument.number(7),
                    Argument.sequence(SequenceSet.range(1, 5)), Argument.list(Argument.string("a b"))),
                    Set.of("XFOO")));
            assertTrue(commands(server).contains(new Command.Extension("XFOO", List.of(Argument.atom("ALL"),
                    Argument.number(7), Argument.sequence(SequenceSet.range(1, 5)),
                    Argument.list(Argument.string("a b"))), Set.of())), commands(server)::toString);
            assertEquals(1, r.data().size(), "only the response it collects: " + r.data());
            assertEquals("XFOO", r.data().get(0).name());
            assertEquals("foo done", r.ok().text());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aLineBreakInAStringArgumentTravelsAsALiteralNeverAsANewCommand(ImapClientConfig.Transport transport)
            throws Exception {
        try (ScriptedImapServer server = server();
                ImapClient c = HandlerScripts.client(server, transport).connect()) {
            c.login("alice", "secret");
            c.raw(new Command.Extension("XFOO", Argument.string("x\r\nA9 DELETE INBOX")));
            assertFalse(server.received().stream().anyMatch(t -> t.tag().value().equals("A9")
                    || t.command() instanceof Command.Delete), server.received()::toString);
            // a quoted string cannot hold CR LF: arriving whole, it came as a literal
            assertTrue(commands(server).contains(new Command.Extension("XFOO",
                    List.of(Argument.string("x\r\nA9 DELETE INBOX")), Set.of())),
                    "the text arrived whole, as a literal: " + server.received());
            assertThrows(IllegalArgumentException.class, () -> Argument.string("nul\0"));
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void jmapAccessAndUnauthenticate(ImapClientConfig.Transport transport) throws Exception {
        try (ScriptedImapServer server = server();
                ImapClient c = HandlerScripts.client(server, transport).connect()) {
            c.login("alice", "secret");
            assertEquals("https://jmap.example/session", c.jmapAccess());
            assertTrue(c.isAuthenticated());
            c.unauthenticate();
            assertFalse(c.isAuthenticated(), "UNAUTHENTICATE took the connection back to not authenticated");
            c.login("bob", "secret");
            assertTrue(c.isAuthenticated(), "and a second login works on the same connection");
        }
    }

    private static List<Command> commands(ScriptedImapServer server) {
        return server.received().stream().map(t -> t.command()).toList();
    }
}
