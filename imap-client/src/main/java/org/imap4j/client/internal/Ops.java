package org.imap4j.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.imap4j.client.AppendResult;
import org.imap4j.client.CopyResult;
import org.imap4j.client.FetchResult;
import org.imap4j.client.ListEntry;
import org.imap4j.client.QuotaRootResult;
import org.imap4j.client.SearchResult;
import org.imap4j.client.SelectResult;
import org.imap4j.client.StatusResult;
import org.imap4j.client.StoreResult;
import org.imap4j.client.auth.SaslContext;
import org.imap4j.client.auth.SaslExchange;
import org.imap4j.client.auth.SaslMechanism;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.MessageThread;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;
import org.imap4j.session.ImapCall;

/** The client's operations, each one {@link Op}: written once for both clients. */
public final class Ops {
    private Ops() {
    }

    /**
     * @param s   the session
     * @param c   a command whose result is only its success
     * @return the operation
     */
    public static Op<Void> plain(Session s, Command c) {
        return simple(s, c, t -> null);
    }

    private static <T> Op<T> simple(Session s, Command c, Function<Tagged, T> f) {
        return new Op<>(s, c) {
            @Override
            protected boolean collectsOnly() {
                return true; // f is the library's (capabilities, an APPENDUID), never the caller's
            }

            @Override
            protected T result(Tagged ok) {
                s.tagged(ok);
                return f.apply(ok);
            }
        };
    }

    /**
     * @param s the session
     * @return CAPABILITY, whose result is the capabilities the engine learnt
     */
    public static Op<List<Capability>> capability(Session s) {
        return simple(s, new Command.Capability(), t -> s.capabilities());
    }

    /**
     * LOGIN; a NO becomes an {@link ImapAuthenticationException} whose cause carries the response code.
     *
     * @param s        the session
     * @param login    the command
     * @return the operation; its result says whether the OK carried the capabilities
     */
    public static Op<Boolean> login(Session s, Command.Login login) {
        return new Op<>(s, login) {
            @Override
            protected boolean collectsOnly() {
                return true;
            }

            @Override
            protected RuntimeException failure(Tagged t) {
                return new ImapAuthenticationException("LOGIN as " + login.user() + " refused: " + t.status() + " "
                        + t.text(), ImapCommandException.of(t, "LOGIN"));
            }

            @Override
            protected Boolean result(Tagged ok) {
                s.tagged(ok);
                return ok.code() instanceof ResponseCode.Capabilities;
            }
        };
    }

    /**
     * AUTHENTICATE: the mechanism answers each challenge; a failure of the mechanism (a forged SCRAM signature, a
     * malformed challenge) cancels the exchange and is what the caller sees.
     *
     * @param s         the session
     * @param mechanism the mechanism
     * @param saslIr    whether the server takes an initial response (SASL-IR)
     * @return the operation; its result says whether the OK carried the capabilities
     */
    public static Op<Boolean> authenticate(Session s, SaslMechanism mechanism, boolean saslIr) {
        SaslExchange x = mechanism.start(new SaslContext(s.config().transportOptions().host(),
                s.config().transportOptions().port(), s.transport().isSecure(), s.transport()::channelBinding,
                s.config().maxScramIterations()));
        boolean ir = saslIr && x.hasInitialResponse();
        Command.Authenticate cmd = new Command.Authenticate(mechanism.name(), ir ? x.initialResponse() : null);
        return new Op<>(s, cmd) {
            private RuntimeException error;

            @Override
            public void onContinuation(ImapCall call, Bytes challenge) {
                if (error != null) {
                    return;
                }
                try {
                    call.respond(x.evaluate(challenge == null ? Bytes.empty() : challenge));
                } catch (RuntimeException e) {
                    error = e;
                    call.cancel();
                }
            }

            @Override
            protected RuntimeException failure(Tagged t) {
                if (error != null) {
                    return error;
                }
                String detail = x.serverError() == null ? "" : " (" + x.serverError() + ")";
                return new ImapAuthenticationException("AUTHENTICATE " + mechanism.name() + " refused: " + t.status()
                        + " " + t.text() + detail, ImapCommandException.of(t, "AUTHENTICATE"));
            }

            @Override
            protected Boolean result(Tagged ok) {
                if (error != null) {
                    throw error;
                }
                if (!x.isComplete()) {
                    throw new ImapAuthenticationException("the server accepted AUTHENTICATE " + mechanism.name()
                            + " without completing the exchange (it did not prove it knows the credentials)", null);
                }
                s.tagged(ok);
                return ok.code() instanceof ResponseCode.Capabilities;
            }
        };
    }

