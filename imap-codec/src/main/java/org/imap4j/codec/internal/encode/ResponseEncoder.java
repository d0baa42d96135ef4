package org.imap4j.codec.internal.encode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Continuation;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.IdParam;
import org.imap4j.codec.response.ListExtendedItem;
import org.imap4j.codec.response.MailboxAttribute;
import org.imap4j.codec.response.NamespaceDescriptor;
import org.imap4j.codec.response.QuotaResource;
import org.imap4j.codec.response.Response;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.StatusItem;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.MessageThread;
import org.imap4j.codec.response.Untagged;

/**
 * Encodes typed server responses (the server's half of the codec, RFC 9051 section 7), so that fake servers and
 * round-trip tests are scripted from values, never from hand-written bytes.
 *
 * <pre>{@code
 * ImapWriter w = new ImapWriter(EncodeOptions.DEFAULT, true);
 * ResponseEncoder.encode(w, new Untagged.Exists(23));   // "* 23 EXISTS\r\n"
 * }</pre>
 */
public final class ResponseEncoder {
    private ResponseEncoder() {
    }

    /**
     * Writes one whole response, CRLF included.
     *
     * @param w a server-side writer
     * @param r the response
     * @throws ImapValidationException if the value cannot be written unambiguously (for example text starting with
     *     {@code [} without a response code, or a streamed literal)
     */
    public static void encode(ImapWriter w, Response r) {
        if (r instanceof Tagged t) {
            w.raw(t.tag().value()).sp().raw(t.status().name()).sp();
            respText(w, t.code(), t.text());
        } else if (r instanceof Continuation c) {
            w.raw('+').sp();
            respText(w, c.code(), c.text());
        } else {
            w.raw('*').sp();
            untagged(w, (Untagged) r);
        }
        w.crlf();
    }

    /** {@code resp-text = ["[" resp-text-code "]" SP] [text]}. */
    private static void respText(ImapWriter w, ResponseCode code, String text) {
        if (code instanceof ResponseCode.Unparsed u && !u.closed()) {
            // kept as received: an unclosed bracket runs to the line end, so there is no text after it
            if (!text.isEmpty()) {
                throw new ImapValidationException("an unclosed response code cannot be followed by text");
            }
            w.raw('[');
            responseCode(w, code);
            return;
        }
        if (code != null) {
            w.raw('[');
            responseCode(w, code);
            w.raw(']').sp();
        } else if (text.startsWith("[")) {
            throw new ImapValidationException("text starting with '[' needs a response code: \"" + text + "\"");
        }
        if (text.endsWith("}") && text.matches("(?s).*\\{[0-9]+[+-]?}")) {
            // every reader would take a trailing {n} for a literal announcement
            throw new ImapValidationException("text ending in a literal announcement: \"" + text + "\"");
        }
        utf8(w, text);
    }

    private static void utf8(ImapWriter w, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        w.raw(b, 0, b.length);
    }

