/**
 * The contract between the codec and a transport, and the transport-neutral machinery both transports share.
 *
 * <p>A transport ({@code org.imap4j.transport.blocking}, {@code org.imap4j.transport.nio}) moves bytes between a
 * socket and a {@link org.imap4j.codec.transport.SessionDriver}; the client runs every operation over either one
 * through {@link org.imap4j.codec.transport.ImapTransport}. Everything here is still free of I/O, threads and clocks:
 * the driver is told the time ({@code nowNanos}) and hands back bytes to write, deadlines, and callbacks to run.
 *
 * <pre>
 *  socket ⇄ [TLS] ⇄ transport ⇄ SessionDriver ⇄ [DEFLATE] ⇄ ImapEngine ⇄ typed Command / Response
 * </pre>
 *
 * <p>It lives in the codec because both transports need exactly the same STARTTLS sequence, IDLE keep-alive,
 * timeout bookkeeping, COMPRESS switch and trace redaction, and they may depend on the codec only.
 */
package org.imap4j.codec.transport;