    /**
     * SELECT or EXAMINE.
     *
     * @param s       the session
     * @param command a {@link Command.Select} or {@link Command.Examine}
     * @param mailbox the mailbox
     * @return the operation
     */
    public static Op<SelectResult> select(Session s, Command command, MailboxName mailbox) {
        return new Op<>(s, command) {
            private final List<Flag> flags = new ArrayList<>();
            private final List<Flag> permanent = new ArrayList<>();
            private final List<FetchResult> changed = new ArrayList<>();
            private SequenceSet vanished;
            private long exists;
            private long recent;
            private OptionalLong uidValidity = OptionalLong.empty();
            private OptionalLong uidNext = OptionalLong.empty();
            private OptionalLong unseen = OptionalLong.empty();
            private OptionalLong highestModSeq = OptionalLong.empty();
            private Boolean untaggedReadOnly;
            private java.util.Optional<String> mailboxId = java.util.Optional.empty();

            @Override
            protected boolean collectsOnly() {
                return true;
            }

            @Override
            public void onData(Untagged u) {
                if (u instanceof Untagged.Flags f) {
                    flags.addAll(f.flags());
                } else if (u instanceof Untagged.Exists e) {
                    exists = e.count();
                } else if (u instanceof Untagged.Recent r) {
                    recent = r.count();
                } else if (u instanceof Untagged.Vanished v && v.earlier()) {
                    vanished = vanished == null ? v.uids() : vanished.union(v.uids());
                } else if (u instanceof Untagged.Fetch f) {
                    changed.add(new FetchResult(f.seq(), f.items()));
                } else if (u instanceof Untagged.StatusResponse sr) {
                    code(sr.code());
                    if (sr.code() instanceof ResponseCode.Simple sc && sc.kind() == ResponseCode.Kind.ALERT) {
                        super.onData(u);
                    }
                } else {
                    super.onData(u);
                }
            }

            private void code(ResponseCode c) {
                if (c instanceof ResponseCode.PermanentFlags p) {
                    permanent.addAll(p.flags());
                } else if (c instanceof ResponseCode.UidValidity v) {
                    uidValidity = OptionalLong.of(v.uidValidity());
                } else if (c instanceof ResponseCode.UidNext n) {
                    uidNext = OptionalLong.of(n.uid());
                } else if (c instanceof ResponseCode.Unseen un) {
                    unseen = OptionalLong.of(un.seq());
                } else if (c instanceof ResponseCode.HighestModSeq h) {
                    highestModSeq = OptionalLong.of(h.modSeq());
                } else if (c instanceof ResponseCode.MailboxId m) {
                    mailboxId = java.util.Optional.of(m.id()); // OBJECTID (RFC 8474 section 4.1)
                } else if (c instanceof ResponseCode.Simple sc && (sc.kind() == ResponseCode.Kind.READ_ONLY
                        || sc.kind() == ResponseCode.Kind.READ_WRITE)) {
                    untaggedReadOnly = sc.kind() == ResponseCode.Kind.READ_ONLY;
                }
            }

            @Override
            protected SelectResult result(Tagged ok) {
                s.tagged(ok);
                ResponseCode.Kind mode = ok.code() instanceof ResponseCode.Simple sc ? sc.kind() : null;
                boolean readOnly = command instanceof Command.Examine || mode == ResponseCode.Kind.READ_ONLY
                        || mode != ResponseCode.Kind.READ_WRITE && Boolean.TRUE.equals(untaggedReadOnly);
                // the mode the mailbox was opened in, once per SELECT/EXAMINE (issue 14 item 6)
                s.modeReported(!readOnly);
                return new SelectResult(mailbox, flags, exists, recent, uidValidity, uidNext, unseen, permanent,
                        highestModSeq, readOnly, vanished, changed, List.of(), mailboxId);
            }
        };
    }

