package org.imap4j.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imap4j.client.auth.SaslMechanism;
import org.imap4j.client.internal.Session;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.MessageThread;
import org.imap4j.codec.response.Condition;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.ImapTransport;

/**
 * The blocking IMAP client: one connection, every operation a method that returns a typed result. Messages are
 * addressed by UID unless the caller asks for sequence numbers ({@link #bySequence()}). Server extensions are used
 * when offered (ESEARCH, MOVE, UIDPLUS, MULTIAPPEND, LIST-STATUS, UNSELECT, SASL-IR, CONDSTORE/QRESYNC) and emulated or
 * refused clearly when not.
 *
 * <pre>{@code
 * try (ImapClient client = ImapClient.builder("imap.example.org").connect()) {
 *     client.login("alice", Secret.of("s3cret"));
 *     client.select("INBOX");
 *     SearchResult unseen = client.search(SearchKey.unseen());
 *     for (FetchResult m : client.fetchEnvelope(unseen.toSet()).values()) {
 *         System.out.println(m.envelope().orElseThrow().subject());
 *     }
 *     client.addFlags(unseen.toSet(), Flag.SEEN);
 *     client.logout();
 * }
 * }</pre>
 *
 * <h2>Errors</h2>
 * A NO or BAD is an {@link ImapCommandException} carrying the response code (TRYCREATE, OVERQUOTA, ...); the client
 * stays usable. A refused LOGIN or AUTHENTICATE is an {@link ImapAuthenticationException}. A dead connection is an
 * {@link org.imap4j.codec.ImapConnectionException} (or its timeout / TLS subclasses).
 *
 * <h2>Threads</h2>
 * The client may be shared: commands from several threads are pipelined on the one connection where RFC 9051
 * section 5.5 allows (the engine holds back what must wait) and each caller gets its own result. Over the blocking
 * transport the waiting callers take turns reading. Listener callbacks run on the delivery executor, never on a
 * reading thread, and may call this client (see {@link MailboxListener}). Each method is
 * {@code operations().x(...).await()}: see {@link #operations()} for the {@link Operation} style (deadlines,
 * several operations started before waiting).
 */
public class ImapClient implements AutoCloseable {
    private final Session session;
    private final ImapOperations ops;

    ImapClient(Session session, boolean uid) {
        this(session, new ImapOperations(session, uid));
    }

    ImapClient(Session session, ImapOperations ops) {
        this.session = session;
        this.ops = ops;
    }

    /**
     * @param host the server
     * @return a configuration builder (implicit TLS on 993 by default)
     */
    public static ImapClientConfig.Builder builder(String host) {
        return new ImapClientConfig.Builder(host);
    }

