package org.imap4j.session.testing;

import java.io.IOException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.TaggedCommand;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.testing.servers.TestCertificates;

/**
 * Ready-made {@link HostileServer.Script}s: each one a server misbehaviour (or a trap) a robust client must survive
 * or refuse, named after what it does. Byte sequences that matter are written raw and exactly; ordinary completions are
 * typed responses through the codec.
 */
public final class HostileScripts {
    /** The capabilities most scripts greet with. */
    public static final String PLAIN_GREETING = "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hostile server ready\r\n";

    private HostileScripts() {
    }

    /**
     * STARTTLS response injection (the class of attack in RFC 9051 section 11.1 and CVE-2011-0411 style bugs): greets
     * with {@code * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] hi}, answers CAPABILITY, and answers STARTTLS with
     * {@code tag OK begin TLS\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n} in ONE write (one segment), then
     * performs the TLS handshake with {@link TestCertificates#localhost()}. A correct client discards (or refuses)
     * the plaintext after the tagged OK; it must never act on the injected capabilities.
     *
     * @return the script
     */
    public static HostileServer.Script starttlsInjection() {
        return peer -> {
            peer.send("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] hi\r\n");
            boolean tls = false;
            while (true) {
                TaggedCommand c = peer.readCommand();
                String tag = c.tag().value();
                Command cmd = c.command();
                if (cmd instanceof Command.StartTls && !tls) {
                    peer.send(tag + " OK begin TLS\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n");
                    peer.startTls(TestCertificates.localhost().serverContext());
                    tls = true;
                } else if (cmd instanceof Command.Capability) {
                    peer.send(tls ? "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n"
                            : "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n");
                    ok(peer, c);
                } else if (!answerCommon(peer, c)) {
                    return;
                }
            }
        };
    }

    /** The only capabilities {@link #pretlsLies(boolean)} announces once TLS is up. */
    public static final String POST_TLS_CAPABILITIES = "IMAP4rev1 AUTH=PLAIN AUTH=SCRAM-SHA-256";

    /**
     * Says things in cleartext that must not outlive STARTTLS (RFC 9051 section 6.2.1: the client MUST discard what it
     * learnt before TLS, and a man in the middle can write anything there). Greets with
     * {@code * OK [CAPABILITY IMAP4rev1 STARTTLS LITERAL+ AUTH=PLAIN X-EVIL] pre-tls greeting}, then at once
     * {@code * OK [ALERT] pre-tls alert} and {@code * CAPABILITY IMAP4rev1 STARTTLS LITERAL+ X-EVIL X-EVIL-2}; answers
     * STARTTLS with {@code * OK [ALERT] pre-tls alert 2}, {@code * CAPABILITY IMAP4rev1 LITERAL+ X-EVIL-3} and the
     * tagged OK, then performs the handshake with {@link TestCertificates#localhost()}. After TLS it answers
     * CAPABILITY with exactly {@link #POST_TLS_CAPABILITIES} (or, if {@code silentAfterTls}, with a bare tagged OK and
     * no capabilities at all), and NOOP with OK. A LOGIN whose line announces a non-synchronizing literal
     * ({@code +}}) is recorded as a failure: LITERAL+ was only ever offered before TLS. Every untagged line sent
     * before TLS contains {@code pre-tls} or {@code X-EVIL}, so a client can be checked for any of it surfacing.
     *
     * @param silentAfterTls answer the post-TLS CAPABILITY without any capability data
     * @return the script
     */
    public static HostileServer.Script pretlsLies(boolean silentAfterTls) {
        return peer -> {
            peer.send("* OK [CAPABILITY IMAP4rev1 STARTTLS LITERAL+ AUTH=PLAIN X-EVIL] pre-tls greeting\r\n"
                    + "* OK [ALERT] pre-tls alert\r\n* CAPABILITY IMAP4rev1 STARTTLS LITERAL+ X-EVIL X-EVIL-2\r\n");
            boolean tls = false;
            while (true) {
                String line = peer.readLine();
                int sp = line.indexOf(' ');
                String tag = line.substring(0, sp);
                String verb = line.substring(sp + 1).split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
                if (verb.equals("STARTTLS") && !tls) {
                    peer.send("* OK [ALERT] pre-tls alert 2\r\n* CAPABILITY IMAP4rev1 LITERAL+ X-EVIL-3\r\n"
                            + tag + " OK begin TLS\r\n");
                    peer.startTls(TestCertificates.localhost().serverContext());
                    tls = true;
                } else if (verb.equals("CAPABILITY")) {
                    peer.send((tls && !silentAfterTls ? "* CAPABILITY " + POST_TLS_CAPABILITIES + "\r\n" : "")
                            + tag + " OK done\r\n");
                } else if (verb.equals("LOGIN")) {
                    if (line.endsWith("+}")) {
                        peer.fail("LITERAL+ learnt before TLS was used after it: " + line);
                    }
                    // a synchronizing literal: grant it, read the rest of the command, refuse the credentials
                    while (line.endsWith("}")) {
                        if (!line.endsWith("+}")) {
                            peer.send("+ go ahead\r\n");
                        }
                        line = peer.readLine();
                    }
                    peer.send(tag + " NO [AUTHENTICATIONFAILED] nobody here\r\n");
                } else if (verb.equals("LOGOUT")) {
                    peer.send("* BYE bye\r\n" + tag + " OK bye\r\n");
                    return;
                } else {
                    peer.send(tag + " OK done\r\n");
                }
            }
        };
    }

