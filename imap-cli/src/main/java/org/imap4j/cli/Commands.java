package org.imap4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.imap4j.client.CopyResult;
import org.imap4j.client.EncodedWords;
import org.imap4j.client.FetchResult;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ListEntry;
import org.imap4j.client.SearchResult;
import org.imap4j.client.SelectResult;
import org.imap4j.client.StatusResult;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.command.StatusAttribute;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.Envelope;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.MailboxAttribute;
import org.imap4j.mime.MimeMessage;
import org.imap4j.mime.MimeMessages;
import org.imap4j.mime.MimeOptions;
import org.imap4j.mime.MimePart;

/**
 * The commands that talk to a server, each printing what a user wants to read. The demo calls the same methods, so
 * what it shows is what the commands print.
 */
final class Commands {
    private static final List<MailboxAttribute.Known> SPECIAL_USE = List.of(MailboxAttribute.Known.ALL,
            MailboxAttribute.Known.ARCHIVE, MailboxAttribute.Known.DRAFTS, MailboxAttribute.Known.FLAGGED,
            MailboxAttribute.Known.JUNK, MailboxAttribute.Known.SENT, MailboxAttribute.Known.TRASH);
    static final int FETCH_BATCH = 250;

    private Commands() {
    }

    static void capabilities(ImapClient c, PrintStream out, boolean json) {
        if (json) {
            List<String> caps = new ArrayList<>();
            for (Capability cap : c.capabilities()) {
                caps.add(cap.wire());
            }
            out.println(Json.write(Json.obj("capabilities", caps)));
            return;
        }
        for (Capability cap : c.capabilities()) {
            out.println(Text.safe(cap.wire()));
        }
    }

    static void list(ImapClient c, PrintStream out, String indent) {
        list(c, out, indent, false);
    }

    static void list(ImapClient c, PrintStream out, String indent, boolean json) {
        Map<String, String> specialUse = new LinkedHashMap<>();
        if (c.hasCapability(Capability.Known.SPECIAL_USE)) {
            for (ListEntry e : c.listSpecialUse()) {
                specialUse.put(e.mailbox().name(), specialUse(e));
            }
        }
        Text.Table t = new Text.Table("MAILBOX", "SPECIAL-USE", "MESSAGES", "UNSEEN").right(2, 3);
        List<Object> rows = new ArrayList<>();
        for (ListEntry e : c.listWithStatus("", "*", StatusAttribute.MESSAGES, StatusAttribute.UNSEEN)) {
            String su = specialUse(e);
            if (su.isEmpty()) {
                su = specialUse.getOrDefault(e.mailbox().name(), "");
            }
            String messages = e.status().map(s -> num(s.messages())).orElse("-");
            String unseen = e.status().map(s -> num(s.unseen())).orElse("-");
            t.add(e.mailbox().name(), su, messages, unseen);
            rows.add(Json.obj("mailbox", e.mailbox().name(), "specialUse", su.isEmpty() ? List.of()
                    : List.of(su.split(" ")), "messages", e.status().map(s -> Json.of(s.messages())).orElse(null),
                    "unseen", e.status().map(s -> Json.of(s.unseen())).orElse(null)));
        }
        if (json) {
            out.println(Json.write(Json.obj("mailboxes", rows)));
            return;
        }
        out.print(t.render(indent));
    }

    private static String specialUse(ListEntry e) {
        List<String> su = new ArrayList<>();
        for (MailboxAttribute a : e.attributes()) {
            if (a instanceof MailboxAttribute.Known && SPECIAL_USE.contains(a)) {
                su.add(a.wire());
            }
        }
        return String.join(" ", su);
    }

    private static String num(java.util.OptionalLong v) {
        return v.isPresent() ? Long.toString(v.getAsLong()) : "-";
    }

