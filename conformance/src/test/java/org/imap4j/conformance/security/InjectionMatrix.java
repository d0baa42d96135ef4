package org.imap4j.conformance.security;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.Fragment;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;

/**
 * Every string-valued argument of every {@link Command}, each with a builder that puts a chosen string there, and a
 * reflective census of the command records that proves the list complete: a new string component without a slot
 * here fails {@link #uncoveredComponents()}.
 *
 * <p>The wire rule ({@link #wireViolation(List)}): outside a literal, CR and LF appear only as the command's final
 * CRLF or right after a literal announcement ({@code {n}}, {@code {n+}}, {@code ~{n}}) that the encoder wrote; a
 * quoted string never holds CR, LF or NUL; NUL appears only inside a {@code ~{n}} literal; and after the final CRLF
 * nothing follows (one command, not two).
 */
final class InjectionMatrix {
    /** Strings an attacker would pass: line breaks, NUL, forged literal announcements, quoting breakers. */
    static final List<String> PAYLOADS = List.of(
            "a\r\nX1 CREATE Injected\r\n",
            "a\rX1 CREATE Injected",
            "a\nX1 CREATE Injected",
            "\r\n",
            "nul\0byte",
            "x {5}\r\nX1 CREATE Injected",
            "x {5+}\r\nhello",
            "x ~{5}\r\nhello",
            "{3}",
            "{3+}",
            "q\"uote\\ back\\\"\r\nX1 CREATE Injected",
            "\"",
            "(paren) [bracket] %*",
            "ünïcødé\u0085NEL\u2028LS",
            "\u001b[31mescape");

    /**
     * One string-valued argument.
     *
     * @param slot  {@code Record.component} (nested records by their own simple name)
     * @param build the command with the string in that argument
     */
    record Slot(String slot, Function<String, Command> build) {
    }

    private static final MailboxName BOX = MailboxName.of("Box");
    private static final SequenceSet ONE = SequenceSet.of(1);
    private static final Bytes MESSAGE = Bytes.utf8("Subject: x\r\n\r\nbody\r\n");

    private InjectionMatrix() {
    }