    /**
     * Connects.
     *
     * @param config the configuration
     * @return the connected client: greeting read, STARTTLS done if configured, capabilities known
     */
    public static ImapClient connect(ImapClientConfig config) {
        java.util.concurrent.CompletableFuture<Session> opening = Session.open(config);
        try {
            return new ImapClient(opening.get(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opening.thenAccept(s -> s.transport().close()); // nobody will use it
            throw new org.imap4j.codec.ImapInterruptedException("interrupted while connecting to "
                    + config.transportOptions().host(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw Session.unwrap(e.getCause());
        } catch (RuntimeException e) {
            throw Session.unwrap(e);
        }
    }

    /**
     * @return a view of this client that addresses messages by sequence number instead of UID (same connection)
     */
    public ImapClient bySequence() {
        return new ImapClient(session, ops.bySequence());
    }

    /**
     * The operations of this client as {@link Operation}s, to wait for with a deadline
     * ({@link Operation#await(java.time.Duration)}), or to start several before waiting for any (they pipeline
     * where RFC 9051 section 5.5 allows). The methods of this class are {@code operations().x(...).await()}.
     *
     * @return the operations, addressing messages as this view does
     */
    public ImapOperations operations() {
        return ops;
    }

    /** @return the transport, for what the client does not cover */
    public ImapTransport transport() {
        return session.transport();
    }

    static void check(Tagged t, String what) {
        if (t.status() != Condition.OK) {
            throw ImapCommandException.of(t, what);
        }
    }

    // ---------------------------------------------------------------- any state

    /** @return the server's capabilities as last announced */
    public List<Capability> capabilities() {
        return session.capabilities();
    }

    /**
     * @param name a capability, e.g. {@code "IDLE"}, {@code "AUTH=PLAIN"}, read with {@link Capability#of(String)}
     * @return whether the server offers it
     * @throws org.imap4j.codec.ImapValidationException if {@code name} is not an atom
     */
    public boolean hasCapability(String name) {
        return session.has(Capability.of(name));
    }

    /**
     * @param capability a capability, e.g. {@code Capability.Known.IDLE}
     * @return whether the server offers it
     */
    public boolean hasCapability(Capability capability) {
        return session.has(capability);
    }

    /** @return the capabilities, asked for again ({@code CAPABILITY}) */
    public List<Capability> refreshCapabilities() {
        return ops.refreshCapabilities().await();
    }

    /** {@code NOOP}: lets the server report changes (to the listener). */
    public void noop() {
        ops.noop().await();
    }

    /** {@code LOGOUT}, then the connection closes. */
    public void logout() {
        ops.logout().await();
    }

    /** Closes the connection without LOGOUT; pending commands fail. */
    @Override
    public void close() {
        session.transport().close();
    }

    /**
     * {@code STARTTLS} on a plain connection (RFC 9051 section 6.2.1), then the capabilities are read again. With
     * {@code TlsMode.STARTTLS} configured this already happened during connect.
     */
    public void startTls() {
        ops.startTls().await();
    }

    // ---------------------------------------------------------------- authentication

    /**
     * {@code LOGIN} (RFC 9051 section 6.2.3). Refused before anything is sent when the server says LOGINDISABLED,
     * or the connection is not encrypted and the configuration does not allow cleartext passwords.
     *
     * @param user     the user name
     * @param password the password
     * @throws ImapAuthenticationException if refused (locally or by the server; the server's code is in the cause)
     * @throws org.imap4j.codec.ImapConnectionException if the connection has ended (nothing is sent)
     * @throws IllegalStateException if the connection is already authenticated
     */
    public void login(String user, Secret password) {
        ops.login(user, password).await();
    }

    /**
     * {@code LOGIN} with a password given as a string.
     *
     * @param user     the user name
     * @param password the password
     */
    public void login(String user, String password) {
        login(user, Secret.of(password));
    }

    /**
     * {@code AUTHENTICATE} with a SASL mechanism (RFC 9051 section 6.2.2; SASL-IR, RFC 4959, when offered). A
     * mechanism that reveals a reusable secret (PLAIN, LOGIN, bearer tokens) is refused over cleartext unless the
     * configuration allows it; a -PLUS mechanism binds to this TLS connection. After success the capabilities are
     * read again if the server did not send them.
     *
     * <pre>{@code
     * client.authenticate(Sasl.scramSha256("alice", Secret.of("s3cret")));
     * client.authenticate(Sasl.xoauth2("alice@example.org", Secret.of(accessToken)));
     * }</pre>
     *
     * @param mechanism the mechanism with its credentials
     * @throws ImapAuthenticationException if refused, or if the server could not prove itself (SCRAM)
     */
    public void authenticate(SaslMechanism mechanism) {
        ops.authenticate(mechanism).await();
    }

    /**
     * Authenticates with the strongest mechanism both sides have: SCRAM-SHA-256(-PLUS), SCRAM-SHA-1(-PLUS), CRAM-MD5,
     * then PLAIN or LOGIN only over TLS (or with cleartext allowed), else the LOGIN command. A -PLUS mechanism is
     * chosen only when the connection has tls-unique (TLS 1.2) or tls-exporter channel-binding data.
     *
     * @param user     the user
     * @param password the password
     */
    public void authenticate(String user, Secret password) {
        ops.authenticate(user, password).await();
    }

    /**
     * OAuth 2.0 authentication with a token asked from {@code tokens} now: OAUTHBEARER (RFC 7628) when the server
     * offers it, else XOAUTH2. When the server refuses the token as expired or invalid ({@code [AUTHENTICATIONFAILED]},
     * the mechanism's JSON error, "AccessTokenExpired"), the token is invalidated, a fresh one is asked for, and
     * AUTHENTICATE runs once more on the same connection; the result says whether that happened. A reconnecting
     * supervisor calls this at every (re)connection, so each one authenticates with a current token.
     *
     * <pre>{@code
     * TokenSource tokens = RefreshingTokenSource.of(() -> idp.refresh(refreshToken));
     * OAuth2Login how = client.authenticate("me@example.com", tokens);
     * }</pre>
     *
     * @param user   the mailbox user
     * @param tokens where tokens come from
     * @return the mechanism used and whether a refreshed token was needed
     * @throws org.imap4j.client.auth.AuthFailureException with the typed reason if refused
     * @throws ImapCapabilityException if the server offers neither mechanism
     */
    public org.imap4j.client.oauth.OAuth2Login authenticate(String user, org.imap4j.client.oauth.TokenSource tokens) {
        return ops.authenticate(user, tokens).await();
    }


    // ---------------------------------------------------------------- mailboxes

    /** @return the server's namespaces (RFC 2342) */
    public Untagged.Namespace namespace() {
        return ops.namespace().await();
    }

    /**
     * {@code ID} (RFC 2971).
     *
     * @param fields the client's identification (may be empty: {@code ID NIL})
     * @return the server's identification
     */
    public Untagged.Id id(List<Command.IdField> fields) {
        return ops.id(fields).await();
    }

    /**
     * {@code ENABLE} (RFC 5161).
     *
     * @param capabilities e.g. {@code "QRESYNC"}, {@code "UTF8=ACCEPT"}
     * @return what the server enabled
     */
    public List<Capability> enable(String... capabilities) {
        return ops.enable(capabilities).await();
    }

    /**
     * @param mailbox a mailbox name
     * @return SELECT's result
     */
    public SelectResult select(String mailbox) {
        return select(MailboxName.of(mailbox));
    }

    /**
     * @param mailbox a mailbox
     * @return SELECT's result (with HIGHESTMODSEQ when CONDSTORE is offered and used)
     */
    public SelectResult select(MailboxName mailbox) {
        return ops.select(mailbox).await();
    }

    /**
     * SELECT with CONDSTORE or QRESYNC (RFC 7162): with {@code qresync}, the result holds what vanished and what
     * changed since the given state, so a cache resynchronises in one round trip. QRESYNC is enabled first when
     * needed.
     *
     * @param mailbox   the mailbox
     * @param condstore whether to send the CONDSTORE parameter
     * @param qresync   the known state, or {@code null}
     * @return the result
     */
    public SelectResult select(MailboxName mailbox, boolean condstore, Command.Qresync qresync) {
        return ops.select(mailbox, condstore, qresync).await();
    }

    /**
     * @param mailbox a mailbox
     * @return EXAMINE's result (read-only)
     */
    public SelectResult examine(MailboxName mailbox) {
        return ops.examine(mailbox).await();
    }


    /**
     * @param mailbox    the new mailbox
     * @param specialUse special-use attributes to give it ({@code "\\Archive"}, RFC 6154 CREATE-SPECIAL-USE)
     */
    public void create(MailboxName mailbox, String... specialUse) {
        ops.create(mailbox, specialUse).await();
    }

    /** @param mailbox the mailbox to delete */
    public void delete(MailboxName mailbox) {
        ops.delete(mailbox).await();
    }

    /**
     * @param from the current name
     * @param to   the new name
     */
    public void rename(MailboxName from, MailboxName to) {
        ops.rename(from, to).await();
    }

    /** @param mailbox the mailbox to subscribe to */
    public void subscribe(MailboxName mailbox) {
        ops.subscribe(mailbox).await();
    }

    /** @param mailbox the mailbox to unsubscribe from */
    public void unsubscribe(MailboxName mailbox) {
        ops.unsubscribe(mailbox).await();
    }

    /**
     * {@code LIST reference pattern}.
     *
     * @param reference the reference ({@code ""} for the root)
     * @param pattern   the pattern ({@code *}, {@code %})
     * @return the mailboxes
     */
    public List<ListEntry> list(String reference, String pattern) {
        return ops.list(reference, pattern).await();
    }

    /**
     * The mailboxes with a special use (RFC 6154 {@code LIST (SPECIAL-USE)}; without the extension, all mailboxes
     * with their attributes, from which the caller can read any special-use ones the server marks anyway).
     *
     * @return the mailboxes
     */
    public List<ListEntry> listSpecialUse() {
        return ops.listSpecialUse().await();
    }

    /**
     * LIST with each mailbox's STATUS: one command with LIST-STATUS (RFC 5819), else LIST then STATUS per
     * selectable mailbox.
     *
     * @param reference  the reference
     * @param pattern    the pattern
     * @param attributes the STATUS items
     * @return the mailboxes with their status
     */
    public List<ListEntry> listWithStatus(String reference, String pattern, StatusAttribute... attributes) {
        return ops.listWithStatus(reference, pattern, attributes).await();
    }

    /**
     * @param reference the reference
     * @param pattern   the pattern
     * @return the subscribed mailboxes ({@code LSUB})
     */
    public List<ListEntry> lsub(String reference, String pattern) {
        return ops.lsub(reference, pattern).await();
    }

    /**
     * STATUS of a mailbox, asking only for the items the server's capabilities offer
     * ({@link StatusAttribute#offeredBy}): {@code status(box, StatusAttribute.values())} works on any server, and
     * the items left out are in {@link StatusResult#omitted()}. If none of the items is offered, the client still
     * sends a STATUS (for MESSAGES, whose value it drops), so a missing mailbox fails as usual.
     *
     * @param mailbox    a mailbox (not the selected one, by RFC 9051's advice)
     * @param attributes what to ask for (at least one)
     * @return its status
     */
    public StatusResult status(MailboxName mailbox, StatusAttribute... attributes) {
        return ops.status(mailbox, attributes).await();
    }

    // ---------------------------------------------------------------- append

    /**
     * @param mailbox the destination
     * @param message the message (RFC 5322 bytes)
     * @param flags   its flags
     * @return the new UID under UIDPLUS
     */
    public AppendResult append(MailboxName mailbox, Bytes message, Flag... flags) {
        return append(mailbox, message, null, flags);
    }

    /**
     * @param mailbox      the destination
     * @param message      the message
     * @param internalDate its internal date, or {@code null} for now
     * @param flags        its flags
     * @return the new UID under UIDPLUS
     */
    public AppendResult append(MailboxName mailbox, Bytes message, OffsetDateTime internalDate, Flag... flags) {
        return ops.append(mailbox, message, internalDate, flags).await();
    }

    /**
     * Appends a message read from a stream of known size, without holding it: the bytes go from the stream to the
     * socket in chunks as the literal is written (see {@link #append(MailboxName, InputStream, long,
     * ProgressListener, Flag...)}).
     *
     * @param mailbox the destination
     * @param in      the message (read exactly {@code size} bytes and to its end; left open)
     * @param size    its exact size
     * @param flags   its flags
     * @return the new UID under UIDPLUS
     * @throws org.imap4j.session.LiteralSourceException if the stream fails, ends early or holds more than
     *     {@code size} bytes; the connection is then closed
     */
    public AppendResult append(MailboxName mailbox, InputStream in, long size, Flag... flags) {
        return append(mailbox, in, size, ProgressListener.NONE, flags);
    }

    /**
     * Appends several messages: one MULTIAPPEND command (RFC 3502) when offered, so they arrive all or none; else
     * one APPEND each.
     *
     * @param mailbox  the destination
     * @param messages the messages
     * @return the new UIDs under UIDPLUS
     */
    public AppendResult appendAll(MailboxName mailbox, List<Command.AppendMessage> messages) {
        return ops.appendAll(mailbox, messages).await();
    }

    // ---------------------------------------------------------------- selected state

    /** {@code CHECK}. */
    public void check() {
        ops.check().await();
    }

    /** {@code CLOSE}: expunges \Deleted messages and leaves the selected state. */
    public void closeMailbox() {
        ops.closeMailbox().await();
    }

    /**
     * {@code UNSELECT} (RFC 3691): leaves the selected state without expunging. Without the extension, the
     * RFC 3501 way: an EXAMINE of a mailbox that cannot exist, whose NO leaves no mailbox selected.
     */
    public void unselect() {
        ops.unselect().await();
    }

    /** @return the sequence numbers expunged ({@code EXPUNGE}), or the UIDs if reported as VANISHED */
    public List<Long> expunge() {
        return ops.expunge().await();
    }

    /**
     * {@code UID EXPUNGE} (RFC 4315): expunges only these \Deleted messages.
     *
     * @param uids the UIDs
     * @return what was reported expunged
     */
    public List<Long> expunge(SequenceSet uids) {
        return ops.expunge(uids).await();
    }

    /**
     * SEARCH; ESEARCH's compact answer when offered.
     *
     * @param key the criteria (see {@link SearchKey}'s factories)
     * @return the matches (UIDs unless {@link #bySequence()})
     */
    public SearchResult search(SearchKey key) {
        return ops.search(key).await();
    }

    /**
     * SORT (RFC 5256).
     *
     * @param criteria the sort criteria
     * @param key      the search criteria
     * @return the matching messages in sorted order
     */
    public List<Long> sort(List<Command.SortCriterion> criteria, SearchKey key) {
        return ops.sort(criteria, key).await();
    }

    /**
     * THREAD (RFC 5256).
     *
     * @param algorithm {@code REFERENCES} or {@code ORDEREDSUBJECT}
     * @param key       the search criteria
     * @return the threads
     */
    public List<MessageThread> thread(String algorithm, SearchKey key) {
        return ops.thread(algorithm, key).await();
    }

    private void requireCapability(Capability cap, String what) {
        if (!session.has(cap)) {
            throw new ImapCapabilityException(what + " needs the " + cap.wire()
                    + " capability, which the server lacks");
        }
    }

    // ---------------------------------------------------------------- fetch

    /**
     * FETCH any items.
     *
     * @param set        the messages (UIDs unless {@link #bySequence()})
     * @param attributes the items
     * @return message (UID, or sequence number) → its items
     */
    public FetchResults fetch(SequenceSet set, FetchAttribute... attributes) {
        return ops.fetch(set, attributes).await();
    }

    /**
     * FETCH with CHANGEDSINCE (RFC 7162): only messages whose mod-sequence is higher.
     *
     * @param set          the messages
     * @param changedSince the mod-sequence the caller knows
     * @param attributes   the items (MODSEQ is returned too)
     * @return message → items
     */
    public FetchResults fetchChangedSince(SequenceSet set, long changedSince,
            FetchAttribute... attributes) {
        return ops.fetchChangedSince(set, changedSince, attributes).await();
    }

    /**
     * {@code FETCH FLAGS}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return their FLAGS
     */
    public FetchResults fetchFlags(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.FLAGS);
    }

    /**
     * {@code FETCH INTERNALDATE}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return their INTERNALDATE
     */
    public FetchResults fetchInternalDate(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.INTERNALDATE);
    }

    /**
     * {@code FETCH ENVELOPE}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return their ENVELOPE
     */
    public FetchResults fetchEnvelope(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.ENVELOPE);
    }

    /**
     * {@code FETCH BODYSTRUCTURE}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return their BODYSTRUCTURE
     */
    public FetchResults fetchBodyStructure(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.BODYSTRUCTURE);
    }

