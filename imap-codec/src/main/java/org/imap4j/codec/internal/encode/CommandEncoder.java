package org.imap4j.codec.internal.encode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.command.Fragment;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.Tag;

/**
 * Encodes typed client commands (RFC 9051 section 6) into {@link Fragment}s: lines, and the synchronizing literals
 * that must wait for the server's continuation request.
 */
public final class CommandEncoder {
    private static final byte[] DONE = {'D', 'O', 'N', 'E', '\r', '\n'};

    private CommandEncoder() {
    }

    /**
     * Encodes one command with its tag, through the final CRLF.
     *
     * @param tag     the tag
     * @param command the command
     * @param options what the server allows (literal forms, UTF8=ACCEPT)
     * @return the fragments, in order
     * @throws org.imap4j.codec.ImapValidationException if a value cannot be sent (NUL in a string)
     */
    public static List<Fragment> encode(Tag tag, Command command, EncodeOptions options) {
        ImapWriter w = new ImapWriter(options, false);
        w.raw(tag.value()).sp();
        body(w, command);
        w.crlf();
        return w.fragments();
    }

    /** @return {@code DONE CRLF}, which ends IDLE (RFC 2177, RFC 9051 section 6.3.13) */
    public static byte[] done() {
        return DONE.clone();
    }

