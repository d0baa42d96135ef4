package org.imap4j.client;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.imap4j.client.internal.Session;
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
import org.imap4j.codec.response.Untagged;

/**
 * The asynchronous IMAP client: the same operations and result types as {@link ImapClient}, each returning a
 * {@link CompletableFuture}. Both clients are views of one core ({@link ImapOperations}): each operation is written
 * once, operations of several commands (MOVE emulation, LIST without LIST-STATUS, appends without MULTIAPPEND,
 * LOGIN followed by CAPABILITY) as asynchronous compositions of one-command steps, and no thread of the library's own
 * runs any of them. Commands are pipelined where RFC 9051 section 5.5 allows, by the engine: independent UID
 * commands go out together, while SELECT, EXPUNGE, MOVE, NOOP and other commands that change the selection or
 * renumber messages wait for what precedes them and hold back what follows.
 *
 * <p>Threads: the returned futures complete on the client's delivery executor
 * ({@link ImapClientConfig.Builder#deliveryExecutor}), in order with the {@link MailboxListener}'s events, never on
 * the thread that reads the socket. Over the blocking transport a reader thread of the connection reads while
 * futures are pending and no caller waits. Do not block in a continuation waiting for another future of the same
 * client (it would wait for its own lane); compose with {@code thenCompose} instead, or use {@link #blocking()}.
 *
 * <pre>{@code
 * AsyncImapClient client = ImapClient.builder("imap.example.org")
 *         .transport(ImapClientConfig.Transport.NIO).connectAsync().join();
 * client.login("alice", Secret.of("s3cret"))
 *       .thenCompose(v -> client.select(MailboxName.INBOX))
 *       .thenCompose(sel -> client.search(SearchKey.unseen()))
 *       .thenAccept(found -> System.out.println(found.ids()));
 * }</pre>
 */
public final class AsyncImapClient implements AutoCloseable {
    private final Session session;
    private final ImapClient sync;
    private final ImapOperations ops;

    private AsyncImapClient(Session session, boolean uid) {
        this(session, new ImapClient(session, uid));
    }

    private AsyncImapClient(Session session, ImapClient sync) {
        this.session = session;
        this.sync = sync;
        this.ops = sync.operations();
    }

    /**
     * Connects. Over the NIO transport the caller does not wait; over the blocking transport the connection is
     * set up on the calling thread and the returned future is already complete.
     *
     * @param config the configuration (see {@link ImapClient#builder(String)} and its {@code connectAsync()})
     * @return a future completing with the connected client (greeting read, STARTTLS done if configured,
     *         capabilities known), or exceptionally with an {@link org.imap4j.codec.ImapException} if the connection
     *         could not be set up
     */
    public static CompletableFuture<AsyncImapClient> connect(ImapClientConfig config) {
        CompletableFuture<Session> opening = Session.open(config);
        if (opening.isDone()) {
            return opening.thenApply(s -> new AsyncImapClient(s, true)); // blocking: set up on this thread
        }
        // NIO: completed by the transport's delivery; the caller's continuations run on the client's lane instead
        CompletableFuture<AsyncImapClient> out = new CompletableFuture<>();
        opening.whenComplete((s, e) -> {
            if (e != null) {
                out.completeExceptionally(e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e);
            } else {
                s.lane().execute(() -> out.complete(new AsyncImapClient(s, true)));
            }
        });
        return out;
    }

    /**
     * @return a view of this client on the same connection that addresses messages by sequence number instead of UID
     */
    public AsyncImapClient bySequence() {
        return new AsyncImapClient(session, sync.bySequence());
    }

    /**
     * @return the operations of this client as {@link Operation}s (this class's methods are
     *         {@code operations().x(...).future()})
     */
    public ImapOperations operations() {
        return ops;
    }

    /**
     * @return the blocking view of the same connection, addressing messages the same way as this view
     */
    public ImapClient blocking() {
        return sync;
    }

    // ---------------------------------------------------------------- operations

