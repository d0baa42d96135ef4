package org.imap4j.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/**
 * Host name verification is on unless the loudly named opt-out is chosen (issue 14 item 14b). The handshakes
 * themselves (wrong host refused by default, accepted only with the opt-out) run on both transports in
 * {@code AbstractTransportSuite}.
 */
class TlsOptionsInsecureTest {
    @Test
    void defaultsVerifyTheHostName() {
        TlsOptions d = TlsOptions.defaults();
        assertEquals(TlsOptions.HostnameVerification.RFC_6125, d.hostnameVerification());
        assertTrue(d.verifiesHostname());
        assertEquals("HTTPS",
                d.parameters(new SSLParameters(), "imap.example.org").getEndpointIdentificationAlgorithm());
    }

    @Test
    void onlyTheInsecureOptOutTurnsItOff() {
        TlsOptions weak = TlsOptions.defaults().withProtocols(List.of("TLSv1.3")).insecureSkipHostnameVerification();
        assertFalse(weak.verifiesHostname());
        assertEquals(TlsOptions.HostnameVerification.INSECURE_SKIP, weak.hostnameVerification());
        assertNull(weak.parameters(new SSLParameters(), "imap.example.org").getEndpointIdentificationAlgorithm());
        // the other settings survive the opt-out, and the other withers keep it
        assertEquals(List.of("TLSv1.3"), weak.protocols());
        assertFalse(weak.withProvider(TlsProvider.JDK).verifiesHostname());
        assertTrue(TlsOptions.defaults().withTrust(new TlsOptions.Trust.SystemDefault()).verifiesHostname());
    }

    @Test
    void noSilentDefaultForAMissingChoice() {
        assertThrows(NullPointerException.class, () -> new TlsOptions(TlsProvider.JDK,
                new TlsOptions.Trust.SystemDefault(), null, List.of("TLSv1.3")));
    }
}
