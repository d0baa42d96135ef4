package org.imap4j.client.auth;

import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Secret;

/** Whatever a server sends, the client answers or fails with {@link ImapAuthenticationException}, nothing else. */
class ScramProperties {

    private static SaslExchange started() {
        SaslExchange x = new ScramMechanism(ScramMechanism.Hash.SHA_256, ScramMechanism.Binding.NONE, "user",
                Secret.of("pencil"), () -> "abc").start(SaslContext.of("h", 143, false));
        x.initialResponse();
        return x;
    }

    @Property(tries = 300)
    void randomServerFirstOnlyFailsWithAnAuthenticationException(@ForAll @Size(max = 80) byte[] challenge) {
        SaslExchange x = started();
        try {
            x.evaluate(Bytes.of(challenge));
        } catch (ImapAuthenticationException expected) {
            // the only acceptable failure
        }
    }

    @Property(tries = 300)
    void randomServerFirstTextOnlyFailsWithAnAuthenticationException(@ForAll @Size(max = 60) String tail) {
        SaslExchange x = started();
        try {
            x.evaluate(Bytes.utf8("r=abc" + tail + ",s=c2FsdA==,i=1"));
        } catch (ImapAuthenticationException expected) {
            // the only acceptable failure
        }
    }

    @Property(tries = 300)
    void randomServerFinalIsRejected(@ForAll @Size(max = 80) byte[] serverFinal) {
        SaslExchange x = started();
        x.evaluate(Bytes.utf8("r=abcdef,s=c2FsdA==,i=1"));
        assertThrows(ImapAuthenticationException.class, () -> x.evaluate(Bytes.of(serverFinal)));
    }

    @Property(tries = 200)
    void saslPrepOnlyFailsWithAnAuthenticationException(@ForAll String value) {
        try {
            SaslPrep.prepare(value, "password");
        } catch (ImapAuthenticationException expected) {
            // the only acceptable failure
        }
    }
}
