package org.imap4j.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapTlsException;

/**
 * Connection failures said in words a person acts on: which host and port, what went wrong, what to try. The raw
 * JDK text (PKIX path building, unrecognized SSL message) is what a person cannot act on.
 */
final class ConnectErrors {
    /** How long {@link #speaksTls} waits for a TLS server's answer. */
    static final int PROBE_MILLIS = 3000;

    private ConnectErrors() {
    }

    /** @return the failure explained, or null when there is nothing better to say than the exception's text */
    static CliFailure explain(ImapConnectionException e, String host, int port, boolean implicitTls) {
        String where = host + ":" + port;
        if (has(e, UnknownHostException.class)) {
            return new CliFailure(Main.CONNECTION, "unknown host " + host + ": check its spelling (no DNS entry)");
        }
        if (has(e, ConnectException.class)) {
            return new CliFailure(Main.CONNECTION, "connection refused by " + where + ": nothing listens on that "
                    + "port (IMAP is usually 143, IMAP over TLS 993)");
        }
        if (e instanceof ImapTlsException || has(e, javax.net.ssl.SSLException.class)) {
            String text = chainText(e);
            if (has(e, CertPathBuilderException.class) || has(e, CertPathValidatorException.class)
                    || text.contains("PKIX")) {
                return new CliFailure(Main.CONNECTION, "the certificate of " + where + " is not trusted "
                        + "(self-signed, or from a CA this Java does not know); if you trust it, pass the certificate "
                        + "or its CA: --trust-cert FILE.pem");
            }
            if (text.contains("No subject alternative") || text.contains("No name matching")) {
                return new CliFailure(Main.CONNECTION, "the certificate of " + where + " is for another host name; "
                        + "connect with the name the certificate names");
            }
            if (has(e, CertificateException.class)) {
                return new CliFailure(Main.CONNECTION, "the certificate of " + where + " was refused ("
                        + Text.safe(firstMessage(e, CertificateException.class)) + "); --trust-cert FILE.pem trusts "
                        + "a certificate you checked");
            }
            if (implicitTls && text.contains("Unsupported or unrecognized SSL message")) {
                return new CliFailure(Main.CONNECTION, "the server at " + where + " does not speak TLS at once; use "
                        + "imap://" + where + "/ (with --starttls to switch to TLS)");
            }
        }
        return null;
    }

    /** The failure for a server that sent no greeting but answered a TLS ClientHello. */
    static CliFailure speaksTlsFailure(String host, int port) {
        return new CliFailure(Main.CONNECTION, "the server at " + host + ":" + port + " speaks TLS (no IMAP greeting; "
                + "it answered a TLS hello); use imaps://" + host + ":" + port + "/");
    }

    /**
     * Whether the server at host:port completes a TLS handshake. Only to explain a missing greeting: the probe sends
     * nothing but the handshake, trusts any certificate for that reason alone, and closes at once.
     */
    static boolean speaksTls(String host, int port) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), PROBE_MILLIS);
            plain.setSoTimeout(PROBE_MILLIS);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new X509TrustManager[] {new AnyCertificate()}, null);
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, false)) {
                tls.startHandshake();
                return true;
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /** Accepts any certificate: used only by {@link #speaksTls}, which sends no data over the connection. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // the probe never acts as a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // the probe only asks whether TLS is spoken; nothing is sent over it
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String firstMessage(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return String.valueOf(t.getMessage());
            }
        }
        return "";
    }

    private static String chainText(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