    private static void untagged(ImapWriter w, Untagged u) {
        if (u instanceof Untagged.StatusResponse s) {
            w.raw(s.status().name()).sp();
            respText(w, s.code(), s.text());
        } else if (u instanceof Untagged.Capabilities c) {
            w.raw("CAPABILITY");
            capabilities(w, c.capabilities());
        } else if (u instanceof Untagged.Enabled e) {
            w.raw("ENABLED");
            capabilities(w, e.capabilities());
        } else if (u instanceof Untagged.Id id) {
            id(w, id);
        } else if (u instanceof Untagged.Namespace n) {
            w.raw("NAMESPACE").sp();
            namespace(w, n.personal());
            w.sp();
            namespace(w, n.other());
            w.sp();
            namespace(w, n.shared());
        } else if (u instanceof Untagged.Flags f) {
            w.raw("FLAGS").sp();
            w.flagList(f.flags());
        } else if (u instanceof Untagged.MailboxList l) {
            mailboxList(w, l);
        } else if (u instanceof Untagged.MailboxStatus s) {
            w.raw("STATUS").sp().mailbox(s.mailbox()).sp().raw('(');
            for (int i = 0; i < s.items().size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                statusItem(w, s.items().get(i));
            }
            w.raw(')');
        } else if (u instanceof Untagged.Search s) {
            w.raw("SEARCH");
            numbersAndModSeq(w, s.numbers(), s.modSeq());
        } else if (u instanceof Untagged.Sort s) {
            w.raw("SORT");
            numbersAndModSeq(w, s.numbers(), s.modSeq());
        } else if (u instanceof Untagged.ESearch e) {
            esearch(w, e);
        } else if (u instanceof Untagged.Threads t) {
            w.raw("THREAD");
            if (!t.threads().isEmpty()) {
                w.sp();
                for (MessageThread n : t.threads()) {
                    threadList(w, n);
                }
            }
        } else if (u instanceof Untagged.Exists e) {
            w.number(e.count()).raw(" EXISTS");
        } else if (u instanceof Untagged.Recent e) {
            w.number(e.count()).raw(" RECENT");
        } else if (u instanceof Untagged.Expunge e) {
            w.number(e.seq()).raw(" EXPUNGE");
        } else if (u instanceof Untagged.Fetch f) {
            w.number(f.seq()).raw(" FETCH ");
            FetchEncoder.msgAtt(w, f.items());
        } else if (u instanceof Untagged.JmapAccess j) {
            w.raw("JMAPACCESS ").quoted(j.url());
        } else if (u instanceof Untagged.UidBatches b) {
            w.raw("UIDBATCHES (TAG ").string(b.tag()).raw(')');
            for (int i = 0; i < b.batches().size(); i++) {
                SequenceSet.Range r = b.batches().get(i);
                w.raw(i == 0 ? ' ' : ',').number(r.high());
                if (r.low() != r.high()) {
                    w.raw(':').number(r.low());
                }
            }
        } else if (u instanceof Untagged.UidFetch f) {
            w.number(f.uid()).raw(" UIDFETCH ");
            FetchEncoder.msgAtt(w, f.items());
        } else if (u instanceof Untagged.Vanished v) {
            w.raw("VANISHED ");
            if (v.earlier()) {
                w.raw("(EARLIER) ");
            }
            sequenceSet(w, v.uids());
        } else if (u instanceof Untagged.Quota q) {
            w.raw("QUOTA").sp().astring(q.root()).sp().raw('(');
            for (int i = 0; i < q.resources().size(); i++) {
                QuotaResource res = q.resources().get(i);
                if (i > 0) {
                    w.sp();
                }
                w.atom(res.name()).sp().number(res.usage()).sp().number(res.limit());
            }
            w.raw(')');
        } else if (u instanceof Untagged.QuotaRoot q) {
            w.raw("QUOTAROOT").sp().mailbox(q.mailbox());
            for (String root : q.roots()) {
                w.sp().astring(root);
            }
        } else if (u instanceof Untagged.Unknown x) {
            unknown(w, x);
        } else if (!AclEncoder.response(w, u) && !MetadataEncoder.response(w, u)
                && !UrlAuthEncoder.response(w, u)) {
            throw new IllegalStateException("unhandled response " + u);
        }
    }

    private static void unknown(ImapWriter w, Untagged.Unknown x) {
        String name = x.name();
        boolean numeric = !name.isEmpty() && name.chars().allMatch(ch -> ch >= '0' && ch <= '9');
        if (numeric) {
            if (x.data().isEmpty()) {
                throw new ImapValidationException("a numeric unknown response needs a name after the number");
            }
            w.raw(name);
        } else {
            w.atom(name);
        }
        for (ImapValue v : x.data()) {
            w.sp();
            value(w, v);
        }
    }

    private static void capabilities(ImapWriter w, List<Capability> caps) {
        for (Capability c : caps) {
            w.sp().raw(c.wire());
        }
    }

    private static void sequenceSet(ImapWriter w, SequenceSet s) {
        w.raw(s.toString());
    }

