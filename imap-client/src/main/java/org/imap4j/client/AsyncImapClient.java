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
 * back what follows (the internal Sequencer); operations made of several commands (MOVE emulation, LIST without LIST-STATUS,
 * appends without MULTIAPPEND, LOGIN followed by CAPABILITY) and everything over the blocking transport run on a
 * small shared pool of daemon threads. Futures complete on the transport's callback executor, never on a selector
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
     * @param config the configuration
     * @return the connected client
     */
    public static CompletableFuture<AsyncImapClient> connect(ImapClientConfig config) {
        return Session.open(config).thenApply(s -> new AsyncImapClient(s, true));
    }

    /** @return a view addressing messages by sequence number instead of UID */
    public AsyncImapClient bySequence() {
        return new AsyncImapClient(session, false);
    }

    /** @return the blocking view of the same connection */
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

    /** @return the capabilities as last announced */
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

    /** @return CAPABILITY */
    public CompletableFuture<List<Capability>> refreshCapabilities() {
        return op(Ops.capability(session));
    }

    /** @return NOOP */
    public CompletableFuture<Void> noop() {
        return op(Ops.plain(session, new Command.Noop()));
    }

    /** @return LOGOUT, then the connection closes */
    public CompletableFuture<Void> logout() {
        return op(Ops.plain(session, new Command.Logout())).whenComplete((v, e) -> session.transport().close());
    }

    /** Closes the connection without LOGOUT. */
    @Override
    public void close() {
        session.transport().close();
    }

    /**
     * @param user     user
     * @param password password
     * @return LOGIN (see {@link ImapClient#login(String, Secret)})
     */
    public CompletableFuture<Void> login(String user, Secret password) {
        return composite(() -> {
            sync.login(user, password);
            return null;
        });
    }

    /**
     * @param mechanism SASL mechanism
     * @return AUTHENTICATE (see {@link ImapClient#authenticate(SaslMechanism)})
     */
    public CompletableFuture<Void> authenticate(org.imap4j.client.auth.SaslMechanism mechanism) {
        return composite(() -> {
            sync.authenticate(mechanism);
            return null;
        });
    }

    /** @return NAMESPACE */
    public CompletableFuture<Untagged.Namespace> namespace() {
        return op(Ops.namespace(session));
    }

    /**
     * @param fields client ID
     * @return the server's ID
     */
    public CompletableFuture<Untagged.Id> id(List<Command.IdField> fields) {
        return op(Ops.id(session, new Command.Id(fields)));
    }

    /**
     * @param capabilities to enable
     * @return what was enabled
     */
    public CompletableFuture<List<Capability>> enable(String... capabilities) {
        return op(Ops.enable(session, new Command.Enable(List.of(capabilities))));
    }

    /**
     * @param mailbox mailbox
     * @return SELECT
     */
    public CompletableFuture<SelectResult> select(MailboxName mailbox) {
        return op(Ops.select(session, Command.Select.of(mailbox), mailbox));
    }

    /**
     * @param mailbox   mailbox
     * @param condstore CONDSTORE parameter
     * @param qresync   QRESYNC state or null
     * @return SELECT with CONDSTORE/QRESYNC
     */
    public CompletableFuture<SelectResult> select(MailboxName mailbox, boolean condstore, Command.Qresync qresync) {
        return composite(() -> sync.select(mailbox, condstore, qresync));
    }

    /**
     * @param mailbox mailbox
     * @return EXAMINE
     */
    public CompletableFuture<SelectResult> examine(MailboxName mailbox) {
        return op(Ops.select(session, Command.Examine.of(mailbox), mailbox));
    }

    /**
     * @param mailbox    mailbox
     * @param specialUse uses
     * @return CREATE
     */
    public CompletableFuture<Void> create(MailboxName mailbox, String... specialUse) {
        return op(Ops.plain(session, new Command.Create(mailbox, List.of(specialUse))));
    }

    /**
     * @param mailbox mailbox
     * @return DELETE
     */
    public CompletableFuture<Void> delete(MailboxName mailbox) {
        return op(Ops.plain(session, new Command.Delete(mailbox)));
    }

    /**
     * @param from old
     * @param to   new
     * @return RENAME
     */
    public CompletableFuture<Void> rename(MailboxName from, MailboxName to) {
        return op(Ops.plain(session, new Command.Rename(from, to)));
    }

    /**
     * @param mailbox mailbox
     * @return SUBSCRIBE
     */
    public CompletableFuture<Void> subscribe(MailboxName mailbox) {
        return op(Ops.plain(session, new Command.Subscribe(mailbox)));
    }

    /**
     * @param mailbox mailbox
     * @return UNSUBSCRIBE
     */
    public CompletableFuture<Void> unsubscribe(MailboxName mailbox) {
        return op(Ops.plain(session, new Command.Unsubscribe(mailbox)));
    }

    /**
     * @param reference reference
     * @param pattern   pattern
     * @return LIST
     */
    public CompletableFuture<List<ListEntry>> list(String reference, String pattern) {
        return op(Ops.list(session, Command.ListMailboxes.of(reference, pattern)));
    }

    /** @return mailboxes with special uses (see {@link ImapClient#listSpecialUse()}) */
    public CompletableFuture<List<ListEntry>> listSpecialUse() {
        return composite(sync::listSpecialUse);
    }

    /**
     * @param reference  reference
     * @param pattern    pattern
     * @param attributes STATUS items
     * @return LIST with status (see {@link ImapClient#listWithStatus})
     */
    public CompletableFuture<List<ListEntry>> listWithStatus(String reference, String pattern,
            StatusAttribute... attributes) {
        return composite(() -> sync.listWithStatus(reference, pattern, attributes));
    }

    /**
     * @param reference reference
     * @param pattern   pattern
     * @return LSUB
     */
    public CompletableFuture<List<ListEntry>> lsub(String reference, String pattern) {
        return op(Ops.list(session, new Command.Lsub(MailboxName.of(reference), pattern)));
    }

    /**
     * @param mailbox    mailbox
     * @param attributes items; only those the server offers are sent (see {@link ImapClient#status})
     * @return STATUS, with the items left out in {@link StatusResult#omitted()}
     */
    public CompletableFuture<StatusResult> status(MailboxName mailbox, StatusAttribute... attributes) {
        return op(Ops.status(session, mailbox, List.of(attributes)));
    }

    /**
     * @param mailbox destination
     * @param message bytes
     * @param flags   flags
     * @return APPEND
     */
    public CompletableFuture<AppendResult> append(MailboxName mailbox, Bytes message, Flag... flags) {
        return append(mailbox, message, null, flags);
    }

    /**
     * @param mailbox  destination
     * @param messages messages
     * @return MULTIAPPEND or APPENDs
     */
    public CompletableFuture<AppendResult> appendAll(MailboxName mailbox, List<Command.AppendMessage> messages) {
        return composite(() -> sync.appendAll(mailbox, messages));
    }

    /** @return CHECK */
    public CompletableFuture<Void> check() {
        return op(Ops.plain(session, new Command.Check()));
    }

    /** @return CLOSE */
    public CompletableFuture<Void> closeMailbox() {
        return op(Ops.plain(session, new Command.Close()));
    }

    /** @return UNSELECT or its emulation */
    public CompletableFuture<Void> unselect() {
        return composite(() -> {
            sync.unselect();
            return null;
        });
    }

    /** @return EXPUNGE */
    public CompletableFuture<List<Long>> expunge() {
        return op(Ops.expunge(session, new Command.Expunge()));
    }

    /**
     * @param uids UIDs
     * @return UID EXPUNGE
     */
    public CompletableFuture<List<Long>> expunge(SequenceSet uids) {
        return composite(() -> sync.expunge(uids));
    }

    /**
     * @param key criteria
     * @return SEARCH (ESEARCH when offered)
     */
    public CompletableFuture<SearchResult> search(SearchKey key) {
        return op(Ops.search(session, Requests.search(key, uid, session.has(Capability.Known.ESEARCH))));
    }

    /**
     * @param criteria sort criteria
     * @param key      search criteria
     * @return SORT
     */
    public CompletableFuture<List<Long>> sort(List<Command.SortCriterion> criteria, SearchKey key) {
        return composite(() -> sync.sort(criteria, key));
    }

    /**
     * @param algorithm algorithm
     * @param key       criteria
     * @return THREAD
     */
    public CompletableFuture<List<MessageThread>> thread(String algorithm, SearchKey key) {
        return composite(() -> sync.thread(algorithm, key));
    }

    /**
     * @param set        messages
     * @param attributes items
     * @return FETCH
     */
    public CompletableFuture<FetchResults> fetch(SequenceSet set, FetchAttribute... attributes) {
        return op(new FetchOp(session, Requests.fetch(set, uid, null, attributes), null, null));
    }

    /**
     * @param set messages
     * @return FLAGS
     */
    public CompletableFuture<FetchResults> fetchFlags(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.FLAGS);
    }

    /**
     * @param set messages
     * @return ENVELOPE
     */
    public CompletableFuture<FetchResults> fetchEnvelope(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.ENVELOPE);
    }

    /**
     * @param set messages
     * @return INTERNALDATE
     */
    public CompletableFuture<FetchResults> fetchInternalDate(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.INTERNALDATE);
    }

    /**
     * @param set messages
     * @return BODYSTRUCTURE
     */
    public CompletableFuture<FetchResults> fetchBodyStructure(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.BODYSTRUCTURE);
    }

    /**
     * @param set messages
     * @return BODY (simplified structure)
     */
    public CompletableFuture<FetchResults> fetchSimplifiedBody(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.BODY);
    }

    /**
     * @param set messages
     * @return RFC822.SIZE
     */
    public CompletableFuture<FetchResults> fetchSize(SequenceSet set) {
        return fetch(set, FetchAttribute.Item.RFC822_SIZE);
    }

    /**
     * @param set messages
     * @return the FULL macro
     */
    public CompletableFuture<FetchResults> fetchFull(SequenceSet set) {
        return fetch(set, FetchAttribute.Macro.FULL);
    }

    /**
     * @param set messages
     * @return the ALL macro
     */
    public CompletableFuture<FetchResults> fetchAll(SequenceSet set) {
        return fetch(set, FetchAttribute.Macro.ALL);
    }

    /**
     * @param set messages
     * @return the FAST macro
     */
    public CompletableFuture<FetchResults> fetchFast(SequenceSet set) {
        return fetch(set, FetchAttribute.Macro.FAST);
    }

    /**
     * @param set messages
     * @return BODY.PEEK[HEADER]
     */
    public CompletableFuture<FetchResults> fetchHeaders(SequenceSet set) {
        return fetch(set, Requests.section(Section.header(), true, null, null));
    }

    /**
     * @param set messages
     * @return BODY.PEEK[TEXT]
     */
    public CompletableFuture<FetchResults> fetchBody(SequenceSet set) {
        return fetch(set, Requests.section(Section.text(), true, null, null));
    }

    /**
     * @param set     messages
     * @param section section
     * @param peek    leave \Seen alone
     * @param offset  first byte or null
     * @param length  byte count or null
     * @return the section (see {@link ImapClient#fetchSpecific(SequenceSet, Section, boolean, Long, Long)})
     */
    public CompletableFuture<FetchResults> fetchSpecific(SequenceSet set, Section section, boolean peek,
            Long offset, Long length) {
        return fetch(set, Requests.section(section, peek, offset, length));
    }

    /**
     * @param set          messages
     * @param changedSince mod-sequence
     * @param attributes   items
     * @return FETCH (CHANGEDSINCE)
     */
    public CompletableFuture<FetchResults> fetchChangedSince(SequenceSet set, long changedSince,
            FetchAttribute... attributes) {
        return op(new FetchOp(session, Requests.fetch(set, uid, changedSince, attributes), null, null));
    }

    /**
     * @param set messages
     * @return message → flags
     */
    public CompletableFuture<Map<Long, List<Flag>>> getFlags(SequenceSet set) {
        return fetchFlags(set).thenApply(m -> {
            Map<Long, List<Flag>> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, v.flags().orElse(List.of())));
            return out;
        });
    }

    /**
     * @param set messages
     * @return BODY.PEEK[]
     */
    public CompletableFuture<FetchResults> fetchMessage(SequenceSet set) {
        return fetch(set, Requests.section(Section.whole(), true, null, null));
    }

    /**
     * @param message  message
     * @param section  section
     * @param out      sink
     * @param progress progress
     * @return the streamed fetch (see {@link ImapClient#fetchSpecific(long, Section, OutputStream, ProgressListener)})
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
     * @param set   messages
     * @param flags flags
     * @return STORE +FLAGS
     */
    public CompletableFuture<StoreResult> addFlags(SequenceSet set, Flag... flags) {
        return store(set, Command.StoreMode.ADD, false, null, flags);
    }

    /**
     * @param set   messages
     * @param flags flags
     * @return STORE -FLAGS
     */
    public CompletableFuture<StoreResult> removeFlags(SequenceSet set, Flag... flags) {
        return store(set, Command.StoreMode.REMOVE, false, null, flags);
    }

    /**
     * @param set   messages
     * @param flags flags
     * @return STORE FLAGS
     */
    public CompletableFuture<StoreResult> setFlags(SequenceSet set, Flag... flags) {
        return store(set, Command.StoreMode.REPLACE, false, null, flags);
    }

    /**
     * @param set            messages
     * @param mode           mode
     * @param silent         silent
     * @param unchangedSince condition or null
     * @param flags          flags
     * @return STORE
     */
    public CompletableFuture<StoreResult> store(SequenceSet set, Command.StoreMode mode, boolean silent,
            Long unchangedSince, Flag... flags) {
        return op(Ops.store(session, Requests.store(set, mode, silent, unchangedSince, uid, flags)));
    }

    /**
     * @param set messages
     * @return Gmail's ids and labels (see {@link ImapClient#fetchGmail}); fails with ImapCapabilityException
     *     without X-GM-EXT-1
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
     * @param set    messages
     * @param mode   replace, add or remove
     * @param labels the labels
     * @return Gmail's label STORE (see {@link ImapClient#storeGmailLabels}): message → its labels now
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
     * @param set messages
     * @return STORE +FLAGS.SILENT (\Deleted)
     */
    public CompletableFuture<Void> deleteMessages(SequenceSet set) {
        return store(set, Command.StoreMode.ADD, true, null, Flag.DELETED).thenApply(r -> null);
    }

    /**
     * @param set     messages
     * @param mailbox destination
     * @return COPY
     */
    public CompletableFuture<CopyResult> copy(SequenceSet set, MailboxName mailbox) {
        return op(Ops.copy(session, new Command.Copy(set, mailbox, uid)));
    }

    /**
     * @param set     messages
     * @param mailbox destination
     * @return MOVE or its safe emulation
     */
    public CompletableFuture<CopyResult> move(SequenceSet set, MailboxName mailbox) {
        return composite(() -> sync.move(set, mailbox));
    }

    /** @return IDLE started (see {@link ImapClient#idle()}) */
    public Idle idle() {
        return sync.idle();
    }

    /**
     * @param root quota root
     * @return GETQUOTA
     */
    public CompletableFuture<List<Untagged.Quota>> getQuota(String root) {
        return op(Ops.quota(session, new Command.GetQuota(root))).thenApply(QuotaRootResult::quotas);
    }

    /** @return STARTTLS then CAPABILITY (see {@link ImapClient#startTls()}) */
    public CompletableFuture<Void> startTls() {
        return composite(() -> {
            sync.startTls();
            return null;
        });
    }

    /**
     * @param user     user
     * @param password password
     * @return the strongest authentication (see {@link ImapClient#authenticate(String, Secret)})
     */
    public CompletableFuture<Void> authenticate(String user, Secret password) {
        return composite(() -> {
            sync.authenticate(user, password);
            return null;
        });
    }

    /**
     * @param mailbox      destination
     * @param message      message
     * @param internalDate date or null
     * @param flags        flags
     * @return APPEND with a date
     */
    public CompletableFuture<AppendResult> append(MailboxName mailbox, Bytes message,
            java.time.OffsetDateTime internalDate, Flag... flags) {
        return op(Ops.append(session, Requests.append(mailbox, message, internalDate, flags)));
    }

    /**
     * @param mailbox mailbox
     * @return GETQUOTAROOT
     */
    public CompletableFuture<QuotaRootResult> getQuotaRoot(MailboxName mailbox) {
        return op(Ops.quota(session, new Command.GetQuotaRoot(mailbox)));
    }

    /** @return COMPRESS DEFLATE */
    public CompletableFuture<Void> compress() {
        return composite(() -> {
            sync.compress();
            return null;
        });
    }
}
