/**
 * The high-level IMAP client: connect, log in, and work with mailboxes and messages through typed results, over
 * either transport.
 *
 * <p>Start with {@link org.imap4j.client.ImapClient#builder(String)}, which configures the host, TLS (implicit on
 * 993 by default, or STARTTLS), deadlines, codec limits, a {@link org.imap4j.client.MailboxListener} for what the
 * server reports unasked, and the transport. {@code connect()} returns the blocking
 * {@link org.imap4j.client.ImapClient}; {@code connectAsync()} returns the {@link org.imap4j.client.AsyncImapClient},
 * whose operations return {@code CompletableFuture}s. Both views run the same operations on one connection and
 * address messages by UID unless asked otherwise ({@code bySequence()}).
 *
 * <p>Results are records: {@link org.imap4j.client.SelectResult}, {@link org.imap4j.client.SearchResult},
 * {@link org.imap4j.client.FetchResults} (message → {@link org.imap4j.client.FetchResult}),
 * {@link org.imap4j.client.StoreResult}, {@link org.imap4j.client.CopyResult} and so on. Fetched envelopes are decoded
 * for display by {@link org.imap4j.client.Envelopes} (RFC 2047 words, dates as {@code OffsetDateTime}); a single
 * part found in the body structure streams to a file with {@link org.imap4j.client.BodyPart} and
 * {@link org.imap4j.client.ImapClient#fetchPart}. Authentication beyond LOGIN is in {@code org.imap4j.client.auth}.
 *
 * <pre>{@code
 * try (ImapClient client = ImapClient.builder("imap.example.org").connect()) {   // TLS on port 993
 *     client.authenticate("alice", Secret.of("s3cret"));     // the strongest mechanism both sides have
 *     client.select(MailboxName.INBOX);
 *     SearchResult unseen = client.search(SearchKey.unseen());
 *     for (FetchResult m : client.fetchEnvelope(unseen.toSet()).values()) {
 *         DecodedEnvelope e = Envelopes.decode(m.envelope().orElseThrow());
 *         System.out.println(e.fromText() + ": " + e.subject());
 *     }
 *     client.addFlags(unseen.toSet(), Flag.SEEN);
 *     client.logout();
 * }
 * }</pre>
 *
 * <p>Failures are typed: a NO or BAD is an {@link org.imap4j.codec.ImapCommandException} with its response code (the
 * client stays usable), a refused login an {@link org.imap4j.codec.ImapAuthenticationException}, a missing server
 * extension that cannot be emulated safely an {@link org.imap4j.client.ImapCapabilityException} (nothing is sent),
 * and a dead connection an {@link org.imap4j.codec.ImapConnectionException}.
 */
package org.imap4j.client;