    /**
     * LIST (any form) or LSUB.
     *
     * @param s       the session
     * @param command a {@link Command.ListMailboxes} or {@link Command.Lsub}
     * @return the operation
     */
    public static Op<List<ListEntry>> list(Session s, Command command) {
        return new Op<>(s, command) {
            private final List<Untagged.MailboxList> lists = new ArrayList<>();
            private final Map<MailboxName, StatusResult> statuses = new java.util.HashMap<>();
            /** LIST-METADATA (RFC 9590): the METADATA responses by mailbox, their entries merged in order. */
            private final Map<MailboxName, List<org.imap4j.codec.core.MetadataEntry>> metadata =
                    new java.util.HashMap<>();

            @Override
            public void onData(Untagged u) {
                if (u instanceof Untagged.Metadata md && command instanceof Command.ListMailboxes l
                        && !l.returnMetadata().isEmpty()) {
                    metadata.computeIfAbsent(md.mailbox(), k -> new ArrayList<>()).addAll(md.entries());
                } else if (u instanceof Untagged.MailboxList l) {
                    lists.add(l);
                } else if (u instanceof Untagged.MailboxStatus st) {
                    statuses.put(st.mailbox(), new StatusResult(st.mailbox(), st.items()));
                    s.appendLimits().note(st.mailbox(), st.items());
                } else {
                    super.onData(u);
                }
            }

            @Override
            protected List<ListEntry> result(Tagged ok) {
                List<ListEntry> out = new ArrayList<>(lists.size());
                for (Untagged.MailboxList l : lists) {
                    out.add(new ListEntry(l.mailbox(), l.delimiter(), l.attributes(),
                            java.util.Optional.ofNullable(statuses.get(l.mailbox())),
                            metadata.getOrDefault(l.mailbox(), List.of())));
                }
                return out;
            }
        };
    }

    /**
     * STATUS, exactly as asked.
     *
     * @param s       the session
     * @param command the command
     * @return the operation
     */
    public static Op<StatusResult> status(Session s, Command.Status command) {
        return status(s, command, java.util.Set.of(), false);
    }

    /**
     * What to send for a STATUS that asks only for what the server offers ({@link StatusAttribute#offeredBy}).
     *
     * @param asked   the items to send (never empty)
     * @param omitted the items wanted but not offered by the server
     * @param probe   whether {@code asked} is only {@code MESSAGES}, sent because nothing wanted was offered (so
     *                the command still fails for a mailbox that does not exist); its value is not reported
     */
    public record StatusRequest(List<StatusAttribute> asked, java.util.Set<StatusAttribute> omitted, boolean probe) {
        /**
         * @param s      the session, whose capabilities decide
         * @param wanted the items the caller wants
         * @return what to send
         */
        public static StatusRequest of(Session s, List<StatusAttribute> wanted) {
            List<Capability> caps = s.capabilities();
            List<StatusAttribute> asked = new ArrayList<>();
            java.util.Set<StatusAttribute> omitted = java.util.EnumSet.noneOf(StatusAttribute.class);
            for (StatusAttribute a : wanted) {
                if (!a.offeredBy(caps)) {
                    omitted.add(a);
                } else if (!asked.contains(a)) {
                    asked.add(a);
                }
            }
            if (!omitted.isEmpty()) {
                s.fallback(org.imap4j.client.Fallback.Kind.STATUS_ITEMS_DROPPED, "STATUS", "", "items " + omitted
                        + " left out of STATUS (their extension is not offered) and reported absent");
            }
            boolean probe = asked.isEmpty() && !wanted.isEmpty();
            if (probe) {
                asked.add(StatusAttribute.MESSAGES);
            }
            return new StatusRequest(asked, omitted, probe);
        }

