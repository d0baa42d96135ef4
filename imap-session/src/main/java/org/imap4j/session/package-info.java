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
 *
 * <p>What a user of this package configures is a connection: {@link org.imap4j.session.TransportOptions} (host, port,
 * {@link org.imap4j.session.TlsMode}, {@link org.imap4j.session.TlsOptions}, deadlines, codec limits, trace), which
 * {@code ImapClient.builder(host)} builds for the client and each transport's {@code connect} accepts directly.
 * Implementing a transport of your own means moving bytes between a socket and a
 * {@link org.imap4j.session.SessionDriver} and offering the result as an {@link org.imap4j.session.ImapTransport},
 * reporting the connect steps through {@link org.imap4j.session.ConnectionEvents}.
 *
 * <p>Observability: an {@link org.imap4j.session.ImapEventListener} in the options hears each connection's connect,
 * TLS, commands, bytes and end (for metrics), and the session logs through {@link System.Logger}: the lifecycle on
 * {@code org.imap4j.session}, the redacted protocol trace on {@code org.imap4j.trace} at TRACE (see
 * {@link org.imap4j.session.ConnectionEvents}).
 *
 * <pre>{@code
 * TransportOptions options = TransportOptions.builder("imap.example.org")
 *         .port(143).tlsMode(TlsMode.STARTTLS)                 // upgrade before anything else is sent
 *         .tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(List.of(companyCa))))
 *         .readTimeout(Duration.ofSeconds(60))
 *         .trace((direction, text) -> log.trace("{} {}", direction, text))   // passwords redacted
 *         .build();
 * try (ImapTransport t = BlockingTransport.connect(options, ConnectionListener.NONE)) {
 *     Tagged ok = t.execute(new Command.Login("alice", Secret.of("s3cret")), CommandListener.NONE);
 * }
 * }</pre>
 */
package org.imap4j.session;
