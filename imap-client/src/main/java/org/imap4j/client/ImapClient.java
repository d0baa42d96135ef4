package org.imap4j.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imap4j.client.auth.Sasl;
import org.imap4j.client.auth.SaslMechanism;
import org.imap4j.client.internal.FetchOp;
import org.imap4j.client.internal.Ops;
import org.imap4j.client.internal.Session;
import org.imap4j.client.internal.SinkFetchOp;
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
import org.imap4j.codec.response.MailboxAttribute;
import org.imap4j.codec.response.MessageThread;
import org.imap4j.codec.response.Status;
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
 * The client may be shared: commands from several threads are pipelined on the one connection and each caller gets
 * its own result. Listener callbacks run on a thread that is reading (see {@link MailboxListener}).
 */
public class ImapClient implements AutoCloseable {
    private final Session session;
    private final boolean uid;

    ImapClient(Session session, boolean uid) {
        this.session = session;
        this.uid = uid;
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
        return new ImapClient(session, false);
    }

    /** @return the transport, for what the client does not cover */
    public ImapTransport transport() {
        return session.transport();
    }

    static void check(Tagged t, String what) {
        if (t.status() != Status.OK) {
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
        return session.execute(Ops.capability(session));
    }

    /** {@code NOOP}: lets the server report changes (to the listener). */
    public void noop() {
        session.execute(Ops.plain(session, new Command.Noop()));
    }

    /** {@code LOGOUT}, then the connection closes. */
    public void logout() {
        session.execute(Ops.plain(session, new Command.Logout()));
        session.transport().close();
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
        if (session.transport().isSecure()) {
            return;
        }
        session.execute(Ops.plain(session, new Command.StartTls()));
        refreshCapabilities();
    }

    // ---------------------------------------------------------------- authentication

    /**
     * {@code LOGIN} (RFC 9051 section 6.2.3). Refused before anything is sent when the server says LOGINDISABLED,
     * or the connection is not encrypted and the configuration does not allow cleartext passwords.
     *
     * @param user     the user name
     * @param password the password
     * @throws ImapAuthenticationException if refused (locally or by the server; the server's code is in the cause)
     */
    public void login(String user, Secret password) {
        requireAuthAllowed("LOGIN", true);
        if (session.has(Capability.Known.LOGINDISABLED)) {
            throw new ImapAuthenticationException("the server advertises LOGINDISABLED; use AUTHENTICATE or TLS", null);
        }
        boolean hadCaps = session.execute(Ops.login(session, new Command.Login(user, password)));
        if (!hadCaps) {
            refreshCapabilities();
        }
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
        requireAuthAllowed("AUTHENTICATE " + mechanism.name(), mechanism.sendsReusableSecret());
        boolean hadCaps = session.execute(Ops.authenticate(session, mechanism, session.has(Capability.Known.SASL_IR)));
        if (!hadCaps) {
            refreshCapabilities();
        }
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
        boolean secure = session.transport().isSecure();
        // -PLUS only with a binding type every SCRAM-PLUS server must accept: tls-unique (RFC 5802 section 6.1) or
        // tls-exporter (RFC 9266). tls-server-end-point is optional for servers (Cyrus 3.6 refuses it), and the
        // caller may still ask for it with an explicit Sasl.scramSha256Plus.
        boolean binding = secure && (session.transport().channelBinding(
                org.imap4j.session.ChannelBinding.TLS_UNIQUE).isPresent()
                || session.transport().channelBinding(
                        org.imap4j.session.ChannelBinding.TLS_EXPORTER).isPresent());
        java.util.Optional<SaslMechanism> m = Sasl.choose(Capability.authMechanisms(session.capabilities()), user,
                password, secure || session.config().allowCleartextPasswords(), binding);
        if (m.isPresent()) {
            authenticate(m.get());
        } else {
            login(user, password);
        }
    }

    void requireAuthAllowed(String what, boolean revealsSecret) {
        if (session.transport().state() != org.imap4j.codec.ConnectionState.NOT_AUTHENTICATED) {
            throw new IllegalStateException(what + " is only valid before authentication; the connection is "
                    + session.transport().state());
        }
        if (revealsSecret && !session.transport().isSecure() && !session.config().allowCleartextPasswords()) {
            throw new ImapAuthenticationException(what + " would send the password in cleartext: use TLS "
                    + "(IMPLICIT or STARTTLS) or opt in with allowCleartextPasswords(true)", null);
        }
    }

    // ---------------------------------------------------------------- mailboxes

    /** @return the server's namespaces (RFC 2342) */
    public Untagged.Namespace namespace() {
        return session.execute(Ops.namespace(session));
    }

    /**
     * {@code ID} (RFC 2971).
     *
     * @param fields the client's identification (may be empty: {@code ID NIL})
     * @return the server's identification
     */
    public Untagged.Id id(List<Command.IdField> fields) {
        return session.execute(Ops.id(session, new Command.Id(fields)));
    }

    /**
     * {@code ENABLE} (RFC 5161).
     *
     * @param capabilities e.g. {@code "QRESYNC"}, {@code "UTF8=ACCEPT"}
     * @return what the server enabled
     */
    public List<Capability> enable(String... capabilities) {
        return session.execute(Ops.enable(session, new Command.Enable(List.of(capabilities))));
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
        return session.execute(Ops.select(session, Command.Select.of(mailbox), mailbox));
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
        enableQresyncFor(qresync);
        return session.execute(Ops.select(session, new Command.Select(mailbox, condstore, qresync), mailbox));
    }

    /**
     * @param mailbox a mailbox
     * @return EXAMINE's result (read-only)
     */
    public SelectResult examine(MailboxName mailbox) {
        return session.execute(Ops.select(session, Command.Examine.of(mailbox), mailbox));
    }

    private void enableQresyncFor(Command.Qresync qresync) {
        if (qresync != null) {
            if (!session.has(Capability.Known.QRESYNC)) {
                throw new ImapCapabilityException("QRESYNC parameters given but the server does not offer QRESYNC");
            }
            enable("QRESYNC");
        }
    }

    /**
     * @param mailbox    the new mailbox
     * @param specialUse special-use attributes to give it ({@code "\\Archive"}, RFC 6154 CREATE-SPECIAL-USE)
     */
    public void create(MailboxName mailbox, String... specialUse) {
        session.execute(Ops.plain(session, new Command.Create(mailbox, List.of(specialUse))));
    }

    /** @param mailbox the mailbox to delete */
    public void delete(MailboxName mailbox) {
        session.execute(Ops.plain(session, new Command.Delete(mailbox)));
    }

    /**
     * @param from the current name
     * @param to   the new name
     */
    public void rename(MailboxName from, MailboxName to) {
        session.execute(Ops.plain(session, new Command.Rename(from, to)));
    }

    /** @param mailbox the mailbox to subscribe to */
    public void subscribe(MailboxName mailbox) {
        session.execute(Ops.plain(session, new Command.Subscribe(mailbox)));
    }

    /** @param mailbox the mailbox to unsubscribe from */
    public void unsubscribe(MailboxName mailbox) {
        session.execute(Ops.plain(session, new Command.Unsubscribe(mailbox)));
    }

    /**
     * {@code LIST reference pattern}.
     *
     * @param reference the reference ({@code ""} for the root)
     * @param pattern   the pattern ({@code *}, {@code %})
     * @return the mailboxes
     */
    public List<ListEntry> list(String reference, String pattern) {
        return session.execute(Ops.list(session, Command.ListMailboxes.of(reference, pattern)));
    }

    /**
     * The mailboxes with a special use (RFC 6154 {@code LIST (SPECIAL-USE)}; without the extension, all mailboxes
     * with their attributes, from which the caller can read any special-use ones the server marks anyway).
     *
     * @return the mailboxes
     */
    public List<ListEntry> listSpecialUse() {
        if (!session.has(Capability.Known.SPECIAL_USE)) {
            return list("", "*");
        }
        return session.execute(Ops.list(session, Requests.list("", "*", List.of(Command.ListSelect.SPECIAL_USE),
                List.of(), List.of())));
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
        if (session.has(Capability.Known.LIST_STATUS)) {
            Ops.StatusRequest r = Ops.StatusRequest.of(session, List.of(attributes));
            List<ListEntry> listed = session.execute(Ops.list(session, Requests.list(reference, pattern, List.of(),
                    List.of(), r.asked())));
            List<ListEntry> out = new ArrayList<>(listed.size());
            for (ListEntry e : listed) {
                out.add(new ListEntry(e.mailbox(), e.delimiter(), e.attributes(), e.status().map(r::complete)));
            }
            return out;
        }
        List<ListEntry> out = new ArrayList<>();
        for (ListEntry e : list(reference, pattern)) {
            boolean selectable = !e.has(MailboxAttribute.Known.NOSELECT)
                    && !e.has(MailboxAttribute.Known.NON_EXISTENT);
            out.add(selectable ? new ListEntry(e.mailbox(), e.delimiter(), e.attributes(),
                    java.util.Optional.of(status(e.mailbox(), attributes))) : e);
        }
        return out;
    }

    /**
     * @param reference the reference
     * @param pattern   the pattern
     * @return the subscribed mailboxes ({@code LSUB})
     */
    public List<ListEntry> lsub(String reference, String pattern) {
        return session.execute(Ops.list(session, new Command.Lsub(MailboxName.of(reference), pattern)));
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
        return session.execute(Ops.status(session, mailbox, List.of(attributes)));
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
        return session.execute(Ops.append(session, Requests.append(mailbox, message, internalDate, flags)));
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
        if (messages.size() == 1 || session.has(Capability.Known.MULTIAPPEND)) {
            return session.execute(Ops.append(session, new Command.Append(mailbox, messages)));
        }
        List<Long> uids = new ArrayList<>();
        java.util.OptionalLong validity = java.util.OptionalLong.empty();
        for (Command.AppendMessage m : messages) {
            AppendResult r = session.execute(Ops.append(session, new Command.Append(mailbox, List.of(m))));
            uids.addAll(r.uids());
            validity = r.uidValidity().isPresent() ? r.uidValidity() : validity;
        }
        return new AppendResult(validity, uids);
    }

    // ---------------------------------------------------------------- selected state

    /** {@code CHECK}. */
    public void check() {
        session.execute(Ops.plain(session, new Command.Check()));
    }

    /** {@code CLOSE}: expunges \Deleted messages and leaves the selected state. */
    public void closeMailbox() {
        session.execute(Ops.plain(session, new Command.Close()));
    }

    /**
     * {@code UNSELECT} (RFC 3691): leaves the selected state without expunging. Without the extension, the
     * RFC 3501 way: an EXAMINE of a mailbox that cannot exist, whose NO leaves no mailbox selected.
     */
    public void unselect() {
        if (session.has(Capability.Known.UNSELECT) || session.has(Capability.Known.IMAP4REV2)) {
            session.execute(Ops.plain(session, new Command.Unselect()));
            return;
        }
        try {
            session.execute(Ops.plain(session, Command.Examine.of(MailboxName.of("imap4j-unselect-"
                    + Long.toHexString(System.nanoTime())))));
        } catch (ImapCommandException expected) {
            // the NO is the point: the server deselected the mailbox
        }
    }

    /** @return the sequence numbers expunged ({@code EXPUNGE}), or the UIDs if reported as VANISHED */
    public List<Long> expunge() {
        return session.execute(Ops.expunge(session, new Command.Expunge()));
    }

    /**
     * {@code UID EXPUNGE} (RFC 4315): expunges only these \Deleted messages.
     *
     * @param uids the UIDs
     * @return what was reported expunged
     */
    public List<Long> expunge(SequenceSet uids) {
        if (!session.has(Capability.Known.UIDPLUS) && !session.has(Capability.Known.IMAP4REV2)) {
            throw new ImapCapabilityException("UID EXPUNGE needs UIDPLUS; a plain EXPUNGE would remove every "
                    + "\\Deleted message, not only these");
        }
        return session.execute(Ops.expunge(session, new Command.UidExpunge(uids)));
    }

    /**
     * SEARCH; ESEARCH's compact answer when offered.
     *
     * @param key the criteria (see {@link SearchKey}'s factories)
     * @return the matches (UIDs unless {@link #bySequence()})
     */
    public SearchResult search(SearchKey key) {
        return session.execute(Ops.search(session, Requests.search(key, uid, session.has(Capability.Known.ESEARCH))));
    }

    /**
     * SORT (RFC 5256).
     *
     * @param criteria the sort criteria
     * @param key      the search criteria
     * @return the matching messages in sorted order
     */
    public List<Long> sort(List<Command.SortCriterion> criteria, SearchKey key) {
        requireCapability(Capability.Known.SORT, "SORT");
        return session.execute(Ops.sort(session, new Command.Sort(criteria, "UTF-8", key, uid)));
    }

    /**
     * THREAD (RFC 5256).
     *
     * @param algorithm {@code REFERENCES} or {@code ORDEREDSUBJECT}
     * @param key       the search criteria
     * @return the threads
     */
    public List<MessageThread> thread(String algorithm, SearchKey key) {
        requireCapability(Capability.of("THREAD=" + algorithm), "THREAD " + algorithm);
        return session.execute(Ops.thread(session, new Command.Thread(algorithm, "UTF-8", key, uid)));
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
        return session.execute(new FetchOp(session, Requests.fetch(set, uid, null, attributes), null, null));
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
        return session.execute(new FetchOp(session, Requests.fetch(set, uid, changedSince, attributes), null, null));
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
        Map<Long, FetchResult> r = session.execute(new FetchOp(session, Requests.fetch(SequenceSet.of(message), uid,
                null, Requests.section(section, true, null, null)), out, progress));
        return r.get(message);
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
        OutputStream decoding = org.imap4j.client.internal.TransferDecodingOutputStream.wrap(part.encoding(), out);
        FetchResult r = fetchSpecific(message, part.section(), decoding, ProgressListener.NONE);
        try {
            decoding.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return r;
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
        // UID first even by sequence number: the sink is promised each body's UID before the body's bytes
        return session.execute(new SinkFetchOp(session, Requests.fetch(set, uid, null, FetchAttribute.Item.UID,
                Requests.section(section, true, null, null)), sink));
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
        return session.execute(Ops.store(session, Requests.store(set, mode, silent, unchangedSince, uid, flags)));
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
        requireCapability(Capability.Known.X_GM_EXT_1, "fetchGmail");
        return fetch(set, FetchAttribute.Item.X_GM_MSGID, FetchAttribute.Item.X_GM_THRID,
                FetchAttribute.Item.X_GM_LABELS);
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
        requireCapability(Capability.Known.X_GM_EXT_1, "storeGmailLabels");
        return session.execute(Ops.storeGmailLabels(session, new Command.StoreGmailLabels(set, mode, false,
                List.of(labels), uid)));
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
        return session.execute(Ops.copy(session, new Command.Copy(set, mailbox, uid)));
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
        if (session.has(Capability.Known.MOVE) || session.has(Capability.Known.IMAP4REV2)) {
            return session.execute(Ops.copy(session, new Command.Move(set, mailbox, uid)));
        }
        if (!session.has(Capability.Known.UIDPLUS)) {
            throw new ImapCapabilityException("MOVE needs MOVE or UIDPLUS; without them the emulation would expunge "
                    + "every \\Deleted message in the mailbox");
        }
        SequenceSet uids = uid ? set : uidsOf(set);
        CopyResult r = session.execute(Ops.copy(session, new Command.Copy(uids, mailbox, true)));
        session.execute(Ops.store(session, Requests.store(uids, Command.StoreMode.ADD, true, null, true,
                Flag.DELETED)));
        session.execute(Ops.expunge(session, new Command.UidExpunge(uids)));
        return r;
    }

    private SequenceSet uidsOf(SequenceSet seqs) {
        List<Long> uids = new ArrayList<>();
        for (FetchResult f : session.execute(new FetchOp(session, Requests.fetch(seqs, false, null,
                FetchAttribute.Item.UID), null, null)).values()) {
            f.uid().ifPresent(uids::add);
        }
        if (uids.isEmpty()) {
            throw new ImapValidationException("no message matches " + seqs);
        }
        return SequenceSet.of(uids).normalized();
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
        return session.execute(Ops.quota(session, new Command.GetQuota(root))).quotas();
    }

    /**
     * @param mailbox a mailbox
     * @return its quota roots and their quotas
     */
    public QuotaRootResult getQuotaRoot(MailboxName mailbox) {
        return session.execute(Ops.quota(session, new Command.GetQuotaRoot(mailbox)));
    }

    /** {@code COMPRESS DEFLATE} (RFC 4978) when offered and not yet on. */
    public void compress() {
        if (session.transport().isCompressing()) {
            return;
        }
        requireCapability(Capability.Known.COMPRESS_DEFLATE, "COMPRESS");
        session.execute(Ops.plain(session, Command.Compress.DEFLATE));
    }

    /** @return whether the connection is encrypted */
    public boolean isSecure() {
        return session.transport().isSecure();
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
        return org.imap4j.client.internal.PullFetchOp.start(session, Requests.fetch(set, uid, null, attributes),
                progress);
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
        return session.execute(new org.imap4j.client.internal.StreamAppendOp(session, mailbox, in, size, null,
                progress, flags));
    }
}
