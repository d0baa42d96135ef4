package org.imap4j.client;

import java.io.IOException;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.imap4j.client.auth.SaslMechanism;
import org.imap4j.client.internal.FetchOp;
import org.imap4j.client.internal.Op;
import org.imap4j.client.internal.Ops;
import org.imap4j.client.internal.PendingOperation;
import org.imap4j.client.internal.Session;
import org.imap4j.client.internal.SinkFetchOp;
import org.imap4j.codec.ExclusiveSection;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.PartialRange;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.MailboxAttribute;
import org.imap4j.codec.response.MessageThread;
import org.imap4j.codec.response.Untagged;

/**
 * Every client operation, written once, each returning the {@link Operation} in progress: the core that
 * {@link ImapClient} ({@code operation.await()}) and {@link AsyncImapClient} ({@code operation.future()}) are thin
 * views of. A one-command operation is one command submitted at once (the engine holds it until RFC 9051 section
 * 5.5 lets it start); an operation of several commands (MOVE emulated with COPY, STORE and UID EXPUNGE, LIST then
 * STATUS per mailbox, one APPEND each without MULTIAPPEND, LOGIN then CAPABILITY, ENABLE QRESYNC then SELECT) is an
 * asynchronous composition: each step is submitted when the one before it completes, by the thread that delivered
 * that completion. Where another caller's command between the steps would change their meaning, the steps run in
 * an exclusive section of the engine ({@link org.imap4j.session.ImapTransport#openSection()}). No thread of the
 * library's own runs any of it.
 *
 * <p>Each method's meaning is that of the {@link ImapClient} method of the same name. A refusal made before
 * anything is sent (a missing capability, cleartext credentials) is a failed operation.
 *
 * <pre>{@code
 * ImapOperations ops = client.operations();
 * Operation<SelectResult> sel = ops.select(MailboxName.INBOX);
 * Operation<SearchResult> unseen = ops.search(SearchKey.unseen());   // pipelined after the SELECT
 * System.out.println(sel.await().exists() + " messages, unseen: " + unseen.await().ids());
 * }</pre>
 */
public final class ImapOperations {
    private final Session session;
    private final boolean uid;
    private final ProgressListener progress;

    ImapOperations(Session session, boolean uid) {
        this(session, uid, ProgressListener.NONE);
    }

    private ImapOperations(Session session, boolean uid, ProgressListener progress) {
        this.session = session;
        this.uid = uid;
        this.progress = progress;
    }

    /** @return the same operations addressing messages by sequence number instead of UID (same connection) */
    public ImapOperations bySequence() {
        return new ImapOperations(session, false, progress);
    }

    /** @return whether messages are addressed by UID (else by sequence number) */
    public boolean byUid() {
        return uid;
    }

    // ---------------------------------------------------------------- plumbing

    private <T> Operation<T> op(Op<T> op) {
        String name = op.command().getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
        if (org.imap4j.client.internal.UidOnly.on(session)
                && org.imap4j.client.internal.UidOnly.bySequence(op.command())) {
            return failed(session, new ImapUidOnlyException(name), name); // RFC 9586: nothing is sent
        }
        return new PendingOperation<>(session, session.call(op.progress(progress)), name);
    }

