/**
 * Real IMAP servers for integration tests, each a private instance on loopback with its own temporary directory and
 * free high ports: {@link org.imap4j.testing.servers.DovecotServer}, {@link org.imap4j.testing.servers.CyrusServer},
 * {@link org.imap4j.testing.servers.CourierServer} (installed on the machine; {@code startOrSkip()} aborts a JUnit test
 * where one is missing, and fails it on CI) and {@link org.imap4j.testing.servers.GreenMailServer} (in the JVM; needs
 * GreenMail on the test class path). {@link org.imap4j.testing.servers.TestCertificates} is the CA and server
 * certificate they all present, and {@link org.imap4j.testing.servers.FaultProxy} a TCP relay that resets, closes,
 * black-holes, delays or refuses connections, and counts connections and bytes.
 */
package org.imap4j.testing.servers;