    /** @return every slot */
    static List<Slot> slots() {
        List<Slot> s = new ArrayList<>();
        s.add(new Slot("Authenticate.mechanism", v -> new Command.Authenticate(v, null)));
        s.add(new Slot("Login.user", v -> new Command.Login(v, Secret.of("pw"))));
        s.add(new Slot("Login.password", v -> new Command.Login("user", Secret.of(v))));
        s.add(new Slot("Select.mailbox", v -> Command.Select.of(MailboxName.of(v))));
        s.add(new Slot("Examine.mailbox", v -> Command.Examine.of(MailboxName.of(v))));
        s.add(new Slot("Create.mailbox", v -> Command.Create.of(MailboxName.of(v))));
        s.add(new Slot("Create.use", v -> new Command.Create(BOX, List.of(v))));
        s.add(new Slot("Delete.mailbox", v -> new Command.Delete(MailboxName.of(v))));
        s.add(new Slot("Rename.from", v -> new Command.Rename(MailboxName.of(v), BOX)));
        s.add(new Slot("Rename.to", v -> new Command.Rename(BOX, MailboxName.of(v))));
        s.add(new Slot("Subscribe.mailbox", v -> new Command.Subscribe(MailboxName.of(v))));
        s.add(new Slot("Unsubscribe.mailbox", v -> new Command.Unsubscribe(MailboxName.of(v))));
        s.add(new Slot("ListMailboxes.reference", v -> new Command.ListMailboxes(List.of(), MailboxName.of(v),
                List.of("*"), List.of(), List.of())));
        s.add(new Slot("ListMailboxes.patterns", v -> new Command.ListMailboxes(List.of(), MailboxName.of(""),
                List.of("%", v), List.of(), List.of())));
        s.add(new Slot("ListMailboxes.returnMetadata", v -> new Command.ListMailboxes(List.of(), MailboxName.of(""),
                List.of("*"), List.of(), List.of(), List.of("/shared/" + v))));
        s.add(new Slot("CancelUpdate.tags", v -> new Command.CancelUpdate(List.of("A1", v))));
        s.add(new Slot("Lsub.reference", v -> new Command.Lsub(MailboxName.of(v), "*")));
        s.add(new Slot("Lsub.pattern", v -> new Command.Lsub(MailboxName.of(""), v)));
        s.add(new Slot("Status.mailbox", v -> new Command.Status(MailboxName.of(v),
                List.of(org.imap4j.codec.command.StatusAttribute.MESSAGES))));
        s.add(new Slot("Append.mailbox", v -> new Command.Append(MailboxName.of(v),
                List.of(Command.AppendMessage.of(MESSAGE)))));
        s.add(new Slot("AppendMessage.flags", v -> new Command.Append(BOX, List.of(new Command.AppendMessage(
                List.of(Flag.of(v)), OffsetDateTime.of(2026, 7, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)), MESSAGE,
                false)))));
        s.add(new Slot("Search.charset", v -> new Command.Search(v, SearchKey.all(), null, true)));
        s.add(new Slot("Sort.charset", v -> new Command.Sort(List.of(new Command.SortCriterion(false,
                Command.SortKey.DATE)), v, SearchKey.all(), true)));
        s.add(new Slot("Thread.algorithm", v -> new Command.Thread(v, "UTF-8", SearchKey.all(), true)));
        s.add(new Slot("Thread.charset", v -> new Command.Thread("REFERENCES", v, SearchKey.all(), true)));
        for (SearchKey.TextField f : SearchKey.TextField.values()) {
            s.add(new Slot("Text.value:" + f, v -> Command.Search.of(new SearchKey.Text(f, v), true)));
        }
        s.add(new Slot("Header.name", v -> Command.Search.of(SearchKey.header(v, "x"), true)));
        s.add(new Slot("Header.value", v -> Command.Search.of(SearchKey.header("Subject", v), true)));
        s.add(new Slot("Keyword.keyword", v -> Command.Search.of(SearchKey.keyword(v), true)));
        s.add(new Slot("ObjectId.id", v -> Command.Search.of(new SearchKey.ObjectId(
                SearchKey.ObjectIdField.values()[0], v), true)));
        s.add(new Slot("ModSeq.entryName", v -> Command.Search.of(new SearchKey.ModSeq(v,
                SearchKey.EntryType.values()[0], 5), true)));
        s.add(new Slot("Other.atom", v -> new Command.Fetch(ONE, List.of(new FetchAttribute.Other(v)), true, null,
                false)));
        s.add(new Slot("Preview.modifiers", v -> new Command.Fetch(ONE, List.of(new FetchAttribute.Preview(
                List.of(v))), true, null, false)));
        s.add(new Slot("Section.fields", v -> new Command.Fetch(ONE, List.of(new FetchAttribute.BodySection(
                Section.headerFields(v), true, null)), true, null, false)));
        s.add(new Slot("Store.flags", v -> new Command.Store(ONE, Command.StoreMode.ADD, false, List.of(Flag.of(v)),
                null, true)));
        s.add(new Slot("StoreGmailLabels.labels", v -> new Command.StoreGmailLabels(ONE, Command.StoreMode.ADD,
                false, List.of(v), true)));
        s.add(new Slot("Copy.mailbox", v -> new Command.Copy(ONE, MailboxName.of(v), true)));
        s.add(new Slot("Move.mailbox", v -> new Command.Move(ONE, MailboxName.of(v), true)));
        s.add(new Slot("Enable.capabilities", v -> new Command.Enable(List.of(v))));
        s.add(new Slot("IdField.key", v -> new Command.Id(List.of(new Command.IdField(v, "x")))));
        s.add(new Slot("IdField.value", v -> new Command.Id(List.of(new Command.IdField("name", v)))));
        s.add(new Slot("Compress.mechanism", v -> new Command.Compress(v)));
        s.add(new Slot("GetQuota.root", v -> new Command.GetQuota(v)));
        s.add(new Slot("GetQuotaRoot.mailbox", v -> new Command.GetQuotaRoot(MailboxName.of(v))));
        s.add(new Slot("SetQuota.root", v -> new Command.SetQuota(v, List.of())));
        s.add(new Slot("QuotaLimit.resource", v -> new Command.SetQuota("", List.of(new Command.QuotaLimit(v, 5)))));
        // ACL (RFC 4314)
        s.add(new Slot("SetAcl.mailbox", v -> new Command.SetAcl(MailboxName.of(v), "fred", Command.StoreMode.ADD,
                "lr")));
        s.add(new Slot("SetAcl.identifier", v -> new Command.SetAcl(BOX, v, Command.StoreMode.REPLACE, "lr")));
        s.add(new Slot("SetAcl.rights", v -> new Command.SetAcl(BOX, "fred", Command.StoreMode.REMOVE, v)));
        s.add(new Slot("DeleteAcl.mailbox", v -> new Command.DeleteAcl(MailboxName.of(v), "fred")));
        s.add(new Slot("DeleteAcl.identifier", v -> new Command.DeleteAcl(BOX, v)));
        s.add(new Slot("GetAcl.mailbox", v -> new Command.GetAcl(MailboxName.of(v))));
        s.add(new Slot("ListRights.mailbox", v -> new Command.ListRights(MailboxName.of(v), "fred")));
        s.add(new Slot("ListRights.identifier", v -> new Command.ListRights(BOX, v)));
        s.add(new Slot("MyRights.mailbox", v -> new Command.MyRights(MailboxName.of(v))));
        // METADATA (RFC 5464)
        s.add(new Slot("GetMetadata.mailbox", v -> new Command.GetMetadata(MailboxName.of(v),
                List.of("/shared/comment"), null, null)));
        s.add(new Slot("GetMetadata.entries", v -> new Command.GetMetadata(BOX, List.of("/shared/" + v), 10L,
                Command.MetadataDepth.ONE)));
        s.add(new Slot("SetMetadata.mailbox", v -> new Command.SetMetadata(MailboxName.of(v),
                List.of(org.imap4j.codec.core.MetadataEntry.of("/private/x", "value")))));
        s.add(new Slot("MetadataEntry.name", v -> new Command.SetMetadata(BOX,
                List.of(org.imap4j.codec.core.MetadataEntry.of("/private/" + v, v)))));
        // NOTIFY (RFC 5465)
        s.add(new Slot("NotifyGroup.mailboxes", v -> new Command.Notify(List.of(new org.imap4j.codec.command.NotifyGroup(
                org.imap4j.codec.command.NotifyGroup.Filter.SUBTREE, List.of(MailboxName.of(v)),
                List.of(org.imap4j.codec.command.NotifyGroup.Event.MESSAGE_NEW))), true)));
        s.add(new Slot("Event.name", v -> new Command.Notify(List.of(org.imap4j.codec.command.NotifyGroup.of(
                org.imap4j.codec.command.NotifyGroup.Filter.PERSONAL,
                new org.imap4j.codec.command.NotifyGroup.Event(v, List.of()))), false)));
        // REPLACE (RFC 8508)
        s.add(new Slot("Replace.mailbox", v -> new Command.Replace(3, MailboxName.of(v),
                new Command.AppendMessage(List.of(), null, MESSAGE, false), true)));
        // URLAUTH (RFC 4467)
        s.add(new Slot("UrlAuthRequest.urlRump", v -> new Command.GenUrlAuth(List.of(
                new Command.UrlAuthRequest(v, "INTERNAL")))));
        s.add(new Slot("UrlAuthRequest.mechanism", v -> new Command.GenUrlAuth(List.of(
                new Command.UrlAuthRequest("imap://u@h/INBOX;uid=1;urlauth=anonymous", v)))));
        s.add(new Slot("ResetKey.mailbox", v -> new Command.ResetKey(MailboxName.of(v), List.of())));
        s.add(new Slot("ResetKey.mechanisms", v -> new Command.ResetKey(BOX, List.of(v))));
        s.add(new Slot("UrlFetch.urls", v -> new Command.UrlFetch(List.of(v))));
        // CATENATE (RFC 4469)
        s.add(new Slot("Catenate.mailbox", v -> new Command.Catenate(MailboxName.of(v), List.of(
                new Command.CatenateMessage(List.of(), null, List.of(Command.CatenatePart.Text.of("x")))))));
        s.add(new Slot("CatenateMessage.flags", v -> new Command.Catenate(BOX, List.of(new Command.CatenateMessage(
                List.of(Flag.of(v)), null, List.of(Command.CatenatePart.Text.of("x")))))));
        s.add(new Slot("Url.url", v -> new Command.Catenate(BOX, List.of(new Command.CatenateMessage(List.of(),
                null, List.of(new Command.CatenatePart.Url(v), Command.CatenatePart.Text.of("x")))))));
        // the raw-command escape hatch: typed arguments
        s.add(new Slot("Extension.name", v -> new Command.Extension(v, org.imap4j.codec.command.Argument.nil())));
        s.add(new Slot("Extension.collects", v -> new Command.Extension("XFOO", List.of(), java.util.Set.of(v))));
        s.add(new Slot("Atom.text", v -> new Command.Extension("XFOO", org.imap4j.codec.command.Argument.atom(v))));
        s.add(new Slot("Text.text", v -> new Command.Extension("XFOO", org.imap4j.codec.command.Argument.list(
                org.imap4j.codec.command.Argument.string(v), org.imap4j.codec.command.Argument.number(7)))));
        return s;
    }

    /**
     * The census: every component of a command record (and of the records and sealed types reachable from them)
     * whose type carries text ({@code String}, {@link Secret}, {@link MailboxName}, {@link Flag}, or a list of
     * those), as {@code Record.component}, minus those {@link #slots()} covers.
     *
     * @return the uncovered components (empty when the matrix is complete)
     */
    static Set<String> uncoveredComponents() {
        Set<String> all = new TreeSet<>();
        Set<Class<?>> seen = new java.util.HashSet<>();
        for (Class<?> c : Command.class.getPermittedSubclasses()) {
            census(c, all, seen);
        }
        Set<String> covered = new TreeSet<>();
        for (Slot s : slots()) {
            String name = s.slot();
            covered.add(name.contains(":") ? name.substring(0, name.indexOf(':')) : name);
        }
        all.removeAll(covered);
        return all;
    }

    private static void census(Class<?> c, Set<String> out, Set<Class<?>> seen) {
        if (!seen.add(c)) {
            return;
        }
        if (c.isSealed()) {
            for (Class<?> p : c.getPermittedSubclasses()) {
                census(p, out, seen);
            }
        }
        if (!c.isRecord() || !c.getName().startsWith("org.imap4j.codec.")) {
            return;
        }
        if (c == MailboxName.class || c == Flag.class || c == SequenceSet.class || c == Secret.class
                || c == Bytes.class) {
            return; // text carriers themselves: counted where they are used
        }
        for (RecordComponent rc : c.getRecordComponents()) {
            Type t = rc.getGenericType();
            Class<?> raw = rc.getType();
            Class<?> element = raw;
            if (t instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> e) {
                element = e;
            }
            if (isText(element)) {
                out.add(c.getSimpleName() + "." + rc.getName());
            } else {
                census(element, out, seen);
            }
        }
    }

    private static boolean isText(Class<?> c) {
        return c == String.class || c == Secret.class || c == MailboxName.class || c == Flag.class;
    }

    /**
     * Applies the wire rule to an encoded command.
     *
     * @param fragments the command as the encoder split it
     * @return what is wrong, or {@code null} if the bytes are one well-formed command
     */
    static String wireViolation(List<Fragment> fragments) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (Fragment f : fragments) {
            Bytes b = f instanceof Fragment.Line l ? l.data() : ((Fragment.Literal) f).data();
            all.writeBytes(b.toByteArray());
        }
        byte[] w = all.toByteArray();
        int i = 0;
        boolean quoted = false;
        while (i < w.length) {
            int c = w[i] & 0xff;
            if (quoted) {
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '\r' || c == '\n' || c == 0) {
                    return "CR, LF or NUL inside a quoted string at " + i + ": " + show(w);
                }
                if (c == '"') {
                    quoted = false;
                }
                i++;
                continue;
            }
            if (c == '"') {
                quoted = true;
                i++;
                continue;
            }
            if (c == 0) {
                return "NUL outside a literal at " + i + ": " + show(w);
            }
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 2 == w.length && w[i + 1] == '\n') {
                    return null; // the final CRLF, and nothing after it
                }
                int announced = announcedLiteral(w, i);
                if (announced < 0) {
                    return "CR or LF outside a literal at " + i + ": " + show(w);
                }
                boolean binary = literalIsBinary(w, i);
                int start = i + 2;
                int end = start + announced;
                if (end > w.length) {
                    return "literal runs past the command at " + i + ": " + show(w);
                }
                if (!binary) {
                    for (int k = start; k < end; k++) {
                        if (w[k] == 0) {
                            return "NUL in a non-binary literal at " + k + ": " + show(w);
                        }
                    }
                }
                i = end;
                continue;
            }
            i++;
        }
        return "no final CRLF: " + show(w);
    }

    // The size of the literal whose announcement ends right before the CRLF at i, or -1 if none does.
    private static int announcedLiteral(byte[] w, int i) {
        if (i + 1 >= w.length || w[i] != '\r' || w[i + 1] != '\n' || i < 3 || w[i - 1] != '}') {
            return -1;
        }
        int k = i - 2;
        if (w[k] == '+') {
            k--;
        }
        int digitsEnd = k + 1;
        while (k >= 0 && w[k] >= '0' && w[k] <= '9') {
            k--;
        }
        if (k < 0 || w[k] != '{' || k + 1 == digitsEnd || digitsEnd - (k + 1) > 9) {
            return -1;
        }
        // the announcement is a token of its own: after a space, '(' or the start of a literal8 marker
        if (k > 0 && w[k - 1] != ' ' && w[k - 1] != '(' && w[k - 1] != '~') {
            return -1;
        }
        return Integer.parseInt(new String(w, k + 1, digitsEnd - (k + 1), StandardCharsets.US_ASCII));
    }

    private static boolean literalIsBinary(byte[] w, int i) {
        int k = i - 2;
        while (k >= 0 && w[k] != '{') {
            k--;
        }
        return k > 0 && w[k - 1] == '~';
    }

    static String show(byte[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(w.length, 200); i++) {
            int c = w[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }
}
