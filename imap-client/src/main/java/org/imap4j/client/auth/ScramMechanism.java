package org.imap4j.client.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Secret;
import org.imap4j.session.ChannelBinding;

/**
 * SCRAM-SHA-1 and SCRAM-SHA-256, with or without channel binding (RFC 5802, RFC 7677). The client proves it knows
 * the password without sending it, and checks the server's signature, so a server that does not hold the salted
 * password cannot complete the exchange.
 *
 * <p>Choices this implementation makes where the RFC leaves room:
 * <ul>
 *   <li>The iteration count must be at least 1 and at most {@link SaslContext#maxScramIterations()} (by default
 *   {@value SaslContext#DEFAULT_MAX_SCRAM_ITERATIONS}); a larger one is refused before any round is computed. RFC 5802
 *   section 9 asks for at least 4096, but smaller counts are the server's policy to weaken, not an attack on the
 *   client; a huge count is, since a hostile server could keep the client's CPU busy for minutes (net-imap
 *   CVE-2026-42256).</li>
 *   <li>The server nonce must start with the client's and contain only printable characters (RFC 5802 section 7);
 *   an empty server part is tolerated as the ABNF allows it.</li>
 *   <li>A mandatory extension ({@code m=}) is refused, as RFC 5802 section 5.1 requires; optional extensions after
 *   {@code i=} are ignored.</li>
 *   <li>{@code -PLUS} prefers {@code tls-exporter} (RFC 9266), then {@code tls-unique}, then
 *   {@code tls-server-end-point} (RFC 5929), whichever the connection provides.</li>
 * </ul>
 */
final class ScramMechanism implements SaslMechanism {
    /** The largest iteration count accepted from a server by default; see the class comment. */
    static final int MAX_ITERATIONS = SaslContext.DEFAULT_MAX_SCRAM_ITERATIONS;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ChannelBinding[] BINDING_PREFERENCE = {
        ChannelBinding.TLS_EXPORTER, ChannelBinding.TLS_UNIQUE, ChannelBinding.TLS_SERVER_END_POINT
    };

    /** How the GS2 header answers the channel-binding question (RFC 5802 section 6). */
    enum Binding {
        /** {@code n}: the client does not bind. */
        NONE,
        /** {@code y} if the connection could bind (the server did not offer -PLUS), else {@code n}. */
        CLIENT_SUPPORTS,
        /** {@code p=<type>}: the -PLUS mechanism. */
        PLUS
    }

    /** The hash function of a SCRAM family member. */
    enum Hash {
        SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1"),
        SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256");

        final String mechanism;
        final String digest;
        final String hmac;

        Hash(String mechanism, String digest, String hmac) {
            this.mechanism = mechanism;
            this.digest = digest;
            this.hmac = hmac;
        }
    }

    private final Hash hash;
    private final Binding binding;
    private final String user;
    private final Secret password;
    private final Supplier<String> nonces;

    ScramMechanism(Hash hash, Binding binding, String user, Secret password, Supplier<String> nonces) {
        this.hash = Objects.requireNonNull(hash, "hash");
        this.binding = Objects.requireNonNull(binding, "binding");
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
    }

    ScramMechanism(Hash hash, Binding binding, String user, Secret password) {
        this(hash, binding, user, password, ScramMechanism::randomNonce);
    }

    /** @return 24 random bytes in base64: 32 characters, none of them {@code ','} */
    static String randomNonce() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    @Override
    public String name() {
        return binding == Binding.PLUS ? hash.mechanism + "-PLUS" : hash.mechanism;
    }

    @Override
    public boolean sendsReusableSecret() {
        return false;
    }

    @Override
    public boolean needsChannelBinding() {
        return binding == Binding.PLUS;
    }