    private static void body(ImapWriter w, Command c) {
        if (c instanceof Command.Capability) {
            w.raw("CAPABILITY");
        } else if (c instanceof Command.Noop) {
            w.raw("NOOP");
        } else if (c instanceof Command.Logout) {
            w.raw("LOGOUT");
        } else if (c instanceof Command.StartTls) {
            w.raw("STARTTLS");
        } else if (c instanceof Command.Authenticate a) {
            w.raw("AUTHENTICATE ").raw(a.mechanism());
            if (a.initialResponse() != null) {
                w.sp().raw(a.initialResponse().size() == 0 ? "="
                        : Base64.getEncoder().encodeToString(a.initialResponse().toByteArray()));
            }
        } else if (c instanceof Command.Login l) {
            w.raw("LOGIN ").astring(l.user()).sp().astring(l.password().reveal());
        } else if (c instanceof Command.Select s) {
            w.raw("SELECT ").mailbox(s.mailbox());
            selectParams(w, s.condstore(), s.qresync());
        } else if (c instanceof Command.Examine s) {
            w.raw("EXAMINE ").mailbox(s.mailbox());
            selectParams(w, s.condstore(), s.qresync());
        } else if (c instanceof Command.Create cr) {
            w.raw("CREATE ").mailbox(cr.mailbox());
            if (!cr.use().isEmpty()) {
                w.raw(" (USE (");
                atoms(w, cr.use());
                w.raw("))");
            }
        } else if (c instanceof Command.Delete d) {
            w.raw("DELETE ").mailbox(d.mailbox());
        } else if (c instanceof Command.Rename r) {
            w.raw("RENAME ").mailbox(r.from()).sp().mailbox(r.to());
        } else if (c instanceof Command.Subscribe s) {
            w.raw("SUBSCRIBE ").mailbox(s.mailbox());
        } else if (c instanceof Command.Unsubscribe s) {
            w.raw("UNSUBSCRIBE ").mailbox(s.mailbox());
        } else if (c instanceof Command.ListMailboxes l) {
            list(w, l);
        } else if (c instanceof Command.Lsub l) {
            w.raw("LSUB ").mailbox(l.reference()).sp().listMailbox(l.pattern());
        } else if (c instanceof Command.Namespace) {
            w.raw("NAMESPACE");
        } else if (c instanceof Command.Status s) {
            w.raw("STATUS ").mailbox(s.mailbox()).sp();
            statusAtts(w, s.attributes());
        } else if (c instanceof Command.Append a) {
            append(w, a);
        } else if (c instanceof Command.Idle) {
            w.raw("IDLE");
        } else if (c instanceof Command.Check) {
            w.raw("CHECK");
        } else if (c instanceof Command.Close) {
            w.raw("CLOSE");
        } else if (c instanceof Command.Unselect) {
            w.raw("UNSELECT");
        } else if (c instanceof Command.Expunge) {
            w.raw("EXPUNGE");
        } else if (c instanceof Command.UidExpunge u) {
            w.raw("UID EXPUNGE ").raw(u.uids().toString());
        } else if (c instanceof Command.Search s) {
            search(w, s);
        } else if (c instanceof Command.Sort s) {
            uid(w, s.uid()).raw("SORT ");
            if (s.returnOptions() != null) {
                returnOptions(w, s.returnOptions(), s.partial());
                w.sp();
            }
            w.raw("(");
            for (int i = 0; i < s.criteria().size(); i++) {
                Command.SortCriterion sc = s.criteria().get(i);
                if (i > 0) {
                    w.sp();
                }
                if (sc.reverse()) {
                    w.raw("REVERSE ");
                }
                w.raw(sc.key().name());
            }
            w.raw(") ").astring(s.charset()).sp();
            searchKeys(w, s.key());
        } else if (c instanceof Command.Thread t) {
            uid(w, t.uid()).raw("THREAD ").raw(t.algorithm()).sp().astring(t.charset()).sp();
            searchKeys(w, t.key());
        } else if (c instanceof Command.Fetch f) {
            uid(w, f.uid()).raw("FETCH ").raw(f.set().toString()).sp();
            FetchEncoder.attributes(w, f.attributes());
            if (f.changedSince() != null || f.partial() != null) {
                w.raw(" (");
                if (f.changedSince() != null) {
                    w.raw("CHANGEDSINCE ").number(f.changedSince());
                    if (f.vanished()) {
                        w.raw(" VANISHED");
                    }
                }
                if (f.partial() != null) {
                    if (f.changedSince() != null) {
                        w.sp();
                    }
                    w.raw("PARTIAL ").raw(f.partial().toString());
                }
                w.raw(")");
            }
        } else if (c instanceof Command.Store s) {
            uid(w, s.uid()).raw("STORE ").raw(s.set().toString()).sp();
            if (s.unchangedSince() != null) {
                w.raw("(UNCHANGEDSINCE ").number(s.unchangedSince()).raw(") ");
            }
            w.raw(s.mode().prefix()).raw("FLAGS");
            if (s.silent()) {
                w.raw(".SILENT");
            }
            w.sp();
            w.flagList(s.flags());
        } else if (c instanceof Command.StoreGmailLabels g) {
            uid(w, g.uid()).raw("STORE ").raw(g.set().toString()).sp().raw(g.mode().prefix()).raw("X-GM-LABELS");
            if (g.silent()) {
                w.raw(".SILENT");
            }
            w.raw(" (");
            for (int i = 0; i < g.labels().size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                FetchEncoder.label(w, g.labels().get(i));
            }
            w.raw(")");
        } else if (c instanceof Command.Copy cp) {
            uid(w, cp.uid()).raw("COPY ").raw(cp.set().toString()).sp().mailbox(cp.mailbox());
        } else if (c instanceof Command.Replace rp) {
            uid(w, rp.uid()).raw("REPLACE ").number(rp.number()).sp().mailbox(rp.mailbox()).sp();
            appendMessage(w, rp.message());
        } else if (c instanceof Command.Unauthenticate) {
            w.raw("UNAUTHENTICATE");
        } else if (c instanceof Command.GetJmapAccess) {
            w.raw("GETJMAPACCESS");
        } else if (c instanceof Command.CancelUpdate cu) {
            w.raw("CANCELUPDATE");
            for (String t : cu.tags()) {
                w.sp().quoted(t);
            }
        } else if (c instanceof Command.UidBatches b) {
            w.raw("UIDBATCHES ").number(b.size());
            if (b.from() != null) {
                w.sp().number(b.from()).raw(':').number(b.to());
            }
        } else if (c instanceof Command.Move m) {
            uid(w, m.uid()).raw("MOVE ").raw(m.set().toString()).sp().mailbox(m.mailbox());
        } else if (c instanceof Command.Enable e) {
            w.raw("ENABLE ");
            atoms(w, e.capabilities());
        } else if (c instanceof Command.Id id) {
            id(w, id);
        } else if (c instanceof Command.Compress cm) {
            w.raw("COMPRESS ").raw(cm.mechanism());
        } else if (c instanceof Command.GetQuota g) {
            // Quota roots are quoted as in RFC 9208's examples; a quoted string is a valid astring.
            w.raw("GETQUOTA ").string(g.root());
        } else if (c instanceof Command.GetQuotaRoot g) {
            w.raw("GETQUOTAROOT ").mailbox(g.mailbox());
        } else if (c instanceof Command.SetQuota s) {
            w.raw("SETQUOTA ").string(s.root()).raw(" (");
            for (int i = 0; i < s.limits().size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                w.raw(s.limits().get(i).resource()).sp().number(s.limits().get(i).limit());
            }
            w.raw(")");
        } else if (!AclEncoder.command(w, c) && !MetadataEncoder.command(w, c) && !NotifyEncoder.command(w, c) && !UrlAuthEncoder.command(w, c)
                && !CatenateEncoder.command(w, c)
                && !ExtensionEncoder.command(w, c)) {
            throw new IllegalArgumentException("unknown command type: " + c.getClass().getName());
        }
    }

