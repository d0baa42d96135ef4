package org.imap4j.session;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.imap4j.codec.ImapTlsException;

/**
 * How TLS is set up: the provider, whom to trust, whether to check the host name, and which protocol versions.
 * The defaults are strict: the platform's trust store, host name verification by the RFC 6125 rules (the JSSE
 * {@code HTTPS} endpoint identification: SAN dNSName/iPAddress, a wildcard only as the whole left-most label), SNI,
 * TLS 1.3 and 1.2 only.
 *
 * <pre>{@code
 * TlsOptions strict = TlsOptions.defaults();
 * TlsOptions selfSigned = TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(cert)));
 * }</pre>
 *
 * <p>Every weakening is an explicit, loudly named opt-out: the only way to stop checking the host name is
 * {@link #insecureSkipHostnameVerification()} (or {@link HostnameVerification#INSECURE_SKIP}). To connect to a
 * server with a self-signed or private-CA certificate, trust that certificate ({@link Trust.Certificates}) instead:
 * it keeps the connection authenticated.
 *
 * @param provider             the JSSE provider
 * @param trust                whom to trust
 * @param hostnameVerification whether the certificate must match the host connected to
 *                             ({@link HostnameVerification#RFC_6125}, the default) or not
 *                             ({@link HostnameVerification#INSECURE_SKIP})
 * @param protocols            the TLS versions to enable, e.g. {@code TLSv1.3}
 */