    private static void id(ImapWriter w, Untagged.Id id) {
        w.raw("ID").sp();
        if (id.params() == null) {
            w.raw("NIL");
            return;
        }
        w.raw('(');
        for (int i = 0; i < id.params().size(); i++) {
            IdParam p = id.params().get(i);
            if (i > 0) {
                w.sp();
            }
            w.string(p.key()).sp().nstring(p.value());
        }
        w.raw(')');
    }

    private static void namespace(ImapWriter w, List<NamespaceDescriptor> list) {
        if (list == null) {
            w.raw("NIL");
            return;
        }
        w.raw('(');
        for (NamespaceDescriptor d : list) {
            w.raw('(').string(d.prefix()).sp();
            delimiter(w, d.delimiter());
            for (NamespaceDescriptor.Extension e : d.extensions()) {
                w.sp().string(e.name()).sp().raw('(');
                for (int i = 0; i < e.values().size(); i++) {
                    if (i > 0) {
                        w.sp();
                    }
                    w.string(e.values().get(i));
                }
                w.raw(')');
            }
            w.raw(')');
        }
        w.raw(')');
    }

    private static void delimiter(ImapWriter w, String d) {
        if (d == null) {
            w.raw("NIL");
        } else {
            w.quoted(d);
        }
    }

    private static void mailboxList(ImapWriter w, Untagged.MailboxList l) {
        w.raw(l.lsub() ? "LSUB" : "LIST").sp().raw('(');
        for (int i = 0; i < l.attributes().size(); i++) {
            MailboxAttribute a = l.attributes().get(i);
            if (i > 0) {
                w.sp();
            }
            w.raw(a.wire());
        }
        w.raw(')').sp();
        delimiter(w, l.delimiter());
        w.sp().mailbox(l.mailbox());
        if (!l.extended().isEmpty()) {
            w.sp().raw('(');
            for (int i = 0; i < l.extended().size(); i++) {
                ListExtendedItem e = l.extended().get(i);
                if (i > 0) {
                    w.sp();
                }
                if (e instanceof ListExtendedItem.ChildInfo c) {
                    w.raw("\"CHILDINFO\" (");
                    for (int k = 0; k < c.options().size(); k++) {
                        if (k > 0) {
                            w.sp();
                        }
                        w.string(c.options().get(k));
                    }
                    w.raw(')');
                } else if (e instanceof ListExtendedItem.OldName o) {
                    w.raw("\"OLDNAME\" (").mailbox(o.name()).raw(')');
                } else {
                    ListExtendedItem.Other o = (ListExtendedItem.Other) e;
                    w.string(o.tag()).sp();
                    value(w, o.value());
                }
            }
            w.raw(')');
        }
    }

    private static void statusItem(ImapWriter w, StatusItem item) {
        if (item instanceof StatusItem.Count c) {
            w.raw(c.kind().wire()).sp().number(c.value());
        } else if (item instanceof StatusItem.AppendLimit a) {
            w.raw("APPENDLIMIT ");
            if (a.limit() == null) {
                w.raw("NIL");
            } else {
                w.number(a.limit());
            }
        } else if (item instanceof StatusItem.MailboxId m) {
            w.raw("MAILBOXID (").raw(m.id()).raw(')');
        } else {
            StatusItem.Other o = (StatusItem.Other) item;
            w.atom(o.name()).sp();
            value(w, o.value());
        }
    }

    private static void numbersAndModSeq(ImapWriter w, List<Long> numbers, Long modSeq) {
        for (long n : numbers) {
            w.sp().number(n);
        }
        if (modSeq != null) {
            w.raw(" (MODSEQ ").number(modSeq).raw(')');
        }
    }

