/**
 * The codec's entry points: the sans-I/O client engine, incremental and one-shot decoders for both halves, the
 * limits, the named leniencies, and the exception hierarchy.
 *
 * <p>Pick the entry point by how much of a connection you own:
 * <ul>
 *   <li>{@link org.imap4j.codec.ImapEngine}: a whole client connection without I/O. You move the bytes (any split,
 *       one byte at a time works); it assigns tags, holds a synchronizing literal until the server's {@code +},
 *       routes each response to its command ({@link org.imap4j.codec.CommandHandle}) and reports
 *       {@link org.imap4j.codec.EngineEvent}s.</li>
 *   <li>{@link org.imap4j.codec.ResponseDecoder} and {@link org.imap4j.codec.CommandDecoder}: incremental framing and
 *       parsing of a byte stream into typed responses (client side) or commands (server side, proxies).</li>
 *   <li>{@link org.imap4j.codec.ImapCodec}: one-shot encoding and decoding of a complete message, for tests,
 *       scripted servers and tools.</li>
 * </ul>
 * Every size the decoders accept is bounded by {@link org.imap4j.codec.CodecLimits}; every tolerance of a broken
 * server is a {@link org.imap4j.codec.Quirk} that can be switched off. Errors split by whose fault they were:
 * {@link org.imap4j.codec.ImapProtocolException} (the peer broke the grammar or a limit),
 * {@link org.imap4j.codec.ImapCommandException} (NO or BAD), {@link org.imap4j.codec.ImapConnectionException}
 * (I/O, timeouts, TLS), {@link org.imap4j.codec.ImapAuthenticationException}, and
 * {@link org.imap4j.codec.ImapValidationException} for values the grammar forbids.
 *
 * <pre>{@code
 * // one-shot, e.g. in a test or a scripted server
 * byte[] noop = ImapCodec.encodeCommandBytes(Tag.of("A1"), new Command.Noop());      // "A1 NOOP\r\n"
 * Response r = ImapCodec.decodeResponse("* 3 EXISTS\r\n".getBytes(StandardCharsets.US_ASCII));
 *
 * // incremental: feed what the socket delivered, take every complete response
 * ResponseDecoder decoder = new ResponseDecoder(CodecLimits.defaults(), Quirk.defaults());
 * decoder.feed(bytesFromSocket);
 * for (Response next; (next = decoder.next()) != null; ) {
 *     if (next instanceof Untagged.Exists e) { mailbox.exists(e.count()); }         // your own state
 * }
 * }</pre>
 */
package org.imap4j.codec;