    /**
     * Greets, then answers the first command with {@code * 1 FETCH (BODY[] {100}\r\n} and only 10 of the 100
     * announced bytes, and closes the connection.
     *
     * @return the script
     */
    public static HostileServer.Script closeMidLiteral() {
        return peer -> {
            peer.send(PLAIN_GREETING);
            peer.readCommand();
            peer.send("* 1 FETCH (BODY[] {100}\r\n0123456789");
            peer.close();
        };
    }

    /**
     * Greets, then reads commands and never answers, until the client or the server closes.
     *
     * @return the script
     */
    public static HostileServer.Script stallForever() {
        return peer -> {
            peer.send(PLAIN_GREETING);
            while (true) {
                peer.readCommand();
            }
        };
    }

    /**
     * Accepts and sends nothing at all (no greeting), until the client or the server closes.
     *
     * @return the script
     */
    public static HostileServer.Script stallGreeting() {
        return HostileServer.Peer::stallForever;
    }

    /**
     * Greets, then answers the first command with {@code * 1 FETCH (BODY[] {2147483648}\r\n} (a literal of 2^31
     * bytes, past {@code Integer.MAX_VALUE}) and stalls: a client must refuse by its limits rather than allocate.
     *
     * @return the script
     */
    public static HostileServer.Script hugeLiteralHeader() {
        return peer -> {
            peer.send(PLAIN_GREETING);
            peer.readCommand();
            peer.send("* 1 FETCH (BODY[] {2147483648}\r\n");
            peer.stallForever();
        };
    }

    /**
     * Greets with {@code * PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome}: a client that requires TLS must not use
     * this session (RFC 9051 section 11.1: PREAUTH leaves no chance for STARTTLS). Answers CAPABILITY with STARTTLS
     * offered and, if asked anyway, answers STARTTLS OK and attempts the handshake with
     * {@link TestCertificates#localhost()}.
     *
     * @return the script
     */
    public static HostileServer.Script preauthGreeting() {
        return peer -> {
            peer.send("* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome\r\n");
            while (true) {
                TaggedCommand c = peer.readCommand();
                if (c.command() instanceof Command.Capability) {
                    peer.send("* CAPABILITY IMAP4rev1 STARTTLS\r\n");
                    ok(peer, c);
                } else if (c.command() instanceof Command.StartTls) {
                    ok(peer, c);
                    peer.startTls(TestCertificates.localhost().serverContext());
                } else if (!answerCommon(peer, c)) {
                    return;
                }
            }
        };
    }

    /**
     * Offers no STARTTLS (greeting {@code * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN]}, same CAPABILITY answer): a client
     * configured to require TLS must give up without sending credentials. Receiving LOGIN or AUTHENTICATE records a
     * failure in {@link HostileServer#errors()} (and is answered NO); STARTTLS is answered BAD.
     *
     * @return the script
     */
    public static HostileServer.Script noStarttls() {
        return peer -> {
            peer.send(PLAIN_GREETING);
            while (true) {
                TaggedCommand c = peer.readCommand();
                Command cmd = c.command();
                if (cmd instanceof Command.Login || cmd instanceof Command.Authenticate) {
                    peer.fail("client sent credentials (" + cmd.getClass().getSimpleName()
                            + ") over a connection that never offered STARTTLS");
                    peer.send(new Tagged(c.tag(), Condition.NO, null, "credentials over plaintext"));
                } else if (cmd instanceof Command.Capability) {
                    peer.send("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n");
                    ok(peer, c);
                } else if (cmd instanceof Command.StartTls) {
                    peer.send(new Tagged(c.tag(), Condition.BAD, null, "STARTTLS not offered"));
                } else if (!answerCommon(peer, c)) {
                    return;
                }
            }
        };
    }

    /**
     * Greets, answers CAPABILITY normally, and answers the first other command with {@code * BYE shutting down}
     * (no tagged completion) and closes the connection.
     *
     * @return the script
     */
    public static HostileServer.Script byeMidCommand() {
        return peer -> {
            peer.send(PLAIN_GREETING);
            while (true) {
                TaggedCommand c = peer.readCommand();
                if (c.command() instanceof Command.Capability) {
                    peer.send("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n");
                    ok(peer, c);
                } else {
                    peer.send("* BYE shutting down\r\n");
                    peer.close();
                    return;
                }
            }
        };
    }

    private static void ok(HostileServer.Peer peer, TaggedCommand c) throws IOException {
        peer.send(new Tagged(c.tag(), Condition.OK, null, "done"));
    }

    // LOGOUT ends the session (false); NOOP succeeds; anything else is refused with NO.
    private static boolean answerCommon(HostileServer.Peer peer, TaggedCommand c) throws IOException {
        if (c.command() instanceof Command.Logout) {
            peer.send("* BYE logging out\r\n");
            ok(peer, c);
            return false;
        }
        if (c.command() instanceof Command.Noop) {
            ok(peer, c);
        } else {
            peer.send(new Tagged(c.tag(), Condition.NO, null, "not supported by this script"));
        }
        return true;
    }
}
