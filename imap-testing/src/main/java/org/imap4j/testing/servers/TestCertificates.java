package org.imap4j.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test-time X.509 material for TLS fixtures (RFC 5280 certificates, RFC 6125 / RFC 8314 section 4.1 host checks): one
 * private CA and four server identities that a client must accept or reject. Everything is generated once per JVM
 * (EC P-256 keys, SHA256withECDSA signatures, which both JDK TLS and Dovecot's OpenSSL accept) with BouncyCastle's
 * certificate builder; only the default JCA providers sign and parse, no provider is installed globally.
 *
 * <table>
 *   <caption>Identities</caption>
 *   <tr><th>method</th><th>issuer</th><th>names</th><th>a verifying client must</th></tr>
 *   <tr><td>{@link #localhost()}</td><td>CA</td><td>DNS:localhost, IP:127.0.0.1</td><td>accept</td></tr>
 *   <tr><td>{@link #wrongHost()}</td><td>CA</td><td>DNS:wrong.example</td><td>reject (host name)</td></tr>
 *   <tr><td>{@link #expired()}</td><td>CA</td><td>DNS:localhost, IP:127.0.0.1, ended yesterday</td>
 *       <td>reject (validity)</td></tr>
 *   <tr><td>{@link #selfSigned()}</td><td>itself</td><td>DNS:localhost, IP:127.0.0.1</td><td>reject (chain)</td></tr>
 * </table>
 *
 * <pre>{@code
 * SSLContext server = TestCertificates.localhost().serverContext();
 * SSLContext client = TestCertificates.clientContext();   // trusts only ca()
 * }</pre>
 */
public final class TestCertificates {
    /** The host name that the valid identities carry. */
    public static final String HOST = "localhost";
    /** The loopback address that the valid identities carry as an IP SAN. */
    public static final String IP = "127.0.0.1";
    /** The only DNS name the wrong-host identity carries. */
    public static final String WRONG_HOST = "wrong.example";

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {
    }

    /**
     * A server's private key with its certificate chain (leaf first, then the issuing CA when there is one).
     *
     * @param key   the leaf's private key
     * @param chain the chain, leaf first
     */
    public record ServerIdentity(PrivateKey key, List<X509Certificate> chain) {
        /**
         * Requires a key and a non-empty chain.
         *
         * @param key   the leaf's private key
         * @param chain the chain, leaf first
         */
        public ServerIdentity {
            Objects.requireNonNull(key, "key");
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("empty chain");
            }
        }

        /** @return the leaf (end-entity) certificate */
        public X509Certificate leaf() {
            return chain.get(0);
        }

        /**
         * @param password the store and key password
         * @return a fresh PKCS12 key store holding this identity under the alias {@code server}
         */
        public KeyStore keyStore(char[] password) {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, password);
                ks.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
                return ks;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot build a PKCS12 key store", e);
            }
        }

        /**
         * @return a server-side TLS context of the JDK's own provider (SunJSSE) presenting this identity; with JDK 17
         *     defaults it negotiates TLSv1.3 or TLSv1.2 only (older versions are disabled by the JDK's security
         *     properties)
         */
        public SSLContext serverContext() {
            try {
                char[] pw = "changeit".toCharArray();
                KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509", "SunJSSE");
                kmf.init(keyStore(pw), pw);
                SSLContext ctx = SSLContext.getInstance("TLS", "SunJSSE");
                ctx.init(kmf.getKeyManagers(), null, null);
                return ctx;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot build a server TLS context", e);
            }
        }

        /**
         * Writes {@code cert.pem} (the chain, leaf first) and {@code key.pem} (PKCS#8, RFC 7468 section 10) into a
         * directory, the form Dovecot's {@code ssl_cert = <file} and {@code ssl_key = <file} read.
         *
         * @param dir an existing directory
         * @return {@code dir}
         */
        public Path writePem(Path dir) {
            StringBuilder certs = new StringBuilder();
            try {
                for (X509Certificate c : chain) {
                    certs.append(pem("CERTIFICATE", c.getEncoded()));
                }
                Files.writeString(dir.resolve("cert.pem"), certs, StandardCharsets.US_ASCII);
                Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()),
                        StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            return dir;
        }
    }

    /** @return the private CA that signed every identity except {@link #selfSigned()} */
    public static X509Certificate ca() {
        return Holder.CA_CERT;
    }

    /** @return a valid identity for {@code localhost} and {@code 127.0.0.1}, signed by {@link #ca()} */
    public static ServerIdentity localhost() {
        return Holder.LOCALHOST;
    }

    /** @return an identity signed by {@link #ca()} naming only {@value #WRONG_HOST} */
    public static ServerIdentity wrongHost() {
        return Holder.WRONG;
    }

    /** @return an identity for {@code localhost} signed by {@link #ca()} whose validity ended yesterday */
    public static ServerIdentity expired() {
        return Holder.EXPIRED;
    }

    /** @return a self-signed identity for {@code localhost} that no chain to {@link #ca()} supports */
    public static ServerIdentity selfSigned() {
        return Holder.SELF_SIGNED;
    }

    /** @return a fresh PKCS12 trust store holding only {@link #ca()} (alias {@code ca}) */
    public static KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca());
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a PKIX trust manager (SunJSSE) trusting only {@link #ca()} */
    public static X509TrustManager trustManager() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", "SunJSSE");
            tmf.init(trustStore());
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return a client-side TLS context (SunJSSE) trusting only {@link #ca()}; host-name checking is the caller's
     *     ({@code SSLParameters.setEndpointIdentificationAlgorithm("HTTPS")})
     */
    public static SSLContext clientContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS", "SunJSSE");
            ctx.init(null, new TrustManager[] {trustManager()}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // Lazy, once per JVM: the class is initialised on first use only (initialization-on-demand holder).
    private static final class Holder {
        static final KeyPair CA_KEYS = newKeyPair();
        static final X509Certificate CA_CERT = caCertificate();
        static final ServerIdentity LOCALHOST = signed(HOST, true, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(365)));
        static final ServerIdentity WRONG = signed(WRONG_HOST, false, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(365)));
        static final ServerIdentity EXPIRED = signed(HOST, true, Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1)));
        static final ServerIdentity SELF_SIGNED = selfSignedIdentity();

        private static X509Certificate caCertificate() {
            X500Name name = new X500Name("CN=imap4j test CA,O=imap4j tests");
            try {
                X509v3CertificateBuilder b = builder(name, name, CA_KEYS.getPublic(),
                        Instant.now().minus(Duration.ofDays(2)), Instant.now().plus(Duration.ofDays(3650)));
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                b.addExtension(Extension.subjectKeyIdentifier, false,
                        ext.createSubjectKeyIdentifier(CA_KEYS.getPublic()));
                return sign(b, CA_KEYS.getPrivate());
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot create the test CA", e);
            }
        }

        private static ServerIdentity signed(String dns, boolean withIp, Instant notBefore, Instant notAfter) {
            KeyPair kp = newKeyPair();
            try {
                X509v3CertificateBuilder b = builder(new X500Name("CN=imap4j test CA,O=imap4j tests"),
                        new X500Name("CN=" + dns + ",O=imap4j tests"), kp.getPublic(), notBefore, notAfter);
                leafExtensions(b, kp.getPublic(), dns, withIp);
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(CA_CERT));
                return new ServerIdentity(kp.getPrivate(), List.of(sign(b, CA_KEYS.getPrivate()), CA_CERT));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot create a leaf for " + dns, e);
            }
        }

        private static ServerIdentity selfSignedIdentity() {
            KeyPair kp = newKeyPair();
            X500Name name = new X500Name("CN=" + HOST + ",O=imap4j self-signed");
            try {
                X509v3CertificateBuilder b = builder(name, name, kp.getPublic(),
                        Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)));
                leafExtensions(b, kp.getPublic(), HOST, true);
                return new ServerIdentity(kp.getPrivate(), List.of(sign(b, kp.getPrivate())));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot create the self-signed leaf", e);
            }
        }

        private static void leafExtensions(X509v3CertificateBuilder b, PublicKey key, String dns, boolean withIp)
                throws IOException, GeneralSecurityException {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, dns));
            if (withIp) {
                names.add(new GeneralName(GeneralName.iPAddress, IP));
            }
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(new GeneralName[0])));
            b.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key));
        }

        private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key,
                Instant notBefore, Instant notAfter) {
            return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore), Date.from(notAfter), subject, key);
        }

        private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
                throws GeneralSecurityException {
            try {
                ContentSigner s = new JcaContentSignerBuilder(SIGNATURE).build(signer);
                return new JcaX509CertificateConverter().getCertificate(b.build(s));
            } catch (OperatorCreationException e) {
                throw new GeneralSecurityException(e);
            }
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        // RFC 7468: base64 lines of 64 characters between BEGIN/END markers.
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