    /** @return whether the connection is encrypted */
    public boolean isSecure() {
        return session.transport().isSecure();
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
     * @return the server's capabilities as last announced (no command is sent)
     */
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

    /**
     * Asks for the capabilities again ({@code CAPABILITY}).
     *
     * @return a future completing with the capabilities the server now announces
     */
    public CompletableFuture<List<Capability>> refreshCapabilities() {
        return ops.refreshCapabilities().future();
    }

    /**
     * {@code NOOP}: lets the server report changes (to the {@link MailboxListener}).
     *
     * @return a future completing when the server has answered OK
     */
    public CompletableFuture<Void> noop() {
        return ops.noop().future();
    }

    /**
     * {@code LOGOUT}; the connection closes once the command has completed, whether it succeeded or not.
     *
     * @return a future completing when the server has answered
     */
    public CompletableFuture<Void> logout() {
        return ops.logout().future();
    }

    /** Closes the connection without LOGOUT. */
    @Override
    public void close() {
        session.transport().close();
    }

    /**
     * {@code LOGIN} with a password given as a string (see {@link #login(String, Secret)}).
     *
     * @param user     the user name
     * @param password the password
     * @return a future completing when logged in
     */
    public CompletableFuture<Void> login(String user, String password) {
        return login(user, Secret.of(password));
    }

    /**
     * {@code LOGIN} (RFC 9051 section 6.2.3), followed by CAPABILITY when the server did not send them; see
     * {@link ImapClient#login(String, Secret)} for when it is refused before anything is sent.
     *
     * @param user     the user name
     * @param password the password
     * @return a future completing when logged in, or exceptionally with an
     *         {@link org.imap4j.codec.ImapAuthenticationException}
     */
    public CompletableFuture<Void> login(String user, Secret password) {
        return ops.login(user, password).future();
    }

    /**
     * {@code AUTHENTICATE} with a SASL mechanism (see {@link ImapClient#authenticate(SaslMechanism)}).
     *
     * @param mechanism the mechanism with its credentials, e.g. from {@link org.imap4j.client.auth.Sasl}
     * @return a future completing when authenticated, or exceptionally with an
     *         {@link org.imap4j.codec.ImapAuthenticationException}
     */
    public CompletableFuture<Void> authenticate(org.imap4j.client.auth.SaslMechanism mechanism) {
        return ops.authenticate(mechanism).future();
    }

    /**
     * {@code NAMESPACE} (RFC 2342).
     *
     * @return a future completing with the server's personal, other users' and shared namespaces
     */
    public CompletableFuture<Untagged.Namespace> namespace() {
        return ops.namespace().future();
    }

    /**
     * {@code ID} (RFC 2971).
     *
     * @param fields the client's identification (may be empty: {@code ID NIL})
     * @return a future completing with the server's identification
     */
    public CompletableFuture<Untagged.Id> id(List<Command.IdField> fields) {
        return ops.id(fields).future();
    }

    /**
     * {@code ENABLE} (RFC 5161).
     *
     * @param capabilities the extensions to enable, e.g. {@code "QRESYNC"}, {@code "UTF8=ACCEPT"}
     * @return a future completing with what the server enabled
     */
    public CompletableFuture<List<Capability>> enable(String... capabilities) {
        return ops.enable(capabilities).future();
    }

    /**
     * {@code SELECT} by name.
     *
     * @param mailbox a mailbox name
     * @return a future completing with the mailbox's state
     */
    public CompletableFuture<SelectResult> select(String mailbox) {
        return select(MailboxName.of(mailbox));
    }

    /**
     * {@code SELECT} (RFC 9051 section 6.3.2).
     *
     * @param mailbox the mailbox to open read-write
     * @return a future completing with the mailbox's state (counts, flags, UIDVALIDITY, ...)
     */
    public CompletableFuture<SelectResult> select(MailboxName mailbox) {
        return ops.select(mailbox).future();
    }

    /**
     * {@code SELECT} with CONDSTORE or QRESYNC (RFC 7162); see
     * {@link ImapClient#select(MailboxName, boolean, Command.Qresync)}.
     *
     * @param mailbox   the mailbox
     * @param condstore whether to send the CONDSTORE parameter
     * @param qresync   the state the caller knows, or {@code null}
     * @return a future completing with the mailbox's state, and with QRESYNC what vanished or changed since
     */
    public CompletableFuture<SelectResult> select(MailboxName mailbox, boolean condstore, Command.Qresync qresync) {
        return ops.select(mailbox, condstore, qresync).future();
    }

    /**
     * {@code EXAMINE}: opens a mailbox read-only (RFC 9051 section 6.3.3).
     *
     * @param mailbox the mailbox
     * @return a future completing with the mailbox's state
     */
    public CompletableFuture<SelectResult> examine(MailboxName mailbox) {
        return ops.examine(mailbox).future();
    }

    /**
     * {@code CREATE} (RFC 9051 section 6.3.4).
     *
     * @param mailbox    the new mailbox
     * @param specialUse special-use attributes to give it ({@code "\\Archive"}, RFC 6154 CREATE-SPECIAL-USE); none
     *                   for a plain CREATE
     * @return a future completing when the mailbox exists
     */
    public CompletableFuture<Void> create(MailboxName mailbox, String... specialUse) {
        return ops.create(mailbox, specialUse).future();
    }

    /**
     * {@code DELETE} (RFC 9051 section 6.3.5).
     *
     * @param mailbox the mailbox to delete
     * @return a future completing when the mailbox is gone
     */
    public CompletableFuture<Void> delete(MailboxName mailbox) {
        return ops.delete(mailbox).future();
    }

    /**
     * {@code RENAME} (RFC 9051 section 6.3.6).
     *
     * @param from the current name
     * @param to   the new name
     * @return a future completing when the mailbox is renamed
     */
    public CompletableFuture<Void> rename(MailboxName from, MailboxName to) {
        return ops.rename(from, to).future();
    }

    /**
     * {@code SUBSCRIBE} (RFC 9051 section 6.3.7).
     *
     * @param mailbox the mailbox to subscribe to
     * @return a future completing when subscribed
     */
    public CompletableFuture<Void> subscribe(MailboxName mailbox) {
        return ops.subscribe(mailbox).future();
    }

    /**
     * {@code UNSUBSCRIBE} (RFC 9051 section 6.3.8).
     *
     * @param mailbox the mailbox to unsubscribe from
     * @return a future completing when unsubscribed
     */
    public CompletableFuture<Void> unsubscribe(MailboxName mailbox) {
        return ops.unsubscribe(mailbox).future();
    }

    /**
     * {@code LIST reference pattern} (RFC 9051 section 6.3.9).
     *
     * @param reference the reference ({@code ""} for the root)
     * @param pattern   the pattern, with {@code *} and {@code %} wildcards
     * @return a future completing with the matching mailboxes
     */
    public CompletableFuture<List<ListEntry>> list(String reference, String pattern) {
        return ops.list(reference, pattern).future();
    }

    /**
     * The mailboxes with a special use (see {@link ImapClient#listSpecialUse()}).
     *
     * @return a future completing with the mailboxes and their attributes
     */
    public CompletableFuture<List<ListEntry>> listSpecialUse() {
        return ops.listSpecialUse().future();
    }

    /**
     * LIST with each mailbox's STATUS: one command with LIST-STATUS (RFC 5819), else LIST then STATUS per selectable
     * mailbox (see {@link ImapClient#listWithStatus}).
     *
     * @param reference  the reference
     * @param pattern    the pattern
     * @param attributes the STATUS items
     * @return a future completing with the mailboxes and their status
     */
    public CompletableFuture<List<ListEntry>> listWithStatus(String reference, String pattern,
            StatusAttribute... attributes) {
        return ops.listWithStatus(reference, pattern, attributes).future();
    }

    /**
     * {@code LSUB} (RFC 3501 section 6.3.9).
     *
     * @param reference the reference
     * @param pattern   the pattern
     * @return a future completing with the subscribed mailboxes that match
     */
    public CompletableFuture<List<ListEntry>> lsub(String reference, String pattern) {
        return ops.lsub(reference, pattern).future();
    }

    /**
     * {@code STATUS}, asking only for the items the server offers (see {@link ImapClient#status}).
     *
     * @param mailbox    a mailbox (not the selected one, by RFC 9051's advice)
     * @param attributes what to ask for (at least one)
     * @return a future completing with its status; the items left out are in {@link StatusResult#omitted()}
     */
    public CompletableFuture<StatusResult> status(MailboxName mailbox, StatusAttribute... attributes) {
        return ops.status(mailbox, attributes).future();
    }

    /**
     * {@code APPEND} (RFC 9051 section 6.3.12).
     *
     * @param mailbox the destination
     * @param message the message (RFC 5322 bytes)
     * @param flags   its flags
     * @return a future completing with the new UID under UIDPLUS
     */
    public CompletableFuture<AppendResult> append(MailboxName mailbox, Bytes message, Flag... flags) {
        return append(mailbox, message, null, flags);
    }

    /**
     * Replaces a message of the selected mailbox by a new one: REPLACE (RFC 8508) when offered, else APPEND then the
     * old message's {@code \Deleted} + UID EXPUNGE under UIDPLUS, reported as a {@link Fallback} (see
     * {@link ImapOperations#replace}).
     *
     * @param number       the old message's UID (its sequence number after {@link #bySequence()})
     * @param mailbox      where the new message goes
     * @param message      the new message
     * @param internalDate its internal date, or {@code null} for now
     * @param flags        its flags
     * @return a future completing with the new message's UID when the server reports it; failed with
     *         {@link ImapCapabilityException} if the server has neither REPLACE nor UIDPLUS (nothing sent)
     */
    public CompletableFuture<AppendResult> replace(long number, MailboxName mailbox, Bytes message,
            java.time.OffsetDateTime internalDate, Flag... flags) {
        return ops.replace(number, mailbox, message, internalDate, flags).future();
    }

    /**
     * Appends several messages: one MULTIAPPEND command (RFC 3502) when offered, so they arrive all or none; else one
     * APPEND each.
     *
     * @param mailbox  the destination
     * @param messages the messages
     * @return a future completing with the new UIDs under UIDPLUS
     */
    public CompletableFuture<AppendResult> appendAll(MailboxName mailbox, List<Command.AppendMessage> messages) {
        return ops.appendAll(mailbox, messages).future();
    }

    /**
     * {@code CHECK}.
     *
     * @return a future completing when the server has answered OK
     */
    public CompletableFuture<Void> check() {
        return ops.check().future();
    }

    /**
     * {@code CLOSE}: expunges \Deleted messages and leaves the selected state.
     *
     * @return a future completing when no mailbox is selected
     */
    public CompletableFuture<Void> closeMailbox() {
        return ops.closeMailbox().future();
    }

    /**
     * {@code UNSELECT} (RFC 3691), or its emulation without the extension (see {@link ImapClient#unselect()}).
     *
     * @return a future completing when no mailbox is selected; nothing was expunged
     */
    public CompletableFuture<Void> unselect() {
        return ops.unselect().future();
    }

    /**
     * {@code EXPUNGE}: removes the \Deleted messages of the selected mailbox.
     *
     * @return a future completing with the sequence numbers expunged, or the UIDs if reported as VANISHED
     */
    public CompletableFuture<List<Long>> expunge() {
        return ops.expunge().future();
    }

    /**
     * {@code UID EXPUNGE} (RFC 4315): expunges only these \Deleted messages.
     *
     * @param uids the UIDs
     * @return a future completing with what was reported expunged
     */
    public CompletableFuture<List<Long>> expunge(SequenceSet uids) {
        return ops.expunge(uids).future();
    }

    /**
     * {@code SEARCH}; ESEARCH's compact answer when offered.
     *
     * @param key the criteria (see {@link SearchKey}'s factories)
     * @return a future completing with the matches (UIDs unless {@link #bySequence()})
     */
    public CompletableFuture<SearchResult> search(SearchKey key) {
        return ops.search(key).future();
    }

    /**
     * {@code SORT} (RFC 5256).
     *
     * @param criteria the sort criteria
     * @param key      the search criteria
     * @return a future completing with the matching messages in sorted order
     */
    public CompletableFuture<List<Long>> sort(List<Command.SortCriterion> criteria, SearchKey key) {
        return ops.sort(criteria, key).future();
    }

    /**
     * {@code THREAD} (RFC 5256).
     *
     * @param algorithm {@code REFERENCES} or {@code ORDEREDSUBJECT}
     * @param key       the search criteria
     * @return a future completing with the threads
     */
    public CompletableFuture<List<MessageThread>> thread(String algorithm, SearchKey key) {
        return ops.thread(algorithm, key).future();
    }

    /**
     * {@code FETCH} any items.
     *
     * @param set        the messages (UIDs unless {@link #bySequence()})
     * @param attributes the items
     * @return a future completing with message (UID, or sequence number) → its items
     */
    public CompletableFuture<FetchResults> fetch(SequenceSet set, FetchAttribute... attributes) {
        return ops.fetch(set, attributes).future();
    }

    /**
     * {@code FETCH FLAGS}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return a future completing with message → their flags
     */
    public CompletableFuture<FetchResults> fetchFlags(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.FLAGS);
    }

