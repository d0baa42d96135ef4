/**
 * The blocking IMAP transport: {@link org.imap4j.transport.blocking.BlockingTransport}, one connection over a
 * {@code Socket} or {@code SSLSocket} that starts no thread of its own. The threads waiting for results take turns
 * reading, so it suits a few connections per process and virtual threads (it holds no monitor during I/O). Most
 * users reach it through {@code org.imap4j.client}, whose default transport it is; use it directly only to run typed
 * commands over the {@link org.imap4j.session.ImapTransport} contract without the client.
 *
 * <pre>{@code
 * TransportOptions o = TransportOptions.builder("imap.example.org").build();    // implicit TLS, port 993
 * try (BlockingTransport t = BlockingTransport.connect(o, ConnectionListener.NONE)) {
 *     Tagged ok = t.execute(new Command.Noop(), CommandListener.NONE);
 * }
 * }</pre>
 */
package org.imap4j.transport.blocking;
