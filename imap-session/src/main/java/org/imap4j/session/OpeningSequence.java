package org.imap4j.session;

import java.util.concurrent.CompletableFuture;
import org.imap4j.codec.CommandHandle;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapEngine;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.ImapTlsException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * The session driver's part that runs the opening sequence: the greeting, CAPABILITY when the greeting did not carry
 * them, STARTTLS and the handshake when required, CAPABILITY again after it, and the refusals on the way (a BYE
 * greeting, PREAUTH or no STARTTLS where TLS is required, a refused STARTTLS, no capabilities after the handshake).
 *
 * <pre>
 *   GREETING ─▶ [CAPABILITY] ─▶ READY                                 (PLAIN, IMPLICIT)
 *   GREETING ─▶ [CAPABILITY] ─▶ STARTTLS ─▶ handshake ─▶ CAPABILITY ─▶ READY   (STARTTLS)
 * </pre>
 */
final class OpeningSequence {
    /** Where the opening sequence is. */
    enum Phase { GREETING, CAPABILITY, STARTTLS, HANDSHAKE, CAPABILITY_AFTER_TLS, READY }

    private final SessionDriver driver;
    private final ImapEngine engine;
    private final TransportOptions options;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private Phase phase = Phase.GREETING;
    private CommandHandle opening;
    private Untagged.StatusResponse greeting;
    private boolean tlsPending;

    OpeningSequence(SessionDriver driver, ImapEngine engine, TransportOptions options) {
        this.driver = driver;
        this.engine = engine;
        this.options = options;
    }

    /** @return completes (through a delivery) when the opening is done, or fails with why */
    CompletableFuture<Void> ready() {
        return ready;
    }

    /** @return the greeting, or {@code null} before it */
    Untagged.StatusResponse greeting() {
        return greeting;
    }

    /** @return where the opening is */
    Phase phase() {
        return phase;
    }

    /** @return the CAPABILITY or STARTTLS the opening has pending, or {@code null} */
    CommandHandle pending() {
        return opening;
    }

    /** @return whether the server accepted STARTTLS and the transport must run the handshake now */
    boolean tlsPending() {
        return tlsPending;
    }

    /** The engine reported that STARTTLS was accepted: nothing may be read or written until the handshake. */
    void onStartTls() {
        tlsPending = true;
        driver.events().startTlsAccepted();
    }

    /** @param h a command that failed without a tagged response (the connection ended) */
    void onCommandFailed(CommandHandle h) {
        if (h == opening) {
            opening = null;
        }
    }

    /*
     * On a connection that requires STARTTLS, what the server says before the handshake is unauthenticated: a man in
     * the middle can write an ALERT the application would show as the server's, or capabilities. The opening uses
     * them (and the engine forgets them at tlsEstablished); the application never sees them.
     */
    /** @return whether what arrives now is cleartext the application must not see (see above) */
    boolean cleartextBeforeRequiredTls() {
        return options.tlsMode() == TlsMode.STARTTLS && phase.compareTo(Phase.CAPABILITY_AFTER_TLS) < 0;
    }

    void onGreeting(Untagged.StatusResponse g) {
        greeting = g;
        if (g.status() == Condition.BYE) {
            driver.fail(new ImapConnectionException("the server refused the connection: BYE " + g.text()));
            return;
        }
        if (options.tlsMode() == TlsMode.STARTTLS && g.status() == Condition.PREAUTH) {
            driver.fail(new ImapTlsException("the server greeted with PREAUTH on a connection that requires STARTTLS; "
                    + "refusing to continue without TLS", null));
            return;
        }
        if (engine.capabilities().isEmpty()) {
            phase = Phase.CAPABILITY;
            opening = driver.startCommand(new Command.Capability());
        } else {
            afterCapabilities();
        }
    }

    private void afterCapabilities() {
        if (options.tlsMode() == TlsMode.STARTTLS && phase.compareTo(Phase.STARTTLS) < 0) {
            if (!Capability.has(engine.capabilities(), Capability.Known.STARTTLS)) {
                driver.fail(new ImapTlsException("STARTTLS is required but " + options.host()
                        + " does not offer it; nothing was sent", null));
                return;
            }
            phase = Phase.STARTTLS;
            opening = driver.startCommand(new Command.StartTls());
            return;
        }
        phase = Phase.READY;
        opening = null;
        driver.events().ready(options.tlsMode() != TlsMode.PLAIN);
        driver.deliveries.add(() -> ready.complete(null));
    }

    /**
     * @param h the command the tagged response completes
     * @param t the response
     * @return whether it was the opening's own command (then nothing else is to be done with it)
     */
    boolean onCompleted(CommandHandle h, Tagged t) {
        if (h != opening) {
            return false;
        }
        opening = null;
        if (t.status() != Condition.OK) {
            ImapException why = phase == Phase.STARTTLS
                    ? new ImapTlsException("the server refused STARTTLS: " + t.status() + " " + t.text(), null)
                    : new ImapConnectionException("CAPABILITY failed: " + t.status() + " " + t.text());
            driver.fail(why);
            return true;
        }
        if (phase == Phase.STARTTLS) {
            phase = Phase.HANDSHAKE; // the engine's StartTls event follows and raises tlsPending
        } else if (phase == Phase.CAPABILITY_AFTER_TLS && engine.capabilities().isEmpty()) {
            // RFC 9051 section 6.1.1: CAPABILITY is answered by an untagged CAPABILITY. Without one, the engine
            // would keep encoding as the cleartext capabilities said (LITERAL+), trusting a possible attacker.
            driver.fail(new ImapProtocolException("the server announced no capabilities after STARTTLS; refusing to "
                    + "go on with what it said in cleartext", -1, "", null));
        } else {
            afterCapabilities();
        }
        return true;
    }

    /** The handshake after STARTTLS succeeded: the engine forgets the cleartext capabilities; they are asked again. */
    void tlsEstablished() {
        if (!tlsPending) {
            throw new IllegalStateException("no STARTTLS handshake is pending");
        }
        tlsPending = false;
        engine.tlsEstablished();
        if (phase == Phase.HANDSHAKE) {
            phase = Phase.CAPABILITY_AFTER_TLS;
            opening = driver.startCommand(new Command.Capability());
        }
    }

    /** @param cause why the connection ended: the opening, if still running, fails with it */
    void failReady(ImapException cause) {
        if (!ready.isDone()) {
            driver.deliveries.add(() -> ready.completeExceptionally(cause));
        }
    }
}