public record TlsOptions(TlsProvider provider, Trust trust, HostnameVerification hostnameVerification,
        List<String> protocols) {

    /** Whether the server's certificate must name the host connected to. */
    public enum HostnameVerification {
        /**
         * The certificate must match the host by the RFC 6125 rules (SAN dNSName or iPAddress; a wildcard only as
         * the whole left-most label). The default.
         */
        RFC_6125,
        /**
         * INSECURE: any certificate the trust anchors vouch for is accepted, whatever host it names. Anyone who holds
         * a certificate from a trusted CA for <em>any</em> name (with the system trust store: any public web site)
         * can then sit between client and server, read the password and the mail, and change them. Use only for a
         * test server reached by an address its certificate does not name, and prefer trusting that server's own
         * certificate ({@link Trust.Certificates}) with verification on.
         */
        INSECURE_SKIP
    }
    /** Whom a connection trusts to vouch for the server's certificate. */
    public sealed interface Trust {
        /** The platform's default trust store (the JDK's {@code cacerts}, or {@code javax.net.ssl.trustStore}). */
        record SystemDefault() implements Trust {
        }

        /**
         * Exactly these certificates as trust anchors: a private CA, or a server's own self-signed certificate.
         *
         * @param certificates the anchors (copied, non-empty)
         */
        record Certificates(List<X509Certificate> certificates) implements Trust {
            /**
             * Validates and copies.
             *
             * @param certificates the anchors (copied, non-empty)
             */
            public Certificates {
                certificates = List.copyOf(certificates);
                if (certificates.isEmpty()) {
                    throw new IllegalArgumentException("at least one trusted certificate is needed");
                }
            }
        }

        /** @param store a trust store whose certificate entries are the anchors */
        record Store(KeyStore store) implements Trust {
            /**
             * Validates.
             *
             * @param store a trust store whose certificate entries are the anchors
             */
            public Store {
                Objects.requireNonNull(store, "store");
            }
        }

        /**
         * A context the caller built (client certificates, custom trust managers). Host name verification and SNI
         * still apply.
         *
         * @param context the initialised context
         */
        record Context(SSLContext context) implements Trust {
            /**
             * Validates.
             *
             * @param context the initialised context
             */
            public Context {
                Objects.requireNonNull(context, "context");
            }
        }
    }

    /**
     * Validates and copies.
     *
     * @param provider             the JSSE provider
     * @param trust                whom to trust
     * @param hostnameVerification whether the certificate must match the host connected to
     *                             ({@link HostnameVerification#RFC_6125}, the default) or not
     *                             ({@link HostnameVerification#INSECURE_SKIP})
     * @param protocols            the TLS versions to enable, e.g. {@code TLSv1.3}
     */
    public TlsOptions {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(hostnameVerification, "hostnameVerification");
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("at least one TLS protocol version is needed");
        }
    }

    /** @return the JDK provider, the system trust store, host name verification on, TLS 1.3 and 1.2 */
    public static TlsOptions defaults() {
        return new TlsOptions(TlsProvider.JDK, new Trust.SystemDefault(), HostnameVerification.RFC_6125,
                List.of("TLSv1.3", "TLSv1.2"));
    }

    /**
     * @param v the provider
     * @return a copy with it
     */
    public TlsOptions withProvider(TlsProvider v) {
        return new TlsOptions(v, trust, hostnameVerification, protocols);
    }

    /**
     * @param v whom to trust
     * @return a copy with it
     */
    public TlsOptions withTrust(Trust v) {
        return new TlsOptions(provider, v, hostnameVerification, protocols);
    }

    /**
     * INSECURE: a copy that accepts a trusted certificate whatever host name it holds. This defeats TLS against
     * anyone who can get any certificate from the trusted CAs (see {@link HostnameVerification#INSECURE_SKIP} for the
     * risk); it is meant for tests only. Trust and SNI still apply.
     *
     * @return a copy with host name verification off
     */
    public TlsOptions insecureSkipHostnameVerification() {
        return new TlsOptions(provider, trust, HostnameVerification.INSECURE_SKIP, protocols);
    }

    /** @return whether the certificate must match the host name (true unless the insecure opt-out was chosen) */
    public boolean verifiesHostname() {
        return hostnameVerification == HostnameVerification.RFC_6125;
    }

    /**
     * @param v the TLS versions
     * @return a copy with them
     */
    public TlsOptions withProtocols(List<String> v) {
        return new TlsOptions(provider, trust, hostnameVerification, v);
    }

    /**
     * Builds the SSL context these options describe.
     *
     * @return a new, initialised context
     * @throws ImapTlsException if the provider is missing or the trust material is unusable
     */
    public SSLContext createContext() {
        if (trust instanceof Trust.Context c) {
            return c.context();
        }
        try {
            Provider p = jsseProvider();
            KeyStore anchors = null;
            if (trust instanceof Trust.Store s) {
                anchors = s.store();
            } else if (trust instanceof Trust.Certificates c) {
                anchors = KeyStore.getInstance(KeyStore.getDefaultType());
                anchors.load(null, null);
                int i = 0;
                for (X509Certificate cert : c.certificates()) {
                    anchors.setCertificateEntry("anchor-" + (i++), cert);
                }
            }
            TrustManagerFactory tmf = p == null
                    ? TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm())
                    : TrustManagerFactory.getInstance("PKIX", p);
            tmf.init(anchors);
            SSLContext ctx = p == null ? SSLContext.getInstance("TLS") : SSLContext.getInstance("TLS", p);
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new ImapTlsException("cannot set up TLS (" + provider + "): " + e.getMessage(), e);
        }
    }

    private Provider jsseProvider() {
        if (provider == TlsProvider.JDK) {
            return null;
        }
        Provider p = Security.getProvider("BCJSSE");
        return p != null ? p : BouncyCastle.JSSE;
    }

    /** BouncyCastle's JSSE over its own crypto provider, made once: the provider is costly to build. */
    private static final class BouncyCastle {
        static final Provider JSSE = load();

        private static Provider load() {
            try {
                Provider crypto = Security.getProvider("BC");
                if (crypto == null) {
                    crypto = (Provider) Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider")
                            .getConstructor().newInstance();
                }
                // the JSSE needs BC's crypto (its DEFAULT SecureRandom); the JDK's providers lack it
                return (Provider) Class.forName("org.bouncycastle.jsse.provider.BouncyCastleJsseProvider")
                        .getConstructor(Provider.class).newInstance(crypto);
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new ImapTlsException("TLS provider BOUNCY_CASTLE chosen but org.bouncycastle:bctls-jdk18on "
                        + "(with bcprov) is not on the class or module path", e);
            }
        }
    }

    /**
     * The parameters for one connection: protocols, endpoint identification (when verifying host names) and SNI
     * (when the host is a name, not an address literal, RFC 6066 section 3).
     *
     * @param base the context's default parameters, to start from
     * @param host the host connected to
     * @return the parameters to set on the socket or engine
     */
    public SSLParameters parameters(SSLParameters base, String host) {
        base.setProtocols(protocols.toArray(new String[0]));
        if (verifiesHostname()) {
            base.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isAddressLiteral(host)) {
            List<SNIServerName> names = new ArrayList<>(1);
            names.add(new SNIHostName(host));
            base.setServerNames(names);
        }
        return base;
    }

    /**
     * Tells a TLS failure from another I/O failure: the JDK's JSSE throws {@code SSLException}s, BouncyCastle's
     * JSSE sometimes its own {@code TlsException}s (an alert such as {@code certificate_unknown}).
     *
     * @param e an I/O failure
     * @return whether it came from TLS
     */
    public static boolean isTlsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || t.getClass().getName().startsWith("org.bouncycastle.tls.")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAddressLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }
}