    private static ImapWriter uid(ImapWriter w, boolean uid) {
        return uid ? w.raw("UID ") : w;
    }

    private static void atoms(ImapWriter w, List<String> atoms) {
        for (int i = 0; i < atoms.size(); i++) {
            if (i > 0) {
                w.sp();
            }
            w.raw(atoms.get(i));
        }
    }

    private static void statusAtts(ImapWriter w, List<StatusAttribute> atts) {
        w.raw('(');
        for (int i = 0; i < atts.size(); i++) {
            if (i > 0) {
                w.sp();
            }
            w.raw(atts.get(i).wire());
        }
        w.raw(')');
    }

    private static void selectParams(ImapWriter w, boolean condstore, Command.Qresync q) {
        if (!condstore && q == null) {
            return;
        }
        w.raw(" (");
        if (condstore) {
            w.raw("CONDSTORE");
        }
        if (q != null) {
            if (condstore) {
                w.sp();
            }
            w.raw("QRESYNC (").number(q.uidValidity()).sp().number(q.modSeq());
            if (q.knownUids() != null) {
                w.sp().raw(q.knownUids().toString());
            }
            if (q.knownSeqs() != null) {
                w.raw(" (").raw(q.knownSeqs().toString()).sp().raw(q.knownSeqUids().toString()).raw(')');
            }
            w.raw(')');
        }
        w.raw(')');
    }

    private static void list(ImapWriter w, Command.ListMailboxes l) {
        w.raw("LIST ");
        if (!l.selection().isEmpty()) {
            w.raw('(');
            for (int i = 0; i < l.selection().size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                w.raw(l.selection().get(i).wire());
            }
            w.raw(") ");
        }
        w.mailbox(l.reference()).sp();
        if (l.patterns().size() == 1) {
            w.listMailbox(l.patterns().get(0));
        } else {
            w.raw('(');
            for (int i = 0; i < l.patterns().size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                w.listMailbox(l.patterns().get(i));
            }
            w.raw(')');
        }
        if (!l.returnOptions().isEmpty() || !l.returnStatus().isEmpty() || !l.returnMetadata().isEmpty()) {
            w.raw(" RETURN (");
            boolean first = true;
            for (Command.ListReturn r : l.returnOptions()) {
                if (!first) {
                    w.sp();
                }
                first = false;
                w.raw(r.wire());
            }
            if (!l.returnStatus().isEmpty()) {
                if (!first) {
                    w.sp();
                }
                w.raw("STATUS ");
                statusAtts(w, l.returnStatus());
                first = false;
            }
            if (!l.returnMetadata().isEmpty()) {
                // LIST-METADATA (RFC 9590): "METADATA" SP "(" entry *(SP entry) ")"
                if (!first) {
                    w.sp();
                }
                w.raw("METADATA (");
                for (int i = 0; i < l.returnMetadata().size(); i++) {
                    if (i > 0) {
                        w.sp();
                    }
                    w.astring(l.returnMetadata().get(i));
                }
                w.raw(')');
            }
            w.raw(')');
        }
    }

    private static void append(ImapWriter w, Command.Append a) {
        w.raw("APPEND ").mailbox(a.mailbox());
        for (Command.AppendMessage m : a.messages()) {
            w.sp();
            appendMessage(w, m);
        }
    }

    /**
     * {@code append-message} without its leading SP: {@code [flag-list SP] [date-time SP] (literal / literal8 /
     * "UTF8" SP "(" literal8 ")")}.
     */
    static void appendMessage(ImapWriter w, Command.AppendMessage m) {
        if (!m.flags().isEmpty()) {
            w.flagList(m.flags());
            w.sp();
        }
        if (m.internalDate() != null) {
            DateTimeEncoder.dateTime(w, m.internalDate());
            w.sp();
        }
        if (m.isSupplied() && m.utf8()) {
            w.raw("UTF8 (").suppliedLiteral(m.suppliedSize(), true).raw(')');
        } else if (m.isSupplied()) {
            w.suppliedLiteral(m.suppliedSize(), m.binary());
        } else if (m.utf8()) {
            w.raw("UTF8 (").messageLiteral(m.data(), true).raw(')');
        } else {
            w.messageLiteral(m.data(), m.binary());
        }
    }

