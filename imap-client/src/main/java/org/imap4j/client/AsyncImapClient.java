package org.imap4j.client;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.imap4j.client.internal.FetchOp;
import org.imap4j.client.internal.Op;
import org.imap4j.client.internal.Ops;
import org.imap4j.client.internal.Sequencer;
import org.imap4j.client.internal.Session;
import org.imap4j.client.internal.SinkFetchOp;
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
 * {@link CompletableFuture}. Over the NIO transport (the usual choice) one-command operations are truly asynchronous
 * and pipelined where RFC 9051 section 5.5 allows: independent UID commands go out together, while SELECT, EXPUNGE,
 * MOVE, NOOP and other commands that change the selection or renumber messages wait for what precedes them and hold
 * back what follows (the internal Sequencer); operations made of several commands (MOVE emulation, LIST without
 * LIST-STATUS, appends without MULTIAPPEND, LOGIN followed by CAPABILITY) and everything over the blocking transport
 * run on a small shared pool of daemon threads. Futures complete on the transport's callback executor, never on a selector
 * thread unless the configuration asks.
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
    private final boolean nio;
    private final boolean uid;

    private AsyncImapClient(Session session, boolean uid) {
        this.session = session;
        this.uid = uid;
        this.sync = new ImapClient(session, uid);
        this.nio = session.config().transport() == ImapClientConfig.Transport.NIO;
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
        return Session.open(config).thenApply(s -> new AsyncImapClient(s, true));
    }

    /**
     * @return a view of this client on the same connection that addresses messages by sequence number instead of UID
     */
    public AsyncImapClient bySequence() {
        return new AsyncImapClient(session, false);
    }

    /**
     * @return the blocking view of the same connection, addressing messages the same way as this view
     */
    public ImapClient blocking() {
        return sync;
    }

    private <T> CompletableFuture<T> op(Op<T> op) {
        if (!nio) {
            return composite(() -> session.execute(op));
        }
        return session.sequencer().run(Sequencer.isBarrier(op.command()), Sequencer.group(op.command()),
                () -> session.submit(op));
    }

    private <T> CompletableFuture<T> composite(Supplier<T> work) {
        return session.sequencer().run(true, () -> CompletableFuture.supplyAsync(work, Pool.EXECUTOR));
    }

    /** Threads for operations of several commands; daemons that retire when idle. */
    private static final class Pool {
        static final Executor EXECUTOR = create();

        private static Executor create() {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor p = new ThreadPoolExecutor(8, 8, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    r -> {
                        Thread t = new Thread(r, "imap4j-async-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            p.allowCoreThreadTimeOut(true);
            return p;
        }
    }

    // ---------------------------------------------------------------- operations

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
        return op(Ops.capability(session));
    }

    /**
     * {@code NOOP}: lets the server report changes (to the {@link MailboxListener}).
     *
     * @return a future completing when the server has answered OK
     */
    public CompletableFuture<Void> noop() {
        return op(Ops.plain(session, new Command.Noop()));
    }

    /**
     * {@code LOGOUT}; the connection closes once the command has completed, whether it succeeded or not.
     *
     * @return a future completing when the server has answered
     */
    public CompletableFuture<Void> logout() {
        return op(Ops.plain(session, new Command.Logout())).whenComplete((v, e) -> session.transport().close());
    }

    /** Closes the connection without LOGOUT. */
    @Override
    public void close() {
        session.transport().close();
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
        return composite(() -> {
            sync.login(user, password);
            return null;
        });
    }

    /**
     * {@code AUTHENTICATE} with a SASL mechanism (see {@link ImapClient#authenticate(SaslMechanism)}).
     *
     * @param mechanism the mechanism with its credentials, e.g. from {@link org.imap4j.client.auth.Sasl}
     * @return a future completing when authenticated, or exceptionally with an
     *         {@link org.imap4j.codec.ImapAuthenticationException}
     */
    public CompletableFuture<Void> authenticate(org.imap4j.client.auth.SaslMechanism mechanism) {
        return composite(() -> {
            sync.authenticate(mechanism);
            return null;
        });
    }

    /**
     * {@code NAMESPACE} (RFC 2342).
     *
     * @return a future completing with the server's personal, other users' and shared namespaces
     */
    public CompletableFuture<Untagged.Namespace> namespace() {
        return op(Ops.namespace(session));
    }

    /**
     * {@code ID} (RFC 2971).
     *
     * @param fields the client's identification (may be empty: {@code ID NIL})
     * @return a future completing with the server's identification
     */
    public CompletableFuture<Untagged.Id> id(List<Command.IdField> fields) {
        return op(Ops.id(session, new Command.Id(fields)));
    }

    /**
     * {@code ENABLE} (RFC 5161).
     *
     * @param capabilities the extensions to enable, e.g. {@code "QRESYNC"}, {@code "UTF8=ACCEPT"}
     * @return a future completing with what the server enabled
     */
    public CompletableFuture<List<Capability>> enable(String... capabilities) {
        return op(Ops.enable(session, new Command.Enable(List.of(capabilities))));
    }

    /**
     * {@code SELECT} (RFC 9051 section 6.3.2).
     *
     * @param mailbox the mailbox to open read-write
     * @return a future completing with the mailbox's state (counts, flags, UIDVALIDITY, ...)
     */
    public CompletableFuture<SelectResult> select(MailboxName mailbox) {
        return op(Ops.select(session, Command.Select.of(mailbox), mailbox));
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
        return composite(() -> sync.select(mailbox, condstore, qresync));
    }

    /**
     * {@code EXAMINE}: opens a mailbox read-only (RFC 9051 section 6.3.3).
     *
     * @param mailbox the mailbox
     * @return a future completing with the mailbox's state
     */
    public CompletableFuture<SelectResult> examine(MailboxName mailbox) {
        return op(Ops.select(session, Command.Examine.of(mailbox), mailbox));
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
        return op(Ops.plain(session, new Command.Create(mailbox, List.of(specialUse))));
    }

    /**
     * {@code DELETE} (RFC 9051 section 6.3.5).
     *
     * @param mailbox the mailbox to delete
     * @return a future completing when the mailbox is gone
     */
    public CompletableFuture<Void> delete(MailboxName mailbox) {
        return op(Ops.plain(session, new Command.Delete(mailbox)));
    }

    /**
     * {@code RENAME} (RFC 9051 section 6.3.6).
     *
     * @param from the current name
     * @param to   the new name
     * @return a future completing when the mailbox is renamed
     */
    public CompletableFuture<Void> rename(MailboxName from, MailboxName to) {
        return op(Ops.plain(session, new Command.Rename(from, to)));
    }

    /**
     * {@code SUBSCRIBE} (RFC 9051 section 6.3.7).
     *
     * @param mailbox the mailbox to subscribe to
     * @return a future completing when subscribed
     */
    public CompletableFuture<Void> subscribe(MailboxName mailbox) {
        return op(Ops.plain(session, new Command.Subscribe(mailbox)));
    }

    /**
     * {@code UNSUBSCRIBE} (RFC 9051 section 6.3.8).
     *
     * @param mailbox the mailbox to unsubscribe from
     * @return a future completing when unsubscribed
     */
    public CompletableFuture<Void> unsubscribe(MailboxName mailbox) {
        return op(Ops.plain(session, new Command.Unsubscribe(mailbox)));
    }

    /**
     * {@code LIST reference pattern} (RFC 9051 section 6.3.9).
     *
     * @param reference the reference ({@code ""} for the root)
     * @param pattern   the pattern, with {@code *} and {@code %} wildcards
     * @return a future completing with the matching mailboxes
     */
    public CompletableFuture<List<ListEntry>> list(String reference, String pattern) {
        return op(Ops.list(session, Command.ListMailboxes.of(reference, pattern)));
    }

    /**
     * The mailboxes with a special use (see {@link ImapClient#listSpecialUse()}).
     *
     * @return a future completing with the mailboxes and their attributes
     */
    public CompletableFuture<List<ListEntry>> listSpecialUse() {
        return composite(sync::listSpecialUse);
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
        return composite(() -> sync.listWithStatus(reference, pattern, attributes));
    }

    /**
     * {@code LSUB} (RFC 3501 section 6.3.9).
     *
     * @param reference the reference
     * @param pattern   the pattern
     * @return a future completing with the subscribed mailboxes that match
     */
    public CompletableFuture<List<ListEntry>> lsub(String reference, String pattern) {
        return op(Ops.list(session, new Command.Lsub(MailboxName.of(reference), pattern)));
    }

    /**
     * {@code STATUS}, asking only for the items the server offers (see {@link ImapClient#status}).
     *
     * @param mailbox    a mailbox (not the selected one, by RFC 9051's advice)
     * @param attributes what to ask for (at least one)
     * @return a future completing with its status; the items left out are in {@link StatusResult#omitted()}
     */
    public CompletableFuture<StatusResult> status(MailboxName mailbox, StatusAttribute... attributes) {
        return op(Ops.status(session, mailbox, List.of(attributes)));
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
     * Appends several messages: one MULTIAPPEND command (RFC 3502) when offered, so they arrive all or none; else one
     * APPEND each.
     *
     * @param mailbox  the destination
     * @param messages the messages
     * @return a future completing with the new UIDs under UIDPLUS
     */
    public CompletableFuture<AppendResult> appendAll(MailboxName mailbox, List<Command.AppendMessage> messages) {
        return composite(() -> sync.appendAll(mailbox, messages));
    }

    /**
     * {@code CHECK}.
     *
     * @return a future completing when the server has answered OK
     */
    public CompletableFuture<Void> check() {
        return op(Ops.plain(session, new Command.Check()));
    }

    /**
     * {@code CLOSE}: expunges \Deleted messages and leaves the selected state.
     *
     * @return a future completing when no mailbox is selected
     */
    public CompletableFuture<Void> closeMailbox() {
        return op(Ops.plain(session, new Command.Close()));
    }

    /**
     * {@code UNSELECT} (RFC 3691), or its emulation without the extension (see {@link ImapClient#unselect()}).
     *
     * @return a future completing when no mailbox is selected; nothing was expunged
     */
    public CompletableFuture<Void> unselect() {
        return composite(() -> {
            sync.unselect();
            return null;
        });
    }

    /**
     * {@code EXPUNGE}: removes the \Deleted messages of the selected mailbox.
     *
     * @return a future completing with the sequence numbers expunged, or the UIDs if reported as VANISHED
     */
    public CompletableFuture<List<Long>> expunge() {
        return op(Ops.expunge(session, new Command.Expunge()));
    }

    /**
     * {@code UID EXPUNGE} (RFC 4315): expunges only these \Deleted messages.
     *
     * @param uids the UIDs
     * @return a future completing with what was reported expunged
     */
    public CompletableFuture<List<Long>> expunge(SequenceSet uids) {
        return composite(() -> sync.expunge(uids));
    }

    /**
     * {@code SEARCH}; ESEARCH's compact answer when offered.
     *
     * @param key the criteria (see {@link SearchKey}'s factories)
     * @return a future completing with the matches (UIDs unless {@link #bySequence()})
     */
    public CompletableFuture<SearchResult> search(SearchKey key) {
        return op(Ops.search(session, Requests.search(key, uid, session.has(Capability.Known.ESEARCH))));
    }

    /**
     * {@code SORT} (RFC 5256).
     *
     * @param criteria the sort criteria
     * @param key      the search criteria
     * @return a future completing with the matching messages in sorted order
     */
    public CompletableFuture<List<Long>> sort(List<Command.SortCriterion> criteria, SearchKey key) {
        return composite(() -> sync.sort(criteria, key));
    }

    /**
     * {@code THREAD} (RFC 5256).
     *
     * @param algorithm {@code REFERENCES} or {@code ORDEREDSUBJECT}
     * @param key       the search criteria
     * @return a future completing with the threads
     */
    public CompletableFuture<List<MessageThread>> thread(String algorithm, SearchKey key) {
        return composite(() -> sync.thread(algorithm, key));
    }

    /**
     * {@code FETCH} any items.
     *
     * @param set        the messages (UIDs unless {@link #bySequence()})
     * @param attributes the items
     * @return a future completing with message (UID, or sequence number) → its items
     */
    public CompletableFuture<FetchResults> fetch(SequenceSet set, FetchAttribute... attributes) {
        return op(new FetchOp(session, Requests.fetch(set, uid, null, attributes), null, null));
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
        return op(new FetchOp(session, Requests.fetch(set, uid, changedSince, attributes), null, null));
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
        return op(new FetchOp(session, Requests.fetch(SequenceSet.of(message), uid, null,
                Requests.section(section, true, null, null)), out, progress)).thenApply(m -> m.get(message));
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
        return op(new SinkFetchOp(session, Requests.fetch(set, uid, null, FetchAttribute.Item.UID,
                Requests.section(section, true, null, null)), sink));
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
        return op(Ops.store(session, Requests.store(set, mode, silent, unchangedSince, uid, flags)));
    }

    /**
     * Gmail's ids and labels (see {@link ImapClient#fetchGmail}).
     *
     * @param set the messages
     * @return a future completing with message → its items, or failed with {@link ImapCapabilityException} (nothing
     *         sent) when the server lacks X-GM-EXT-1
     */
    public CompletableFuture<FetchResults> fetchGmail(SequenceSet set) {
        if (!session.has(Capability.Known.X_GM_EXT_1)) {
            return CompletableFuture.failedFuture(new ImapCapabilityException(
                    "fetchGmail needs the X-GM-EXT-1 capability, which the server lacks"));
        }
        return fetch(set, FetchAttribute.Item.X_GM_MSGID, FetchAttribute.Item.X_GM_THRID,
                FetchAttribute.Item.X_GM_LABELS);
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
        if (!session.has(Capability.Known.X_GM_EXT_1)) {
            return CompletableFuture.failedFuture(new ImapCapabilityException(
                    "storeGmailLabels needs the X-GM-EXT-1 capability, which the server lacks"));
        }
        return op(Ops.storeGmailLabels(session, new Command.StoreGmailLabels(set, mode, false, List.of(labels), uid)));
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
        return op(Ops.copy(session, new Command.Copy(set, mailbox, uid)));
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
        return composite(() -> sync.move(set, mailbox));
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
        return op(Ops.quota(session, new Command.GetQuota(root))).thenApply(QuotaRootResult::quotas);
    }

    /**
     * {@code STARTTLS} on a plain connection, then the capabilities are read again (see {@link ImapClient#startTls()}).
     *
     * @return a future completing when the connection is encrypted
     */
    public CompletableFuture<Void> startTls() {
        return composite(() -> {
            sync.startTls();
            return null;
        });
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
        return composite(() -> {
            sync.authenticate(user, password);
            return null;
        });
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
        return op(Ops.append(session, Requests.append(mailbox, message, internalDate, flags)));
    }

    /**
     * {@code GETQUOTAROOT} (RFC 9208).
     *
     * @param mailbox a mailbox
     * @return a future completing with its quota roots and their quotas
     */
    public CompletableFuture<QuotaRootResult> getQuotaRoot(MailboxName mailbox) {
        return op(Ops.quota(session, new Command.GetQuotaRoot(mailbox)));
    }

    /**
     * {@code COMPRESS DEFLATE} (RFC 4978), unless compression is already on.
     *
     * @return a future completing when compression is on, or exceptionally with {@link ImapCapabilityException}
     *         when the server does not offer COMPRESS=DEFLATE
     */
    public CompletableFuture<Void> compress() {
        return composite(() -> {
            sync.compress();
            return null;
        });
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
        return org.imap4j.client.internal.PullFetchOp.start(session, Requests.fetch(set, uid, null, attributes),
                progress);
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
        return op(new org.imap4j.client.internal.StreamAppendOp(session, mailbox, in, size, null, progress, flags));
    }
}
