package org.imap4j.client.auth;

/**
 * An exchange in which the server speaks first (LOGIN, CRAM-MD5): there is no initial response, so SASL-IR does not
 * apply; the mechanism answers the server's challenges in {@link #evaluate}.
 */
abstract class ServerFirstExchange implements SaslExchange {
    private final String mechanism;

    /** @param mechanism the mechanism's name, for messages */
    ServerFirstExchange(String mechanism) {
        this.mechanism = mechanism;
    }

    @Override
    public final boolean hasInitialResponse() {
        return false;
    }

    @Override
    public final org.imap4j.codec.core.Bytes initialResponse() {
        throw new IllegalStateException(mechanism + " has no initial response");
    }
}