    static void status(ImapClient c, PrintStream out, String mailbox, boolean json) {
        List<StatusAttribute> attrs = new ArrayList<>(List.of(StatusAttribute.MESSAGES, StatusAttribute.RECENT,
                StatusAttribute.UIDNEXT, StatusAttribute.UIDVALIDITY, StatusAttribute.UNSEEN));
        if (c.hasCapability(Capability.Known.CONDSTORE) || c.hasCapability(Capability.Known.QRESYNC)) {
            attrs.add(StatusAttribute.HIGHESTMODSEQ);
        }
        StatusResult s = c.status(MailboxName.of(mailbox), attrs.toArray(new StatusAttribute[0]));
        if (json) {
            out.println(Json.write(Json.obj("mailbox", mailbox, "messages", s.messages(), "recent", s.recent(),
                    "unseen", s.unseen(), "uidnext", s.uidNext(), "uidvalidity", s.uidValidity(), "highestmodseq",
                    s.highestModSeq())));
            return;
        }
        out.println("mailbox:       " + Text.safe(mailbox));
        out.println("messages:      " + num(s.messages()));
        out.println("recent:        " + num(s.recent()));
        out.println("unseen:        " + num(s.unseen()));
        out.println("uidnext:       " + num(s.uidNext()));
        out.println("uidvalidity:   " + num(s.uidValidity()));
        if (s.highestModSeq().isPresent()) {
            out.println("highestmodseq: " + s.highestModSeq().getAsLong());
        }
    }

    static String describe(SelectResult s) {
        return s.exists() + " messages, " + (s.unseen().isPresent() ? "first unseen #" + s.unseen().getAsLong()
                + ", " : "") + "UIDVALIDITY " + num(s.uidValidity()) + ", UIDNEXT " + num(s.uidNext())
                + (s.readOnly() ? ", read-only" : "");
    }

    static SearchResult search(ImapClient c, PrintStream out, SearchKey key) {
        return search(c, out, key, false);
    }

    static SearchResult search(ImapClient c, PrintStream out, SearchKey key, boolean json) {
        SearchResult r = c.search(key);
        if (json) {
            out.println(Json.write(Json.obj("uids", r.ids())));
            return r;
        }
        StringBuilder sb = new StringBuilder();
        for (Long id : r.ids()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(id);
        }
        out.println(sb);
        return r;
    }

    /** The message items of the fetch table. */
    static final FetchAttribute[] TABLE_ITEMS = {FetchAttribute.Item.UID, FetchAttribute.Item.FLAGS,
        FetchAttribute.Item.INTERNALDATE, FetchAttribute.Item.RFC822_SIZE, FetchAttribute.Item.ENVELOPE};

    /**
     * Fetches the table columns in batches (with progress for big mailboxes) and prints a table or JSON lines.
     *
     * @return the number of messages printed
     */
    static int fetchTable(ImapClient c, PrintStream out, SequenceSet set, boolean json, String indent,
            Progress progress) {
        List<Long> uids = c.search(SearchKey.uid(set)).ids();
        Text.Table t = new Text.Table("UID", "DATE", "FROM", "SUBJECT", "SIZE", "FLAGS").right(0, 4);
        if (json) {
            out.println("[");
        }
        int n = 0;
        for (int i = 0; i < uids.size(); i += FETCH_BATCH) {
            List<Long> batch = uids.subList(i, Math.min(uids.size(), i + FETCH_BATCH));
            Map<Long, FetchResult> r = c.fetch(SequenceSet.of(batch), TABLE_ITEMS);
            for (Long uid : batch) {
                FetchResult m = r.get(uid);
                if (m == null) {
                    continue;
                }
                Envelope e = m.envelope().orElse(null);
                String from = e == null ? "" : Text.address(e.from());
                String subject = e == null ? "" : EncodedWords.decode(e.subject());
                long size = m.size().orElse(0);
                List<Flag> flags = m.flags().orElse(List.of());
                if (json) {
                    out.println((n > 0 ? "," : "") + "{\"uid\":" + uid + ",\"date\":"
                            + Text.json(m.internalDate().map(Object::toString).orElse(null))
                            + ",\"from\":" + Text.json(from) + ",\"subject\":" + Text.json(subject)
                            + ",\"size\":" + size + ",\"flags\":" + jsonFlags(flags) + "}");
                } else {
                    t.add(Long.toString(uid), Text.date(m.internalDate().orElse(null)), Text.cut(from, 32),
                            Text.cut(subject, 48), Long.toString(size), Text.flags(flags));
                }
                n++;
                progress.advance(1, size);
            }
        }
        progress.finish();
        if (json) {
            out.println("]");
        } else {
            out.print(t.render(indent));
        }
        return n;
    }

