/**
 * The contract between the client and a transport, and the transport-neutral machinery both transports share.
 *
 * <p>A transport ({@code org.imap4j.transport.blocking}, {@code org.imap4j.transport.nio}) moves bytes between a
 * socket and a {@link org.imap4j.session.SessionDriver}; the client runs every operation over either one
 * through {@link org.imap4j.session.ImapTransport}. The driver is still free of I/O, threads and clocks: it is told the
 * time ({@code nowNanos}) and hands back bytes to write, deadlines, and callbacks to run.
 *
 * <pre>
 *  socket ⇄ [TLS] ⇄ transport ⇄ SessionDriver ⇄ [DEFLATE] ⇄ ImapEngine ⇄ typed Command / Response
 * </pre>
 *
 * <p>It is a module of its own, between the codec and the transports, so that both transports share exactly the same
 * STARTTLS sequence, IDLE keep-alive, timeout bookkeeping, COMPRESS switch and trace redaction, while the codec stays
 * a pure protocol library (no TLS, no compression, no futures).
 */
package org.imap4j.session;
