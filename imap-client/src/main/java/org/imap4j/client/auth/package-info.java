/**
 * SASL authentication for the client (RFC 4422): a small pluggable SPI and the standard mechanisms.
 *
 * <p>A {@link org.imap4j.client.auth.SaslMechanism} is one mechanism configured with its credentials; each
 * {@code AUTHENTICATE} command (RFC 9051 section 6.2.2) asks it for a fresh {@link org.imap4j.client.auth.SaslExchange},
 * which produces the optional initial response (SASL-IR, RFC 4959) and answers the server's challenges. Everything
 * here is sans-I/O: challenges arrive already base64-decoded and responses leave as raw bytes, so the client's
 * engine owns the wire encoding. A failing or hostile server only ever yields
 * {@link org.imap4j.codec.ImapAuthenticationException}.
 *
 * <p>The mechanisms are built by {@link org.imap4j.client.auth.Sasl}, which also negotiates the strongest
 * password mechanism the server offers ({@link org.imap4j.client.auth.Sasl#choose}). Further mechanisms plug in by
 * implementing the two interfaces.
 *
 * <pre>{@code
 * SaslMechanism m = Sasl.scramSha256("user", Secret.of("pencil"));
 * SaslExchange x = m.start(new SaslContext("imap.example.com", 993, true, binding -> Optional.empty()));
 * Bytes first = x.initialResponse();          // sent with AUTHENTICATE SCRAM-SHA-256 (SASL-IR)
 * Bytes answer = x.evaluate(serverFirst);      // for each "+ <base64>" continuation
 * }</pre>
 */
package org.imap4j.client.auth;
