package org.imap4j.testing.servers;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An embedded GreenMail 2.1 IMAP server (RFC 3501) on loopback for fast in-JVM integration tests: a plain listener and
 * an implicit-TLS listener (RFC 8314 section 3.3) on dynamic ports of {@code 127.0.0.1}, with the user {@value #USER}
 * / {@value #PASSWORD}.
 *
 * <p>TLS identity: GreenMail reads its key store once per JVM (a lazily created singleton socket factory) from the
 * system properties {@code greenmail.tls.keystore.file} / {@code greenmail.tls.keystore.password} /
 * {@code greenmail.tls.key.password}. This fixture sets them, before the first GreenMail TLS socket of the JVM, to a
 * PKCS12 file holding {@link TestCertificates#localhost()}, so a client trusts {@link #ca()} and may check the host
 * name. If something else in the JVM started a GreenMail TLS server first, GreenMail keeps its built-in certificate:
 * {@link #serverCertificate()} always reports what the IMAPS port really presents (fetched once by a handshake inside
 * this fixture) and {@link #usesTestCertificates()} says which case holds.
 *
 * <pre>{@code
 * try (GreenMailServer gm = GreenMailServer.start()) {
 *     gm.deliver("Subject: hi\r\n\r\nbody\r\n");
 *     // connect to gm.host():gm.imapsPort() trusting gm.ca()
 * }
 * }</pre>
 */
public final class GreenMailServer implements AutoCloseable {
    /** The user's name. */
    public static final String USER = "alice";
    /** The user's password. */
    public static final String PASSWORD = "secret1";
    /** The user's address (where {@link #deliver(String)} puts messages). */
    public static final String EMAIL = "alice@localhost";

    private static final String HOST = "127.0.0.1";
    private static final String KEYSTORE_PASSWORD = "changeit";
    private static Path keyStoreFile;

    private final GreenMail greenMail;
    private final GreenMailUser user;
    private final X509Certificate serverCertificate;

    private GreenMailServer(GreenMail greenMail, GreenMailUser user, X509Certificate serverCertificate) {
        this.greenMail = greenMail;
        this.user = user;
        this.serverCertificate = serverCertificate;
    }

    /**
     * Starts GreenMail with IMAP and IMAPS on free ports of {@code 127.0.0.1} and creates the user.
     *
     * @return a running server
     */
    public static GreenMailServer start() {
        configureKeyStore();
        GreenMail gm = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, HOST, ServerSetup.PROTOCOL_IMAP),
            new ServerSetup(0, HOST, ServerSetup.PROTOCOL_IMAPS)});
        gm.start();
        try {
            GreenMailUser u = gm.setUser(EMAIL, USER, PASSWORD);
            X509Certificate cert = fetchCertificate(gm.getImaps().getPort());
            return new GreenMailServer(gm, u, cert);
        } catch (RuntimeException e) {
            gm.stop();
            throw e;
        }
    }

    private static synchronized void configureKeyStore() {
        if (keyStoreFile != null) {
            return;
        }
        try {
            Path file = Files.createTempFile("imap4j-greenmail-", ".p12");
            file.toFile().deleteOnExit();
            char[] pw = KEYSTORE_PASSWORD.toCharArray();
            try (OutputStream out = Files.newOutputStream(file)) {
                TestCertificates.localhost().keyStore(pw).store(out, pw);
            }
            System.setProperty("greenmail.tls.keystore.file", file.toString());
            System.setProperty("greenmail.tls.keystore.password", KEYSTORE_PASSWORD);
            System.setProperty("greenmail.tls.key.password", KEYSTORE_PASSWORD);
            keyStoreFile = file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // Only here, to learn which certificate GreenMail presents: trusts anything, never used by tests' clients.
    private static X509Certificate fetchCertificate(int port) {
        X509TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS", "SunJSSE");
            ctx.init(null, new TrustManager[] {any}, null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(HOST, port)) {
                s.setSoTimeout(5000);
                s.startHandshake();
                Certificate[] chain = s.getSession().getPeerCertificates();
                return (X509Certificate) chain[0];
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach GreenMail IMAPS on port " + port, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the address both listeners bind, {@code 127.0.0.1} */
    public String host() {
        return HOST;
    }

    /** @return the plain IMAP port */
    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    /** @return the implicit-TLS IMAP port */
    public int imapsPort() {
        return greenMail.getImaps().getPort();
    }

    /** @return the leaf certificate the IMAPS port presents (see the class documentation) */
    public X509Certificate serverCertificate() {
        return serverCertificate;
    }

    /** @return whether the IMAPS port presents {@link TestCertificates#localhost()} (the normal case) */
    public boolean usesTestCertificates() {
        return serverCertificate.equals(TestCertificates.localhost().leaf());
    }

    /**
     * @return the certificate a client should trust: {@link TestCertificates#ca()} normally, else GreenMail's own
     *     (self-signed) certificate as presented
     */
    public X509Certificate ca() {
        return usesTestCertificates() ? TestCertificates.ca() : serverCertificate;
    }

    /**
     * Delivers a message into the user's INBOX.
     *
     * @param rfc822Message the message (RFC 5322), lines ending in CRLF
     */
    public void deliver(String rfc822Message) {
        deliver(GreenMailUtil.newMimeMessage(rfc822Message));
    }

    /** @param message a message to put into the user's INBOX */
    public void deliver(MimeMessage message) {
        user.deliver(message);
    }

    /** @return the underlying GreenMail, for anything this fixture does not wrap */
    public GreenMail greenMail() {
        return greenMail;
    }

    /** Stops both listeners and their connection threads. */
    @Override
    public void close() {
        greenMail.stop();
    }
}