    /** A composition: a failure to start becomes a failed operation. */
    private <T> Operation<T> composite(String name, Supplier<CompletableFuture<T>> body) {
        CompletableFuture<T> f;
        try {
            f = body.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return new PendingOperation<>(session, f, name);
    }

    /** A composition whose steps nothing else may come between. */
    private <T> Operation<T> exclusive(String name, Function<ExclusiveSection, CompletableFuture<T>> body) {
        return composite(name, () -> inSection(body));
    }

    private <T> CompletableFuture<T> inSection(Function<ExclusiveSection, CompletableFuture<T>> body) {
        ExclusiveSection section = session.transport().openSection();
        CompletableFuture<T> f;
        try {
            f = body.apply(section);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.whenComplete((r, e) -> session.transport().closeSection(section));
    }

    private <T> CompletableFuture<T> run(Op<T> op) {
        return session.run(op, null);
    }

    private static <T> Operation<T> failed(Session s, RuntimeException e, String name) {
        return PendingOperation.failed(s, e, name);
    }

    /** @return the refusal when the server lacks {@code cap}, else {@code null} */
    private ImapCapabilityException lacking(Capability cap, String what) {
        return session.has(cap) ? null : new ImapCapabilityException(what + " needs the " + cap.wire()
                + " capability, which the server lacks");
    }

    // ---------------------------------------------------------------- any state

    /** @return {@link Requests#fetch} with the detected server's FETCH quirks applied (see ProfileQuirks) */
    private Command.Fetch fetchCommand(SequenceSet set, boolean byUid, Long changedSince,
            FetchAttribute... attributes) {
        return org.imap4j.client.internal.ProfileQuirks.fetch(session,
                Requests.fetch(set, byUid, changedSince, attributes));
    }

    /**
     * @return the fallbacks the client took on this connection so far (each kind and command once, oldest first):
     *         what it sent instead of an extension the server lacks (see {@link Fallback})
     */
    public List<Fallback> fallbacks() {
        return session.fallbacks();
    }

    /**
     * @return the server family told from the greeting and the capabilities (see {@link ServerProfile#detect}; pass
     *         the fields of {@link #id} there for a stronger signal)
     */
    public ServerProfile profile() {
        return session.profile();
    }

    /** @return {@code CAPABILITY}: the capabilities the server now announces */
    public Operation<List<Capability>> refreshCapabilities() {
        return op(Ops.capability(session));
    }

    /** @return {@code NOOP} (changes go to the {@link MailboxListener}) */
    public Operation<Void> noop() {
        return op(Ops.plain(session, new Command.Noop()));
    }

    /** @return {@code LOGOUT}; the connection closes once it has completed, whether it succeeded or not */
    public Operation<Void> logout() {
        CompletableFuture<Void> f = run(Ops.plain(session, new Command.Logout()))
                .whenComplete((v, e) -> session.transport().close());
        return new PendingOperation<>(session, f, "LOGOUT");
    }

    /** @return {@code STARTTLS}, then CAPABILITY (nothing is sent if the connection is already secure) */
    public Operation<Void> startTls() {
        return composite("STARTTLS", () -> {
            if (session.transport().isSecure()) {
                return CompletableFuture.completedFuture(null);
            }
            return run(Ops.plain(session, new Command.StartTls()))
                    .thenCompose(v -> run(Ops.capability(session))).thenApply(c -> null);
        });
    }

    // ---------------------------------------------------------------- authentication

    /**
     * @param user     the user name
     * @param password the password
     * @return {@code LOGIN}, then CAPABILITY when the server did not send them (see
     *         {@link ImapClient#login(String, Secret)})
     */
    public Operation<Void> login(String user, Secret password) {
        return composite("LOGIN", () -> loginNow(user, password));
    }

    /**
     * @param mechanism the mechanism with its credentials
     * @return {@code AUTHENTICATE}, then CAPABILITY when the server did not send them (see
     *         {@link ImapClient#authenticate(SaslMechanism)})
     */
    public Operation<Void> authenticate(SaslMechanism mechanism) {
        return composite("AUTHENTICATE", () -> authenticating(mechanism));
    }

    private CompletableFuture<Void> authenticating(SaslMechanism mechanism) {
        requireAuthAllowed("AUTHENTICATE " + mechanism.name(), mechanism.sendsReusableSecret());
        return afterAuth(run(Ops.authenticate(session, mechanism, session.has(Capability.Known.SASL_IR))));
    }

    private CompletableFuture<Void> afterAuth(CompletableFuture<Boolean> auth) {
        return auth.thenCompose(hadCaps -> hadCaps ? CompletableFuture.completedFuture(null)
                : run(Ops.capability(session)).thenApply(c -> null))
                .thenCompose(v -> org.imap4j.client.internal.ModernOps.enableAfterAuth(session));
    }

    /**
     * @param user     the user
     * @param password the password
     * @return authentication with the strongest mechanism both sides have (see
     *         {@link ImapClient#authenticate(String, Secret)})
     */
    public Operation<Void> authenticate(String user, Secret password) {
        return composite("AUTHENTICATE", () -> {
            boolean secure = session.transport().isSecure();
            // -PLUS only with a binding type every SCRAM-PLUS server must accept: tls-unique (RFC 5802 section 6.1)
            // or tls-exporter (RFC 9266). tls-server-end-point is optional for servers (Cyrus 3.6 refuses it), and
            // the caller may still ask for it with an explicit Sasl.scramSha256Plus.
            boolean binding = secure && (session.transport().channelBinding(
                    org.imap4j.session.ChannelBinding.TLS_UNIQUE).isPresent()
                    || session.transport().channelBinding(
                            org.imap4j.session.ChannelBinding.TLS_EXPORTER).isPresent());
            Optional<SaslMechanism> m = session.config().protocol().authenticators().choose(
                    Capability.authMechanisms(session.capabilities()), user, password,
                    secure || session.config().allowCleartextPasswords(), binding);
            if (m.isPresent()) {
                return authenticating(m.get());
            }
            return loginNow(user, password);
        });
    }

    /**
     * OAuth 2.0 authentication with a token asked for now (see {@link ImapClient#authenticate(String,
     * org.imap4j.client.oauth.TokenSource)}).
     *
     * @param user   the mailbox user
     * @param tokens the token source
     * @return AUTHENTICATE OAUTHBEARER or XOAUTH2, refreshed and retried once on a refused token
     */
    public Operation<org.imap4j.client.oauth.OAuth2Login> authenticate(String user,
                                                                      org.imap4j.client.oauth.TokenSource tokens) {
        return composite("AUTHENTICATE", () -> {
            requireAuthAllowed("AUTHENTICATE (OAuth 2.0)", true);
            return org.imap4j.client.internal.OAuth2Flow.run(user, tokens, session.capabilities(),
                    this::authenticating,
                    () -> session.transport().state() == org.imap4j.codec.ConnectionState.NOT_AUTHENTICATED,
                    new ImapCapabilityException("OAuth 2.0 authentication needs AUTH=OAUTHBEARER or AUTH=XOAUTH2, "
                            + "which the server lacks"));
        });
    }

    private CompletableFuture<Void> loginNow(String user, Secret password) {
        requireAuthAllowed("LOGIN", true);
        if (session.has(Capability.Known.LOGINDISABLED)) {
            throw new ImapAuthenticationException("the server advertises LOGINDISABLED; use AUTHENTICATE or TLS",
                    null);
        }
        return afterAuth(run(Ops.login(session, new Command.Login(user, password))));
    }

    void requireAuthAllowed(String what, boolean revealsSecret) {
        org.imap4j.codec.ConnectionState state = session.transport().state();
        if (state == org.imap4j.codec.ConnectionState.FAILED || state == org.imap4j.codec.ConnectionState.LOGOUT) {
            // the connection ended (the server's doing as often as the caller's): a typed connection error, as
            // every other command gets; nothing is written and no secret or token is asked for
            throw new org.imap4j.codec.ImapConnectionException(what + " cannot be sent: the connection is " + state);
        }
        if (state != org.imap4j.codec.ConnectionState.NOT_AUTHENTICATED) {
            throw new IllegalStateException(what + " is only valid before authentication; the connection is "
                    + state);
        }
        if (revealsSecret && !session.transport().isSecure() && !session.config().allowCleartextPasswords()) {
            throw new ImapAuthenticationException(what + " would send the password in cleartext: use TLS "
                    + "(IMPLICIT or STARTTLS) or opt in with allowCleartextPasswords(true)", null);
        }
    }

    // ---------------------------------------------------------------- mailboxes

    /** @return {@code NAMESPACE} (RFC 2342) */
    public Operation<Untagged.Namespace> namespace() {
        return op(Ops.namespace(session));
    }

    /**
     * @param fields the client's identification (may be empty: {@code ID NIL})
     * @return {@code ID} (RFC 2971): the server's identification
     */
    public Operation<Untagged.Id> id(List<Command.IdField> fields) {
        return op(Ops.id(session, new Command.Id(fields)));
    }

    /**
     * @param capabilities e.g. {@code "QRESYNC"}, {@code "UTF8=ACCEPT"}
     * @return {@code ENABLE} (RFC 5161): what the server enabled
     */
    public Operation<List<Capability>> enable(String... capabilities) {
        return op(Ops.enable(session, new Command.Enable(List.of(capabilities))));
    }

    /**
     * @param mailbox a mailbox
     * @return {@code SELECT}
     */
    public Operation<SelectResult> select(MailboxName mailbox) {
        return op(Ops.select(session, Command.Select.of(mailbox), mailbox));
    }

    /**
     * @param mailbox   the mailbox
     * @param condstore whether to send the CONDSTORE parameter
     * @param qresync   the known state, or {@code null}
     * @return {@code SELECT} with CONDSTORE or QRESYNC, QRESYNC enabled first when needed (see
     *         {@link ImapClient#select(MailboxName, boolean, Command.Qresync)})
     */
    public Operation<SelectResult> select(MailboxName mailbox, boolean condstore, Command.Qresync qresync) {
        return composite("SELECT", () -> {
            Op<SelectResult> select = Ops.select(session, new Command.Select(mailbox, condstore, qresync), mailbox);
            if (qresync == null) {
                return run(select);
            }
            if (!session.has(Capability.Known.QRESYNC)) {
                throw new ImapCapabilityException("QRESYNC parameters given but the server does not offer QRESYNC");
            }
            return run(Ops.enable(session, new Command.Enable(List.of("QRESYNC")))).thenCompose(e -> run(select));
        });
    }

    /**
     * @param mailbox a mailbox
     * @return {@code EXAMINE} (read-only)
     */
    public Operation<SelectResult> examine(MailboxName mailbox) {
        return op(Ops.select(session, Command.Examine.of(mailbox), mailbox));
    }

    /**
     * @param mailbox    the new mailbox
     * @param specialUse special-use attributes to give it (RFC 6154 CREATE-SPECIAL-USE)
     * @return {@code CREATE}
     */
    public Operation<Void> create(MailboxName mailbox, String... specialUse) {
        return op(Ops.plain(session, new Command.Create(mailbox, List.of(specialUse))));
    }

    /**
     * @param mailbox the mailbox to delete
     * @return {@code DELETE}
     */
    public Operation<Void> delete(MailboxName mailbox) {
        return op(Ops.plain(session, new Command.Delete(mailbox)));
    }

    /**
     * @param from the current name
     * @param to   the new name
     * @return {@code RENAME}
     */
    public Operation<Void> rename(MailboxName from, MailboxName to) {
        return op(Ops.plain(session, new Command.Rename(from, to)));
    }

    /**
     * @param mailbox the mailbox to subscribe to
     * @return {@code SUBSCRIBE}
     */
    public Operation<Void> subscribe(MailboxName mailbox) {
        return op(Ops.plain(session, new Command.Subscribe(mailbox)));
    }

    /**
     * @param mailbox the mailbox to unsubscribe from
     * @return {@code UNSUBSCRIBE}
     */
    public Operation<Void> unsubscribe(MailboxName mailbox) {
        return op(Ops.plain(session, new Command.Unsubscribe(mailbox)));
    }

    /**
     * @param reference the reference ({@code ""} for the root)
     * @param pattern   the pattern ({@code *}, {@code %})
     * @return {@code LIST}: the mailboxes
     */
    public Operation<List<ListEntry>> list(String reference, String pattern) {
        return op(Ops.list(session, Command.ListMailboxes.of(reference, pattern)));
    }

    /** @return the mailboxes with a special use (see {@link ImapClient#listSpecialUse()}) */
    public Operation<List<ListEntry>> listSpecialUse() {
        if (!session.has(Capability.Known.SPECIAL_USE) && !session.has(Capability.Known.IMAP4REV2)) {
            session.fallback(Fallback.Kind.SPECIAL_USE_UNFILTERED, "LIST", "SPECIAL-USE",
                    "LIST \"\" \"*\" without the SPECIAL-USE selection; uses read from the attributes given");
            return list("", "*");
        }
        return op(Ops.list(session, Requests.list("", "*", List.of(Command.ListSelect.SPECIAL_USE), List.of(),
                List.of())));
    }

    /**
     * @param reference  the reference
     * @param pattern    the pattern
     * @param attributes the STATUS items
     * @return LIST with each mailbox's STATUS: one command with LIST-STATUS (RFC 5819), else LIST then STATUS per
     *         selectable mailbox, nothing of another caller in between
     */
    public Operation<List<ListEntry>> listWithStatus(String reference, String pattern,
            StatusAttribute... attributes) {
        if (session.has(Capability.Known.LIST_STATUS) || session.has(Capability.Known.IMAP4REV2)) {
            return composite("LIST", () -> {
                Ops.StatusRequest r = Ops.StatusRequest.of(session, List.of(attributes));
                return run(Ops.list(session, Requests.list(reference, pattern, List.of(), List.of(), r.asked())))
                        .thenApply(listed -> {
                            List<ListEntry> out = new ArrayList<>(listed.size());
                            for (ListEntry e : listed) {
                                out.add(new ListEntry(e.mailbox(), e.delimiter(), e.attributes(),
                                        e.status().map(r::complete)));
                            }
                            return out;
                        });
            });
        }
        session.fallback(Fallback.Kind.LIST_STATUS_EMULATED, "LIST", "LIST-STATUS",
                "LIST, then one STATUS per selectable mailbox, nothing of another caller in between");
        return exclusive("LIST", section -> session.run(Ops.list(session, Command.ListMailboxes.of(reference,
                pattern)), section).thenCompose(listed -> {
                    List<ListEntry> out = new ArrayList<>(listed.size());
                    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                    for (ListEntry e : listed) {
                        boolean selectable = !e.has(MailboxAttribute.Known.NOSELECT)
                                && !e.has(MailboxAttribute.Known.NON_EXISTENT);
                        if (!selectable) {
                            chain = chain.thenRun(() -> out.add(e));
                            continue;
                        }
                        chain = chain.thenCompose(v -> session.run(Ops.status(session, e.mailbox(),
                                List.of(attributes)), section)).thenAccept(st -> out.add(new ListEntry(e.mailbox(),
                                        e.delimiter(), e.attributes(), Optional.of(st))));
                    }
                    return chain.thenApply(v -> out);
                }));
    }

    /**
     * @param reference the reference
     * @param pattern   the pattern
     * @return {@code LSUB}: the subscribed mailboxes
     */
    public Operation<List<ListEntry>> lsub(String reference, String pattern) {
        return op(Ops.list(session, new Command.Lsub(MailboxName.of(reference), pattern)));
    }

    /**
     * @param mailbox    a mailbox
     * @param attributes what to ask for (at least one)
     * @return {@code STATUS}, asking only for what the server offers (see {@link ImapClient#status})
     */
    public Operation<StatusResult> status(MailboxName mailbox, StatusAttribute... attributes) {
        List<StatusAttribute> wanted = List.of(attributes);
        if (!wanted.contains(StatusAttribute.APPENDLIMIT) || !StatusAttribute.APPENDLIMIT.offeredBy(
                session.capabilities())) {
            return op(Ops.status(session, mailbox, wanted));
        }
        // Cyrus 3.6 announces APPENDLIMIT=n but answers STATUS (APPENDLIMIT) with BAD: ask again without the item
        return composite("STATUS", () -> run(Ops.status(session, mailbox, wanted)).exceptionallyCompose(e -> {
            RuntimeException t = Session.unwrap(e);
            if (t instanceof ImapCommandException c && c.status() == org.imap4j.codec.response.Condition.BAD) {
                session.fallback(Fallback.Kind.QUIRK, "STATUS", "", "the server announces APPENDLIMIT but refused "
                        + "STATUS (APPENDLIMIT) with BAD: asked again without it, reported omitted (quirk "
                        + "cyrus-status-appendlimit-bad)");
                return run(Ops.statusWithout(session, mailbox, wanted, StatusAttribute.APPENDLIMIT));
            }
            return CompletableFuture.failedFuture(t);
        }));
    }

    // ---------------------------------------------------------------- append

    /**
     * @param mailbox      the destination
     * @param message      the message (RFC 5322 bytes)
     * @param internalDate its internal date, or {@code null} for now
     * @param flags        its flags
     * @return {@code APPEND}: the new UID under UIDPLUS
     */
    public Operation<AppendResult> append(MailboxName mailbox, Bytes message, OffsetDateTime internalDate,
            Flag... flags) {
        Command.Append a = Requests.append(mailbox, message, internalDate, flags);
        ImapAppendLimitException big = tooBig(mailbox, a.messages());
        if (big != null) {
            return failed(session, big, "APPEND");
        }
        return op(Ops.append(session, new Command.Append(mailbox,
                org.imap4j.client.internal.ModernOps.forAppend(session, a.messages()))));
    }

    /**
     * APPEND of a message read from a stream of known size, without holding it: {@code {size}} is announced (with
     * LITERAL+, or LITERAL- up to 4096 bytes, non-synchronizing; otherwise after the server's {@code +}), and the
     * bytes go from the stream to the socket in chunks, each renewing the read deadline.
     *
     * @param mailbox  the destination
     * @param in       the message (exactly {@code size} bytes; left open)
     * @param size     its exact size
     * @param progress bytes sent so far / size
     * @param flags    its flags
     * @return {@code APPEND}: the new UID under UIDPLUS; a stream that ends early, holds more or fails fails it with
     *         {@link org.imap4j.session.LiteralSourceException} and closes the connection (nothing of the wrong
     *         length is stored)
     */
    public Operation<AppendResult> append(MailboxName mailbox, java.io.InputStream in, long size,
            ProgressListener progress, Flag... flags) {
        ImapAppendLimitException big = tooBig(mailbox, size);
        if (big != null) {
            return failed(session, big, "APPEND");
        }
        return op(new org.imap4j.client.internal.StreamAppendOp(session, mailbox, in, size, null, progress, flags));
    }

    /**
     * FETCH whose results are pulled as they arrive, each body read in place as an {@link java.io.InputStream},
     * with back-pressure to the socket (see {@link FetchStream}). Not an {@link Operation}: the caller's thread
     * pulls.
     *
     * @param set        the messages (UIDs unless {@link #bySequence()}); for UID FETCH the UID is asked for too
     * @param progress   each body's bytes read so far / its size, reported as the caller reads
     * @param attributes the items
     * @return the stream (close it: it reads what is left of the command)
     */
    public FetchStream fetchStream(SequenceSet set, ProgressListener progress, FetchAttribute... attributes) {
        return org.imap4j.client.internal.PullFetchOp.start(session, fetchCommand(set, uid, null, attributes),
                progress);
    }

    /**
     * @param mailbox  the destination
     * @param given    the messages
     * @return one MULTIAPPEND (RFC 3502) when offered, so they arrive all or none; else one APPEND each, in order
     */
    public Operation<AppendResult> appendAll(MailboxName mailbox, List<Command.AppendMessage> given) {
        List<Command.AppendMessage> messages = org.imap4j.client.internal.ModernOps.forAppend(session, given);
        ImapAppendLimitException big = tooBig(mailbox, messages);
        if (big != null) {
            return failed(session, big, "APPEND");
        }
        if (messages.size() == 1 || session.has(Capability.Known.MULTIAPPEND)) {
            return op(Ops.append(session, new Command.Append(mailbox, messages)));
        }
        session.fallback(Fallback.Kind.APPEND_ONE_BY_ONE, "APPEND", "MULTIAPPEND",
                "one APPEND per message, in order: not all-or-none");
        return composite("APPEND", () -> {
            List<Long> uids = new ArrayList<>();
            OptionalLong[] validity = {OptionalLong.empty()};
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (Command.AppendMessage m : messages) {
                chain = chain.thenCompose(v -> run(Ops.append(session, new Command.Append(mailbox, List.of(m)))))
                        .thenAccept(r -> {
                            uids.addAll(r.uids());
                            if (r.uidValidity().isPresent()) {
                                validity[0] = r.uidValidity();
                            }
                        });
            }
            return chain.thenApply(v -> new AppendResult(validity[0], uids));
        });
    }

    // ---------------------------------------------------------------- selected state

    /** @return {@code CHECK} */
    public Operation<Void> check() {
        return op(Ops.plain(session, new Command.Check()));
    }

    /** @return {@code CLOSE}: expunges \Deleted messages and leaves the selected state */
    public Operation<Void> closeMailbox() {
        return op(Ops.plain(session, new Command.Close()));
    }

    /** @return {@code UNSELECT} (RFC 3691), or its emulation (see {@link ImapClient#unselect()}) */
    public Operation<Void> unselect() {
        if (session.has(Capability.Known.UNSELECT) || session.has(Capability.Known.IMAP4REV2)) {
            return op(Ops.plain(session, new Command.Unselect()));
        }
        session.fallback(Fallback.Kind.UNSELECT_EMULATED, "UNSELECT", "UNSELECT",
                "EXAMINE of a mailbox that does not exist: its NO leaves the selected state without expunging");
        return composite("UNSELECT", () -> run(Ops.plain(session, Command.Examine.of(MailboxName.of(
                "imap4j-unselect-" + Long.toHexString(System.nanoTime()))))).handle((v, e) -> {
                    Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause() : e;
                    if (t == null || t instanceof ImapCommandException) {
                        return null; // the NO is the point: the server deselected the mailbox
                    }
                    throw Session.unwrap(t);
                }));
    }

    /** @return {@code EXPUNGE}: the sequence numbers expunged, or the UIDs if reported as VANISHED */
    public Operation<List<Long>> expunge() {
        return op(Ops.expunge(session, new Command.Expunge()));
    }

    /**
     * @param uids the UIDs
     * @return {@code UID EXPUNGE} (RFC 4315) of only these \Deleted messages
     */
    public Operation<List<Long>> expunge(SequenceSet uids) {
        if (!session.has(Capability.Known.UIDPLUS) && !session.has(Capability.Known.IMAP4REV2)) {
            return failed(session, new ImapCapabilityException("UID EXPUNGE needs UIDPLUS; a plain EXPUNGE would "
                    + "remove every \\Deleted message, not only these"), "UID EXPUNGE");
        }
        return op(Ops.expunge(session, new Command.UidExpunge(uids)));
    }

    /**
     * @param key the criteria
     * @return {@code SEARCH}; ESEARCH's compact answer when offered
     */
    public Operation<SearchResult> search(SearchKey key) {
        if (org.imap4j.client.internal.BadCharsetSearch.applies(session, key)
                && (uid || !org.imap4j.client.internal.UidOnly.on(session))) {
            // a server may refuse CHARSET UTF-8 (NO [BADCHARSET]): the header keys are then matched here
            return composite("SEARCH", () -> org.imap4j.client.internal.BadCharsetSearch.orFiltered(session, key,
                    uid, run(Ops.search(session, Requests.search(key, uid,
                            org.imap4j.client.internal.ModernOps.esearch(session))).progress(progress)),
                    c -> Ops.search(session, c).progress(progress)));
        }
        if (uid && org.imap4j.client.internal.CommandSplitter.messageLimit(session) > 0) {
            // MESSAGELIMIT (RFC 9738): the server may search only the highest UIDs; the rest is searched again
            return composite("SEARCH", () -> org.imap4j.client.internal.LimitedSearch.run(session, key,
                    k -> Requests.search(k, true, org.imap4j.client.internal.ModernOps.esearch(session)),
                    c -> Ops.search(session, c).progress(progress)));
        }
        return op(Ops.search(session, Requests.search(key, uid,
                org.imap4j.client.internal.ModernOps.esearch(session))));
    }

    /**
     * @param criteria the sort criteria
     * @param key      the search criteria
     * @return {@code SORT} (RFC 5256): the matching messages in sorted order
     */
    public Operation<List<Long>> sort(List<Command.SortCriterion> criteria, SearchKey key) {
        ImapCapabilityException refused = lacking(Capability.Known.SORT, "SORT");
        if (refused != null) {
            return failed(session, refused, "SORT");
        }
        return op(Ops.sort(session, new Command.Sort(criteria, "UTF-8", key, uid)));
    }

    /**
     * @param algorithm {@code REFERENCES} or {@code ORDEREDSUBJECT}
     * @param key       the search criteria
     * @return {@code THREAD} (RFC 5256): the threads
     */
    public Operation<List<MessageThread>> thread(String algorithm, SearchKey key) {
        ImapCapabilityException refused;
        try {
            refused = lacking(Capability.of("THREAD=" + algorithm), "THREAD " + algorithm);
        } catch (RuntimeException e) {
            return failed(session, e, "THREAD");
        }
        if (refused != null) {
            return failed(session, refused, "THREAD");
        }
        return op(Ops.thread(session, new Command.Thread(algorithm, "UTF-8", key, uid)));
    }

    // ---------------------------------------------------------------- fetch

    /**
     * @param set        the messages (UIDs unless {@link #bySequence()})
     * @param attributes the items
     * @return {@code FETCH}: message (UID, or sequence number) → its items
     */
    public Operation<FetchResults> fetch(SequenceSet set, FetchAttribute... attributes) {
        Operation<FetchResults> plain = splitting("FETCH", set, false, p -> fetchCommand(p, uid, null, attributes),
                c -> new FetchOp(session, c, null, null), org.imap4j.client.internal.CommandSplitter::mergeFetch);
        if (!org.imap4j.client.internal.ProfileQuirks.refetchesBodyStructure(session, List.of(attributes))) {
            return plain;
        }
        // Microsoft Exchange: an unreadable BODYSTRUCTURE is asked again as BODY (see ProfileQuirks)
        return composite("FETCH", () -> plain.future().thenCompose(r -> org.imap4j.client.internal.ProfileQuirks
                .bodyStructure(session, r, uid, c -> new FetchOp(session, c, null, null))));
    }

    /**
     * @param set          the messages
     * @param changedSince the mod-sequence the caller knows
     * @param attributes   the items (MODSEQ is returned too)
     * @return {@code FETCH} with CHANGEDSINCE (RFC 7162)
     */
    public Operation<FetchResults> fetchChangedSince(SequenceSet set, long changedSince,
            FetchAttribute... attributes) {
        return splitting("FETCH", set, false, p -> fetchCommand(p, uid, changedSince, attributes),
                c -> new FetchOp(session, c, null, null), org.imap4j.client.internal.CommandSplitter::mergeFetch);
    }

    /**
     * @param message  the message (UID unless {@link #bySequence()})
     * @param section  the section ({@link Section#whole()} for the whole message)
     * @param out      where the bytes go
     * @param progress bytes so far / total
     * @return one message's section streamed to {@code out}: the other items of the response
     */
    public Operation<FetchResult> fetchSpecific(long message, Section section, OutputStream out,
            ProgressListener progress) {
        CompletableFuture<FetchResults> f = run(new FetchOp(session, fetchCommand(SequenceSet.of(message), uid,
                null, Requests.section(section, true, null, null)), out, progress));
        return new PendingOperation<>(session, f.thenApply(m -> m.get(message)), "FETCH");
    }

    /**
     * @param message the message (UID unless {@link #bySequence()})
     * @param part    the part ({@code BODY.PEEK[section]})
     * @param out     where the decoded bytes go; flushed, not closed
     * @return one part streamed to {@code out} with its Content-Transfer-Encoding undone (see
     *         {@link ImapClient#fetchPart(long, BodyPart, OutputStream)}): the other items of the response
     */
    public Operation<FetchResult> fetchPart(long message, BodyPart part, OutputStream out) {
        return composite("FETCH", () -> {
            OutputStream decoding = org.imap4j.client.internal.TransferDecodingOutputStream.wrap(part.encoding(),
                    out);
            return run(new FetchOp(session, fetchCommand(SequenceSet.of(message), uid, null,
                    Requests.section(part.section(), true, null, null)), decoding, ProgressListener.NONE))
                    .thenApply(m -> {
                        try {
                            decoding.flush();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        return m.get(message);
                    });
        });
    }

    /**
     * @param set     the messages (UIDs unless {@link #bySequence()})
     * @param section the section
     * @param sink    opens one stream per body
     * @return one section of many messages with one command, each to its own stream (see
     *         {@link ImapClient#fetchSpecific(SequenceSet, Section, BodySink)})
     */
    public Operation<FetchResults> fetchSpecific(SequenceSet set, Section section, BodySink sink) {
        // UID first even by sequence number: the sink is promised each body's UID before the body's bytes
        return op(new SinkFetchOp(session, fetchCommand(set, uid, null, FetchAttribute.Item.UID,
                Requests.section(section, true, null, null)), sink));
    }

    /**
     * @param set the messages
     * @return Gmail's ids and labels (see {@link ImapClient#fetchGmail})
     */
    public Operation<FetchResults> fetchGmail(SequenceSet set) {
        if (!session.has(Capability.Known.X_GM_EXT_1)) {
            return failed(session, new ImapCapabilityException(
                    "fetchGmail needs the X-GM-EXT-1 capability, which the server lacks"), "FETCH");
        }
        return fetch(set, FetchAttribute.Item.X_GM_MSGID, FetchAttribute.Item.X_GM_THRID,
                FetchAttribute.Item.X_GM_LABELS);
    }

    // ---------------------------------------------------------------- flags

    /**
     * @param set            the messages (UIDs unless {@link #bySequence()})
     * @param mode           add, remove or replace
     * @param silent         whether the server should not report the new flags
     * @param unchangedSince the mod-sequence condition, or {@code null}
     * @param flags          the flags
     * @return {@code STORE}
     */
    public Operation<StoreResult> store(SequenceSet set, Command.StoreMode mode, boolean silent, Long unchangedSince,
            Flag... flags) {
        return splitting("STORE", set, false, p -> Requests.store(p, mode, silent, unchangedSince, uid, flags),
                c -> Ops.store(session, c), org.imap4j.client.internal.CommandSplitter::mergeStore);
    }

    /**
     * @param set    the messages
     * @param mode   replace, add or remove
     * @param labels the labels
     * @return {@code STORE X-GM-LABELS} (see {@link ImapClient#storeGmailLabels})
     */
    public Operation<Map<Long, List<String>>> storeGmailLabels(SequenceSet set, Command.StoreMode mode,
            String... labels) {
        if (!session.has(Capability.Known.X_GM_EXT_1)) {
            return failed(session, new ImapCapabilityException(
                    "storeGmailLabels needs the X-GM-EXT-1 capability, which the server lacks"), "STORE");
        }
        return op(Ops.storeGmailLabels(session, new Command.StoreGmailLabels(set, mode, false, List.of(labels),
                uid)));
    }

    // ---------------------------------------------------------------- copy and move

    /**
     * @param set     the messages (UIDs unless {@link #bySequence()})
     * @param mailbox the destination
     * @return {@code COPY}: the UID mapping under UIDPLUS
     */
    public Operation<CopyResult> copy(SequenceSet set, MailboxName mailbox) {
        return splitting("COPY", set, true, p -> new Command.Copy(p, mailbox, uid), c -> Ops.copy(session, c),
                org.imap4j.client.internal.CommandSplitter::mergeCopy);
    }

    /**
     * @param set     the messages (UIDs unless {@link #bySequence()})
     * @param mailbox the destination
     * @return MOVE (RFC 6851) when offered; else, with UIDPLUS, COPY + \Deleted + UID EXPUNGE of exactly these
     *         messages in one exclusive section; else failed with {@link ImapCapabilityException} (nothing sent)
     */
    public Operation<CopyResult> move(SequenceSet set, MailboxName mailbox) {
        if (session.has(Capability.Known.MOVE) || session.has(Capability.Known.IMAP4REV2)) {
            // by sequence number never split: moving the first part would renumber the rest
            return !uid ? op(Ops.copy(session, new Command.Move(set, mailbox, false)))
                    : splitting("MOVE", set, true, p -> new Command.Move(p, mailbox, true), c -> Ops.copy(session, c),
                            org.imap4j.client.internal.CommandSplitter::mergeCopy);
        }
        if (!session.has(Capability.Known.UIDPLUS)) {
            return failed(session, new ImapCapabilityException("MOVE needs MOVE or UIDPLUS; without them the "
                    + "emulation would expunge every \\Deleted message in the mailbox"), "MOVE");
        }
        session.fallback(Fallback.Kind.MOVE_EMULATED, "MOVE", "MOVE",
                "COPY, STORE +FLAGS.SILENT (\\Deleted) and UID EXPUNGE of exactly these UIDs, in one exclusive section");
        return exclusive("MOVE", section -> {
            CompletableFuture<SequenceSet> uids = uid ? CompletableFuture.completedFuture(set)
                    : session.run(new FetchOp(session, fetchCommand(set, false, null, FetchAttribute.Item.UID),
                            null, null), section).thenApply(found -> {
                                List<Long> u = new ArrayList<>();
                                for (FetchResult f : found.values()) {
                                    f.uid().ifPresent(u::add);
                                }
                                if (u.isEmpty()) {
                                    throw new ImapValidationException("no message matches " + set);
                                }
                                return SequenceSet.of(u).normalized();
                            });
            return uids.thenCompose(u -> session.run(Ops.copy(session, new Command.Copy(u, mailbox, true)), section)
                    .thenCompose(copied -> session.run(Ops.store(session, Requests.store(u, Command.StoreMode.ADD,
                            true, null, true, Flag.DELETED)), section)
                            .thenCompose(stored -> session.run(Ops.expunge(session, new Command.UidExpunge(u)),
                                    section))
                            .thenApply(expunged -> copied)));
        });
    }

    // ---------------------------------------------------------------- ACL, METADATA, JMAPACCESS, UNAUTHENTICATE, raw

    /**
     * @param mailbox a mailbox
     * @return {@code GETACL} (RFC 4314): who has which rights on it; {@link ImapCapabilityException} without ACL
     */
    public Operation<List<org.imap4j.codec.response.AclEntry>> getAcl(MailboxName mailbox) {
        ImapCapabilityException refused = lacking(Capability.Known.ACL, "GETACL");
        return refused != null ? failed(session, refused, "GETACL")
                : op(org.imap4j.client.internal.ExtensionOps.getAcl(session, new Command.GetAcl(mailbox)));
    }

    /**
     * @param mailbox a mailbox
     * @return {@code MYRIGHTS} (RFC 4314): the logged-in user's rights letters on it
     */
    public Operation<String> myRights(MailboxName mailbox) {
        ImapCapabilityException refused = lacking(Capability.Known.ACL, "MYRIGHTS");
        return refused != null ? failed(session, refused, "MYRIGHTS")
                : op(org.imap4j.client.internal.ExtensionOps.myRights(session, new Command.MyRights(mailbox)));
    }

    /**
     * @param mailbox    a mailbox
     * @param identifier a user or group
     * @return {@code LISTRIGHTS} (RFC 4314): the rights that may be granted to it
     */
    public Operation<Untagged.ListRights> listRights(MailboxName mailbox, String identifier) {
        ImapCapabilityException refused = lacking(Capability.Known.ACL, "LISTRIGHTS");
        return refused != null ? failed(session, refused, "LISTRIGHTS")
                : op(org.imap4j.client.internal.ExtensionOps.listRights(session,
                        new Command.ListRights(mailbox, identifier)));
    }

    /**
     * @param mailbox    a mailbox
     * @param identifier a user or group
     * @param mode       replace, add or remove
     * @param rights     the rights letters
     * @return {@code SETACL} (RFC 4314)
     */
    public Operation<Void> setAcl(MailboxName mailbox, String identifier, Command.StoreMode mode, String rights) {
        ImapCapabilityException refused = lacking(Capability.Known.ACL, "SETACL");
        return refused != null ? failed(session, refused, "SETACL")
                : op(Ops.plain(session, new Command.SetAcl(mailbox, identifier, mode, rights)));
    }

    /**
     * @param mailbox    a mailbox
     * @param identifier whose entry to remove
     * @return {@code DELETEACL} (RFC 4314)
     */
    public Operation<Void> deleteAcl(MailboxName mailbox, String identifier) {
        ImapCapabilityException refused = lacking(Capability.Known.ACL, "DELETEACL");
        return refused != null ? failed(session, refused, "DELETEACL")
                : op(Ops.plain(session, new Command.DeleteAcl(mailbox, identifier)));
    }

    /**
     * @param mailbox a mailbox, or {@code MailboxName.of("")} for the server's own entries
     * @param entries entry names such as {@code /shared/comment}
     * @return {@code GETMETADATA} (RFC 5464): the entries that have values
     */
    public Operation<List<org.imap4j.codec.core.MetadataEntry>> getMetadata(MailboxName mailbox, String... entries) {
        ImapCapabilityException refused = lackingMetadata(mailbox, "GETMETADATA");
        return refused != null ? failed(session, refused, "GETMETADATA")
                : op(org.imap4j.client.internal.ExtensionOps.getMetadata(session, new Command.GetMetadata(mailbox,
                        List.of(entries), null, null)));
    }

    /**
     * @param mailbox a mailbox, or {@code MailboxName.of("")} for the server's own entries
     * @param entries the entries to set (a {@code null} value removes one)
     * @return {@code SETMETADATA} (RFC 5464)
     */
    public Operation<Void> setMetadata(MailboxName mailbox, org.imap4j.codec.core.MetadataEntry... entries) {
        ImapCapabilityException refused = lackingMetadata(mailbox, "SETMETADATA");
        return refused != null ? failed(session, refused, "SETMETADATA")
                : op(Ops.plain(session, new Command.SetMetadata(mailbox, List.of(entries))));
    }

    private ImapCapabilityException lackingMetadata(MailboxName mailbox, String what) {
        if (session.has(Capability.Known.METADATA)
                || mailbox.name().isEmpty() && session.has(Capability.Known.METADATA_SERVER)) {
            return null;
        }
        return lacking(Capability.Known.METADATA, what);
    }

    /**
     * {@code NOTIFY SET [STATUS] ...} or, with no groups, {@code NOTIFY NONE} (RFC 5465): which events of which
     * mailboxes the server pushes to this connection from now on. Events of non-selected mailboxes come as unsolicited
     * {@code STATUS} (heard by {@link MailboxListener#mailboxStatus}) or {@code LIST} responses, during IDLE or
     * with any later command's answer.
     *
     * @param groups the event groups (empty: {@code NOTIFY NONE})
     * @param status whether the server first sends a STATUS of each non-selected mailbox the groups cover
     * @return the operation; an {@link ImapCapabilityException} when the server does not offer NOTIFY
     */
    public Operation<Void> notifySet(List<org.imap4j.codec.command.NotifyGroup> groups, boolean status) {
        ImapCapabilityException refused = lacking(Capability.Known.NOTIFY, "NOTIFY");
        return refused != null ? failed(session, refused, "NOTIFY")
                : op(Ops.plain(session, new Command.Notify(groups, status)));
    }

    /** @return {@code GETJMAPACCESS} (RFC 9698): the JMAP session URL of this account (check it before use) */
    public Operation<String> jmapAccess() {
        ImapCapabilityException refused = lacking(Capability.Known.JMAPACCESS, "GETJMAPACCESS");
        return refused != null ? failed(session, refused, "GETJMAPACCESS")
                : op(org.imap4j.client.internal.ExtensionOps.jmapAccess(session));
    }

    /**
     * @return {@code UNAUTHENTICATE} (RFC 8437): back to the not-authenticated state on the same connection (TLS
     *     stays; ask for the capabilities again before logging in)
     */
    public Operation<Void> unauthenticate() {
        ImapCapabilityException refused = lacking(Capability.Known.UNAUTHENTICATE, "UNAUTHENTICATE");
        if (refused != null) {
            return failed(session, refused, "UNAUTHENTICATE");
        }
        CompletableFuture<Void> f = run(Ops.plain(session, new Command.Unauthenticate()))
                .thenApply(v -> {
                    session.forgetEnabled(); // RFC 8437 section 3: what ENABLE turned on is off again
                    return v;
                });
        return new PendingOperation<>(session, f, "UNAUTHENTICATE");
    }

    /**
     * Replaces a message of the selected mailbox by a new one: the new message is appended to {@code mailbox} (which
     * may be the selected mailbox) and the old one expunged, for example a draft saved again.
     *
     * <p>With REPLACE (RFC 8508) one {@code [UID] REPLACE}, atomic on the server. Without it, with UIDPLUS, the same
     * effect in one exclusive section — APPEND, then {@code UID STORE +FLAGS.SILENT (\Deleted)} and {@code UID EXPUNGE}
     * of exactly the old message — reported as {@link Fallback.Kind#REPLACE_EMULATED}; not atomic: if the connection
     * dies between the steps both messages may exist, never neither (the old one is only expunged after the APPEND
     * succeeded). Without either it fails with {@link ImapCapabilityException} before anything is sent.
     *
     * @param number       the old message: its UID, or its sequence number after {@link #bySequence()}
     * @param mailbox      where the new message goes
     * @param message      the new message (RFC 5322 bytes)
     * @param internalDate its internal date, or {@code null} for now
     * @param flags        its flags
     * @return the new message's UID when the server reports it (APPENDUID)
     */
    public Operation<AppendResult> replace(long number, MailboxName mailbox, Bytes message,
            OffsetDateTime internalDate, Flag... flags) {
        Command.AppendMessage m = org.imap4j.client.internal.ModernOps.forAppend(session,
                Requests.append(mailbox, message, internalDate, flags).messages()).get(0);
        ImapAppendLimitException big = tooBig(mailbox, List.of(m));
        if (big != null) {
            return failed(session, big, "REPLACE");
        }
        if (session.has(Capability.Known.REPLACE)) {
            return op(Ops.replace(session, new Command.Replace(number, mailbox, m, uid)));
        }
        if (!session.has(Capability.Known.UIDPLUS)) {
            return failed(session, new ImapCapabilityException("REPLACE needs REPLACE or UIDPLUS; without them the "
                    + "emulation would expunge every \\Deleted message in the mailbox"), "REPLACE");
        }
        session.fallback(Fallback.Kind.REPLACE_EMULATED, "REPLACE", "REPLACE",
                "APPEND, then STORE +FLAGS.SILENT (\\Deleted) and UID EXPUNGE of exactly the old message, in one "
                        + "exclusive section (not atomic)");
        return exclusive("REPLACE", section -> {
            CompletableFuture<Long> old = uid ? CompletableFuture.completedFuture(number)
                    : session.run(new FetchOp(session, fetchCommand(SequenceSet.of(number), false, null,
                            FetchAttribute.Item.UID), null, null), section).thenApply(found -> {
                                for (FetchResult f : found.values()) {
                                    if (f.uid().isPresent()) {
                                        return f.uid().getAsLong();
                                    }
                                }
                                throw new ImapValidationException("no message has sequence number " + number);
                            });
            return old.thenCompose(u -> session.run(Ops.append(session, new Command.Append(mailbox, List.of(m))),
                    section).thenCompose(appended -> {
                        SequenceSet one = SequenceSet.of(u);
                        return session.run(Ops.store(session, Requests.store(one, Command.StoreMode.ADD, true, null,
                                true, Flag.DELETED)), section)
                                .thenCompose(stored -> session.run(Ops.expunge(session, new Command.UidExpunge(one)),
                                        section))
                                .thenApply(expunged -> appended);
                    }));
        });
    }

    /**
     * Sends a command the library does not know yet, built from typed arguments, and collects the untagged responses
     * it names: the escape hatch. CR, LF and NUL cannot reach the command line from a string argument (text with line
     * breaks goes as a literal). The command runs alone (a barrier: the library cannot know what it does).
     *
     * @param command the extension command
     * @return its collected responses and tagged OK; NO or BAD fail it with an
     *     {@link org.imap4j.codec.ImapCommandException}
     */
    public Operation<RawResult> raw(Command.Extension command) {
        return op(org.imap4j.client.internal.ExtensionOps.raw(session, command));
    }

    // ---------------------------------------------------------------- quota, compress

    /**
     * @param root a quota root
     * @return {@code GETQUOTA} (RFC 9208): its usage and limits
     */
    public Operation<List<Untagged.Quota>> getQuota(String root) {
        CompletableFuture<List<Untagged.Quota>> f = run(Ops.quota(session, new Command.GetQuota(root)))
                .thenApply(QuotaRootResult::quotas);
        return new PendingOperation<>(session, f, "GETQUOTA");
    }

    /**
     * @param mailbox a mailbox
     * @return {@code GETQUOTAROOT}: its quota roots and their quotas
     */
    public Operation<QuotaRootResult> getQuotaRoot(MailboxName mailbox) {
        return op(Ops.quota(session, new Command.GetQuotaRoot(mailbox)));
    }

    /** @return {@code COMPRESS DEFLATE} (RFC 4978) when offered and not yet on */
    public Operation<Void> compress() {
        if (session.transport().isCompressing()) {
            return new PendingOperation<>(session, CompletableFuture.completedFuture(null), "COMPRESS");
        }
        ImapCapabilityException refused = lacking(Capability.Known.COMPRESS_DEFLATE, "COMPRESS");
        return refused != null ? failed(session, refused, "COMPRESS") : op(Ops.plain(session, Command.Compress.DEFLATE));
    }

    // ---------------------------------------------------------------- search and fetch extensions (RFC 4731, 5182,
    // 5267, 9394, 7162 VANISHED, 9208 SETQUOTA, 7889 APPENDLIMIT)

    private static boolean has(Command.SearchReturn[] options, Command.SearchReturn o) {
        for (Command.SearchReturn x : options) {
            if (x == o) {
                return true;
            }
        }
        return false;
    }

    /** The refusal of a SEARCH or SORT with return options the server does not offer, else {@code null}. */
    private ImapCapabilityException lackingSearchReturn(boolean sort, PartialRange page,
            Command.SearchReturn... options) {
        String what = sort ? "SORT RETURN" : "SEARCH RETURN";
        if (sort) {
            ImapCapabilityException refused = lacking(Capability.Known.SORT, what);
            if (refused == null) {
                refused = lacking(Capability.Known.ESORT, what);
            }
            if (refused != null) {
                return refused;
            }
        } else if (!org.imap4j.client.internal.ModernOps.esearch(session)) {
            return lacking(Capability.Known.ESEARCH, what);
        }
        if (has(options, Command.SearchReturn.SAVE) && !session.has(Capability.Known.IMAP4REV2)) {
            ImapCapabilityException refused = lacking(Capability.Known.SEARCHRES, "SEARCH RETURN (SAVE)");
            if (refused != null) {
                return refused;
            }
        }
        if (has(options, Command.SearchReturn.UPDATE) || has(options, Command.SearchReturn.CONTEXT)) {
            // RFC 5267 section 4: use liveSearch for updates; asked here, they would reach no one
            ImapCapabilityException refused = lacking(sort ? Capability.Known.CONTEXT_SORT
                    : Capability.Known.CONTEXT_SEARCH, what + " (UPDATE / CONTEXT)");
            if (refused != null) {
                return refused;
            }
        }
        return page == null ? null : lacking(Capability.Known.PARTIAL, what + " (PARTIAL)");
    }

    private Operation<ESearchResult> esearch(String name, boolean sort, List<Command.SortCriterion> criteria,
            SearchKey key, PartialRange page, Command.SearchReturn... options) {
        ImapCapabilityException refused = lackingSearchReturn(sort, page, options);
        if (refused != null && !sort && page == null
                && org.imap4j.client.internal.EsearchFallback.computable(options)
                && !org.imap4j.client.internal.ModernOps.esearch(session)) {
            // without ESEARCH, MIN / MAX / COUNT / ALL are what a plain SEARCH's matches give
            session.fallback(Fallback.Kind.ESEARCH_EMULATED, "SEARCH", "ESEARCH",
                    "plain SEARCH; MIN, MAX, COUNT and ALL computed by the client from its matches");
            return composite(name, () -> search(key).future().thenApply(r ->
                    org.imap4j.client.internal.EsearchFallback.fromPlainSearch(r, options)));
        }
        if (refused != null) {
            return failed(session, refused, name);
        }
        Command c;
        try {
            c = sort ? new Command.Sort(criteria, "UTF-8", key, uid, List.of(options), page)
                    : new Command.Search(null, key, List.of(options), page, uid);
        } catch (RuntimeException e) {
            return failed(session, e, name);
        }
        return op(org.imap4j.client.internal.SearchReturnOps.esearch(session, c, uid,
                has(options, Command.SearchReturn.SAVE)));
    }

    /**
     * @param key     the criteria
     * @param options what to return ({@code MIN}, {@code MAX}, {@code COUNT}, {@code ALL}, {@code SAVE}); none means
     *                {@code ALL}
     * @return {@code SEARCH RETURN (options)} (ESEARCH, RFC 4731; SAVE of SEARCHRES, RFC 5182), typed. Without
     *     ESEARCH (or IMAP4rev2) a plain SEARCH whose matches give MIN, MAX, COUNT and ALL, reported as
     *     {@link Fallback.Kind#ESEARCH_EMULATED}; SAVE without SEARCHRES is refused with
     *     {@link ImapCapabilityException} (the server would have no {@code $} to use)
     */
    public Operation<ESearchResult> search(SearchKey key, Command.SearchReturn... options) {
        return esearch("SEARCH", false, null, key, null, options);
    }

    /**
     * @param key     the criteria
     * @param page    the page of matches, e.g. {@code PartialRange.first(100)} or {@code PartialRange.last(100)}
     * @param options other items to return ({@code COUNT}, {@code MIN}, {@code MAX}, {@code SAVE})
     * @return {@code SEARCH RETURN (options PARTIAL page)} (RFC 9394); refused with {@link ImapCapabilityException}
     *     without PARTIAL
     */
    public Operation<ESearchResult> searchPage(SearchKey key, PartialRange page, Command.SearchReturn... options) {
        if (page == null) {
            return failed(session, new IllegalArgumentException("page is null"), "SEARCH");
        }
        return esearch("SEARCH", false, null, key, page, options);
    }

    /**
     * @param criteria the sort criteria
     * @param key      the search criteria
     * @param options  what to return ({@code MIN}, {@code MAX}, {@code COUNT}, {@code ALL}); none means {@code ALL}
     * @return {@code SORT RETURN (options)} (ESORT, RFC 5267): {@code ALL} in sorted order, {@code MIN} / {@code MAX}
     *     as the server reads them (see {@link ESearchResult}); refused with {@link ImapCapabilityException} without
     *     ESORT
     */
    public Operation<ESearchResult> sort(List<Command.SortCriterion> criteria, SearchKey key,
            Command.SearchReturn... options) {
        return esearch("SORT", true, criteria, key, null, options);
    }

    /**
     * @param criteria the sort criteria
     * @param key      the search criteria
     * @param page     the page of the sorted matches
     * @param options  other items to return
     * @return {@code SORT RETURN (options PARTIAL page)} (RFC 5267, RFC 9394); refused without ESORT or PARTIAL
     */
    public Operation<ESearchResult> sortPage(List<Command.SortCriterion> criteria, SearchKey key, PartialRange page,
            Command.SearchReturn... options) {
        if (page == null) {
            return failed(session, new IllegalArgumentException("page is null"), "SORT");
        }
        return esearch("SORT", true, criteria, key, page, options);
    }

    /**
     * @param uids       the UIDs ({@link SequenceSet#lastResult()} for a result saved with SAVE)
     * @param attributes the items
     * @return {@code UID FETCH}, whatever {@link #byUid()} says: UID → its items
     */
    public Operation<FetchResults> fetchUid(SequenceSet uids, FetchAttribute... attributes) {
        Command.Fetch f;
        try {
            f = fetchCommand(uids, true, null, attributes);
        } catch (RuntimeException e) {
            return failed(session, e, "FETCH");
        }
        return op(new FetchOp(session, f, null, null));
    }

    /**
     * @param set        the messages (UIDs unless {@link #bySequence()})
     * @param page       which of them: {@code PartialRange.last(30)} for the 30 with the highest numbers
     * @param attributes the items
     * @return {@code FETCH set items (PARTIAL page)} (RFC 9394 section 3.2); refused with
     *     {@link ImapCapabilityException} without PARTIAL
     */
    public Operation<FetchResults> fetchPage(SequenceSet set, PartialRange page, FetchAttribute... attributes) {
        ImapCapabilityException refused = lacking(Capability.Known.PARTIAL, "FETCH (PARTIAL)");
        if (refused != null) {
            return failed(session, refused, "FETCH");
        }
        Command.Fetch f;
        try {
            Command.Fetch plain = Requests.fetch(set, uid, null, attributes);
            f = new Command.Fetch(plain.set(), plain.attributes(), uid, null, false,
                    java.util.Objects.requireNonNull(page, "page"));
        } catch (RuntimeException e) {
            return failed(session, e, "FETCH");
        }
        return op(new FetchOp(session, f, null, null));
    }

    /**
     * @param uids         the UIDs the caller knows
     * @param changedSince the mod-sequence the caller knows
     * @param attributes   the items (UID and MODSEQ are returned too)
     * @return {@code UID FETCH uids items (CHANGEDSINCE changedSince VANISHED)} (QRESYNC, RFC 7162 section 3.2.6):
     *     the UIDs expunged since then and the messages changed since then; refused with
     *     {@link ImapCapabilityException} unless QRESYNC is offered and enabled (enable it before SELECT)
     */
    public Operation<MessageChanges> fetchChanges(SequenceSet uids, long changedSince,
            FetchAttribute... attributes) {
        ImapCapabilityException refused = lacking(Capability.Known.QRESYNC, "FETCH (VANISHED)");
        if (refused == null && !session.isEnabled(Capability.Known.QRESYNC)) {
            refused = new ImapCapabilityException("FETCH (VANISHED) needs QRESYNC enabled on this connection "
                    + "(ENABLE QRESYNC before SELECT, RFC 7162 section 3.2.3)");
        }
        if (refused != null) {
            return failed(session, refused, "FETCH");
        }
        Command.Fetch f;
        try {
            Command.Fetch plain = Requests.fetch(uids, true, changedSince, attributes);
            f = new Command.Fetch(plain.set(), plain.attributes(), true, changedSince, true);
        } catch (RuntimeException e) {
            return failed(session, e, "FETCH");
        }
        return op(org.imap4j.client.internal.SearchReturnOps.changes(session, f));
    }

    /**
     * @param root   a quota root (from {@link #getQuotaRoot})
     * @param limits the new limits, e.g. {@code new Command.QuotaLimit("STORAGE", 512)} (STORAGE in units of 1024
     *               octets); none removes them
     * @return {@code SETQUOTA} (RFC 9208 section 4.3.3): the QUOTA responses the server sent with it (empty when it
     *     sends none, as Cyrus 3.6 does: ask with {@link #getQuota}); refused with {@link ImapCapabilityException}
     *     without QUOTA (servers also announce {@code QUOTASET}; many allow it to administrators only, and refuse
     *     others with NO)
     */
    public Operation<List<Untagged.Quota>> setQuota(String root, Command.QuotaLimit... limits) {
        ImapCapabilityException refused = lacking(Capability.Known.QUOTA, "SETQUOTA");
        if (refused != null) {
            return failed(session, refused, "SETQUOTA");
        }
        Command.SetQuota c;
        try {
            c = new Command.SetQuota(root, List.of(limits));
        } catch (RuntimeException e) {
            return failed(session, e, "SETQUOTA");
        }
        CompletableFuture<List<Untagged.Quota>> f = run(Ops.quota(session, c)).thenApply(QuotaRootResult::quotas);
        return new PendingOperation<>(session, f, "SETQUOTA");
    }

    /**
     * @param mailbox a mailbox
     * @return the APPENDLIMIT (RFC 7889) that applies to an APPEND to it, in octets: its own when a STATUS or
     *     LIST-STATUS on this connection reported one ({@link StatusAttribute#APPENDLIMIT}), else the server-wide
     *     {@code APPENDLIMIT=n} capability; empty when none is known (or the mailbox's is NIL)
     */
    public OptionalLong appendLimit(MailboxName mailbox) {
        org.imap4j.client.internal.AppendLimits.Limit l = session.appendLimits().limit(mailbox,
                session.capabilities());
        return l == null ? OptionalLong.empty() : OptionalLong.of(l.octets());
    }

    /** The refusal of messages larger than the mailbox's APPENDLIMIT, before anything is written, or null. */
    private ImapAppendLimitException tooBig(MailboxName mailbox, List<Command.AppendMessage> messages) {
        org.imap4j.client.internal.AppendLimits.Limit l = session.appendLimits().limit(mailbox,
                session.capabilities());
        if (l == null) {
            return null;
        }
        for (Command.AppendMessage m : messages) {
            if (m.size() > l.octets()) {
                return new ImapAppendLimitException(mailbox, l.octets(), m.size(), l.perMailbox());
            }
        }
        return null;
    }

    private ImapAppendLimitException tooBig(MailboxName mailbox, long size) {
        org.imap4j.client.internal.AppendLimits.Limit l = session.appendLimits().limit(mailbox,
                session.capabilities());
        return l != null && size > l.octets()
                ? new ImapAppendLimitException(mailbox, l.octets(), size, l.perMailbox()) : null;
    }

    // Issue 18: CATENATE, URLAUTH, limits, UIDONLY

    /**
     * APPEND of a message the server assembles (CATENATE, RFC 4469): each part is either an IMAP URL of a message
     * or part the server already holds (copied in without passing through the client) or text sent with the command.
     *
     * @param mailbox      the destination
     * @param flags        its flags (empty for none)
     * @param internalDate its internal date, or {@code null} for now
     * @param parts        its parts in order (at least one); binary text parts need BINARY too
     * @return the new UID under UIDPLUS; without CATENATE (or BINARY for binary text) a failed operation
     *     ({@link ImapCapabilityException}) and nothing sent; a URL the server cannot resolve fails it with an
     *     {@link ImapCommandException} whose code is {@code BADURL}
     */
    public Operation<AppendResult> catenate(MailboxName mailbox, List<Flag> flags, OffsetDateTime internalDate,
            List<Command.CatenatePart> parts) {
        Command.Catenate c = new Command.Catenate(mailbox, List.of(new Command.CatenateMessage(flags, internalDate,
                parts)));
        ImapCapabilityException refused = lacking(Capability.Known.CATENATE, "CATENATE");
        if (refused == null) {
            for (Command.CatenatePart p : parts) {
                if (p instanceof Command.CatenatePart.Text t && t.binary()) {
                    refused = lacking(Capability.Known.BINARY, "binary CATENATE text");
                    break;
                }
            }
        }
        return refused != null ? failed(session, refused, "CATENATE")
                : op(org.imap4j.client.internal.ComposeOps.catenate(session, c));
    }

    /**
     * {@code GENURLAUTH} (URLAUTH, RFC 4467 section 6.2): authorized URLs a third party (a submission server, say)
     * can fetch with URLFETCH.
     *
     * @param requests the URL rumps (ending in {@code ;URLAUTH=access}) with their mechanisms, at least one
     * @return the authorized URLs ({@code rump:mechanism:token}) in the order the server sent them; without URLAUTH
     *     a failed operation ({@link ImapCapabilityException})
     */
    public Operation<List<String>> genUrlAuth(List<Command.UrlAuthRequest> requests) {
        Command.GenUrlAuth c = new Command.GenUrlAuth(requests);
        ImapCapabilityException refused = lacking(Capability.Known.URLAUTH, "GENURLAUTH");
        return refused != null ? failed(session, refused, "GENURLAUTH")
                : op(org.imap4j.client.internal.ComposeOps.genUrlAuth(session, c));
    }

    /**
     * {@code URLFETCH} (URLAUTH, RFC 4467 section 6.3): the octets behind authorized (or this user's own) URLs.
     *
     * @param urls the URLs, at least one
     * @return each URL with its octets, the data {@code null} where the server could not resolve it; without URLAUTH
     *     a failed operation ({@link ImapCapabilityException})
     */
    public Operation<List<Untagged.UrlData>> urlFetch(List<String> urls) {
        Command.UrlFetch c = new Command.UrlFetch(urls);
        ImapCapabilityException refused = lacking(Capability.Known.URLAUTH, "URLFETCH");
        return refused != null ? failed(session, refused, "URLFETCH")
                : op(org.imap4j.client.internal.ComposeOps.urlFetch(session, c));
    }

    /**
     * {@code RESETKEY} (URLAUTH, RFC 4467 section 6.1): invalidates the URLs authorized so far.
     *
     * @param mailbox    the mailbox whose keys to reset, or {@code null} for every mailbox
     * @param mechanisms the mechanisms to reset (none: all); only with a mailbox
     * @return the reset; without URLAUTH a failed operation ({@link ImapCapabilityException})
     */
    public Operation<Void> resetKey(MailboxName mailbox, String... mechanisms) {
        Command.ResetKey c = new Command.ResetKey(mailbox, List.of(mechanisms));
        ImapCapabilityException refused = lacking(Capability.Known.URLAUTH, "RESETKEY");
        return refused != null ? failed(session, refused, "RESETKEY")
                : op(org.imap4j.client.internal.ComposeOps.resetKey(session, c));
    }

    /**
     * {@code ENABLE UIDONLY} (RFC 9586), opt-in: from then on the connection has no sequence numbers. The server
     * answers FETCH data as {@code * uid UIDFETCH} (read as the FETCH result of that UID; {@link FetchResult#seq()}
     * then holds the UID) and reports expunges with VANISHED; every operation by sequence number fails with
     * {@link ImapUidOnlyException} before anything is sent.
     *
     * @return whether the server enabled it; without the UIDONLY capability a failed operation
     *     ({@link ImapCapabilityException}) and nothing sent
     */
    public Operation<Boolean> enableUidOnly() {
        ImapCapabilityException refused = lacking(Capability.Known.UIDONLY, "ENABLE UIDONLY");
        if (refused != null) {
            return failed(session, refused, "ENABLE");
        }
        CompletableFuture<Boolean> f = run(Ops.enable(session, new Command.Enable(List.of("UIDONLY"))))
                .thenApply(v -> session.isEnabled(Capability.Known.UIDONLY));
        return new PendingOperation<>(session, f, "ENABLE");
    }

    /** @return whether UIDONLY (RFC 9586) is enabled: then only UID operations are allowed */
    public boolean isUidOnly() {
        return org.imap4j.client.internal.UidOnly.on(session);
    }

    /**
     * The same operations (same connection, same addressing) with their INPROGRESS reports (RFC 9585) delivered: while
     * a long command runs, a server offering INPROGRESS sends {@code * OK [INPROGRESS ("tag" done goal)]}; each one
     * goes to {@code listener} as {@code progress(done, goal)} (items, not bytes; {@code -1} where the server does
     * not say) and starts the command's deadline ({@link org.imap4j.session.TransportOptions#commandTimeout()})
     * again, so a command the server reports progress on is not timed out.
     *
     * <pre>{@code
     * SearchResult r = client.operations().withProgress((done, goal) -> System.out.println(done + "/" + goal))
     *         .search(SearchKey.body("invoice")).await();
     * }</pre>
     *
     * @param listener receives the progress of each operation started from the returned view
     * @return the view
     */
    public ImapOperations withProgress(ProgressListener listener) {
        return new ImapOperations(session, uid, java.util.Objects.requireNonNull(listener, "listener"));
    }

    /**
     * One command on a set, or several when the set is too long for one line or larger than the server's message
     * limit (see {@link org.imap4j.client.internal.CommandSplitter}), their results merged in order.
     */
    private <C extends Command, T> Operation<T> splitting(String name, SequenceSet set, boolean saves,
            Function<SequenceSet, C> command, Function<C, Op<T>> make, java.util.function.BinaryOperator<T> merge) {
        if (org.imap4j.client.internal.UidOnly.on(session)
                && org.imap4j.client.internal.UidOnly.bySequence(command.apply(SequenceSet.of(1)))) {
            return failed(session, new ImapUidOnlyException(name), name); // RFC 9586: nothing is sent
        }
        if (!org.imap4j.client.internal.CommandSplitter.applies(session, set, saves, command.apply(SequenceSet.of(1)))) {
            return op(make.apply(command.apply(set)));
        }
        return composite(name, () -> org.imap4j.client.internal.CommandSplitter.run(session, set, saves,
                command::apply, p -> make.apply(command.apply(p)).progress(progress), merge));
    }

    // ---------------------------------------------------------------- CONTEXT=SEARCH (RFC 5267), UIDBATCHES (RFC 10022)

    /**
     * A search the server keeps up to date (CONTEXT=SEARCH, RFC 5267 section 4): {@code UID SEARCH RETURN (ALL UPDATE)
     * key}; its result is the {@link LiveSearch}, holding the UIDs that matched, to which the client routes the
     * server's later {@code ADDTO} / {@code REMOVEFROM} updates by the search's tag. Always by UID, whatever this
     * view's addressing. Refused before sending, with {@link ImapCapabilityException}, when the server lacks
     * CONTEXT=SEARCH (no emulation: a client-side re-search would not be the server's live result).
     *
     * @param key      the criteria
     * @param listener told of each update on the delivery executor ({@link LiveSearch.Listener#NONE}: poll instead)
     * @return the live search once the server answered
     */
    public Operation<LiveSearch> liveSearch(SearchKey key, LiveSearch.Listener listener) {
        ImapCapabilityException refused = lacking(Capability.Known.CONTEXT_SEARCH, "SEARCH RETURN (UPDATE)");
        if (refused != null) {
            return failed(session, refused, "SEARCH");
        }
        try {
            return op(new org.imap4j.client.internal.LiveSearchOp(session, key, listener));
        } catch (RuntimeException e) {
            return failed(session, e, "SEARCH");
        }
    }

    /**
     * {@code UIDBATCHES size} (RFC 10022): UID ranges splitting the selected mailbox into batches of at most
     * {@code size} messages, newest batch first, each range written low to high here (e.g. to FETCH a large mailbox
     * a batch at a time). Servers take sizes of 500 and more ({@code NO [TOOFEW]} below, an
     * {@link org.imap4j.codec.ImapCommandException} with that code). Refused before sending, with
     * {@link ImapCapabilityException}, when the server lacks UIDBATCHES.
     *
     * @param size messages per batch
     * @return the batches' UID ranges, newest first (empty for an empty mailbox)
     */
    public Operation<List<SequenceSet.Range>> uidBatches(long size) {
        return uidBatches(size, null, null);
    }

    /**
     * {@code UIDBATCHES size from:to} (RFC 10022): only batches {@code from} to {@code to} (1 is the newest); see
     * {@link #uidBatches(long)}.
     *
     * @param size messages per batch
     * @param from the first batch wanted (1-based), or {@code null} for all
     * @param to   the last batch wanted, or {@code null} for all
     * @return the batches' UID ranges, newest first (empty past the end)
     */
    public Operation<List<SequenceSet.Range>> uidBatches(long size, Long from, Long to) {
        ImapCapabilityException refused = lacking(Capability.Known.UIDBATCHES, "UIDBATCHES");
        if (refused != null) {
            return failed(session, refused, "UIDBATCHES");
        }
        Command.UidBatches c;
        try {
            c = new Command.UidBatches(size, from, to);
        } catch (RuntimeException e) {
            return failed(session, e, "UIDBATCHES");
        }
        return op(org.imap4j.client.internal.ExtensionOps.uidBatches(session, c));
    }

    /**
     * LIST with each mailbox's METADATA entries in the same command (LIST-METADATA, RFC 9590):
     * {@code LIST reference pattern RETURN (METADATA (entries))}; each {@link ListEntry#metadata()} holds the entries the
     * server returned for it ({@link ListEntry#metadata(String)} reads one). Refused before sending, with
     * {@link ImapCapabilityException}, when the server lacks LIST-METADATA (no emulation: use {@link #getMetadata} per
     * mailbox).
     *
     * @param reference the reference
     * @param pattern   the pattern
     * @param entries   the entry names, e.g. {@code /shared/comment}, {@code /private/vendor/x/color}; at least one
     * @return the mailboxes with their metadata
     */
    public Operation<List<ListEntry>> listWithMetadata(String reference, String pattern, String... entries) {
        ImapCapabilityException refused = lacking(Capability.Known.LIST_METADATA, "LIST RETURN (METADATA)");
        if (refused != null) {
            return failed(session, refused, "LIST");
        }
        Command.ListMailboxes c;
        try {
            if (entries.length == 0) {
                throw new ImapValidationException("LIST RETURN (METADATA) needs at least one entry name");
            }
            c = new Command.ListMailboxes(List.of(), MailboxName.of(reference), List.of(pattern), List.of(), List.of(),
                    List.of(entries));
        } catch (RuntimeException e) {
            return failed(session, e, "LIST");
        }
        return op(Ops.list(session, c));
    }
}