    @Override
    public SaslExchange start(SaslContext context) {
        String gs2Header;
        byte[] cbData = new byte[0];
        if (binding == Binding.PLUS) {
            ChannelBinding type = null;
            for (ChannelBinding candidate : BINDING_PREFERENCE) {
                Optional<Bytes> data = context.bindingData(candidate);
                if (data.isPresent()) {
                    type = candidate;
                    cbData = data.get().toByteArray();
                    break;
                }
            }
            if (type == null) {
                throw SaslSupport.fail(name(), "the connection provides no TLS channel binding"
                        + (context.secure() ? "" : " (it is not protected by TLS)"));
            }
            gs2Header = "p=" + type.wireName() + ",,";
        } else if (binding == Binding.CLIENT_SUPPORTS && clientCanBind(context)) {
            gs2Header = "y,,";
        } else {
            gs2Header = "n,,";
        }
        String nonce = nonces.get();
        if (nonce.isEmpty() || !printable(nonce)) {
            throw new IllegalStateException("client nonce must be non-empty printable ASCII without ','");
        }
        String preparedUser = SaslPrep.prepare(user, "username");
        // The password is prepared now so that a prohibited one fails before anything is sent.
        byte[] preparedPassword = SaslPrep.prepare(password.reveal(), "password").getBytes(StandardCharsets.UTF_8);
        return new Exchange(gs2Header, cbData, "n=" + SaslSupport.saslName(preparedUser) + ",r=" + nonce, nonce,
                preparedPassword, context.maxScramIterations());
    }