    private static void id(ImapWriter w, Command.Id id) {
        w.raw("ID ");
        if (id.fields().isEmpty()) {
            w.raw("NIL");
            return;
        }
        w.raw('(');
        for (int i = 0; i < id.fields().size(); i++) {
            if (i > 0) {
                w.sp();
            }
            w.string(id.fields().get(i).key()).sp().nstring(id.fields().get(i).value());
        }
        w.raw(')');
    }

    private static void search(ImapWriter w, Command.Search s) {
        uid(w, s.uid()).raw("SEARCH ");
        if (s.returnOptions() != null) {
            returnOptions(w, s.returnOptions(), s.partial());
            w.sp();
        }
        String charset = s.charset();
        // Without UTF8=ACCEPT a non-ASCII string is only meaningful with a declared charset (RFC 3501 6.4.4).
        if (charset == null && !w.options().utf8Accept() && s.key().hasNonAscii()) {
            charset = "UTF-8";
        }
        if (charset != null) {
            w.raw("CHARSET ").astring(charset).sp();
        }
        searchKeys(w, s.key());
    }

    /** {@code search-return-opts} without the leading space: {@code RETURN (opts [PARTIAL range])} (RFC 9394). */
    private static void returnOptions(ImapWriter w, java.util.List<Command.SearchReturn> options,
            org.imap4j.codec.core.PartialRange partial) {
        w.raw("RETURN (");
        for (int i = 0; i < options.size(); i++) {
            if (i > 0) {
                w.sp();
            }
            w.raw(options.get(i).name());
        }
        if (partial != null) {
            if (!options.isEmpty()) {
                w.sp();
            }
            w.raw("PARTIAL ").raw(partial.toString());
        }
        w.raw(")");
    }

    /** Writes {@code 1*(SP search-key)} without the leading space: a top-level AND is juxtaposition. */
    private static void searchKeys(ImapWriter w, SearchKey k) {
        if (k instanceof SearchKey.And a) {
            for (int i = 0; i < a.keys().size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                searchKey(w, a.keys().get(i));
            }
        } else {
            searchKey(w, k);
        }
    }

    private static void searchKey(ImapWriter w, SearchKey k) {
        if (k instanceof SearchKey.Simple s) {
            w.raw(s.wire());
        } else if (k instanceof SearchKey.Text t) {
            // Quoted rather than atom, as in every RFC example (FROM "Smith"); both are valid astrings.
            w.raw(t.field().wire()).sp().string(t.value());
        } else if (k instanceof SearchKey.Header h) {
            w.raw("HEADER ").astring(h.name()).sp().string(h.value());
        } else if (k instanceof SearchKey.Keyword kw) {
            w.raw(kw.negated() ? "UNKEYWORD " : "KEYWORD ").raw(kw.keyword());
        } else if (k instanceof SearchKey.DateKey d) {
            w.raw(d.field().wire()).sp().raw(DateTimeEncoder.date(d.date()));
        } else if (k instanceof SearchKey.NumberKey n) {
            w.raw(n.field().wire()).sp().number(n.value());
        } else if (k instanceof SearchKey.ObjectId o) {
            w.raw(o.field().name()).sp().raw(o.id());
        } else if (k instanceof SearchKey.ModSeq m) {
            w.raw("MODSEQ ");
            if (m.entryName() != null) {
                w.string(m.entryName()).sp().raw(m.entryType().wire()).sp();
            }
            w.number(m.modSeq());
        } else if (k instanceof SearchKey.Uid u) {
            w.raw("UID ").raw(u.set().toString());
        } else if (k instanceof SearchKey.Sequence s) {
            w.raw(s.set().toString());
        } else if (k instanceof SearchKey.Not n) {
            w.raw("NOT ");
            searchKey(w, n.key());
        } else if (k instanceof SearchKey.Or o) {
            w.raw("OR ");
            searchKey(w, o.left());
            w.sp();
            searchKey(w, o.right());
        } else if (k instanceof SearchKey.And a) {
            w.raw('(');
            searchKeys(w, a);
            w.raw(')');
        } else {
            throw new IllegalArgumentException("unknown search key: " + k);
        }
    }
}