    private static void esearch(ImapWriter w, Untagged.ESearch e) {
        w.raw("ESEARCH");
        if (e.tag() != null) {
            w.raw(" (TAG ").string(e.tag()).raw(')');
        }
        if (e.uid()) {
            w.raw(" UID");
        }
        for (ESearchItem item : e.items()) {
            w.sp();
            if (item instanceof ESearchItem.Min m) {
                w.raw("MIN ").number(m.value());
            } else if (item instanceof ESearchItem.Max m) {
                w.raw("MAX ").number(m.value());
            } else if (item instanceof ESearchItem.Count c) {
                w.raw("COUNT ").number(c.value());
            } else if (item instanceof ESearchItem.All a) {
                w.raw("ALL ");
                sequenceSet(w, a.set());
            } else if (item instanceof ESearchItem.ModSeq m) {
                w.raw("MODSEQ ").number(m.value());
            } else if (item instanceof ESearchItem.Partial p) {
                w.raw("PARTIAL (").raw(p.range().toString()).sp();
                if (p.results() == null) {
                    w.raw("NIL");
                } else {
                    sequenceSet(w, p.results());
                }
                w.raw(')');
            } else if (item instanceof ESearchItem.AddTo a) {
                w.raw("ADDTO ");
                contextChanges(w, a.updates());
            } else if (item instanceof ESearchItem.RemoveFrom rf) {
                w.raw("REMOVEFROM ");
                contextChanges(w, rf.updates());
            } else {
                ESearchItem.Other o = (ESearchItem.Other) item;
                w.atom(o.name()).sp();
                value(w, o.value());
            }
        }
    }

    /** {@code "(" context-position SP sequence-set *(SP ...) ")"} (RFC 5267 section 4.4). */
    private static void contextChanges(ImapWriter w, java.util.List<ESearchItem.ContextUpdate> updates) {
        w.raw('(');
        for (int i = 0; i < updates.size(); i++) {
            if (i > 0) {
                w.sp();
            }
            w.number(updates.get(i).position()).sp();
            sequenceSet(w, updates.get(i).set());
        }
        w.raw(')');
    }

    /** {@code thread-list}: the chain, then each branch as its own thread-list. */
    private static void threadList(ImapWriter w, MessageThread n) {
        w.raw('(');
        for (int i = 0; i < n.messages().size(); i++) {
            if (i > 0) {
                w.sp();
            }
            w.number(n.messages().get(i));
        }
        if (!n.children().isEmpty()) {
            if (!n.messages().isEmpty()) {
                w.sp();
            }
            for (MessageThread c : n.children()) {
                threadList(w, c);
            }
        }
        w.raw(')');
    }

