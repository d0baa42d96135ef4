package org.imap4j.client.auth;

import org.imap4j.codec.core.Bytes;

/**
 * The shape every client-first mechanism shares (RFC 4422 section 3.3): an initial response, sent either with the
 * command (SASL-IR, RFC 4959) or in answer to the server's first, empty challenge, then zero or more challenges the
 * subclass handles.
 */
abstract class ClientFirstExchange implements SaslExchange {
    private final String mechanism;
    private Bytes initial;
    private boolean initialSent;

    ClientFirstExchange(String mechanism) {
        this.mechanism = mechanism;
    }

    /** @return the initial response, computed once */
    abstract Bytes computeInitialResponse();

    /** Answers a challenge that follows the initial response. */
    abstract Bytes afterInitial(Bytes challenge);

    final String mechanism() {
        return mechanism;
    }

    @Override
    public final boolean hasInitialResponse() {
        return true;
    }

    @Override
    public final Bytes initialResponse() {
        if (initial == null) {
            initial = computeInitialResponse();
        }
        initialSent = true;
        return initial;
    }

    final boolean initialSent() {
        return initialSent;
    }

    @Override
    public final Bytes evaluate(Bytes challenge) {
        if (!initialSent) {
            // Without SASL-IR the server opens with an empty challenge (RFC 4422 section 5, item 2a).
            if (challenge.size() != 0) {
                throw SaslSupport.fail(mechanism, "expected an empty first challenge, got " + challenge);
            }
            return initialResponse();
        }
        return afterInitial(challenge);
    }
}
