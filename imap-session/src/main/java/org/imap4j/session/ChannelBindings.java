package org.imap4j.session;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;
import org.imap4j.codec.core.Bytes;

/** Channel binding data that can be computed without the TLS provider's help. */
public final class ChannelBindings {
    private ChannelBindings() {
    }

    /**
     * {@code tls-server-end-point} (RFC 5929 section 4.1): the hash of the server's certificate with the hash of its
     * signature algorithm, SHA-256 where that is MD5 or SHA-1.
     *
     * @param serverCertificate the end-entity certificate the server presented
     * @return the binding, or empty if the signature algorithm names no single hash (e.g. Ed25519)
     */
    public static Optional<Bytes> serverEndPoint(X509Certificate serverCertificate) {
        String alg = serverCertificate.getSigAlgName().toUpperCase(Locale.ROOT);
        int with = alg.indexOf("WITH");
        if (with <= 0) {
            return Optional.empty();
        }
        String hash = alg.substring(0, with).replace("-", "");
        String digest;
        switch (hash) {
            case "MD5":
            case "SHA1":
            case "SHA256":
                digest = "SHA-256";
                break;
            case "SHA384":
                digest = "SHA-384";
                break;
            case "SHA512":
                digest = "SHA-512";
                break;
            default:
                return Optional.empty();
        }
        try {
            return Optional.of(Bytes.of(MessageDigest.getInstance(digest).digest(serverCertificate.getEncoded())));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return Optional.empty();
        }
    }
}