        /**
         * @param raw the result of sending {@link #asked()}
         * @return it with {@link #omitted()} set and a probe's item removed
         */
        public StatusResult complete(StatusResult raw) {
            List<org.imap4j.codec.response.StatusItem> items = raw.items();
            if (probe) {
                items = List.of();
            }
            return new StatusResult(raw.mailbox(), items, omitted);
        }
    }

    /**
     * STATUS asking only for the items the server's capabilities offer; the others are reported in
     * {@link StatusResult#omitted()}.
     *
     * @param s          the session
     * @param mailbox    the mailbox
     * @param attributes the items wanted
     * @return the operation
     */
    public static Op<StatusResult> status(Session s, MailboxName mailbox, List<StatusAttribute> attributes) {
        StatusRequest r = StatusRequest.of(s, attributes);
        return status(s, new Command.Status(mailbox, r.asked()), r.omitted(), r.probe());
    }

    /**
     * STATUS without one item the server announced but refused: it is reported as omitted.
     *
     * @param s          the session
     * @param mailbox    the mailbox
     * @param attributes the items the caller wants
     * @param refused    the item to leave out
     * @return the operation
     */
    public static Op<StatusResult> statusWithout(Session s, MailboxName mailbox, List<StatusAttribute> attributes,
            StatusAttribute refused) {
        List<StatusAttribute> rest = new ArrayList<>(attributes);
        rest.removeIf(a -> a == refused);
        StatusRequest r = StatusRequest.of(s, rest);
        java.util.Set<StatusAttribute> omitted = java.util.EnumSet.of(refused);
        omitted.addAll(r.omitted());
        return status(s, new Command.Status(mailbox, r.asked()), omitted, r.probe());
    }

    private static Op<StatusResult> status(Session s, Command.Status command, java.util.Set<StatusAttribute> omitted,
            boolean probe) {
        StatusRequest request = new StatusRequest(command.attributes(), omitted, probe);
        return new Op<>(s, command) {
            private StatusResult status;
            private StatusResult otherName;

            @Override
            public void onData(Untagged u) {
                // a STATUS of another mailbox is NOTIFY's (RFC 5465), not this command's answer
                if (u instanceof Untagged.MailboxStatus st && st.mailbox().equals(command.mailbox())) {
                    s.appendLimits().note(st.mailbox(), st.items());
                    status = status == null ? new StatusResult(st.mailbox(), st.items())
                            : new StatusResult(st.mailbox(), concat(status.items(), st.items()));
                } else {
                    if (u instanceof Untagged.MailboxStatus st && otherName == null) {
                        // kept in case the server spelled the asked name differently
                        otherName = new StatusResult(st.mailbox(), st.items());
                    }
                    super.onData(u);
                }
            }

            @Override
            protected StatusResult result(Tagged ok) {
                StatusResult r = status != null ? status : otherName;
                return request.complete(r != null ? r : new StatusResult(command.mailbox(), List.of()));
            }
        };
    }

    /**
     * Adds a server's set of numbers (ESEARCH ALL, VANISHED) to {@code out} one by one, unless that would exceed
     * {@code maxListItems}: a server's {@code 1:4294967295} must not become four billion entries (net-imap
     * CVE-2025-25186).
     *
     * @return {@code null}, or the typed limit error to fail the command with (nothing is added then)
     */
    static org.imap4j.codec.ImapProtocolException expandBounded(Session s, SequenceSet set, List<Long> out) {
        int max = s.config().transportOptions().engine().limits().maxListItems();
        long size = set.size();
        if (size > max - (long) out.size()) {
            long total = size > Long.MAX_VALUE - out.size() ? Long.MAX_VALUE : size + out.size();
            return org.imap4j.codec.ImapProtocolException.limit("maxListItems", total, max);
        }
        set.numbers().forEachRemaining((long n) -> out.add(n));
        return null;
    }

