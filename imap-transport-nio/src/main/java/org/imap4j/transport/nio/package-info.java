/**
 * The NIO IMAP transport: a {@link org.imap4j.transport.nio.NioTransportGroup} of selector threads serving many
 * {@link org.imap4j.transport.nio.NioTransport} connections, with TLS by {@code SSLEngine} (implicit, or STARTTLS
 * through the codec's {@link org.imap4j.session.SessionDriver}), bounded write queues, read back-pressure
 * against slow callbacks, and callbacks that never run on a selector thread unless the caller asks.
 */
package org.imap4j.transport.nio;