    /**
     * Writes a response code without its brackets.
     *
     * @param w    the writer
     * @param code the code
     */
    public static void responseCode(ImapWriter w, ResponseCode code) {
        if (code instanceof ResponseCode.Simple s) {
            w.raw(s.kind().wire());
        } else if (code instanceof ResponseCode.BadCharset b) {
            w.raw("BADCHARSET");
            if (!b.charsets().isEmpty()) {
                w.raw(" (");
                for (int i = 0; i < b.charsets().size(); i++) {
                    if (i > 0) {
                        w.sp();
                    }
                    String cs = b.charsets().get(i);
                    if (org.imap4j.codec.internal.ascii.Ascii.all(cs, org.imap4j.codec.internal.ascii.Ascii.ATOM)) {
                        w.raw(cs);
                    } else {
                        w.quoted(cs);
                    }
                }
                w.raw(')');
            }
        } else if (code instanceof ResponseCode.Capabilities c) {
            w.raw("CAPABILITY");
            capabilities(w, c.capabilities());
        } else if (code instanceof ResponseCode.PermanentFlags p) {
            w.raw("PERMANENTFLAGS ");
            w.flagList(p.flags());
        } else if (code instanceof ResponseCode.UidNext u) {
            w.raw("UIDNEXT ").number(u.uid());
        } else if (code instanceof ResponseCode.UidValidity u) {
            w.raw("UIDVALIDITY ").number(u.uidValidity());
        } else if (code instanceof ResponseCode.Unseen u) {
            w.raw("UNSEEN ").number(u.seq());
        } else if (code instanceof ResponseCode.HighestModSeq h) {
            w.raw("HIGHESTMODSEQ ").number(h.modSeq());
        } else if (code instanceof ResponseCode.Modified m) {
            w.raw("MODIFIED ");
            sequenceSet(w, m.set());
        } else if (code instanceof ResponseCode.AppendUid a) {
            w.raw("APPENDUID ").number(a.uidValidity()).sp();
            sequenceSet(w, a.uids());
        } else if (code instanceof ResponseCode.CopyUid c) {
            w.raw("COPYUID ").number(c.uidValidity()).sp();
            sequenceSet(w, c.source());
            w.sp();
            sequenceSet(w, c.destination());
        } else if (code instanceof ResponseCode.MailboxId m) {
            w.raw("MAILBOXID (").raw(m.id()).raw(')');
        } else if (code instanceof ResponseCode.Referral ref) {
            w.raw("REFERRAL");
            for (String u : ref.urls()) {
                w.sp();
                utf8(w, u);
            }
        } else if (code instanceof ResponseCode.BadUrl b) {
            w.raw("BADURL ");
            utf8(w, b.url());
        } else if (code instanceof ResponseCode.Metadata m) {
            MetadataEncoder.code(w, m);
        } else if (code instanceof ResponseCode.UrlMech m) {
            UrlAuthEncoder.urlMech(w, m);
        } else if (code instanceof ResponseCode.BadEvent b) {
            NotifyEncoder.badEvent(w, b);
        } else if (code instanceof ResponseCode.InProgress p) {
            w.raw("INPROGRESS");
            if (p.tag() != null || p.progress() != null) {
                w.raw(" (");
                if (p.tag() == null) {
                    w.raw("NIL");
                } else {
                    w.quoted(p.tag());
                }
                w.sp();
                if (p.progress() == null) {
                    w.raw("NIL");
                } else {
                    w.number(p.progress());
                }
                w.sp();
                if (p.goal() == null) {
                    w.raw("NIL");
                } else {
                    w.number(p.goal());
                }
                w.raw(')');
            }
        } else if (code instanceof ResponseCode.MessageLimit m) {
            w.raw("MESSAGELIMIT ").number(m.limit());
            if (m.lowestUid() != null) {
                w.sp().number(m.lowestUid());
            }
        } else if (code instanceof ResponseCode.Unparsed u) {
            byte[] raw = u.raw().toByteArray();
            w.raw(raw, 0, raw.length);
        } else {
            ResponseCode.Other o = (ResponseCode.Other) code;
            w.raw(o.name());
            if (o.data() != null) {
                w.sp();
                utf8(w, o.data());
            }
        }
    }

    /** Writes a generic value; CR, LF and NUL reach the wire only inside a literal. */
    static void value(ImapWriter w, ImapValue v) {
        if (v instanceof ImapValue.Atom a) {
            String t = a.text();
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c <= ' ' || c == '(' || c == ')' || c == '"' || c == '{' || c == 0x7f) {
                    throw new ImapValidationException("generic atom cannot hold '" + c + "' (index " + i + ")");
                }
            }
            utf8(w, t);
        } else if (v instanceof ImapValue.Num n) {
            w.number(n.value());
        } else if (v instanceof ImapValue.Quoted q) {
            // a quoted string stays quoted, however long, so the value re-reads as itself; one that cannot be
            // quoted (built by hand with CR or LF) becomes a literal
            String t = q.text();
            if (w.canQuote(t)) {
                w.quoted(t);
            } else {
                w.string(t);
            }
        } else if (v instanceof ImapValue.Literal l) {
            w.literal(l.data(), l.binary());
        } else if (v instanceof ImapValue.ValueList l) {
            w.raw('(');
            for (int i = 0; i < l.items().size(); i++) {
                if (i > 0) {
                    w.sp();
                }
                value(w, l.items().get(i));
            }
            w.raw(')');
        } else if (v instanceof ImapValue.Nil) {
            w.raw("NIL");
        } else {
            throw new ImapValidationException("a streamed literal cannot be encoded: " + v);
        }
    }
}