    private static boolean clientCanBind(SaslContext context) {
        for (ChannelBinding candidate : BINDING_PREFERENCE) {
            if (context.bindingData(candidate).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** {@code printable = %x21-2B / %x2D-7E} (RFC 5802 section 7): printable ASCII except {@code ','}. */
    static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E || c == ',') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code Hi(str, salt, i)} of RFC 5802 section 2.2: PBKDF2 (RFC 8018) with HMAC and one output block, computed
     * here with {@link Mac} because the JDK's PBKDF2 key factories take a {@code char[]} and would re-encode the
     * SASLprep'd bytes.
     */
    static byte[] hi(String hmacAlgorithm, byte[] password, byte[] salt, int iterations) {
        Mac mac = SaslSupport.hmac(hmacAlgorithm, password);
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int n = 1; n < iterations; n++) {
            u = mac.doFinal(u);
            for (int k = 0; k < result.length; k++) {
                result[k] ^= u[k];
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return name() + "[user=" + user + "]";
    }

    /** One exchange: client-first, then server-first, client-final, server-final. */
    private final class Exchange extends ClientFirstExchange {
        private final String gs2Header;
        private final byte[] cbData;
        private final String clientFirstBare;
        private final String clientNonce;
        private byte[] preparedPassword;
        private byte[] expectedServerSignature;
        private boolean complete;
        private final int maxIterations;

        Exchange(String gs2Header, byte[] cbData, String clientFirstBare, String clientNonce, byte[] password,
                 int maxIterations) {
            super(ScramMechanism.this.name());
            this.gs2Header = gs2Header;
            this.cbData = cbData;
            this.clientFirstBare = clientFirstBare;
            this.clientNonce = clientNonce;
            this.preparedPassword = password;
            this.maxIterations = maxIterations;
        }

        @Override
        Bytes computeInitialResponse() {
            return Bytes.utf8(gs2Header + clientFirstBare);
        }

        @Override
        Bytes afterInitial(Bytes challenge) {
            if (complete) {
                throw SaslSupport.fail(mechanism(), "unexpected challenge after the server was verified: "
                        + challenge);
            }
            if (expectedServerSignature == null) {
                return clientFinal(SaslSupport.strictUtf8(mechanism(), challenge));
            }
            verifyServerFinal(SaslSupport.strictUtf8(mechanism(), challenge));
            complete = true;
            return Bytes.empty();
        }

        @Override
        public boolean isComplete() {
            return complete;
        }

        /**
         * {@code server-first-message = [reserved-mext ","] nonce "," salt "," iteration-count ["," extensions]}
         * (RFC 5802 section 7); answers with the client-final-message.
         */
        private Bytes clientFinal(String serverFirst) {
            if (serverFirst.startsWith("e=")) {
                throw SaslSupport.fail(mechanism(), "server error: " + SaslSupport.cut(serverFirst.substring(2)));
            }
            String[] attrs = serverFirst.split(",", -1);
            if (attrs[0].startsWith("m=")) {
                throw SaslSupport.fail(mechanism(), "the server requires an unsupported mandatory extension (m=)");
            }
            if (attrs.length < 3) {
                throw SaslSupport.fail(mechanism(), "server-first-message lacks r=, s= or i=: \""
                        + SaslSupport.cut(serverFirst) + "\"");
            }
            String nonce = attribute(attrs[0], 'r', serverFirst);
            String saltText = attribute(attrs[1], 's', serverFirst);
            String iterationText = attribute(attrs[2], 'i', serverFirst);
            if (!nonce.startsWith(clientNonce)) {
                throw SaslSupport.fail(mechanism(), "the server nonce does not extend the client nonce");
            }
            if (!printable(nonce)) {
                throw SaslSupport.fail(mechanism(), "the server nonce contains a character outside %x21-7E");
            }
            byte[] salt = SaslSupport.base64(mechanism(), "s", saltText);
            if (salt.length == 0) {
                throw SaslSupport.fail(mechanism(), "the salt is empty");
            }
            int iterations = iterations(iterationText);

            String channelBinding = "c=" + Base64.getEncoder().encodeToString(concat(
                    gs2Header.getBytes(StandardCharsets.UTF_8), cbData));
            String clientFinalWithoutProof = channelBinding + ",r=" + nonce;
            byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof)
                    .getBytes(StandardCharsets.UTF_8);

            byte[] salted = hi(hash.hmac, preparedPassword, salt, iterations);
            Arrays.fill(preparedPassword, (byte) 0);
            preparedPassword = null;
            byte[] clientKey = SaslSupport.hmac(hash.hmac, salted, ascii("Client Key"));
            byte[] storedKey = SaslSupport.digest(hash.digest).digest(clientKey);
            byte[] clientSignature = SaslSupport.hmac(hash.hmac, storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int k = 0; k < proof.length; k++) {
                proof[k] = (byte) (clientKey[k] ^ clientSignature[k]);
            }
            byte[] serverKey = SaslSupport.hmac(hash.hmac, salted, ascii("Server Key"));
            expectedServerSignature = SaslSupport.hmac(hash.hmac, serverKey, authMessage);
            Arrays.fill(salted, (byte) 0);
            Arrays.fill(clientKey, (byte) 0);
            return Bytes.utf8(clientFinalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
        }

        /** {@code server-final-message = (server-error / verifier) ["," extensions]} (RFC 5802 section 7). */
        private void verifyServerFinal(String serverFinal) {
            String first = serverFinal.split(",", -1)[0];
            if (first.startsWith("e=")) {
                throw SaslSupport.fail(mechanism(), "server error: " + SaslSupport.cut(first.substring(2)));
            }
            if (!first.startsWith("v=")) {
                throw SaslSupport.fail(mechanism(), "server-final-message lacks v=: \""
                        + SaslSupport.cut(serverFinal) + "\"");
            }
            byte[] signature = SaslSupport.base64(mechanism(), "v", first.substring(2));
            if (!MessageDigest.isEqual(signature, expectedServerSignature)) {
                throw SaslSupport.fail(mechanism(), "the server signature does not match: the server does not know"
                        + " the password, or the exchange was tampered with");
            }
        }

        private String attribute(String attr, char name, String message) {
            if (attr.length() < 2 || attr.charAt(0) != name || attr.charAt(1) != '=') {
                throw SaslSupport.fail(mechanism(), "expected attribute " + name + "= in server-first-message: \""
                        + SaslSupport.cut(message) + "\"");
            }
            return attr.substring(2);
        }

        private int iterations(String text) {
            if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw SaslSupport.fail(mechanism(), "iteration count is not a number: \""
                        + SaslSupport.cut(text) + "\"");
            }
            long n = text.length() > 18 ? Long.MAX_VALUE : Long.parseLong(text);
            if (n < 1 || n > maxIterations) {
                throw SaslSupport.fail(mechanism(), "iteration count " + (text.length() > 18 ? SaslSupport.cut(text)
                        : Long.toString(n)) + " is outside 1.." + maxIterations + " (the client's maxScramIterations)");
            }
            return (int) n;
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