    private static String jsonFlags(List<Flag> flags) {
        StringBuilder sb = new StringBuilder("[");
        for (Flag f : flags) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(Text.json(f.value()));
        }
        return sb.append(']').toString();
    }

    /**
     * Prints one message as a mail reader shows it: the main header fields decoded, the text part (else the HTML
     * part), and a list of the attachments. The message is parsed by imap-mime while it is fetched, so a large
     * attachment passes through bounded heap (spooled to a temporary file, deleted before this returns).
     */
    static void show(ImapClient c, PrintStream out, String mailbox, long uid, boolean json) {
        existing(c, SequenceSet.of(uid), mailbox, "nothing to show");
        MimeMessage m;
        try {
            m = MimeMessages.fetch(c, uid, MimeOptions.defaults());
        } catch (NoSuchElementException e) {
            // the server answered OK without the message: expunged between the search and the fetch
            throw new MissingMessagesException("no message with UID " + uid + " in " + Text.safe(mailbox)
                    + " (expunged meanwhile?)");
        }
        try (m) {
            if (json) {
                Map<String, Object> headers = new LinkedHashMap<>();
                for (String name : List.of("Date", "From", "To", "Cc", "Subject", "Message-ID")) {
                    m.headers().value(name).ifPresent(v -> headers.put(name, v.strip()));
                }
                List<Object> parts = new ArrayList<>();
                for (MimePart.Attachment a : m.attachments()) {
                    parts.add(Json.obj("name", a.name().orElse(null), "type", a.contentType().mimeType(), "size",
                            a.size()));
                }
                for (MimeMessage inner : m.attachedMessages()) {
                    parts.add(Json.obj("name", inner.subject(), "type", "message/rfc822", "size", null));
                }
                out.println(Json.write(Json.obj("uid", uid, "headers", headers, "text",
                        m.text().or(m::html).map(t -> t.replace("\r\n", "\n")).orElse(null), "attachments", parts)));
                return;
            }
            for (String name : List.of("Date", "From", "To", "Cc", "Subject", "Message-ID")) {
                m.headers().value(name).ifPresent(v -> out.println(name + ": " + Text.safe(v.strip())));
            }
            out.println();
            Optional<String> text = m.text().or(m::html);
            if (text.isPresent()) {
                out.print(Text.safeBody(text.get().replace("\r\n", "\n")));
                out.println();
            } else {
                out.println("(no text part)");
            }
            List<MimePart.Attachment> attachments = m.attachments();
            List<MimeMessage> attached = m.attachedMessages();
            if (!attachments.isEmpty() || !attached.isEmpty()) {
                out.println();
                out.println("Attachments:");
                Text.Table t = new Text.Table("NAME", "TYPE", "SIZE").right(2);
                for (MimePart.Attachment a : attachments) {
                    t.add(a.name().orElse("(unnamed)"), a.contentType().mimeType(), Text.bytes(a.size()));
                }
                for (MimeMessage inner : attached) {
                    t.add(inner.subject().isEmpty() ? "(attached message)" : inner.subject(), "message/rfc822", "");
                }
                out.print(t.render("  "));
            }
        }
    }

    static void printFlags(ImapClient c, PrintStream out, SequenceSet set, String indent) {
        printFlags(c, out, set, indent, false);
    }

    static void printFlags(ImapClient c, PrintStream out, SequenceSet set, String indent, boolean json) {
        Map<Long, List<Flag>> flags = c.getFlags(set);
        if (json) {
            List<Object> rows = new ArrayList<>();
            for (Map.Entry<Long, List<Flag>> e : new java.util.TreeMap<>(flags).entrySet()) {
                List<String> words = new ArrayList<>();
                e.getValue().forEach(f -> words.add(f.value()));
                rows.add(Json.obj("uid", e.getKey(), "flags", words));
            }
            out.println(Json.write(Json.obj("messages", rows)));
            return;
        }
        Text.Table t = new Text.Table("UID", "FLAGS").right(0);
        for (Map.Entry<Long, List<Flag>> e : new java.util.TreeMap<>(flags).entrySet()) {
            t.add(Long.toString(e.getKey()), Text.flags(e.getValue()));
        }
        out.print(t.render(indent));
    }

    static List<Flag> parseFlags(List<String> words) {
        List<Flag> out = new ArrayList<>();
        for (String w : words) {
            for (String f : w.split("[ ,]+")) {
                if (f.isEmpty()) {
                    continue;
                }
                String lower = f.toLowerCase(Locale.ROOT).replace("\\", "");
                switch (lower) {
                    case "seen": out.add(Flag.SEEN); break;
                    case "answered": out.add(Flag.ANSWERED); break;
                    case "flagged": out.add(Flag.FLAGGED); break;
                    case "deleted": out.add(Flag.DELETED); break;
                    case "draft": out.add(Flag.DRAFT); break;
                    default:
                        if (f.startsWith("\\")) {
                            throw new UsageException("unknown system flag " + f);
                        }
                        try {
                            out.add(Flag.of(f));
                        } catch (IllegalArgumentException e) {
                            throw new UsageException("not a flag: " + f);
                        }
                }
            }
        }
        return out;
    }

    /** At most this many missing UIDs or ranges are named in one message; the rest are counted. */
    static final int MAX_NAMED_MISSING = 20;

    /**
     * The UIDs of {@code set} that exist in the selected mailbox, asked with {@code UID SEARCH UID set}. Every single
     * UID of the set must exist, and every range must match at least one message (UIDs have gaps after an expunge,
     * so a range is not expected to be full; {@code n:*} always matches the last message of a non-empty mailbox, as
     * RFC 9051 defines it). Otherwise nothing has been changed yet, and this throws naming what is missing.
     *
     * @param nothing what to add to the message, e.g. "nothing was moved"
     */
    static List<Long> existing(ImapClient c, SequenceSet set, String mailbox, String nothing) {
        List<Long> ids = c.search(SearchKey.uid(set)).ids();
        java.util.TreeSet<Long> found = new java.util.TreeSet<>(ids);
        List<String> missing = new ArrayList<>();
        for (SequenceSet.Range r : set.ranges()) {
            boolean hit;
            if (r.high() == SequenceSet.STAR) {
                hit = !found.isEmpty();
            } else {
                Long first = found.ceiling(r.low());
                hit = first != null && first <= r.high();
            }
            if (!hit) {
                missing.add(r.toString());
            }
        }
        if (!missing.isEmpty()) {
            int single = 0;
            for (SequenceSet.Range r : set.ranges()) {
                single += missing.contains(r.toString()) && r.low() == r.high() ? 1 : 0;
            }
            String named = String.join(", ", missing.subList(0, Math.min(MAX_NAMED_MISSING, missing.size())))
                    + (missing.size() > MAX_NAMED_MISSING ? " and " + (missing.size() - MAX_NAMED_MISSING) + " more"
                    : "");
            String what = missing.size() == 1 && single == 1 ? "no message with UID " : "no messages with UIDs ";
            throw new MissingMessagesException(what + named + " in " + Text.safe(mailbox) + "; " + nothing);
        }
        return ids;
    }

    static void copyOrMove(ImapClient c, PrintStream out, SequenceSet set, String source, String dest,
            boolean move, boolean json) {
        List<Long> uids = existing(c, set, source, move ? "nothing was moved" : "nothing was copied");
        CopyResult r = move ? c.move(set, MailboxName.of(dest)) : c.copy(set, MailboxName.of(dest));
        long pairs = r.pairCount();
        if (json) {
            // the COPYUID sets as the server sent them (a hostile server may name billions of UIDs: no expansion)
            out.println(Json.write(Json.obj("command", move ? "move" : "copy", "to", dest, "messages", uids.size(),
                    "sourceUids", pairs == 0 ? null : r.source().toString(), "destinationUids",
                    pairs == 0 ? null : r.destination().toString())));
        } else {
            out.println((move ? "moved " : "copied ") + count(uids.size()) + " to " + Text.safe(dest));
        }
        if (pairs > 0 && pairs < uids.size()) {
            // the server's COPYUID names fewer messages than existed a moment ago (expunged meanwhile by another
            // client): say which were not copied rather than claim success
            List<String> notCopied = new ArrayList<>();
            for (Long uid : uids) {
                if (r.destinationOf(uid).isEmpty() && notCopied.size() < MAX_NAMED_MISSING) {
                    notCopied.add(Long.toString(uid));
                }
            }
            for (Map.Entry<Long, Long> e : r.mapping().entrySet()) {
                if (!json) {
                    out.println("  UID " + e.getKey() + " -> " + Text.safe(dest) + " UID " + e.getValue());
                }
            }
            throw new MissingMessagesException("the server " + (move ? "moved" : "copied") + " " + pairs + " of "
                    + uids.size() + " messages; not UID " + String.join(", ", notCopied)
                    + " (expunged meanwhile?)");
        }
        if (json) {
            return;
        }
        if (pairs > MAX_LISTED_PAIRS) {
            // a server's COPYUID may name billions of UIDs (1:4294967295); show its sets, never one line per pair
            out.println("  UIDs " + r.source() + " -> " + Text.safe(dest) + " UIDs " + r.destination());
            return;
        }
        for (Map.Entry<Long, Long> e : r.mapping().entrySet()) {
            out.println("  UID " + e.getKey() + " -> " + Text.safe(dest) + " UID " + e.getValue());
        }
    }

    static String count(long n) {
        return n + (n == 1 ? " message" : " messages");
    }

    /** Above this many COPYUID pairs, copy and move print the two UID sets instead of one line per message. */
    static final long MAX_LISTED_PAIRS = 1_000;

    static void append(ImapClient c, PrintStream out, String mailbox, List<String> files, List<Flag> flags,
            boolean json) {
        for (String f : files) {
            byte[] data;
            try {
                data = Files.readAllBytes(Path.of(f));
            } catch (IOException e) {
                throw new UsageException("cannot read " + f + ": " + e.getMessage());
            }
            var r = c.append(MailboxName.of(mailbox), Bytes.of(crlf(data)), flags.toArray(new Flag[0]));
            if (json) {
                out.println(Json.write(Json.obj("file", f, "size", data.length, "mailbox", mailbox, "uid",
                        r.uid().isPresent() ? r.uid().getAsLong() : null)));
            } else {
                out.println("appended " + f + " (" + Text.bytes(data.length) + ") to " + mailbox
                        + (r.uid().isPresent() ? " as UID " + r.uid().getAsLong() : ""));
            }
        }
    }

    /** Turns bare LF line ends (files written on Unix) into the CRLF that IMAP messages carry; CRLF stays. */
    static byte[] crlf(byte[] in) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length + in.length / 40);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(in[i]);
        }
        return out.toByteArray();
    }
}