    private static <E> List<E> concat(List<E> a, List<E> b) {
        List<E> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * APPEND (one message or MULTIAPPEND).
     *
     * @param s       the session
     * @param command the command
     * @return the operation
     */
    public static Op<AppendResult> append(Session s, Command.Append command) {
        return simple(s, command, ok -> {
            if (ok.code() instanceof ResponseCode.AppendUid au) {
                // One UID per appended message (RFC 4315); any other count is not believed, and never expanded.
                List<Long> uids = new ArrayList<>();
                if (au.uids().size() == command.messages().size()) {
                    au.uids().numbers().forEachRemaining((long n) -> uids.add(n));
                }
                return new AppendResult(OptionalLong.of(au.uidValidity()), uids);
            }
            return new AppendResult(OptionalLong.empty(), List.of());
        });
    }

    /**
     * [UID] REPLACE (RFC 8508): the new message's UID from the APPENDUID the server reports, in an untagged OK before
     * the old message's expunge (section 3.3) or, from a lenient server, on the tagged OK.
     *
     * @param s       the session
     * @param command the command
     * @return the operation; the new UID when the server reports one
     */
    public static Op<AppendResult> replace(Session s, Command.Replace command) {
        return reportingCode(s, command, ResponseCode.AppendUid.class, au -> {
            // exactly one UID for the one message; any other count is not believed
            if (au == null || au.uids().size() != 1) {
                return new AppendResult(au == null ? OptionalLong.empty() : OptionalLong.of(au.uidValidity()),
                        List.of());
            }
            return new AppendResult(OptionalLong.of(au.uidValidity()), List.of(au.uids().numbers().nextLong()));
        });
    }

    /**
     * A command whose result is read from one kind of response code, which the server may send in an untagged OK
     * before the completion (MOVE's COPYUID, REPLACE's APPENDUID) or on the tagged OK; the tagged one wins.
     *
     * @param s       the session
     * @param command the command
     * @param type    the response code's type
     * @param result  the result from the code, or from {@code null} when none came
     * @param <C>     the response code's type
     * @param <T>     the result's type
     * @return the operation
     */
    private static <C extends ResponseCode, T> Op<T> reportingCode(Session s, Command command, Class<C> type,
            Function<C, T> result) {
        return new Op<>(s, command) {
            private C untagged;

            @Override
            public void onData(Untagged u) {
                if (u instanceof Untagged.StatusResponse sr && type.isInstance(sr.code())) {
                    untagged = type.cast(sr.code());
                }
                super.onData(u);
            }

            @Override
            protected T result(Tagged ok) {
                return result.apply(type.isInstance(ok.code()) ? type.cast(ok.code()) : untagged);
            }
        };
    }

    /**
     * EXPUNGE or UID EXPUNGE.
     *
     * @param s       the session
     * @param command the command
     * @return the operation; its result is the expunged sequence numbers, in the order reported (each relative to
     *         the mailbox after the previous one), or the expunged UIDs when the server reports them as VANISHED
     *         (QRESYNC enabled)
     */
    public static Op<List<Long>> expunge(Session s, Command command) {
        return new Op<>(s, command) {
            private final List<Long> gone = new ArrayList<>();

            @Override
            public void onData(Untagged u) {
                if (u instanceof Untagged.Expunge x) {
                    gone.add(x.seq());
                } else if (u instanceof Untagged.Vanished v && !v.earlier() && tooMany == null) {
                    tooMany = expandBounded(s, v.uids(), gone);
                }
                super.onData(u); // the mailbox listener hears about expunges too
            }

            private org.imap4j.codec.ImapProtocolException tooMany;

            @Override
            protected List<Long> result(Tagged ok) {
                if (tooMany != null) {
                    throw tooMany;
                }
                return List.copyOf(gone);
            }
        };
    }

    /**
     * SEARCH, as ESEARCH {@code RETURN (ALL)} when offered.
     *
     * @param s       the session
     * @param command the command
     * @return the operation
     */
    public static Op<SearchResult> search(Session s, Command.Search command) {
        return new Op<>(s, command) {
            private final List<Long> ids = new ArrayList<>();
            private OptionalLong modSeq = OptionalLong.empty();

            @Override
            protected boolean collectsOnly() {
                return true;
            }

            @Override
            public void onData(Untagged u) {
                if (u instanceof Untagged.Search r) {
                    ids.addAll(r.numbers());
                    if (r.modSeq() != null) {
                        modSeq = OptionalLong.of(r.modSeq());
                    }
                } else if (u instanceof Untagged.ESearch e) {
                    for (ESearchItem i : e.items()) {
                        if (i instanceof ESearchItem.All all) {
                            if (tooMany == null) {
                                tooMany = expandBounded(s, all.set(), ids);
                            }
                        } else if (i instanceof ESearchItem.ModSeq m) {
                            modSeq = OptionalLong.of(m.value());
                        }
                    }
                } else {
                    super.onData(u);
                }
            }

            private org.imap4j.codec.ImapProtocolException tooMany;

            @Override
            protected SearchResult result(Tagged ok) {
                if (tooMany != null) {
                    throw tooMany;
                }
                List<Long> sorted = new ArrayList<>(ids);
                java.util.Collections.sort(sorted);
                return new SearchResult(sorted, command.uid(), modSeq);
            }
        };
    }

    /**
     * SORT (RFC 5256).
     *
     * @param s       the session
     * @param command the command
     * @return the operation; the numbers in sorted order
     */
    public static Op<List<Long>> sort(Session s, Command.Sort command) {
        return new Op<>(s, command) {
            private final List<Long> ids = new ArrayList<>();

            @Override
            protected boolean collectsOnly() {
                return true;
            }

            @Override
            public void onData(Untagged u) {
                if (u instanceof Untagged.Sort r) {
                    ids.addAll(r.numbers());
                } else {
                    super.onData(u);
                }
            }

            @Override
            protected List<Long> result(Tagged ok) {
                return List.copyOf(ids);
            }
        };
    }

    /**
     * THREAD (RFC 5256).
     *
     * @param s       the session
     * @param command the command
     * @return the operation
     */
    public static Op<List<MessageThread>> thread(Session s, Command.Thread command) {
        return ExtensionOps.collect(s, command, Untagged.Threads.class, Untagged.Threads::threads);
    }

    /**
     * STORE; the flags reported back (unless silent) keyed by UID for UID STORE, else by sequence number.
     *
     * @param s       the session
     * @param command the command
     * @return the operation
     */
    public static Op<StoreResult> store(Session s, Command.Store command) {
        return new Op<>(s, command) {
            private final Map<Long, List<Flag>> flags = new java.util.LinkedHashMap<>();

            @Override
            protected boolean collectsOnly() {
                return true;
            }

            @Override
            public void onData(Untagged response) {
                Untagged u = UidOnly.asFetch(response); // UIDONLY: * uid UIDFETCH (RFC 9586)
                if (u instanceof Untagged.Fetch f && FetchOp.belongs(f, command.set(), command.uid())) {
                    Long key = FetchOp.key(f, command.uid());
                    for (FetchItem i : f.items()) {
                        if (i instanceof FetchItem.Flags fl && key != null) {
                            flags.put(key, fl.flags());
                        }
                    }
                } else {
                    super.onData(u);
                }
            }

            @Override
            protected StoreResult result(Tagged ok) {
                SequenceSet modified = ok.code() instanceof ResponseCode.Modified m ? m.set() : null;
                return new StoreResult(flags, modified);
            }
        };
    }

    /**
     * Gmail's label STORE (X-GM-EXT-1); the labels reported back (unless silent) keyed by UID for UID STORE, else by
     * sequence number.
     *
     * @param s       the session
     * @param command the command
     * @return the operation
     */
    public static Op<Map<Long, List<String>>> storeGmailLabels(Session s, Command.StoreGmailLabels command) {
        return new Op<>(s, command) {
            private final Map<Long, List<String>> labels = new java.util.LinkedHashMap<>();

            @Override
            public void onData(Untagged u) {
                boolean ours = false;
                if (u instanceof Untagged.Fetch f && FetchOp.belongs(f, command.set(), command.uid())) {
                    Long key = FetchOp.key(f, command.uid());
                    for (FetchItem i : f.items()) {
                        if (i instanceof FetchItem.GmailLabels gl && key != null) {
                            labels.put(key, gl.labels());
                            ours = true;
                        }
                    }
                }
                if (!ours) {
                    super.onData(u);
                }
            }

            @Override
            protected Map<Long, List<String>> result(Tagged ok) {
                return java.util.Collections.unmodifiableMap(labels);
            }
        };
    }

    /**
     * COPY or MOVE; the UID mapping from COPYUID (RFC 4315), which MOVE reports in an untagged OK (RFC 6851).
     *
     * @param s       the session
     * @param command the command
     * @return the operation
     */
    public static Op<CopyResult> copy(Session s, Command command) {
        return reportingCode(s, command, ResponseCode.CopyUid.class, cu -> cu == null
                ? new CopyResult(OptionalLong.empty(), null, null)
                : new CopyResult(OptionalLong.of(cu.uidValidity()), cu.source(), cu.destination()));
    }

    /**
     * ENABLE (RFC 5161).
     *
     * @param s       the session
     * @param command the command
     * @return the operation; what the server enabled
     */
    public static Op<List<Capability>> enable(Session s, Command.Enable command) {
        return collectOne(s, command, Untagged.Enabled.class, e -> {
            s.noteEnabled(e.capabilities());
            return e.capabilities();
        }, List.of());
    }

    /**
     * ID (RFC 2971).
     *
     * @param s       the session
     * @param command the command
     * @return the operation; the server's ID (empty parameters if it sent NIL)
     */
    public static Op<Untagged.Id> id(Session s, Command.Id command) {
        return collectOne(s, command, Untagged.Id.class, x -> x, new Untagged.Id(List.of()));
    }

    /**
     * NAMESPACE (RFC 2342).
     *
     * @param s the session
     * @return the operation
     */
    public static Op<Untagged.Namespace> namespace(Session s) {
        return collectOne(s, new Command.Namespace(), Untagged.Namespace.class, x -> x, null);
    }

    /**
     * A command whose result is read from one kind of untagged response (the last one wins).
     *
     * @param s      the session
     * @param c      the command
     * @param kind   the response kind
     * @param f      the result from such a response
     * @param absent the result when none arrives
     * @return the operation
     */
    static <R, T> Op<T> collectOne(Session s, Command c, Class<R> kind, Function<R, T> f, T absent) {
        return new Op<>(s, c) {
            private T value = absent;

            @Override
            public void onData(Untagged u) {
                if (kind.isInstance(u)) {
                    value = f.apply(kind.cast(u));
                } else {
                    super.onData(u);
                }
            }

            @Override
            protected T result(Tagged ok) {
                return value;
            }
        };
    }

    /**
     * GETQUOTA / GETQUOTAROOT (RFC 9208).
     *
     * @param s       the session
     * @param command {@link Command.GetQuota} or {@link Command.GetQuotaRoot}
     * @return the operation
     */
    public static Op<QuotaRootResult> quota(Session s, Command command) {
        return new Op<>(s, command) {
            private final List<String> roots = new ArrayList<>();
            private final List<Untagged.Quota> quotas = new ArrayList<>();

            @Override
            public void onData(Untagged u) {
                if (u instanceof Untagged.QuotaRoot r) {
                    roots.addAll(r.roots());
                } else if (u instanceof Untagged.Quota q) {
                    quotas.add(q);
                } else {
                    super.onData(u);
                }
            }

            @Override
            protected QuotaRootResult result(Tagged ok) {
                return new QuotaRootResult(roots, quotas);
            }
        };
    }
}
