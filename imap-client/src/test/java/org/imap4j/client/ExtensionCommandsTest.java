package org.imap4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imap4j.codec.command.Argument;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.session.testing.HostileServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client side of the escape hatch, JMAPACCESS and UNAUTHENTICATE against a scripted server on both transports:
 * what goes on the wire, what comes back typed, and that a string argument with a line break cannot start a second
 * command.
 */
class ExtensionCommandsTest {

    private static final String CAPS = "* CAPABILITY IMAP4rev1 IDLE UIDPLUS JMAPACCESS UNAUTHENTICATE XFOO\r\n";

    private static HostileServer server(List<String> lines) throws Exception {
        return ScriptedImap.start((peer, tag, verb, line) -> {
            lines.add(line);
            switch (verb) {
                case "CAPABILITY" -> peer.send(CAPS + tag + " OK done\r\n");
                case "LOGIN" -> peer.send(tag + " OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS JMAPACCESS UNAUTHENTICATE"
                        + " XFOO] in\r\n");
                case "XFOO" -> {
                    if (line.endsWith("}")) {
                        // a literal follows: read its octets and the rest of the line
                        int n = Integer.parseInt(line.substring(line.lastIndexOf('{') + 1, line.length() - 1)
                                .replace("+", ""));
                        if (!line.endsWith("+}")) {
                            peer.send("+ go\r\n");
                        }
                        // the literal's octets and the end of the command line, read line by line
                        StringBuilder rest = new StringBuilder(peer.readLine());
                        while (rest.length() < n) {
                            rest.append("\r\n").append(peer.readLine());
                        }
                        lines.add(rest.substring(0, n));
                    }
                    peer.send("* XFOO 1 (A \"b\") NIL\r\n* XBAR ignored\r\n" + tag + " OK [XCODE 3] foo done\r\n");
                }
                case "GETJMAPACCESS" -> peer.send("* JMAPACCESS \"https://jmap.example/session\"\r\n" + tag
                        + " OK done\r\n");
                case "UNAUTHENTICATE" -> peer.send(tag + " OK back to the start\r\n");
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void anExtensionCommandGoesOutTypedAndItsDataComesBackGeneric(ImapClientConfig.Transport transport)
            throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server(lines);
                ImapClient c = ScriptedImap.client(server, transport).connect()) {
            c.login("alice", "secret");
            RawResult r = c.raw(new Command.Extension("XFOO", List.of(Argument.atom("ALL"), Argument.number(7),
                    Argument.sequence(SequenceSet.range(1, 5)), Argument.list(Argument.string("a b"))),
                    Set.of("XFOO")));
            assertTrue(lines.contains(lines.stream().filter(l -> l.contains("XFOO ALL 7 1:5 (\"a b\")"))
                    .findFirst().orElse("missing")), lines::toString);
            assertEquals(1, r.data().size(), "only the response it collects: " + r.data());
            assertEquals("XFOO", r.data().get(0).name());
            assertEquals("foo done", r.ok().text());
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void aLineBreakInAStringArgumentTravelsAsALiteralNeverAsANewCommand(ImapClientConfig.Transport transport)
            throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server(lines);
                ImapClient c = ScriptedImap.client(server, transport).connect()) {
            c.login("alice", "secret");
            c.raw(new Command.Extension("XFOO", Argument.string("x\r\nA9 DELETE INBOX")));
            assertFalse(lines.stream().anyMatch(l -> l.startsWith("A9 ")), lines::toString);
            assertTrue(lines.contains("x\r\nA9 DELETE INBOX"), "the text arrived whole, as a literal: " + lines);
            assertThrows(IllegalArgumentException.class, () -> Argument.string("nul\0"));
        }
    }

    @ParameterizedTest
    @EnumSource(ImapClientConfig.Transport.class)
    void jmapAccessAndUnauthenticate(ImapClientConfig.Transport transport) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (HostileServer server = server(lines);
                ImapClient c = ScriptedImap.client(server, transport).connect()) {
            c.login("alice", "secret");
            assertEquals("https://jmap.example/session", c.jmapAccess());
            assertTrue(c.isAuthenticated());
            c.unauthenticate();
            assertFalse(c.isAuthenticated(), "UNAUTHENTICATE took the connection back to not authenticated");
            c.login("bob", "secret");
            assertTrue(c.isAuthenticated(), "and a second login works on the same connection");
        }
    }
}
