package org.imap4j.testing.servers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCertificatesTest {
    private static final X509TrustManager TRUST = TestCertificates.trustManager();

    private static void pkix(TestCertificates.ServerIdentity id) throws CertificateException {
        TRUST.checkServerTrusted(id.chain().toArray(new X509Certificate[0]), "ECDHE_ECDSA");
    }

    @Test
    void validChainPassesPkix() {
        assertDoesNotThrow(() -> pkix(TestCertificates.localhost()));
    }

    @Test
    void wrongHostChainPassesPkixAlone() {
        assertDoesNotThrow(() -> pkix(TestCertificates.wrongHost()));
    }

    @Test
    void expiredFailsPkix() {
        assertThrows(CertificateException.class, () -> pkix(TestCertificates.expired()));
    }

    @Test
    void selfSignedFailsPkix() {
        assertThrows(CertificateException.class, () -> pkix(TestCertificates.selfSigned()));
    }

    @Test
    void generatedOncePerJvm() {
        assertSame(TestCertificates.localhost(), TestCertificates.localhost());
        assertSame(TestCertificates.ca(), TestCertificates.ca());
        assertEquals(TestCertificates.ca(), TestCertificates.localhost().chain().get(1));
    }

    @Test
    void validLeafNamesLocalhostAndLoopback() throws Exception {
        Collection<List<?>> sans = TestCertificates.localhost().leaf().getSubjectAlternativeNames();
        assertTrue(sans.contains(List.of(2, "localhost")), sans::toString);
        assertTrue(sans.contains(List.of(7, "127.0.0.1")), sans::toString);
        Collection<List<?>> wrong = TestCertificates.wrongHost().leaf().getSubjectAlternativeNames();
        assertEquals(1, wrong.size(), wrong::toString);
    }

    @Test
    void handshakeWithHostnameCheckAcceptsValidIdentityByNameAndIp() throws Exception {
        assertEquals("ok", handshake(TestCertificates.localhost(), "localhost"));
        assertEquals("ok", handshake(TestCertificates.localhost(), "127.0.0.1"));
    }

    @Test
    void handshakeWithHostnameCheckRejectsWrongHost() {
        assertThrows(SSLHandshakeException.class, () -> handshake(TestCertificates.wrongHost(), "localhost"));
    }

    @Test
    void handshakeRejectsExpiredAndSelfSigned() {
        assertThrows(SSLHandshakeException.class, () -> handshake(TestCertificates.expired(), "localhost"));
        assertThrows(SSLHandshakeException.class, () -> handshake(TestCertificates.selfSigned(), "localhost"));
    }

    @Test
    void keyStoreHoldsServerAlias() throws Exception {
        char[] pw = "pw".toCharArray();
        KeyStore ks = TestCertificates.localhost().keyStore(pw);
        assertTrue(ks.isKeyEntry("server"));
        assertEquals(2, ks.getCertificateChain("server").length);
        assertEquals(TestCertificates.localhost().key(), ks.getKey("server", pw));
    }

    @Test
    void pemFilesRoundTrip(@TempDir Path dir) throws Exception {
        assertSame(dir, TestCertificates.localhost().writePem(dir));
        String key = Files.readString(dir.resolve("key.pem"), StandardCharsets.US_ASCII);
        assertTrue(key.startsWith("-----BEGIN PRIVATE KEY-----\n"), key);
        try (InputStream in = Files.newInputStream(dir.resolve("cert.pem"))) {
            List<?> certs = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            assertEquals(TestCertificates.localhost().chain(), certs);
        }
        String body = key.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replace("\n", "");
        assertArrayEquals(TestCertificates.localhost().key().getEncoded(), java.util.Base64.getDecoder().decode(body));
    }

    /**
     * Serves one TLS connection with the identity; a client trusting the CA connects to 127.0.0.1 but verifies the
     * given host name (HTTPS endpoint identification) and reads one line.
     */
    private static String handshake(TestCertificates.ServerIdentity id, String expectedHost) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (SSLServerSocket server = (SSLServerSocket) id.serverContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Future<?> served = pool.submit(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("ok\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                return null;
            });
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5000);
                SSLSocket client = (SSLSocket) TestCertificates.clientContext().getSocketFactory()
                        .createSocket(plain, expectedHost, server.getLocalPort(), true);
                SSLParameters p = client.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(p);
                client.setSoTimeout(5000);
                client.startHandshake();
                byte[] b = client.getInputStream().readNBytes(2);
                client.close();
                served.get(5, TimeUnit.SECONDS);
                return new String(b, StandardCharsets.US_ASCII);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