    /**
     * {@code FETCH ENVELOPE}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return a future completing with message → their envelopes
     */
    public CompletableFuture<FetchResults> fetchEnvelope(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.ENVELOPE);
    }

    /**
     * {@code FETCH INTERNALDATE}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return a future completing with message → their internal dates
     */
    public CompletableFuture<FetchResults> fetchInternalDate(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.INTERNALDATE);
    }

    /**
     * {@code FETCH BODYSTRUCTURE}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return a future completing with message → their MIME structure
     */
    public CompletableFuture<FetchResults> fetchBodyStructure(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.BODYSTRUCTURE);
    }

    /**
     * {@code FETCH BODY}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return a future completing with message → their simplified structure (no extension data)
     */
    public CompletableFuture<FetchResults> fetchSimplifiedBody(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.BODY);
    }

    /**
     * {@code FETCH RFC822.SIZE}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return a future completing with message → their sizes in octets
     */
    public CompletableFuture<FetchResults> fetchSize(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.RFC822_SIZE);
    }

    /**
     * {@code FETCH FULL}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return a future completing with message → the FULL macro: flags, internal date, size, envelope and
     *         simplified structure
     */
    public CompletableFuture<FetchResults> fetchFull(SequenceSet set) {
        return fetch(set, FetchAttribute.Macro.FULL);
    }

    /**
     * {@code FETCH ALL}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return a future completing with message → the ALL macro: flags, internal date, size and envelope
     */
    public CompletableFuture<FetchResults> fetchAll(SequenceSet set) {
        return fetch(set, FetchAttribute.Macro.ALL);
    }

    /**
     * {@code FETCH FAST}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return a future completing with message → the FAST macro: flags, internal date and size
     */
    public CompletableFuture<FetchResults> fetchFast(SequenceSet set) {
        return fetch(set, FetchAttribute.Macro.FAST);
    }

    /**
     * {@code FETCH BODY.PEEK[HEADER]}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return a future completing with message → their headers, without setting \Seen
     */
    public CompletableFuture<FetchResults> fetchHeaders(SequenceSet set) {
        return fetch(set, Requests.section(Section.header(), true, null, null));
    }

    /**
     * {@code FETCH BODY.PEEK[TEXT]}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return a future completing with message → their bodies without headers, without setting \Seen
     */
    public CompletableFuture<FetchResults> fetchBody(SequenceSet set) {
        return fetch(set, Requests.section(Section.text(), true, null, null));
    }

    /**
     * A body section, with or without setting \Seen and optionally a byte range (see
     * {@link ImapClient#fetchSpecific(SequenceSet, Section, boolean, Long, Long)}).
     *
     * @param set     the messages
     * @param section the section
     * @param peek    whether to leave \Seen alone ({@code BODY.PEEK})
     * @param offset  the first byte, or {@code null} for all
     * @param length  how many bytes from {@code offset}, or {@code null} for the rest
     * @return a future completing with message → items
     */
    public CompletableFuture<FetchResults> fetchSpecific(SequenceSet set, Section section, boolean peek,
            Long offset, Long length) {
        return fetch(set, Requests.section(section, peek, offset, length));
    }

    /**
     * {@code FETCH} with CHANGEDSINCE (RFC 7162): only messages whose mod-sequence is higher.
     *
     * @param set          the messages
     * @param changedSince the mod-sequence the caller knows
     * @param attributes   the items (MODSEQ is returned too)
     * @return a future completing with message → items
     */
    public CompletableFuture<FetchResults> fetchChangedSince(SequenceSet set, long changedSince,
            FetchAttribute... attributes) {
        return ops.fetchChangedSince(set, changedSince, attributes).future();
    }

    /**
     * The flags of messages, as a plain map.
     *
     * @param set the messages
     * @return a future completing with message → its flags (empty when the server sent none)
     */
    public CompletableFuture<Map<Long, List<Flag>>> getFlags(SequenceSet set) {
        return fetchFlags(set).thenApply(m -> {
            Map<Long, List<Flag>> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, v.flags().orElse(List.of())));
            return out;
        });
    }

    /**
     * {@code FETCH BODY.PEEK[]}.
     *
     * @param set the messages (UIDs unless {@link #bySequence()})
     * @return a future completing with message → the whole messages, without setting \Seen
     */
    public CompletableFuture<FetchResults> fetchMessage(SequenceSet set) {
        return fetch(set, Requests.section(Section.whole(), true, null, null));
    }

    /**
     * Streams one message's section to {@code out} without holding it whole (see
     * {@link ImapClient#fetchSpecific(long, Section, OutputStream, ProgressListener)}).
     *
     * @param message  the message (UID unless {@link #bySequence()})
     * @param section  the section ({@link Section#whole()} for the whole message)
     * @param out      where the bytes go
     * @param progress told the bytes so far and the total
     * @return a future completing with the other items of the response (the body itself went to {@code out})
     */
    public CompletableFuture<FetchResult> fetchSpecific(long message, Section section, OutputStream out,
            ProgressListener progress) {
        return ops.fetchSpecific(message, section, out, progress).future();
    }

    /**
     * Streams one whole message to {@code out} (see {@link ImapClient#fetchMessage(long, OutputStream,
     * ProgressListener)}).
     *
     * @param message  the message (UID unless {@link #bySequence()})
     * @param out      where the bytes go
     * @param progress told the bytes so far and the total
     * @return a future completing with the other items of the response
     */
    public CompletableFuture<FetchResult> fetchMessage(long message, OutputStream out, ProgressListener progress) {
        return fetchSpecific(message, Section.whole(), out, progress);
    }

    /**
     * Streams one part of a message to {@code out} with its Content-Transfer-Encoding undone (see
     * {@link ImapClient#fetchPart(long, BodyPart, OutputStream)}).
     *
     * @param message the message (UID unless {@link #bySequence()})
     * @param part    the part ({@code BODY.PEEK[section]}, so \Seen is left alone)
     * @param out     where the decoded bytes go; flushed, not closed
     * @return a future completing with the other items of the response, or exceptionally with
     *         {@link java.io.UncheckedIOException} if writing to {@code out} failed
     */
    public CompletableFuture<FetchResult> fetchPart(long message, BodyPart part, OutputStream out) {
        return ops.fetchPart(message, part, out).future();
    }

    /**
     * Streams the whole bodies of many messages with one command, each to its own stream from {@code sink}.
     *
     * @param set  messages (UIDs unless {@link #bySequence()})
     * @param sink opens one stream per body, called on the callback executor
     * @return message → items with the bodies as placeholders (see
     *         {@link ImapClient#fetchMessages(SequenceSet, BodySink)}); a failing sink completes it exceptionally
     *         with {@link java.io.UncheckedIOException} once the command has completed
     */
    public CompletableFuture<FetchResults> fetchMessages(SequenceSet set, BodySink sink) {
        return fetchSpecific(set, Section.whole(), sink);
    }

    /**
     * Streams one section ({@code BODY.PEEK}) of many messages with one command, each to its own stream.
     *
     * @param set     messages
     * @param section the section
     * @param sink    opens one stream per body
     * @return message → items (see {@link ImapClient#fetchSpecific(SequenceSet, Section, BodySink)})
     */
    public CompletableFuture<FetchResults> fetchSpecific(SequenceSet set, Section section, BodySink sink) {
        return ops.fetchSpecific(set, section, sink).future();
    }

    /**
     * {@code STORE +FLAGS}.
     *
     * @param set   the messages
     * @param flags the flags to add
     * @return a future completing with the messages' flags now
     */
    public CompletableFuture<StoreResult> addFlags(SequenceSet set, Flag... flags) {
        return store(set, Command.StoreMode.ADD, false, null, flags);
    }

    /**
     * {@code STORE -FLAGS}.
     *
     * @param set   the messages
     * @param flags the flags to remove
     * @return a future completing with the messages' flags now
     */
    public CompletableFuture<StoreResult> removeFlags(SequenceSet set, Flag... flags) {
        return store(set, Command.StoreMode.REMOVE, false, null, flags);
    }

    /**
     * {@code STORE FLAGS}.
     *
     * @param set   the messages
     * @param flags the flags to have, replacing all others
     * @return a future completing with the messages' flags now
     */
    public CompletableFuture<StoreResult> setFlags(SequenceSet set, Flag... flags) {
        return store(set, Command.StoreMode.REPLACE, false, null, flags);
    }

    /**
     * {@code STORE} in full: silent or not, and conditional with UNCHANGEDSINCE (RFC 7162), whose refusals come back in
     * {@link StoreResult#modified()}.
     *
     * @param set            the messages
     * @param mode           add, remove or replace
     * @param silent         whether the server should not report the new flags
     * @param unchangedSince the mod-sequence condition, or {@code null}
     * @param flags          the flags
     * @return a future completing with the result
     */
    public CompletableFuture<StoreResult> store(SequenceSet set, Command.StoreMode mode, boolean silent,
            Long unchangedSince, Flag... flags) {
        return ops.store(set, mode, silent, unchangedSince, flags).future();
    }

    /**
     * Gmail's ids and labels (see {@link ImapClient#fetchGmail}).
     *
     * @param set the messages
     * @return a future completing with message → its items, or failed with {@link ImapCapabilityException} (nothing
     *         sent) when the server lacks X-GM-EXT-1
     */
    public CompletableFuture<FetchResults> fetchGmail(SequenceSet set) {
        return ops.fetchGmail(set).future();
    }

    /**
     * Changes Gmail labels (see {@link ImapClient#storeGmailLabels}).
     *
     * @param set    the messages
     * @param mode   replace, add or remove
     * @param labels the labels
     * @return a future completing with message → its labels now, or failed with {@link ImapCapabilityException}
     *         (nothing sent) when the server lacks X-GM-EXT-1
     */
    public CompletableFuture<Map<Long, List<String>>> storeGmailLabels(SequenceSet set, Command.StoreMode mode,
            String... labels) {
        return ops.storeGmailLabels(set, mode, labels).future();
    }

    /**
     * Marks messages \Deleted ({@code STORE +FLAGS.SILENT (\Deleted)}); they go at the next EXPUNGE or CLOSE.
     *
     * @param set the messages
     * @return a future completing when the flags are stored
     */
    public CompletableFuture<Void> deleteMessages(SequenceSet set) {
        return store(set, Command.StoreMode.ADD, true, null, Flag.DELETED).thenApply(r -> null);
    }

    /**
     * {@code COPY} (RFC 9051 section 6.4.7).
     *
     * @param set     the messages
     * @param mailbox the destination
     * @return a future completing with the UID mapping under UIDPLUS
     */
    public CompletableFuture<CopyResult> copy(SequenceSet set, MailboxName mailbox) {
        return ops.copy(set, mailbox).future();
    }

    /**
     * Moves messages: MOVE (RFC 6851) when offered, else its safe emulation with UIDPLUS (see
     * {@link ImapClient#move(SequenceSet, MailboxName)}).
     *
     * @param set     the messages
     * @param mailbox the destination
     * @return a future completing with the UID mapping under UIDPLUS, or exceptionally with
     *         {@link ImapCapabilityException} if neither MOVE nor UIDPLUS is offered
     */
    public CompletableFuture<CopyResult> move(SequenceSet set, MailboxName mailbox) {
        return ops.move(set, mailbox).future();
    }

    /**
     * Sends IDLE (RFC 2177) without waiting for the server, as {@link ImapClient#idle()} does; changes go to the
     * {@link MailboxListener}.
     *
     * @return the IDLE: {@link Idle#started()} completes when the server accepted it; end it with {@link Idle#done()}
     * @throws ImapCapabilityException if the server does not offer IDLE (nothing is sent)
     */
    public Idle idle() {
        return sync.idle();
    }

    /**
     * {@code GETQUOTA} (RFC 9208).
     *
     * @param root a quota root
     * @return a future completing with its usage and limits
     */
    public CompletableFuture<List<Untagged.Quota>> getQuota(String root) {
        return ops.getQuota(root).future();
    }

    /**
     * {@code STARTTLS} on a plain connection, then the capabilities are read again (see {@link ImapClient#startTls()}).
     *
     * @return a future completing when the connection is encrypted
     */
    public CompletableFuture<Void> startTls() {
        return ops.startTls().future();
    }

    /**
     * Authenticates with the strongest mechanism both sides have (see {@link ImapClient#authenticate(String, Secret)}).
     *
     * @param user     the user
     * @param password the password
     * @return a future completing when authenticated, or exceptionally with an
     *         {@link org.imap4j.codec.ImapAuthenticationException}
     */
    public CompletableFuture<Void> authenticate(String user, Secret password) {
        return ops.authenticate(user, password).future();
    }

    /**
     * OAuth 2.0 authentication with a token asked for now (see
     * {@link ImapClient#authenticate(String, org.imap4j.client.oauth.TokenSource)}).
     *
     * @param user   the mailbox user
     * @param tokens where tokens come from
     * @return a future of the mechanism used and whether a refreshed token was needed, or failing with an
     *         {@link org.imap4j.client.auth.AuthFailureException}
     */
    public CompletableFuture<org.imap4j.client.oauth.OAuth2Login> authenticate(
            String user, org.imap4j.client.oauth.TokenSource tokens) {
        return ops.authenticate(user, tokens).future();
    }

    /**
     * {@code APPEND} with an internal date.
     *
     * @param mailbox      the destination
     * @param message      the message (RFC 5322 bytes)
     * @param internalDate its internal date, or {@code null} for the server's now
     * @param flags        its flags
     * @return a future completing with the new UID under UIDPLUS
     */
    public CompletableFuture<AppendResult> append(MailboxName mailbox, Bytes message,
            java.time.OffsetDateTime internalDate, Flag... flags) {
        return ops.append(mailbox, message, internalDate, flags).future();
    }

    /**
     * {@code GETQUOTAROOT} (RFC 9208).
     *
     * @param mailbox a mailbox
     * @return a future completing with its quota roots and their quotas
     */
    public CompletableFuture<QuotaRootResult> getQuotaRoot(MailboxName mailbox) {
        return ops.getQuotaRoot(mailbox).future();
    }

    /**
     * @param mailbox a mailbox
     * @return a future completing with {@code GETACL} (RFC 4314): who has which rights on it
     */
    public CompletableFuture<List<org.imap4j.codec.response.AclEntry>> getAcl(MailboxName mailbox) {
        return ops.getAcl(mailbox).future();
    }

    /**
     * @param mailbox a mailbox
     * @return a future completing with {@code MYRIGHTS} (RFC 4314): the user's rights letters
     */
    public CompletableFuture<String> myRights(MailboxName mailbox) {
        return ops.myRights(mailbox).future();
    }

    /**
     * @param mailbox a mailbox, or {@code MailboxName.of("")} for the server's own entries
     * @param entries entry names such as {@code /shared/comment}
     * @return a future completing with {@code GETMETADATA} (RFC 5464): the entries that have values
     */
    public CompletableFuture<List<org.imap4j.codec.core.MetadataEntry>> getMetadata(MailboxName mailbox,
            String... entries) {
        return ops.getMetadata(mailbox, entries).future();
    }

    /**
     * @param mailbox a mailbox, or {@code MailboxName.of("")} for the server's own entries
     * @param entries the entries to set (a {@code null} value removes one)
     * @return a future completing when {@code SETMETADATA} (RFC 5464) succeeded
     */
    public CompletableFuture<Void> setMetadata(MailboxName mailbox, org.imap4j.codec.core.MetadataEntry... entries) {
        return ops.setMetadata(mailbox, entries).future();
    }

    /**
     * @param command an extension command built from typed arguments (the escape hatch)
     * @return a future completing with its collected responses and tagged OK
     */
    public CompletableFuture<RawResult> raw(Command.Extension command) {
        return ops.raw(command).future();
    }

    /**
     * {@code COMPRESS DEFLATE} (RFC 4978), unless compression is already on.
     *
     * @return a future completing when compression is on, or exceptionally with {@link ImapCapabilityException}
     *         when the server does not offer COMPRESS=DEFLATE
     */
    public CompletableFuture<Void> compress() {
        return ops.compress().future();
    }
    // ---------------------------------------------------------------- streaming both ways (pulled FETCH, APPEND from a stream)

    /**
     * FETCH whose results are pulled as they arrive (see {@link ImapClient#fetchStream}); the caller's thread pulls,
     * and the connection stops reading while it lags behind.
     *
     * @param set        the messages (UIDs unless by sequence)
     * @param progress   each body's bytes read so far / its size
     * @param attributes the items
     * @return the stream (close it: it reads what is left of the command)
     */
    public FetchStream fetchStream(SequenceSet set, ProgressListener progress, FetchAttribute... attributes) {
        return ops.fetchStream(set, progress, attributes);
    }

    /**
     * Appends a message read from a stream of known size without holding it (see
     * {@link ImapClient#append(MailboxName, java.io.InputStream, long, ProgressListener, Flag...)}); on NIO the
     * stream is read on the connection's I/O thread as the socket takes the bytes, so give a stream that does not
     * block for long (a file, not a socket).
     *
     * @param mailbox  the destination
     * @param in       the message (left open)
     * @param size     its exact size
     * @param progress bytes sent so far / size
     * @param flags    its flags
     * @return a future completing with the new UID under UIDPLUS, or exceptionally with
     *         {@link org.imap4j.session.LiteralSourceException} (the connection is then closed)
     */
    public CompletableFuture<AppendResult> append(MailboxName mailbox, java.io.InputStream in, long size,
            ProgressListener progress, Flag... flags) {
        return ops.append(mailbox, in, size, progress, flags).future();
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
     * @return a future completing with the items asked for (UIDs unless {@link #bySequence()})
     */
    public CompletableFuture<ESearchResult> search(SearchKey key, Command.SearchReturn... options) {
        return ops.search(key, options).future();
    }

    /**
     * One page of the matches of a SEARCH (PARTIAL, RFC 9394): {@code PartialRange.first(100)} for the 100 lowest,
     * {@code PartialRange.last(100)} for the 100 highest, {@code new PartialRange(101, 200)} for the next page.
     * Refused with {@link ImapCapabilityException} when the server lacks PARTIAL.
     *
     * @param key     the criteria
     * @param page    the page
     * @param options other items ({@code COUNT} gives the total)
     * @return a future completing with the page ({@link ESearchResult#pageSet()}) and the other items
     */
    public CompletableFuture<ESearchResult> searchPage(SearchKey key, org.imap4j.codec.core.PartialRange page,
            Command.SearchReturn... options) {
        return ops.searchPage(key, page, options).future();
    }

    /**
     * SORT with return options (ESORT, RFC 5267): {@code ALL} in sorted order, {@code MIN}, {@code MAX} (see
     * {@link ESearchResult} on how servers differ) and {@code COUNT}. Refused with {@link ImapCapabilityException}
     * without ESORT.
     *
     * @param criteria the sort criteria
     * @param key      the search criteria
     * @param options  what to return; none means {@code ALL}
     * @return a future completing with the items asked for
     */
    public CompletableFuture<ESearchResult> sort(List<Command.SortCriterion> criteria, SearchKey key,
            Command.SearchReturn... options) {
        return ops.sort(criteria, key, options).future();
    }

    /**
     * One page of a sorted result (ESORT with PARTIAL, RFC 5267 and RFC 9394), in sorted order. Refused with
     * {@link ImapCapabilityException} without ESORT or PARTIAL.
     *
     * @param criteria the sort criteria
     * @param key      the search criteria
     * @param page     the page of the sorted matches
     * @param options  other items
     * @return a future completing with the page and the other items
     */
    public CompletableFuture<ESearchResult> sortPage(List<Command.SortCriterion> criteria, SearchKey key,
            org.imap4j.codec.core.PartialRange page, Command.SearchReturn... options) {
        return ops.sortPage(criteria, key, page, options).future();
    }

    /**
     * UID FETCH by UIDs, whatever {@link #bySequence()} says, with the results keyed by UID (the {@code fetchUID} of
     * other libraries). {@link SequenceSet#lastResult()} fetches a result saved with {@code SAVE}.
     *
     * @param uids       the UIDs
     * @param attributes the items
     * @return a future completing with UID → its items
     */
    public CompletableFuture<FetchResults> fetchUid(SequenceSet uids, FetchAttribute... attributes) {
        return ops.fetchUid(uids, attributes).future();
    }

    /**
     * FETCH of one page of the messages in a set (PARTIAL modifier, RFC 9394 section 3.2), e.g. the 30 with the
     * highest UIDs with {@code PartialRange.last(30)}. Refused with {@link ImapCapabilityException} without PARTIAL.
     *
     * @param set        the messages (UIDs unless {@link #bySequence()})
     * @param page       which of them
     * @param attributes the items
     * @return a future completing with message → its items
     */
    public CompletableFuture<FetchResults> fetchPage(SequenceSet set, org.imap4j.codec.core.PartialRange page,
            FetchAttribute... attributes) {
        return ops.fetchPage(set, page, attributes).future();
    }

    /**
     * What changed since a known mod-sequence among known UIDs: {@code UID FETCH uids items (CHANGEDSINCE m VANISHED)}
     * (QRESYNC, RFC 7162 section 3.2.6), the expunged UIDs ({@code VANISHED (EARLIER)}) and the changed messages.
     * Refused with {@link ImapCapabilityException} unless QRESYNC is offered and enabled (enable it before SELECT).
     *
     * @param uids         the UIDs the caller knows
     * @param changedSince the mod-sequence the caller knows
     * @param attributes   the items (UID and MODSEQ come too)
     * @return a future completing with the vanished UIDs and the changed messages
     */
    public CompletableFuture<MessageChanges> fetchChanges(SequenceSet uids, long changedSince,
            FetchAttribute... attributes) {
        return ops.fetchChanges(uids, changedSince, attributes).future();
    }

    /**
     * SETQUOTA (RFC 9208 section 4.3.3): sets a quota root's limits. Refused with {@link ImapCapabilityException}
     * without QUOTA; servers commonly allow it to administrators only and answer others NO.
     *
     * @param root   the quota root
     * @param limits the new limits (STORAGE in units of 1024 octets); none removes them
     * @return a future completing with the QUOTA responses the server sent with it (empty when it sends none, as
     *     Cyrus 3.6 does: ask with {@link #getQuota})
     */
    public CompletableFuture<List<Untagged.Quota>> setQuota(String root, Command.QuotaLimit... limits) {
        return ops.setQuota(root, limits).future();
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
     * Appends a message the server assembles (CATENATE, RFC 4469); see {@link ImapClient#catenate}.
     *
     * @param mailbox      the destination
     * @param flags        its flags (empty for none)
     * @param internalDate its internal date, or {@code null} for now
     * @param parts        its parts in order (at least one); binary text parts need BINARY too
     * @return a future completing with the new UID under UIDPLUS, or exceptionally with
     *     {@link ImapCapabilityException} (nothing sent) or {@link org.imap4j.codec.ImapCommandException}
     *     ({@code BADURL})
     */
    public CompletableFuture<AppendResult> catenate(MailboxName mailbox, List<Flag> flags,
            java.time.OffsetDateTime internalDate, List<Command.CatenatePart> parts) {
        return ops.catenate(mailbox, flags, internalDate, parts).future();
    }

    /**
     * {@code GENURLAUTH} (URLAUTH, RFC 4467); see {@link ImapClient#genUrlAuth}.
     *
     * @param requests the URL rumps with their mechanisms, at least one
     * @return a future completing with the authorized URLs, or exceptionally with {@link ImapCapabilityException}
     */
    public CompletableFuture<List<String>> genUrlAuth(List<Command.UrlAuthRequest> requests) {
        return ops.genUrlAuth(requests).future();
    }

    /**
     * {@code URLFETCH} (URLAUTH, RFC 4467); see {@link ImapClient#urlFetch}.
     *
     * @param urls the URLs, at least one
     * @return a future completing with each URL and its octets ({@code null} where unresolved), or exceptionally
     *     with {@link ImapCapabilityException}
     */
    public CompletableFuture<List<Untagged.UrlData>> urlFetch(List<String> urls) {
        return ops.urlFetch(urls).future();
    }

    /**
     * {@code RESETKEY} (URLAUTH, RFC 4467); see {@link ImapClient#resetKey}.
     *
     * @param mailbox    the mailbox whose keys to reset, or {@code null} for every mailbox
     * @param mechanisms the mechanisms to reset (none: all); only with a mailbox
     * @return a future completing when the keys are reset, or exceptionally with {@link ImapCapabilityException}
     */
    public CompletableFuture<Void> resetKey(MailboxName mailbox, String... mechanisms) {
        return ops.resetKey(mailbox, mechanisms).future();
    }

    /**
     * @return the server's greeting as received ({@code * OK} or {@code * PREAUTH}, with its response code and
     *     text); see {@link ImapClient#greeting()}
     */
    public Untagged.StatusResponse greeting() {
        return session.transport().greeting();
    }

    /**
     * {@code ENABLE UIDONLY} (RFC 9586), opt-in; see {@link ImapClient#enableUidOnly()}.
     *
     * @return a future completing with whether the server enabled it, or exceptionally with
     *     {@link ImapCapabilityException} (nothing sent)
     */
    public CompletableFuture<Boolean> enableUidOnly() {
        return ops.enableUidOnly().future();
    }

    /** @return whether UIDONLY (RFC 9586) is enabled: then only UID operations are allowed */
    public boolean isUidOnly() {
        return ops.isUidOnly();
    }

    /**
     * The same client (same connection, same addressing) with the INPROGRESS reports (RFC 9585) of its commands
     * delivered: see {@link ImapOperations#withProgress(ProgressListener)}.
     *
     * <pre>{@code
     * client.withProgress((done, goal) -> System.out.println(done + "/" + goal))
     *         .search(SearchKey.body("invoice")).thenAccept(r -> ...);
     * }</pre>
     *
     * @param listener receives the progress of each command sent through the returned view
     * @return the view
     */
    public AsyncImapClient withProgress(ProgressListener listener) {
        return new AsyncImapClient(session, sync.withProgress(listener));
    }

    // ---------------------------------------------------------------- CONTEXT=SEARCH (RFC 5267), UIDBATCHES (RFC 10022)

    /**
     * A search the server keeps up to date (CONTEXT=SEARCH, RFC 5267); see {@link ImapClient#liveSearch}.
     *
     * @param key      the criteria
     * @param listener told of each update on the delivery executor, or {@link LiveSearch.Listener#NONE}
     * @return a future completing with the live search, or exceptionally with {@link ImapCapabilityException}
     *     (nothing sent) when the server lacks CONTEXT=SEARCH
     */
    public CompletableFuture<LiveSearch> liveSearch(SearchKey key, LiveSearch.Listener listener) {
        return ops.liveSearch(key, listener).future();
    }

    /**
     * {@code UIDBATCHES size} (RFC 10022); see {@link ImapClient#uidBatches(long)}.
     *
     * @param size messages per batch
     * @return a future completing with each batch's UID range, newest first, or exceptionally with
     *     {@link ImapCapabilityException} (nothing sent) when the server lacks UIDBATCHES
     */
    public CompletableFuture<List<SequenceSet.Range>> uidBatches(long size) {
        return ops.uidBatches(size).future();
    }

    /**
     * LIST with each mailbox's METADATA entries (LIST-METADATA, RFC 9590); see
     * {@link ImapClient#listWithMetadata(String, String, String...)}.
     *
     * @param reference the reference
     * @param pattern   the pattern
     * @param entries   the entry names, at least one
     * @return a future completing with the mailboxes and their metadata, or exceptionally with
     *     {@link ImapCapabilityException} (nothing sent) when the server lacks LIST-METADATA
     */
    public CompletableFuture<List<ListEntry>> listWithMetadata(String reference, String pattern, String... entries) {
        return ops.listWithMetadata(reference, pattern, entries).future();
    }
}
