package org.imap4j.client.auth;

import org.imap4j.codec.core.Bytes;

/**
 * EXTERNAL (RFC 4422 appendix A): the identity comes from outside SASL, typically a TLS client certificate. The
 * only message is the optional authorization identity, empty to act as the authenticated identity.
 */
final class ExternalMechanism implements SaslMechanism {
    private final String authzid;

    ExternalMechanism(String authzid) {
        this.authzid = authzid == null ? "" : authzid;
        SaslSupport.requireNoNul("authzid", this.authzid);
    }

    @Override
    public String name() {
        return "EXTERNAL";
    }

    @Override
    public boolean sendsReusableSecret() {
        return false;
    }

    @Override
    public SaslExchange start(SaslContext context) {
        return new ClientFirstExchange(name()) {
            @Override
            Bytes computeInitialResponse() {
                return Bytes.utf8(authzid);
            }

            @Override
            Bytes afterInitial(Bytes challenge) {
                throw SaslSupport.fail(mechanism(), "unexpected challenge after the authorization identity: "
                        + challenge);
            }

            @Override
            public boolean isComplete() {
                return initialSent();
            }
        };
    }

    @Override
    public String toString() {
        return "EXTERNAL[authzid=" + authzid + "]";
    }
}
