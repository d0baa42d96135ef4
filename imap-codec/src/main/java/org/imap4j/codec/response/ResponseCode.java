package org.imap4j.codec.response;

import java.util.List;
import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * A response code ({@code [CODE ...]} in a status response, RFC 9051 section 7.1; RFC 5530; RFC 4315; RFC 7162;
 * RFC 8474). Codes without arguments are a {@link Simple} holding a {@link Kind}; codes with data have their own
 * record; an unknown code becomes {@link Other}; a bracketed part that is not a {@code resp-text-code} at all
 * (unbalanced or nested brackets, no atom) becomes {@link Unparsed}, so the status and text around it are kept.
 */
public sealed interface ResponseCode permits ResponseCode.Simple, ResponseCode.BadCharset,
        ResponseCode.Capabilities, ResponseCode.PermanentFlags, ResponseCode.UidNext, ResponseCode.UidValidity,
        ResponseCode.Unseen, ResponseCode.HighestModSeq, ResponseCode.Modified, ResponseCode.AppendUid,
        ResponseCode.CopyUid, ResponseCode.MailboxId, ResponseCode.Referral, ResponseCode.BadUrl,
        ResponseCode.Metadata, ResponseCode.InProgress, ResponseCode.MessageLimit, ResponseCode.BadEvent,
        ResponseCode.UrlMech, ResponseCode.Other,
        ResponseCode.Unparsed {

    /** Response codes that carry no data. */
    enum Kind {
        /** {@code ALERT}: show the text to the user (RFC 9051). */
        ALERT("ALERT"),
        /** {@code PARSE}: a message could not be parsed (RFC 9051). */
        PARSE("PARSE"),
        /** {@code READ-ONLY} (RFC 9051). */
        READ_ONLY("READ-ONLY"),
        /** {@code READ-WRITE} (RFC 9051). */
        READ_WRITE("READ-WRITE"),
        /** {@code TRYCREATE}: the target mailbox does not exist (RFC 9051). */
        TRYCREATE("TRYCREATE"),
        /** {@code CLOSED}: the previous mailbox is closed (RFC 7162, RFC 9051). */
        CLOSED("CLOSED"),
        /** {@code NOMODSEQ} (RFC 7162). */
        NOMODSEQ("NOMODSEQ"),
        /** {@code UIDNOTSTICKY} (RFC 4315). */
        UIDNOTSTICKY("UIDNOTSTICKY"),
        /** {@code UNAVAILABLE} (RFC 5530). */
        UNAVAILABLE("UNAVAILABLE"),
        /** {@code AUTHENTICATIONFAILED} (RFC 5530). */
        AUTHENTICATIONFAILED("AUTHENTICATIONFAILED"),
        /** {@code AUTHORIZATIONFAILED} (RFC 5530). */
        AUTHORIZATIONFAILED("AUTHORIZATIONFAILED"),
        /** {@code EXPIRED} (RFC 5530). */
        EXPIRED("EXPIRED"),
        /** {@code PRIVACYREQUIRED} (RFC 5530). */
        PRIVACYREQUIRED("PRIVACYREQUIRED"),
        /** {@code CONTACTADMIN} (RFC 5530). */
        CONTACTADMIN("CONTACTADMIN"),
        /** {@code NOPERM} (RFC 5530). */
        NOPERM("NOPERM"),
        /** {@code INUSE} (RFC 5530). */
        INUSE("INUSE"),
        /** {@code EXPUNGEISSUED} (RFC 5530). */
        EXPUNGEISSUED("EXPUNGEISSUED"),
        /** {@code CORRUPTION} (RFC 5530). */
        CORRUPTION("CORRUPTION"),
        /** {@code SERVERBUG} (RFC 5530). */
        SERVERBUG("SERVERBUG"),
        /** {@code CLIENTBUG} (RFC 5530). */
        CLIENTBUG("CLIENTBUG"),
        /** {@code CANNOT} (RFC 5530). */
        CANNOT("CANNOT"),
        /** {@code LIMIT} (RFC 5530). */
        LIMIT("LIMIT"),
        /** {@code OVERQUOTA} (RFC 5530). */
        OVERQUOTA("OVERQUOTA"),
        /** {@code ALREADYEXISTS} (RFC 5530). */
        ALREADYEXISTS("ALREADYEXISTS"),
        /** {@code NONEXISTENT} (RFC 5530). */
        NONEXISTENT("NONEXISTENT"),
        /** {@code NOTSAVED} (RFC 9051). */
        NOTSAVED("NOTSAVED"),
        /** {@code HASCHILDREN} (RFC 9051). */
        HASCHILDREN("HASCHILDREN"),
        /** {@code UNKNOWN-CTE} (RFC 3516, RFC 9051). */
        UNKNOWN_CTE("UNKNOWN-CTE"),
        /** {@code TOOBIG} (RFC 4469). */
        TOOBIG("TOOBIG"),
        /** {@code COMPRESSIONACTIVE} (RFC 4978). */
        COMPRESSIONACTIVE("COMPRESSIONACTIVE"),
        /** {@code USEATTR} (RFC 6154). */
        USEATTR("USEATTR"),
        /** {@code UIDREQUIRED}: a command used sequence numbers under UIDONLY (RFC 9586). */
        UIDREQUIRED("UIDREQUIRED"),
        /** {@code TOOFEW}: a UIDBATCHES batch size below the server's minimum (RFC 10022). */
        TOOFEW("TOOFEW"),
        /** {@code TOOMANY}: more than the server will do in one command (RFC 10022; RFC 5464 has its own form). */
        TOOMANY("TOOMANY"),
        /** {@code NOTIFICATIONOVERFLOW}: the server stopped notifying this connection (RFC 5465). */
        NOTIFICATIONOVERFLOW("NOTIFICATIONOVERFLOW");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        /** @return the code as written on the wire */
        public String wire() {
            return wire;
        }

        /**
         * @param upper an upper-case code name
         * @return the kind, or {@code null}
         */
        public static Kind byName(String upper) {
            for (Kind k : values()) {
                if (k.wire.equals(upper)) {
                    return k;
                }
            }
            return null;
        }
    }

    /**
     * A code without data, such as {@code [ALERT]} or {@code [READ-WRITE]}.
     *
     * @param kind which code
     */
    record Simple(Kind kind) implements ResponseCode {
        /**
         * Requires a kind.
         *
         * @param kind which code
         */
        public Simple {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * {@code "BADCHARSET" [SP "(" charset *(SP charset) ")"]}.
     *
     * @param charsets the charsets the server supports (empty when not listed)
     */
    record BadCharset(List<String> charsets) implements ResponseCode {
        /**
         * Copies the list.
         *
         * @param charsets the charsets the server supports (empty when not listed)
         */
        public BadCharset {
            charsets = List.copyOf(charsets);
        }
    }

    /**
     * {@code "CAPABILITY" *(SP capability)}: the capabilities, sent with a greeting or after authentication.
     *
     * @param capabilities the capabilities, in order
     */
    record Capabilities(List<Capability> capabilities) implements ResponseCode {
        /**
         * Copies the list.
         *
         * @param capabilities the capabilities, in order
         */
        public Capabilities {
            capabilities = List.copyOf(capabilities);
        }

        /**
         * @param c a capability
         * @return whether it is listed
         */
        public boolean has(Capability c) {
            return Capability.has(capabilities, c);
        }

        /** @return the {@code AUTH=} mechanisms, in order */
        public List<String> authMechanisms() {
            return Capability.authMechanisms(capabilities);
        }
    }

    /**
     * {@code "PERMANENTFLAGS" SP "(" [flag-perm *(SP flag-perm)] ")"}; {@code \*} is {@link Flag#ANY_KEYWORD}.
     *
     * @param flags the flags that can be changed permanently
     */
    record PermanentFlags(List<Flag> flags) implements ResponseCode {
        /**
         * Copies the list.
         *
         * @param flags the flags that can be changed permanently
         */
        public PermanentFlags {
            flags = List.copyOf(flags);
        }
    }

    /**
     * {@code "UIDNEXT" SP nz-number}.
     *
     * @param uid the next UID
     */
    record UidNext(long uid) implements ResponseCode {
        /**
         * Checks the range.
         *
         * @param uid the next UID
         */
        public UidNext {
            Checks.nz("UIDNEXT", uid);
        }
    }

    /**
     * {@code "UIDVALIDITY" SP nz-number}.
     *
     * @param uidValidity the UID validity value
     */
    record UidValidity(long uidValidity) implements ResponseCode {
        /**
         * Checks the range.
         *
         * @param uidValidity the UID validity value
         */
        public UidValidity {
            Checks.nz("UIDVALIDITY", uidValidity);
        }
    }

    /**
     * {@code "UNSEEN" SP nz-number} (IMAP4rev1): the first unseen message.
     *
     * @param seq its sequence number
     */
    record Unseen(long seq) implements ResponseCode {
        /**
         * Checks the range.
         *
         * @param seq its sequence number
         */
        public Unseen {
            Checks.nz("UNSEEN", seq);
        }
    }

    /**
     * {@code "HIGHESTMODSEQ" SP mod-sequence-value} (RFC 7162 section 3.1.2.1).
     *
     * @param modSeq the mailbox's highest mod-sequence (63-bit)
     */
    record HighestModSeq(long modSeq) implements ResponseCode {
        /**
         * Checks the range.
         *
         * @param modSeq the mailbox's highest mod-sequence (63-bit)
         */
        public HighestModSeq {
            Checks.u63("HIGHESTMODSEQ", modSeq);
        }
    }

    /**
     * {@code "MODIFIED" SP sequence-set} (RFC 7162 section 3.1.3): messages a conditional STORE did not change.
     *
     * @param set the numbers (or UIDs), unexpanded
     */
    record Modified(SequenceSet set) implements ResponseCode {
        /**
         * Requires a set.
         *
         * @param set the numbers (or UIDs), unexpanded
         */
        public Modified {
            Objects.requireNonNull(set, "set");
        }
    }

    /**
     * {@code "APPENDUID" SP nz-number SP append-uid} (RFC 4315 section 3).
     *
     * @param uidValidity the target mailbox's UID validity
     * @param uids        the UIDs of the appended messages
     */
    record AppendUid(long uidValidity, SequenceSet uids) implements ResponseCode {
        /**
         * Checks the values.
         *
         * @param uidValidity the target mailbox's UID validity
         * @param uids        the UIDs of the appended messages
         */
        public AppendUid {
            Checks.nz("UIDVALIDITY", uidValidity);
            Objects.requireNonNull(uids, "uids");
        }
    }

    /**
     * {@code "COPYUID" SP nz-number SP uid-set SP uid-set} (RFC 4315 section 3); both sets keep their order, which
     * pairs source and destination UIDs.
     *
     * @param uidValidity the target mailbox's UID validity
     * @param source      the source UIDs
     * @param destination the destination UIDs
     */
    record CopyUid(long uidValidity, SequenceSet source, SequenceSet destination) implements ResponseCode {
        /**
         * Checks the values.
         *
         * @param uidValidity the target mailbox's UID validity
         * @param source      the source UIDs
         * @param destination the destination UIDs
         */
        public CopyUid {
            Checks.nz("UIDVALIDITY", uidValidity);
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
        }
    }

    /**
     * {@code "MAILBOXID" SP "(" objectid ")"} (RFC 8474 section 4.1).
     *
     * @param id the mailbox's object id
     */
    record MailboxId(String id) implements ResponseCode {
        /**
         * Validates the objectid.
         *
         * @param id the mailbox's object id
         */
        public MailboxId {
            Objects.requireNonNull(id, "id");
            Checks.objectId(id);
        }
    }

    /**
     * {@code "REFERRAL" SP url} (RFC 2221 section 4): the server refers the client elsewhere.
     *
     * @param urls one or more IMAP URLs
     */
    record Referral(List<String> urls) implements ResponseCode {
        /**
         * Requires at least one URL without spaces, brackets or line ends.
         *
         * @param urls one or more IMAP URLs
         */
        public Referral {
            urls = List.copyOf(urls);
            if (urls.isEmpty()) {
                throw new ImapValidationException("REFERRAL needs a URL");
            }
            for (String u : urls) {
                codeText(u);
                if (u.indexOf(' ') >= 0) {
                    throw new ImapValidationException("a referral URL contains a space: \"" + u + "\"");
                }
            }
        }
    }

    /**
     * {@code "BADURL" SP url-resp-text} (RFC 4469 section 5.1).
     *
     * @param url the URL that could not be resolved
     */
    record BadUrl(String url) implements ResponseCode {
        /**
         * Validates the text.
         *
         * @param url the URL that could not be resolved
         */
        public BadUrl {
            codeText(url);
        }
    }

    /** What a {@code [METADATA ...]} code reports (RFC 5464 section 4.2.1, 4.3). */
    enum MetadataProblem {
        /** {@code LONGENTRIES n}: values above MAXSIZE were left out; the largest was {@code n} octets. */
        LONGENTRIES,
        /** {@code MAXSIZE n}: a value is too large; the server takes at most {@code n} octets. */
        MAXSIZE,
        /** {@code TOOMANY}: the server holds no more entries. */
        TOOMANY,
        /** {@code NOPRIVATE}: the server keeps no private entries. */
        NOPRIVATE
    }

    /**
     * {@code "METADATA" SP ("LONGENTRIES" SP number / "MAXSIZE" SP number / "TOOMANY" / "NOPRIVATE")} (RFC 5464
     * section 5).
     *
     * @param problem which report
     * @param number  its number for LONGENTRIES and MAXSIZE, else {@code null}
     */
    record Metadata(MetadataProblem problem, Long number) implements ResponseCode {
        /**
         * Requires a number exactly for LONGENTRIES and MAXSIZE.
         *
         * @param problem which report
         * @param number  its number, or {@code null}
         */
        public Metadata {
            Objects.requireNonNull(problem, "problem");
            boolean wants = problem == MetadataProblem.LONGENTRIES || problem == MetadataProblem.MAXSIZE;
            if (wants != (number != null) || number != null && number < 0) {
                throw new ImapValidationException("METADATA " + problem + (wants ? " needs a number" : " has none"));
            }
        }
    }

    /**
     * {@code "INPROGRESS" [SP "(" inprogress-tag SP inprogress-state ")"]} (RFC 9585): a long command is still
     * running, sent in an untagged OK. The bare code means nothing is known.
     *
     * @param tag      the running command's tag, or {@code null} when the server did not say
     * @param progress items done so far, or {@code null} when unknown
     * @param goal     items to do in all, or {@code null} when unknown (a goal of 0 or below the progress is
     *                 read as unknown, as the RFC asks of clients)
     */
    record InProgress(String tag, Long progress, Long goal) implements ResponseCode {
        /**
         * Validates: a goal needs a progress, and is above it.
         *
         * @param tag      the command's tag, or {@code null}
         * @param progress items done, or {@code null}
         * @param goal     items in all, or {@code null}
         */
        public InProgress {
            if (tag != null) {
                codeText(tag);
            }
            if (progress != null && (progress < 0 || progress > 0xFFFF_FFFFL)
                    || goal != null && (progress == null || goal < 1 || goal < progress || goal > 0xFFFF_FFFFL)) {
                throw new ImapValidationException("INPROGRESS needs 0 <= progress <= goal < 2^32, goal > 0");
            }
        }

        /** @return the share done, 0 to 1, or -1 when the goal is unknown */
        public double fraction() {
            return goal == null ? -1 : (double) progress / goal;
        }
    }

    /**
     * {@code "MESSAGELIMIT" SP message-limit [SP uniqueid]} (RFC 9738): the command touched at most {@code limit}
     * messages; with {@code lowestUid}, it processed the messages from the highest UID down to that one, and the
     * rest are left for another command (for example with {@code UIDBEFORE lowestUid}).
     *
     * @param limit     the server's limit
     * @param lowestUid the lowest UID processed, or {@code null} when nothing was done
     */
    record MessageLimit(long limit, Long lowestUid) implements ResponseCode {
        /**
         * Validates.
         *
         * @param limit     the server's limit
         * @param lowestUid the lowest UID processed, or {@code null}
         */
        public MessageLimit {
            Checks.nz("MESSAGELIMIT", limit);
            if (lowestUid != null) {
                Checks.nz("UID", lowestUid);
            }
        }
    }

    /**
     * {@code "BADEVENT" SP "(" event *(SP event) ")"} (RFC 5465 section 5.8): NOTIFY named events this server does not
     * support.
     *
     * @param events the events it supports not, by name
     */
    record BadEvent(List<String> events) implements ResponseCode {
        /**
         * Validates and copies.
         *
         * @param events the event names (atoms, at least one)
         */
        public BadEvent {
            events = List.copyOf(events);
            if (events.isEmpty()) {
                throw new ImapValidationException("BADEVENT lists at least one event");
            }
            for (String e : events) {
                if (!Ascii.all(e, Ascii.ATOM)) {
                    throw new ImapValidationException("event is not an atom: \"" + e + "\"");
                }
            }
        }
    }

    /**
     * {@code "URLMECH" SP "INTERNAL" *(SP mechanism ["=" base64])} (RFC 4467 section 7): the URLAUTH mechanisms the
     * mailbox supports, each possibly with data, as sent (for example {@code INTERNAL}, {@code XSAMPLE=P34OKhO7VE==}).
     *
     * @param mechanisms the entries, {@code INTERNAL} first
     */
    record UrlMech(List<String> mechanisms) implements ResponseCode {
        /**
         * Validates and copies.
         *
         * @param mechanisms the entries (atoms, at least one)
         */
        public UrlMech {
            mechanisms = List.copyOf(mechanisms);
            if (mechanisms.isEmpty()) {
                throw new ImapValidationException("URLMECH lists at least INTERNAL");
            }
            for (String m : mechanisms) {
                if (!Ascii.all(m, Ascii.ATOM)) {
                    throw new ImapValidationException("URLMECH entry is not an atom: \"" + m + "\"");
                }
            }
        }
    }

    /**
     * An unknown response code, kept whole.
     *
     * @param name the code's atom, upper-cased
     * @param data its argument text, or {@code null}
     */
    record Other(String name, String data) implements ResponseCode {
        /**
         * Validates the name as an atom and the data as text without {@code ]}.
         *
         * @param name the code's atom, upper-cased
         * @param data its argument text, or {@code null}
         */
        public Other {
            Objects.requireNonNull(name, "name");
            if (!Ascii.all(name, Ascii.ATOM)) {
                throw new ImapValidationException("response code is not an atom: \"" + name + "\"");
            }
            if (data != null) {
                codeText(data);
            }
        }
    }

    /**
     * A bracketed part of a status response that is not a {@code resp-text-code} (RFC 9051 section 9): no atom after
     * {@code [}, nested or unbalanced brackets, or no closing {@code ]} before the line end. The parser keeps the
     * response's status and text and holds the bracketed bytes here exactly as received, so nothing is lost and the
     * command's completion is never turned into a protocol error by a malformed code.
     *
     * <p>The bytes are those after the opening {@code [} up to (not including) the {@code ]} that closes it, counting
     * nested brackets; when the brackets never balance, up to the line's last {@code ]}; when no {@code ]} follows,
     * up to the line end ({@code closed} is then false, and the response has no text). They are raw octets: show
     * them escaped.
     *
     * @param raw    the bytes between the brackets, as received (no CR or LF)
     * @param closed whether a {@code ]} closed them
     */
    record Unparsed(org.imap4j.codec.core.Bytes raw, boolean closed) implements ResponseCode {
        /**
         * Requires bytes without CR or LF.
         *
         * @param raw    the bytes between the brackets, as received (no CR or LF)
         * @param closed whether a {@code ]} closed them
         */
        public Unparsed {
            Objects.requireNonNull(raw, "raw");
            for (int i = 0; i < raw.size(); i++) {
                byte b = raw.get(i);
                if (b == '\r' || b == '\n') {
                    throw new ImapValidationException("CR or LF in a response code at index " + i);
                }
            }
        }

        /** @return the bytes as text: UTF-8 where they are valid UTF-8, otherwise ISO-8859-1 (never U+FFFD) */
        public String text() {
            java.nio.charset.CharsetDecoder d = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
            try {
                return d.decode(raw.asReadOnlyBuffer()).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                return raw.latin1();
            }
        }
    }

    /** Text inside a code: non-empty, no {@code ]}, CR, LF or NUL. */
    private static void codeText(String s) {
        Objects.requireNonNull(s, "text");
        if (s.isEmpty()) {
            throw new ImapValidationException("empty response code argument");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ']' || c == '\r' || c == '\n' || c == 0) {
                throw new ImapValidationException("response code text contains ']', CR, LF or NUL at index " + i);
            }
        }
    }
}