    /**
     * {@code FETCH BODY}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return their simplified structure ({@code BODY})
     */
    public FetchResults fetchSimplifiedBody(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.BODY);
    }

    /**
     * {@code FETCH RFC822.SIZE}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return their RFC822.SIZE
     */
    public FetchResults fetchSize(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.RFC822_SIZE);
    }

    /**
     * {@code FETCH FULL}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return the FULL macro (flags, date, size, envelope, body)
     */
    public FetchResults fetchFull(SequenceSet set) {
        return fetch(set, FetchAttribute.Macro.FULL);
    }

    /**
     * {@code FETCH ALL}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return the ALL macro (flags, date, size, envelope)
     */
    public FetchResults fetchAll(SequenceSet set) {
        return fetch(set, FetchAttribute.Macro.ALL);
    }

    /**
     * {@code FETCH FAST}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return the FAST macro (flags, date, size)
     */
    public FetchResults fetchFast(SequenceSet set) {
        return fetch(set, FetchAttribute.Macro.FAST);
    }

    /**
     * {@code FETCH BODY.PEEK[]}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return the whole messages, without setting \Seen ({@code BODY.PEEK[]})
     */
    public FetchResults fetchMessage(SequenceSet set) {
        return fetch(set, Requests.section(Section.whole(), true, null, null));
    }

    /**
     * {@code FETCH BODY.PEEK[HEADER]}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return their headers ({@code BODY.PEEK[HEADER]})
     */
    public FetchResults fetchHeaders(SequenceSet set) {
        return fetch(set, Requests.section(Section.header(), true, null, null));
    }

    /**
     * {@code FETCH BODY.PEEK[TEXT]}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return their bodies without headers ({@code BODY.PEEK[TEXT]})
     */
    public FetchResults fetchBody(SequenceSet set) {
        return fetch(set, Requests.section(Section.text(), true, null, null));
    }

    /**
     * A body section, as Twisted's {@code fetchSpecific}: header type and part through {@link Section}
     * ({@code Section.headerFields("Subject")}, {@code Section.ofPart(1, 2)}, ...), peek, and a byte range.
     *
     * @param set     the messages (UIDs unless {@link #bySequence()})
     * @param section the section
     * @param peek    whether to leave \Seen alone
     * @param offset  the first byte, or {@code null} for all
     * @param length  how many bytes from {@code offset}, or {@code null} for the rest
     * @return message → items
     */
    public FetchResults fetchSpecific(SequenceSet set, Section section, boolean peek, Long offset,
            Long length) {
        return fetch(set, Requests.section(section, peek, offset, length));
    }

    /**
     * Streams one message's section to {@code out} without holding it whole (bodies above 1 MiB are never buffered;
     * smaller ones are written when they have arrived).
     *
     * @param message  the message (UID unless {@link #bySequence()})
     * @param section  the section ({@link Section#whole()} for the whole message)
     * @param out      where the bytes go
     * @param progress bytes so far / total
     * @return the other items of the response (the body itself is in {@code out})
     */
    public FetchResult fetchSpecific(long message, Section section, OutputStream out, ProgressListener progress) {
        return ops.fetchSpecific(message, section, out, progress).await();
    }

    /**
     * Streams one part of a message, found in its {@link org.imap4j.codec.fetch.BodyStructure} with
     * {@link BodyPart}, to {@code out} with its Content-Transfer-Encoding (base64, quoted-printable) undone on the way,
     * in constant memory: the one-liner to get only the text, or one attachment into a file.
     *
     * <pre>{@code
     * BodyStructure bs = client.fetchBodyStructure(SequenceSet.of(uid)).get(uid).bodyStructure().orElseThrow();
     * BodyPart pdf = BodyPart.first(bs, "application/pdf").orElseThrow();
     * try (OutputStream file = Files.newOutputStream(Path.of("report.pdf"))) {
     *     client.fetchPart(uid, pdf, file);
     * }
     * }</pre>
     *
     * @param message the message (UID unless {@link #bySequence()})
     * @param part    the part ({@code BODY.PEEK[section]}, so \Seen is left alone)
     * @param out     where the decoded bytes go; flushed, not closed
     * @return the other items of the response
     * @throws java.io.UncheckedIOException if writing to {@code out} failed
     */
    public FetchResult fetchPart(long message, BodyPart part, OutputStream out) {
        return ops.fetchPart(message, part, out).await();
    }

    /**
     * Streams one whole message to {@code out}.
     *
     * @param message  the message
     * @param out      where the bytes go
     * @param progress bytes so far / total
     * @return the other items of the response
     */
    public FetchResult fetchMessage(long message, OutputStream out, ProgressListener progress) {
        return fetchSpecific(message, Section.whole(), out, progress);
    }

    /**
     * Streams the whole bodies of many messages with ONE command ({@code UID FETCH set (UID BODY.PEEK[])}), each to
     * its own stream from {@code sink}, in the server's order; no body is held whole (see {@link BodySink}).
     *
     * <pre>{@code
     * Map<Long, ByteArrayOutputStream> bodies = new HashMap<>();
     * client.fetchMessages(SequenceSet.all(), (uid, seq, size) ->
     *         bodies.computeIfAbsent(uid, u -> new ByteArrayOutputStream((int) size)));
     * }</pre>
     *
     * @param set  the messages (UIDs unless {@link #bySequence()})
     * @param sink opens one stream per body
     * @return message (UID, or sequence number under {@link #bySequence()}) → its items: the UID, and the body item
     *         with a {@link org.imap4j.codec.fetch.BodyData.Streamed} placeholder (its size) in place of the bytes,
     *         which went to the sink ({@link FetchResult#message()} is therefore empty)
     * @throws java.io.UncheckedIOException if the sink threw an {@link IOException}; the command was read to its end,
     *                                      so the client stays usable (a sink's unchecked exception is rethrown as is)
     */
    public FetchResults fetchMessages(SequenceSet set, BodySink sink) {
        return fetchSpecific(set, Section.whole(), sink);
    }

    /**
     * Streams one section of many messages with ONE command ({@code BODY.PEEK[section]}, so \Seen is left alone),
     * each message's section to its own stream from {@code sink} (see {@link #fetchMessages(SequenceSet, BodySink)}).
     *
     * @param set     the messages (UIDs unless {@link #bySequence()})
     * @param section the section, e.g. {@link Section#text()} or {@code Section.ofPart(2)}
     * @param sink    opens one stream per body
     * @return message → its items, the body item as a {@link org.imap4j.codec.fetch.BodyData.Streamed} placeholder
     *         (a section the message lacks stays {@code NIL} and opens no stream)
     * @throws java.io.UncheckedIOException if the sink threw an {@link IOException} (the client stays usable)
     */
    public FetchResults fetchSpecific(SequenceSet set, Section section, BodySink sink) {
        return ops.fetchSpecific(set, section, sink).await();
    }

    // ---------------------------------------------------------------- flags

    /**
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return message → its flags
     */
    public Map<Long, List<Flag>> getFlags(SequenceSet set) {
        Map<Long, List<Flag>> out = new LinkedHashMap<>();
        for (Map.Entry<Long, FetchResult> e : fetchFlags(set).entrySet()) {
            out.put(e.getKey(), e.getValue().flags().orElse(List.of()));
        }
        return out;
    }

    /**
     * @param set   the messages (UIDs unless {@link #bySequence()})
     * @param flags flags to add
     * @return the flags now
     */
    public StoreResult addFlags(SequenceSet set, Flag... flags) {
        return store(set, Command.StoreMode.ADD, false, null, flags);
    }

    /**
     * @param set   the messages (UIDs unless {@link #bySequence()})
     * @param flags flags to remove
     * @return the flags now
     */
    public StoreResult removeFlags(SequenceSet set, Flag... flags) {
        return store(set, Command.StoreMode.REMOVE, false, null, flags);
    }

    /**
     * @param set   the messages (UIDs unless {@link #bySequence()})
     * @param flags the flags to have, replacing all others
     * @return the flags now
     */
    public StoreResult setFlags(SequenceSet set, Flag... flags) {
        return store(set, Command.StoreMode.REPLACE, false, null, flags);
    }

    /**
     * STORE in full: silent or not, and conditional with UNCHANGEDSINCE (RFC 7162), whose refusals come back in
     * {@link StoreResult#modified()}.
     *
     * @param set            the messages (UIDs unless {@link #bySequence()})
     * @param mode           add, remove or replace
     * @param silent         whether the server should not report the new flags
     * @param unchangedSince the mod-sequence condition, or {@code null}
     * @param flags          the flags
     * @return the result
     */
    public StoreResult store(SequenceSet set, Command.StoreMode mode, boolean silent, Long unchangedSince,
            Flag... flags) {
        return ops.store(set, mode, silent, unchangedSince, flags).await();
    }

    // ---------------------------------------------------------------- Gmail (X-GM-EXT-1)

    /**
     * Gmail's ids and labels: {@code X-GM-MSGID}, {@code X-GM-THRID}, {@code X-GM-LABELS} (read them with
     * {@link FetchResult#gmailMessageId()}, {@link FetchResult#gmailThreadId()}, {@link FetchResult#gmailLabels()}).
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return message → its items
     * @throws ImapCapabilityException without X-GM-EXT-1
     */
    public FetchResults fetchGmail(SequenceSet set) {
        return ops.fetchGmail(set).await();
    }

    /**
     * Changes Gmail labels ({@code STORE [+|-]X-GM-LABELS}); a label that is a backslash and an atom
     * ({@code \Inbox}, {@code \Starred}, {@code \Important}) is a system label.
     *
     * @param set    the messages (UIDs unless {@link #bySequence()})
     * @param mode   replace, add or remove
     * @param labels the labels
     * @return message → its labels now
     * @throws ImapCapabilityException without X-GM-EXT-1
     */
    public Map<Long, List<String>> storeGmailLabels(SequenceSet set, Command.StoreMode mode, String... labels) {
        return ops.storeGmailLabels(set, mode, labels).await();
    }

    /**
     * Marks messages \Deleted (they go at the next EXPUNGE or CLOSE).
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     */
    public void deleteMessages(SequenceSet set) {
        store(set, Command.StoreMode.ADD, true, null, Flag.DELETED);
    }

    // ---------------------------------------------------------------- copy and move

    /**
     * @param set     the messages (UIDs unless {@link #bySequence()})
     * @param mailbox the destination
     * @return the UID mapping under UIDPLUS
     */
    public CopyResult copy(SequenceSet set, MailboxName mailbox) {
        return ops.copy(set, mailbox).await();
    }

    /**
     * Moves messages: MOVE (RFC 6851) when offered; else, with UIDPLUS, COPY + \Deleted + UID EXPUNGE of exactly
     * these messages; else refused, because a plain EXPUNGE would also remove other \Deleted messages.
     *
     * @param set     the messages (UIDs unless {@link #bySequence()})
     * @param mailbox the destination
     * @return the UID mapping under UIDPLUS
     * @throws ImapCapabilityException if neither MOVE nor UIDPLUS is offered (nothing is sent)
     */
    public CopyResult move(SequenceSet set, MailboxName mailbox) {
        return ops.move(set, mailbox).await();
    }


    // ---------------------------------------------------------------- idle, quota, compress

    /**
     * Starts IDLE (RFC 2177); changes go to the {@link MailboxListener}. End it with {@link Idle#done()}.
     *
     * @return the IDLE in progress
     */
    public Idle idle() {
        requireCapability(Capability.Known.IDLE, "IDLE");
        return Idle.start(session);
    }

    /**
     * @param root a quota root
     * @return its usage and limits (RFC 9208)
     */
    public List<Untagged.Quota> getQuota(String root) {
        return ops.getQuota(root).await();
    }

    /**
     * @param mailbox a mailbox
     * @return its quota roots and their quotas
     */
    public QuotaRootResult getQuotaRoot(MailboxName mailbox) {
        return ops.getQuotaRoot(mailbox).await();
    }

    /**
     * {@code GETACL} (RFC 4314).
     *
     * @param mailbox a mailbox
     * @return who has which rights on it
     * @throws ImapCapabilityException if the server lacks ACL
     */
    public List<org.imap4j.codec.response.AclEntry> getAcl(MailboxName mailbox) {
        return ops.getAcl(mailbox).await();
    }

    /**
     * {@code MYRIGHTS} (RFC 4314).
     *
     * @param mailbox a mailbox
     * @return the logged-in user's rights letters on it
     */
    public String myRights(MailboxName mailbox) {
        return ops.myRights(mailbox).await();
    }

    /**
     * {@code LISTRIGHTS} (RFC 4314).
     *
     * @param mailbox    a mailbox
     * @param identifier a user or group
     * @return the rights that may be granted to it
     */
    public Untagged.ListRights listRights(MailboxName mailbox, String identifier) {
        return ops.listRights(mailbox, identifier).await();
    }

    /**
     * {@code SETACL} (RFC 4314).
     *
     * @param mailbox    a mailbox
     * @param identifier a user or group
     * @param mode       replace, add or remove
     * @param rights     the rights letters
     */
    public void setAcl(MailboxName mailbox, String identifier, Command.StoreMode mode, String rights) {
        ops.setAcl(mailbox, identifier, mode, rights).await();
    }

    /**
     * {@code DELETEACL} (RFC 4314).
     *
     * @param mailbox    a mailbox
     * @param identifier whose entry to remove
     */
    public void deleteAcl(MailboxName mailbox, String identifier) {
        ops.deleteAcl(mailbox, identifier).await();
    }

    /**
     * {@code GETMETADATA} (RFC 5464).
     *
     * @param mailbox a mailbox, or {@code MailboxName.of("")} for the server's own entries
     * @param entries entry names such as {@code /shared/comment}
     * @return the entries that have values
     */
    public List<org.imap4j.codec.core.MetadataEntry> getMetadata(MailboxName mailbox, String... entries) {
        return ops.getMetadata(mailbox, entries).await();
    }

    /**
     * {@code SETMETADATA} (RFC 5464).
     *
     * @param mailbox a mailbox, or {@code MailboxName.of("")} for the server's own entries
     * @param entries the entries to set (a {@code null} value removes one)
     */
    public void setMetadata(MailboxName mailbox, org.imap4j.codec.core.MetadataEntry... entries) {
        ops.setMetadata(mailbox, entries).await();
    }

    /**
     * {@code GETJMAPACCESS} (RFC 9698).
     *
     * @return the JMAP session URL of this account, or {@code null} if the server sent none (check it before use)
     */
    public String jmapAccess() {
        return ops.jmapAccess().await();
    }

    /**
     * {@code NOTIFY} (RFC 5465): which mailboxes' events the server pushes to this connection (see
     * {@link ImapOperations#notifySet}).
     *
     * @param groups the event groups (empty: {@code NOTIFY NONE})
     * @param status whether the server first sends a STATUS of each non-selected mailbox covered
     */
    public void notifySet(List<org.imap4j.codec.command.NotifyGroup> groups, boolean status) {
        ops.notifySet(groups, status).await();
    }

    /** {@code UNAUTHENTICATE} (RFC 8437): back to the not-authenticated state; TLS stays. */
    public void unauthenticate() {
        ops.unauthenticate().await();
    }

    /**
     * Replaces a message of the selected mailbox by a new one (a draft saved again): REPLACE (RFC 8508) when offered,
     * else APPEND then the old message's {@code \Deleted} + UID EXPUNGE under UIDPLUS, reported as a
     * {@link Fallback} (see {@link ImapOperations#replace}).
     *
     * <pre>{@code
     * AppendResult saved = client.replace(draftUid, MailboxName.of("Drafts"), Bytes.of(newDraft), null, Flag.DRAFT);
     * }</pre>
     *
     * @param number       the old message's UID (its sequence number after {@link #bySequence()})
     * @param mailbox      where the new message goes
     * @param message      the new message
     * @param internalDate its internal date, or {@code null} for now
     * @param flags        its flags
     * @return the new message's UID when the server reports it
     * @throws ImapCapabilityException if the server has neither REPLACE nor UIDPLUS; nothing is sent
     */
    public AppendResult replace(long number, MailboxName mailbox, Bytes message,
            OffsetDateTime internalDate, Flag... flags) {
        return ops.replace(number, mailbox, message, internalDate, flags).await();
    }

    /**
     * Sends a command the library does not know yet (the escape hatch; see {@link ImapOperations#raw}).
     *
     * @param command the extension command, from typed {@link org.imap4j.codec.command.Argument}s
     * @return its collected responses and tagged OK
     */
    public RawResult raw(Command.Extension command) {
        return ops.raw(command).await();
    }

    /** {@code COMPRESS DEFLATE} (RFC 4978) when offered and not yet on. */
    public void compress() {
        ops.compress().await();
    }

    /** @return whether the connection is encrypted */
    public boolean isSecure() {
        return session.transport().isSecure();
    }

    /**
     * @return the server's greeting as received: {@code * OK} (or {@code * PREAUTH}, already authenticated) with its
     *     code and text; the text is the server's, show it escaped
     */
    public Untagged.StatusResponse greeting() {
        return session.transport().greeting();
    }

    /**
     * The fallbacks taken on this connection so far: what the client sent instead of an extension the server lacks
     * (MOVE emulated with COPY, STORE and UID EXPUNGE; LIST then STATUS without LIST-STATUS; UNSELECT by EXAMINE;
     * one APPEND per message without MULTIAPPEND; LIST without SPECIAL-USE; STATUS items the server does not offer).
     * Each is also delivered to {@link MailboxListener#fallback} and written to the trace as a note.
     *
     * @return each distinct fallback once, oldest first
     */
    public java.util.List<Fallback> fallbacks() {
        return ops.fallbacks();
    }

    /**
     * @return the server family told from the greeting and the capabilities ({@link ServerProfile#detect}), with the
     *         ids of its known deviations in the quirk corpus and its documented connection limit
     */
    public ServerProfile profile() {
        return ops.profile();
    }

    /**
     * @return whether the session is authenticated (after LOGIN or AUTHENTICATE, or from a {@code * PREAUTH}
     *     greeting), selected or not
     */
    public boolean isAuthenticated() {
        org.imap4j.codec.ConnectionState s = session.transport().state();
        return s == org.imap4j.codec.ConnectionState.AUTHENTICATED || s == org.imap4j.codec.ConnectionState.SELECTED;
    }

    // ---------------------------------------------------------------- rev2-first and modern extensions

    /**
     * What the server enabled on this connection ({@code * ENABLED}, RFC 5161): after authentication the client
     * enables {@code IMAP4rev2} and {@code UTF8=ACCEPT} when offered (see {@link ProtocolOptions}); whatever was enabled
     * with {@code enable(...)} is here too. Empty after UNAUTHENTICATE.
     *
     * @return the enabled capabilities
     */
    public java.util.Set<org.imap4j.codec.response.Capability> enabled() {
        return session.enabled();
    }

    /**
     * @return whether IMAP4rev2 is in force (enabled by the client, RFC 9051): no RECENT, SEARCH answered with
     *     ESEARCH, UTF-8 mailbox names
     */
    public boolean isImap4rev2() {
        return session.isEnabled(org.imap4j.codec.response.Capability.Known.IMAP4REV2);
    }

    Session session() {
        return session;
    }

    // ---------------------------------------------------------------- streaming both ways (pulled FETCH, APPEND from a stream)

    /**
     * FETCH whose results are pulled as they arrive, each body read in place as an {@link InputStream}, with
     * back-pressure to the socket (see {@link FetchStream}); nothing is held whole, whatever the size.
     *
     * <pre>{@code
     * try (FetchStream s = client.fetchStream(SequenceSet.of(uid), ProgressListener.NONE,
     *         new FetchAttribute.BodySection(Section.whole(), true, null))) {
     *     for (FetchStream.Part p : s) {
     *         if (p instanceof FetchStream.Body b) {
     *             b.content().transferTo(out);
     *         }
     *     }
     * }
     * }</pre>
     *
     * @param set        the messages (UIDs unless {@link #bySequence()}); for UID FETCH the UID is asked for too
     * @param progress   each body's bytes read so far / its size, reported as the caller reads
     * @param attributes the items
     * @return the stream (close it: it reads what is left of the command)
     */
    public FetchStream fetchStream(SequenceSet set, ProgressListener progress, FetchAttribute... attributes) {
        return ops.fetchStream(set, progress, attributes);
    }

    /**
     * Appends a message read from a stream of known size without holding it: {@code {size}} is announced (with
     * LITERAL+, or LITERAL- up to 4096 bytes, non-synchronizing; otherwise after the server's {@code +}), and the
     * bytes go from the stream to the socket in chunks, each chunk renewing the read deadline. The stream must hold
     * exactly {@code size} bytes: one that ends early, holds more, or fails cannot complete the literal, so the
     * command fails and the connection is closed (no message of the wrong length is ever stored).
     *
     * @param mailbox  the destination
     * @param in       the message (left open)
     * @param size     its exact size
     * @param progress bytes sent so far / size
     * @param flags    its flags
     * @return the new UID under UIDPLUS
     * @throws org.imap4j.session.LiteralSourceException if the stream does not hold exactly {@code size} bytes or
     *     fails; the connection is then closed
     */
    public AppendResult append(MailboxName mailbox, InputStream in, long size, ProgressListener progress,
            Flag... flags) {
        return ops.append(mailbox, in, size, progress, flags).await();
    }

    // ---------------------------------------------------------------- search and fetch extensions (ESEARCH, ESORT,
    // SEARCHRES, PARTIAL, VANISHED, OBJECTID, PREVIEW, SETQUOTA, APPENDLIMIT)

    /**
     * SEARCH with ESEARCH return options (RFC 4731), typed: {@code COUNT}, {@code MIN}, {@code MAX}, {@code ALL}, and
     * {@code SAVE} (SEARCHRES, RFC 5182), after which {@link SequenceSet#lastResult()} ({@code $}) names the
     * matches in FETCH, STORE, COPY or SEARCH (with MIN and/or MAX but neither ALL nor COUNT, only those messages are
     * saved: RFC 5182 section 2.4). The SEARCH and a command using {@code $} may be pipelined: the server applies
     * them in order. Refused before sending, with {@link ImapCapabilityException}, when
     * the server lacks ESEARCH (or IMAP4rev2), or SEARCHRES for SAVE.
     *
     * @param key     the criteria
     * @param options what to return; none means {@code ALL}
     * @return the items asked for (UIDs unless {@link #bySequence()})
     */
    public ESearchResult search(SearchKey key, Command.SearchReturn... options) {
        return ops.search(key, options).await();
    }

    /**
     * One page of the matches of a SEARCH (PARTIAL, RFC 9394): {@code PartialRange.first(100)} for the 100 lowest,
     * {@code PartialRange.last(100)} for the 100 highest, {@code new PartialRange(101, 200)} for the next page.
     * Refused with {@link ImapCapabilityException} when the server lacks PARTIAL.
     *
     * @param key     the criteria
     * @param page    the page
     * @param options other items ({@code COUNT} gives the total)
     * @return the page ({@link ESearchResult#pageSet()}) and the other items
     */
    public ESearchResult searchPage(SearchKey key, org.imap4j.codec.core.PartialRange page,
            Command.SearchReturn... options) {
        return ops.searchPage(key, page, options).await();
    }

    /**
     * SORT with return options (ESORT, RFC 5267): {@code ALL} in sorted order, {@code MIN}, {@code MAX} (see
     * {@link ESearchResult} on how servers differ) and {@code COUNT}. Refused with {@link ImapCapabilityException}
     * without ESORT.
     *
     * @param criteria the sort criteria
     * @param key      the search criteria
     * @param options  what to return; none means {@code ALL}
     * @return the items asked for
     */
    public ESearchResult sort(List<Command.SortCriterion> criteria, SearchKey key, Command.SearchReturn... options) {
        return ops.sort(criteria, key, options).await();
    }

    /**
     * One page of a sorted result (ESORT with PARTIAL, RFC 5267 and RFC 9394), in sorted order. Refused with
     * {@link ImapCapabilityException} without ESORT or PARTIAL.
     *
     * @param criteria the sort criteria
     * @param key      the search criteria
     * @param page     the page of the sorted matches
     * @param options  other items
     * @return the page and the other items
     */
    public ESearchResult sortPage(List<Command.SortCriterion> criteria, SearchKey key,
            org.imap4j.codec.core.PartialRange page, Command.SearchReturn... options) {
        return ops.sortPage(criteria, key, page, options).await();
    }

    /**
     * UID FETCH by UIDs, whatever {@link #bySequence()} says, with the results keyed by UID (the {@code fetchUID} of
     * other libraries). {@link SequenceSet#lastResult()} fetches a result saved with {@code SAVE}.
     *
     * @param uids       the UIDs
     * @param attributes the items
     * @return UID → its items
     */
    public FetchResults fetchUid(SequenceSet uids, FetchAttribute... attributes) {
        return ops.fetchUid(uids, attributes).await();
    }

    /**
     * FETCH of one page of the messages in a set (PARTIAL modifier, RFC 9394 section 3.2), e.g. the 30 with the
     * highest UIDs with {@code PartialRange.last(30)}. Refused with {@link ImapCapabilityException} without PARTIAL.
     *
     * @param set        the messages (UIDs unless {@link #bySequence()})
     * @param page       which of them
     * @param attributes the items
     * @return message → its items
     */
    public FetchResults fetchPage(SequenceSet set, org.imap4j.codec.core.PartialRange page,
            FetchAttribute... attributes) {
        return ops.fetchPage(set, page, attributes).await();
    }

    /**
     * What changed since a known mod-sequence among known UIDs: {@code UID FETCH uids items (CHANGEDSINCE m VANISHED)}
     * (QRESYNC, RFC 7162 section 3.2.6), the expunged UIDs ({@code VANISHED (EARLIER)}) and the changed messages.
     * Refused with {@link ImapCapabilityException} unless QRESYNC is offered and enabled (enable it before SELECT).
     *
     * @param uids         the UIDs the caller knows
     * @param changedSince the mod-sequence the caller knows
     * @param attributes   the items (UID and MODSEQ come too)
     * @return the vanished UIDs and the changed messages
     */
    public MessageChanges fetchChanges(SequenceSet uids, long changedSince, FetchAttribute... attributes) {
        return ops.fetchChanges(uids, changedSince, attributes).await();
    }

    /**
     * SETQUOTA (RFC 9208 section 4.3.3): sets a quota root's limits. Refused with {@link ImapCapabilityException}
     * without QUOTA; servers commonly allow it to administrators only and answer others NO.
     *
     * @param root   the quota root
     * @param limits the new limits (STORAGE in units of 1024 octets); none removes them
     * @return the QUOTA responses the server sent with it (empty when it sends none, as Cyrus 3.6 does: ask with
     *     {@link #getQuota})
     */
    public List<Untagged.Quota> setQuota(String root, Command.QuotaLimit... limits) {
        return ops.setQuota(root, limits).await();
    }

    /**
     * The APPENDLIMIT (RFC 7889) an APPEND to a mailbox is checked against before anything is sent: the mailbox's own
     * when a STATUS or LIST-STATUS on this connection reported it ({@link StatusAttribute#APPENDLIMIT}), else the
     * server-wide {@code APPENDLIMIT=n} capability. A larger message is refused with {@link ImapAppendLimitException}
     * (naming the limit and the size) and nothing is written.
     *
     * @param mailbox a mailbox
     * @return the limit in octets, or empty when none is known (or the mailbox's is NIL)
     */
    public java.util.OptionalLong appendLimit(MailboxName mailbox) {
        return ops.appendLimit(mailbox);
    }

    // Issue 18: CATENATE, URLAUTH, limits, UIDONLY

    /**
     * Appends a message the server assembles (CATENATE, RFC 4469) from IMAP URLs of messages or parts it already
     * holds (copied in without passing through the client) and text sent with the command.
     *
     * <pre>{@code
     * client.catenate(MailboxName.of("Drafts"), List.of(Flag.DRAFT), null, List.of(
     *         new Command.CatenatePart.Url("/Drafts;UIDVALIDITY=385759045/;UID=20/;section=HEADER"),
     *         Command.CatenatePart.Text.of("\r\nA new body\r\n")));
     * }</pre>
     *
     * @param mailbox      the destination
     * @param flags        its flags (empty for none)
     * @param internalDate its internal date, or {@code null} for now
     * @param parts        its parts in order (at least one); binary text parts need BINARY too
     * @return the new UID under UIDPLUS
     * @throws ImapCapabilityException if the server lacks CATENATE (or BINARY for binary text); nothing is sent
     * @throws ImapCommandException    if the server refuses it ({@code NO [BADURL url]} for a URL it cannot resolve)
     */
    public AppendResult catenate(MailboxName mailbox, List<Flag> flags, OffsetDateTime internalDate,
            List<Command.CatenatePart> parts) {
        return ops.catenate(mailbox, flags, internalDate, parts).await();
    }

    /**
     * {@code GENURLAUTH} (URLAUTH, RFC 4467 section 6.2): authorizes URLs a third party (a submission server, say)
     * can fetch with URLFETCH.
     *
     * @param requests the URL rumps (ending in {@code ;URLAUTH=access}) with their mechanisms, at least one
     * @return the authorized URLs ({@code rump:mechanism:token}) in the order the server sent them
     * @throws ImapCapabilityException if the server lacks URLAUTH
     */
    public List<String> genUrlAuth(List<Command.UrlAuthRequest> requests) {
        return ops.genUrlAuth(requests).await();
    }

    /**
     * {@code URLFETCH} (URLAUTH, RFC 4467 section 6.3): the octets behind authorized (or this user's own) URLs.
     *
     * @param urls the URLs, at least one
     * @return each URL with its octets, the data {@code null} where the server could not resolve it
     * @throws ImapCapabilityException if the server lacks URLAUTH
     */
    public List<Untagged.UrlData> urlFetch(List<String> urls) {
        return ops.urlFetch(urls).await();
    }

    /**
     * {@code RESETKEY} (URLAUTH, RFC 4467 section 6.1): invalidates the URLs authorized so far.
     *
     * @param mailbox    the mailbox whose keys to reset, or {@code null} for every mailbox
     * @param mechanisms the mechanisms to reset (none: all); only with a mailbox
     * @throws ImapCapabilityException if the server lacks URLAUTH
     */
    public void resetKey(MailboxName mailbox, String... mechanisms) {
        ops.resetKey(mailbox, mechanisms).await();
    }

    /**
     * {@code ENABLE UIDONLY} (RFC 9586), opt-in: from then on the connection has no sequence numbers. FETCH data
     * arrives as {@code * uid UIDFETCH} (read as the FETCH result of that UID; {@link FetchResult#seq()} then holds
     * the UID), expunges as VANISHED, and every operation by sequence number ({@link #bySequence()}) throws
     * {@link ImapUidOnlyException} before anything is sent.
     *
     * @return whether the server enabled it
     * @throws ImapCapabilityException if the server lacks UIDONLY
     */
    public boolean enableUidOnly() {
        return ops.enableUidOnly().await();
    }

    /** @return whether UIDONLY (RFC 9586) is enabled: then only UID operations are allowed */
    public boolean isUidOnly() {
        return ops.isUidOnly();
    }

    /**
     * The same client (same connection, same addressing) with the INPROGRESS reports (RFC 9585) of its commands
     * delivered: see {@link ImapOperations#withProgress(ProgressListener)}. Each report goes to {@code listener} as
     * {@code progress(done, goal)} and starts the command's deadline again.
     *
     * <pre>{@code
     * SearchResult r = client.withProgress((done, goal) -> System.out.println(done + "/" + goal))
     *         .search(SearchKey.body("invoice"));
     * }</pre>
     *
     * @param listener receives the progress of each command sent through the returned view
     * @return the view
     */
    public ImapClient withProgress(ProgressListener listener) {
        return new ImapClient(session, ops.withProgress(listener));
    }

    // ---------------------------------------------------------------- CONTEXT=SEARCH (RFC 5267), UIDBATCHES (RFC 10022)

    /**
     * A search the server keeps up to date (CONTEXT=SEARCH, RFC 5267 section 4): the UIDs matching {@code key} now,
     * then the server's {@code ADDTO} / {@code REMOVEFROM} updates, routed to this search by its tag, applied to
     * {@link LiveSearch#current()} and handed to {@code listener} and {@link LiveSearch#poll()}. Updates arrive while
     * the connection is read (any later command, {@link #noop()}, {@link #idle()}); stop them with
     * {@link LiveSearch#cancel()} ({@code CANCELUPDATE}).
     *
     * @param key      the criteria
     * @param listener told of each update on the delivery executor, or {@link LiveSearch.Listener#NONE}
     * @return the live search
     * @throws ImapCapabilityException if the server lacks CONTEXT=SEARCH (nothing sent; there is no emulation)
     */
    public LiveSearch liveSearch(SearchKey key, LiveSearch.Listener listener) {
        return ops.liveSearch(key, listener).await();
    }

    /**
     * {@code UIDBATCHES size} (RFC 10022): UID ranges that split the selected mailbox into batches of at most
     * {@code size} messages, newest first, e.g. to fetch a large mailbox a batch at a time.
     *
     * @param size messages per batch (servers require 500 or more: {@code NO [TOOFEW]} below)
     * @return each batch's UID range, low to high, newest batch first
     * @throws ImapCapabilityException if the server lacks UIDBATCHES (nothing sent)
     */
    public List<SequenceSet.Range> uidBatches(long size) {
        return ops.uidBatches(size).await();
    }

    /**
     * {@code UIDBATCHES size from:to} (RFC 10022): only batches {@code from} to {@code to} (1 is the newest).
     *
     * @param size messages per batch
     * @param from the first batch wanted, 1-based
     * @param to   the last batch wanted
     * @return those batches' UID ranges, newest first (empty past the end)
     * @throws ImapCapabilityException if the server lacks UIDBATCHES (nothing sent)
     */
    public List<SequenceSet.Range> uidBatches(long size, long from, long to) {
        return ops.uidBatches(size, from, to).await();
    }

    /**
     * LIST with each mailbox's METADATA entries (LIST-METADATA, RFC 9590): one command,
     * {@code LIST reference pattern RETURN (METADATA (entries))}.
     *
     * <pre>{@code
     * for (ListEntry e : client.listWithMetadata("", "*", "/shared/comment")) {
     *     e.metadata("/shared/comment").ifPresent(v -> System.out.println(e.mailbox() + ": " + v));
     * }
     * }</pre>
     *
     * @param reference the reference
     * @param pattern   the pattern
     * @param entries   the entry names, at least one
     * @return the mailboxes, each with the entries the server returned ({@link ListEntry#metadata()})
     * @throws ImapCapabilityException if the server lacks LIST-METADATA (nothing sent)
     */
    public List<ListEntry> listWithMetadata(String reference, String pattern, String... entries) {
        return ops.listWithMetadata(reference, pattern, entries).await();
    }
}
