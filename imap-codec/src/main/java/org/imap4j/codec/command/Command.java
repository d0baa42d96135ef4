package org.imap4j.codec.command;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * A typed IMAP client command (RFC 3501 / RFC 9051 section 6, and the extensions named on each record). Records
 * validate their fields, so a command that the grammar forbids cannot be built; the encoder turns one into
 * {@link Fragment}s.
 *
 * <pre>{@code
 * Command c = new Command.Search(null, SearchKey.and(SearchKey.flagged(), SearchKey.from("Smith")), null, true);
 * }</pre>
 */
public sealed interface Command {

    // ---- any state ----

    /** {@code CAPABILITY} (RFC 9051 section 6.1.1). */
    record Capability() implements Command {
    }

    /** {@code NOOP} (RFC 9051 section 6.1.2). */
    record Noop() implements Command {
    }

    /** {@code LOGOUT} (RFC 9051 section 6.1.3). */
    record Logout() implements Command {
    }

    // ---- not authenticated ----

    /** {@code STARTTLS} (RFC 9051 section 6.2.1). */
    record StartTls() implements Command {
    }

    /**
     * {@code AUTHENTICATE mechanism [initial-response]} (RFC 9051 section 6.2.2, SASL-IR RFC 4959).
     *
     * @param mechanism       the SASL mechanism name (an atom)
     * @param initialResponse the initial response (sent base64, {@code =} when empty), or {@code null} for none
     */
    record Authenticate(String mechanism, Bytes initialResponse) implements Command {
        /**
         * Validates the mechanism name.
         *
         * @param mechanism       the SASL mechanism name (an atom)
         * @param initialResponse the initial response (sent base64, {@code =} when empty), or {@code null} for none
         */
        public Authenticate {
            Validate.atom(mechanism, "SASL mechanism");
        }

        /** @return a redacted description: the initial response often carries a password */
        @Override
        public String toString() {
            return "Authenticate[mechanism=" + mechanism + ", initialResponse="
                    + (initialResponse == null ? "none" : "redacted") + "]";
        }
    }

    /**
     * {@code LOGIN userid password} (RFC 9051 section 6.2.3).
     *
     * @param user     the user name
     * @param password the password
     */
    record Login(String user, Secret password) implements Command {
        /**
         * Requires a user without NUL and a password.
         *
         * @param user     the user name
         * @param password the password
         */
        public Login {
            Validate.noNul(user, "user");
            Objects.requireNonNull(password, "password");
        }

        /** @return a description that never shows the password */
        @Override
        public String toString() {
            return "Login[user=" + user + ", password=redacted]";
        }
    }

    // ---- authenticated ----

    /**
     * QRESYNC parameters of SELECT/EXAMINE (RFC 7162 section 3.2.5):
     * {@code "QRESYNC" SP "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"}.
     *
     * @param uidValidity  the last known UIDVALIDITY
     * @param modSeq       the last known HIGHESTMODSEQ
     * @param knownUids    the UIDs the client knows, or {@code null}
     * @param knownSeqs    sequence numbers of {@code seq-match-data}, or {@code null}
     * @param knownSeqUids the UIDs matching {@code knownSeqs}, or {@code null}
     */
    record Qresync(long uidValidity, long modSeq, SequenceSet knownUids, SequenceSet knownSeqs,
                   SequenceSet knownSeqUids) {
        /**
         * Validates the numbers and that seq-match data comes in pairs.
         *
         * @param uidValidity  the last known UIDVALIDITY
         * @param modSeq       the last known HIGHESTMODSEQ
         * @param knownUids    the UIDs the client knows, or {@code null}
         * @param knownSeqs    sequence numbers of {@code seq-match-data}, or {@code null}
         * @param knownSeqUids the UIDs matching {@code knownSeqs}, or {@code null}
         */
        public Qresync {
            Validate.nz(uidValidity, "uidvalidity");
            Validate.nonNegative(modSeq, "mod-sequence-value");
            if ((knownSeqs == null) != (knownSeqUids == null)) {
                throw new ImapValidationException("seq-match-data needs both a sequence set and a UID set");
            }
        }
    }

    /**
     * {@code SELECT mailbox [(CONDSTORE) / (QRESYNC (...))]} (RFC 9051 section 6.3.2, RFC 7162).
     *
     * @param mailbox   the mailbox
     * @param condstore whether to send the CONDSTORE parameter
     * @param qresync   QRESYNC parameters, or {@code null}
     */
    record Select(MailboxName mailbox, boolean condstore, Qresync qresync) implements Command {
        /**
         * Requires a mailbox.
         *
         * @param mailbox   the mailbox
         * @param condstore whether to send the CONDSTORE parameter
         * @param qresync   QRESYNC parameters, or {@code null}
         */
        public Select {
            Objects.requireNonNull(mailbox, "mailbox");
        }

        /**
         * @param mailbox the mailbox
         * @return a plain SELECT
         */
        public static Select of(MailboxName mailbox) {
            return new Select(mailbox, false, null);
        }
    }

    /**
     * {@code EXAMINE}: SELECT read-only (RFC 9051 section 6.3.3, RFC 7162).
     *
     * @param mailbox   the mailbox
     * @param condstore whether to send the CONDSTORE parameter
     * @param qresync   QRESYNC parameters, or {@code null}
     */
    record Examine(MailboxName mailbox, boolean condstore, Qresync qresync) implements Command {
        /**
         * Requires a mailbox.
         *
         * @param mailbox   the mailbox
         * @param condstore whether to send the CONDSTORE parameter
         * @param qresync   QRESYNC parameters, or {@code null}
         */
        public Examine {
            Objects.requireNonNull(mailbox, "mailbox");
        }

        /**
         * @param mailbox the mailbox
         * @return a plain EXAMINE
         */
        public static Examine of(MailboxName mailbox) {
            return new Examine(mailbox, false, null);
        }
    }

    /**
     * {@code CREATE mailbox [(USE (attributes))]} (RFC 9051 section 6.3.4, special-use RFC 6154 section 3).
     *
     * @param mailbox the mailbox
     * @param use     special-use attributes such as {@code \Drafts}; empty for none
     */
    record Create(MailboxName mailbox, List<String> use) implements Command {
        /**
         * Validates each attribute as {@code "\" atom}.
         *
         * @param mailbox the mailbox
         * @param use     special-use attributes such as {@code \Drafts}; empty for none
         */
        public Create {
            Objects.requireNonNull(mailbox, "mailbox");
            use = Validate.list(use, "use");
            for (String u : use) {
                if (!u.startsWith("\\") || !Ascii.all(u.substring(1), Ascii.ATOM)) {
                    throw new ImapValidationException("special-use attribute must be \\atom: " + Validate.shown(u));
                }
            }
        }

        /**
         * @param mailbox the mailbox
         * @return a plain CREATE
         */
        public static Create of(MailboxName mailbox) {
            return new Create(mailbox, List.of());
        }
    }

    /**
     * {@code DELETE mailbox} (RFC 9051 section 6.3.5).
     *
     * @param mailbox the mailbox
     */
    record Delete(MailboxName mailbox) implements Command {
        /**
         * Requires a mailbox.
         *
         * @param mailbox the mailbox
         */
        public Delete {
            Objects.requireNonNull(mailbox, "mailbox");
        }
    }

    /**
     * {@code RENAME from to} (RFC 9051 section 6.3.6).
     *
     * @param from the old name
     * @param to   the new name
     */
    record Rename(MailboxName from, MailboxName to) implements Command {
        /**
         * Requires both names.
         *
         * @param from the old name
         * @param to   the new name
         */
        public Rename {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * {@code SUBSCRIBE mailbox} (RFC 9051 section 6.3.7).
     *
     * @param mailbox the mailbox
     */
    record Subscribe(MailboxName mailbox) implements Command {
        /**
         * Requires a mailbox.
         *
         * @param mailbox the mailbox
         */
        public Subscribe {
            Objects.requireNonNull(mailbox, "mailbox");
        }
    }

    /**
     * {@code UNSUBSCRIBE mailbox} (RFC 9051 section 6.3.8).
     *
     * @param mailbox the mailbox
     */
    record Unsubscribe(MailboxName mailbox) implements Command {
        /**
         * Requires a mailbox.
         *
         * @param mailbox the mailbox
         */
        public Unsubscribe {
            Objects.requireNonNull(mailbox, "mailbox");
        }
    }

    /** LIST-EXTENDED selection options (RFC 5258 section 3.1, RFC 6154). */
    enum ListSelect {
        /** {@code SUBSCRIBED}. */
        SUBSCRIBED,
        /** {@code REMOTE}. */
        REMOTE,
        /** {@code RECURSIVEMATCH}. */
        RECURSIVEMATCH,
        /** {@code SPECIAL-USE} (RFC 6154). */
        SPECIAL_USE;

        /** @return the name on the wire */
        public String wire() {
            return this == SPECIAL_USE ? "SPECIAL-USE" : name();
        }
    }

    /** LIST-EXTENDED return options other than STATUS (RFC 5258 section 3.2, RFC 6154). */
    enum ListReturn {
        /** {@code SUBSCRIBED}. */
        SUBSCRIBED,
        /** {@code CHILDREN}. */
        CHILDREN,
        /** {@code SPECIAL-USE} (RFC 6154). */
        SPECIAL_USE;

        /** @return the name on the wire */
        public String wire() {
            return this == SPECIAL_USE ? "SPECIAL-USE" : name();
        }
    }

    /**
     * {@code LIST [(selection)] reference patterns [RETURN (options)]} (RFC 9051 section 6.3.9, LIST-EXTENDED RFC 5258,
     * LIST-STATUS RFC 5819, LIST-METADATA RFC 9590).
     *
     * @param selection     selection options, in order (empty for none)
     * @param reference     the reference name ({@code ""} for none)
     * @param patterns      one or more mailbox patterns with {@code %} / {@code *} wildcards
     * @param returnOptions return options, in order (empty for none)
     * @param returnStatus  STATUS items to return (RFC 5819); empty for none
     */
    record ListMailboxes(List<ListSelect> selection, MailboxName reference, List<String> patterns,
                         List<ListReturn> returnOptions, List<StatusAttribute> returnStatus,
                         List<String> returnMetadata) implements Command {
        /**
         * Validates the patterns (as mailbox names) and copies the lists.
         *
         * @param selection      selection options, in order (empty for none)
         * @param reference      the reference name ({@code ""} for none)
         * @param patterns       one or more mailbox patterns with {@code %} / {@code *} wildcards
         * @param returnOptions  return options, in order (empty for none)
         * @param returnStatus   STATUS items to return (RFC 5819); empty for none
         * @param returnMetadata METADATA entries to return with each mailbox ({@code RETURN (METADATA (entries))},
         *                       LIST-METADATA, RFC 9590), e.g. {@code /shared/comment}; empty for none
         */
        public ListMailboxes {
            selection = Validate.list(selection, "selection");
            if (selection.contains(ListSelect.RECURSIVEMATCH) && selection.stream()
                    .allMatch(o -> o == ListSelect.RECURSIVEMATCH)) {
                throw new ImapValidationException("RECURSIVEMATCH needs another selection option (RFC 5258 3.1)");
            }
            Objects.requireNonNull(reference, "reference");
            patterns = Validate.nonEmpty(patterns, "patterns");
            for (String p : patterns) {
                MailboxName.of(p);
            }
            returnOptions = Validate.list(returnOptions, "returnOptions");
            returnStatus = Validate.list(returnStatus, "returnStatus");
            returnMetadata = Validate.list(returnMetadata == null ? List.of() : returnMetadata, "returnMetadata");
            for (String e : returnMetadata) {
                org.imap4j.codec.core.MetadataEntry.checkName(e); // RFC 5464 section 3.2, as GETMETADATA
            }
        }

        /**
         * A LIST without METADATA return option.
         *
         * @param selection     selection options, in order (empty for none)
         * @param reference     the reference name ({@code ""} for none)
         * @param patterns      one or more mailbox patterns
         * @param returnOptions return options, in order (empty for none)
         * @param returnStatus  STATUS items to return (RFC 5819); empty for none
         */
        public ListMailboxes(List<ListSelect> selection, MailboxName reference, List<String> patterns,
                List<ListReturn> returnOptions, List<StatusAttribute> returnStatus) {
            this(selection, reference, patterns, returnOptions, returnStatus, List.of());
        }

        /**
         * @return the record's text, {@code returnMetadata} left out when empty (a LIST without LIST-METADATA reads
         *     as it did before that component existed)
         */
        @Override
        public String toString() {
            return "ListMailboxes[selection=" + selection + ", reference=" + reference + ", patterns=" + patterns
                    + ", returnOptions=" + returnOptions + ", returnStatus=" + returnStatus
                    + (returnMetadata.isEmpty() ? "" : ", returnMetadata=" + returnMetadata) + "]";
        }

        /**
         * @param reference the reference
         * @param pattern   the pattern
         * @return a plain LIST
         */
        public static ListMailboxes of(String reference, String pattern) {
            return new ListMailboxes(List.of(), MailboxName.of(reference), List.of(pattern), List.of(), List.of());
        }
    }

    /**
     * {@code LSUB reference pattern} (RFC 3501 section 6.3.9).
     *
     * @param reference the reference name
     * @param pattern   the pattern
     */
    record Lsub(MailboxName reference, String pattern) implements Command {
        /**
         * Validates the pattern.
         *
         * @param reference the reference name
         * @param pattern   the pattern
         */
        public Lsub {
            Objects.requireNonNull(reference, "reference");
            MailboxName.of(pattern);
        }
    }

    /** {@code NAMESPACE} (RFC 9051 section 6.3.10, RFC 2342). */
    record Namespace() implements Command {
    }

    /**
     * {@code STATUS mailbox (items)} (RFC 9051 section 6.3.11).
     *
     * @param mailbox    the mailbox
     * @param attributes one or more items, in order
     */
    record Status(MailboxName mailbox, List<StatusAttribute> attributes) implements Command {
        /**
         * Requires at least one item.
         *
         * @param mailbox    the mailbox
         * @param attributes one or more items, in order
         */
        public Status {
            Objects.requireNonNull(mailbox, "mailbox");
            attributes = Validate.nonEmpty(attributes, "status attributes");
        }
    }

    /**
     * One message of an APPEND (RFC 9051 section 6.3.12; binary RFC 3516 section 4.4; {@code UTF8 (~{n})} RFC 9755
     * section 4): its bytes in memory, or ({@link #supplied}) only their size, the bytes being supplied by the caller
     * when they are due: the encoder writes a {@link Fragment.Supplied} for them and the engine hands the caller a
     * slot to fill ({@link org.imap4j.codec.ImapEngine#pendingSupplied()}), so a message of any size is sent without
     * being held.
     *
     * @param flags        flags to set (empty for none)
     * @param internalDate the internal date (whole seconds, whole-minute offset), or {@code null}
     * @param data         the message (empty when it is supplied)
     * @param binary       whether to send it as {@code ~{n}} (literal8), which allows NUL
     * @param suppliedSize the size of a message the caller supplies, or {@code -1} when {@code data} holds it
     * @param utf8         whether to send it as {@code UTF8 (~{n})}: a message whose header fields carry UTF-8, once
     *                     {@code UTF8=ACCEPT} is enabled (RFC 9755 section 4); implies the literal8 form
     */
    record AppendMessage(List<Flag> flags, OffsetDateTime internalDate, Bytes data, boolean binary,
            long suppliedSize, boolean utf8) {
        /**
         * Validates the date's range and that a message sent as a plain literal has no NUL.
         *
         * @param flags        flags to set (empty for none)
         * @param internalDate the internal date (whole seconds, whole-minute offset), or {@code null}
         * @param data         the message
         * @param binary       whether to send it as {@code ~{n}} (literal8), which allows NUL
         * @param suppliedSize the size of a supplied message, or {@code -1}
         * @param utf8         whether to send it as {@code UTF8 (~{n})} (RFC 9755 section 4); {@code binary} is then
         *                     {@code true}
         */
        public AppendMessage {
            if (suppliedSize < -1 || (suppliedSize >= 0 && data != null && data.size() > 0)) {
                throw new ImapValidationException("a supplied message has a size and no data");
            }
            flags = Validate.list(flags, "flags");
            for (Flag f : flags) {
                if (f.equals(Flag.ANY_KEYWORD)) {
                    throw new ImapValidationException("\\* is not a message flag");
                }
            }
            Objects.requireNonNull(data, "data");
            if (internalDate != null) {
                internalDate = internalDate.truncatedTo(ChronoUnit.SECONDS);
                if (internalDate.getOffset().getTotalSeconds() % 60 != 0) {
                    throw new ImapValidationException("date-time zone must be whole minutes: " + internalDate);
                }
                if (internalDate.getYear() < 1 || internalDate.getYear() > 9999) {
                    throw new ImapValidationException("date-time year must have 4 digits: " + internalDate);
                }
            }
            binary |= utf8; // the UTF8 form carries a literal8
            if (!binary) {
                for (int i = 0; i < data.size(); i++) {
                    if (data.get(i) == 0) {
                        throw new ImapValidationException("NUL in message at index " + i + "; send it as binary");
                    }
                }
            }
        }

        /**
         * A message held in memory, sent as a plain literal or a literal8, not in the {@code UTF8} form.
         *
         * @param flags        flags to set (empty for none)
         * @param internalDate the internal date (whole seconds, whole-minute offset), or {@code null}
         * @param data         the message
         * @param binary       whether to send it as {@code ~{n}} (literal8), which allows NUL
         */
        public AppendMessage(List<Flag> flags, OffsetDateTime internalDate, Bytes data, boolean binary) {
            this(flags, internalDate, data, binary, -1, false);
        }

        /**
         * A message held in memory.
         *
         * @param flags        flags to set (empty for none)
         * @param internalDate the internal date (whole seconds, whole-minute offset), or {@code null}
         * @param data         the message
         * @param binary       whether to send it as {@code ~{n}} (literal8), which allows NUL
         * @param utf8         whether to send it as {@code UTF8 (~{n})} (RFC 9755 section 4)
         */
        public AppendMessage(List<Flag> flags, OffsetDateTime internalDate, Bytes data, boolean binary,
                boolean utf8) {
            this(flags, internalDate, data, binary, -1, utf8);
        }

        /**
         * A message whose bytes the caller supplies while the command is written (a stream of known size).
         *
         * @param flags        flags to set (empty for none)
         * @param internalDate the internal date, or {@code null}
         * @param size         its exact size in bytes
         * @param binary       whether to send it as {@code ~{n}} (a non-binary message must hold no NUL; nothing
         *                     checks a supplied one)
         * @return the message
         */
        public static AppendMessage supplied(List<Flag> flags, OffsetDateTime internalDate, long size,
                boolean binary) {
            if (size < 0) {
                throw new ImapValidationException("negative message size: " + size);
            }
            return new AppendMessage(flags, internalDate, Bytes.empty(), binary, size, false);
        }

        /** @return whether the caller supplies the bytes ({@link #supplied}) instead of {@link #data()} */
        public boolean isSupplied() {
            return suppliedSize >= 0;
        }

        /** @return the message's size in bytes */
        public long size() {
            return isSupplied() ? suppliedSize : data.size();
        }

        /** @return the components; {@code suppliedSize} only for a supplied message (in place of its data) */
        @Override
        public String toString() {
            return "AppendMessage[flags=" + flags + ", internalDate=" + internalDate + ", "
                    + (isSupplied() ? "suppliedSize=" + suppliedSize : "data=" + data) + ", binary=" + binary
                    + ", utf8=" + utf8 + "]";
        }

        /**
         * @param data the message
         * @return a message with no flags and no date
         */
        public static AppendMessage of(Bytes data) {
            return new AppendMessage(List.of(), null, data, false);
        }

        /** @return this message in the {@code UTF8 (~{n})} form of RFC 9755 section 4 */
        public AppendMessage asUtf8() {
            return new AppendMessage(flags, internalDate, data, binary, suppliedSize, true);
        }
    }

    /**
     * {@code APPEND mailbox message [message...]} (RFC 9051 section 6.3.12; MULTIAPPEND RFC 3502).
     *
     * @param mailbox  the mailbox
     * @param messages one or more messages
     */
    record Append(MailboxName mailbox, List<AppendMessage> messages) implements Command {
        /**
         * Requires at least one message.
         *
         * @param mailbox  the mailbox
         * @param messages one or more messages
         */
        public Append {
            Objects.requireNonNull(mailbox, "mailbox");
            messages = Validate.nonEmpty(messages, "messages");
        }
    }

    /**
     * One part of a message built by CATENATE (RFC 4469 section 5): text sent with the command, or an IMAP URL of a
     * message or part the server already holds, whose octets it copies in.
     */
    sealed interface CatenatePart {
        /**
         * {@code "URL" SP astring}: an IMAP URL (RFC 5092), absolute or relative to the server, e.g.
         * {@code /Drafts;UIDVALIDITY=385759045/;UID=20/;section=HEADER}.
         *
         * @param url the URL (no NUL, CR or LF; not empty)
         */
        record Url(String url) implements CatenatePart {
            /**
             * Validates.
             *
             * @param url the URL
             */
            public Url {
                Validate.noNul(url, "URL");
                if (url.isEmpty() || url.indexOf('\r') >= 0 || url.indexOf('\n') >= 0) {
                    throw new ImapValidationException("a CATENATE URL is one non-empty line");
                }
            }
        }

        /**
         * {@code "TEXT" SP literal} (or {@code literal8} where BINARY is offered, RFC 4469 section 6): octets sent
         * with the command.
         *
         * @param data   the octets
         * @param binary whether to send them as {@code ~{n}}, which allows NUL
         */
        record Text(Bytes data, boolean binary) implements CatenatePart {
            /**
             * Requires data, without NUL unless binary.
             *
             * @param data   the octets
             * @param binary whether to send them as {@code ~{n}}
             */
            public Text {
                Objects.requireNonNull(data, "data");
                if (!binary) {
                    for (int i = 0; i < data.size(); i++) {
                        if (data.get(i) == 0) {
                            throw new ImapValidationException("NUL in CATENATE text at index " + i
                                    + "; send it as binary");
                        }
                    }
                }
            }

            /**
             * @param text the text (UTF-8)
             * @return a plain text part
             */
            public static Text of(String text) {
                return new Text(Bytes.utf8(text), false);
            }
        }
    }

    /**
     * One message of a CATENATE APPEND: {@code [flag-list SP] [date-time SP] "CATENATE" SP "(" cat-part *(SP
     * cat-part) ")"} (RFC 4469 section 5).
     *
     * @param flags        flags to set (empty for none)
     * @param internalDate the internal date (whole seconds, whole-minute offset), or {@code null}
     * @param parts        its parts, in order (at least one)
     */
    record CatenateMessage(List<Flag> flags, OffsetDateTime internalDate, List<CatenatePart> parts) {
        /**
         * Validates the flags, the date's range and that there is a part.
         *
         * @param flags        flags to set (empty for none)
         * @param internalDate the internal date, or {@code null}
         * @param parts        its parts (at least one)
         */
        public CatenateMessage {
            flags = Validate.list(flags, "flags");
            if (flags.contains(Flag.ANY_KEYWORD)) {
                throw new ImapValidationException("\\* is not a message flag");
            }
            parts = Validate.nonEmpty(parts, "CATENATE parts");
            if (internalDate != null) {
                internalDate = internalDate.truncatedTo(ChronoUnit.SECONDS);
                if (internalDate.getOffset().getTotalSeconds() % 60 != 0) {
                    throw new ImapValidationException("date-time zone must be whole minutes: " + internalDate);
                }
                if (internalDate.getYear() < 1 || internalDate.getYear() > 9999) {
                    throw new ImapValidationException("date-time year must have 4 digits: " + internalDate);
                }
            }
        }
    }

    /**
     * {@code APPEND mailbox 1*(SP [flag-list SP] [date-time SP] "CATENATE" SP "(" cat-part *(SP cat-part) ")")}
     * (CATENATE, RFC 4469): messages assembled by the server from URLs it resolves and text sent with the command.
     * A URL it cannot resolve fails the command with {@code NO [BADURL url]}.
     *
     * @param mailbox  the mailbox
     * @param messages one or more messages (several need MULTIAPPEND, RFC 3502)
     */
    record Catenate(MailboxName mailbox, List<CatenateMessage> messages) implements Command {
        /**
         * Requires at least one message.
         *
         * @param mailbox  the mailbox
         * @param messages one or more messages
         */
        public Catenate {
            Objects.requireNonNull(mailbox, "mailbox");
            messages = Validate.nonEmpty(messages, "messages");
        }
    }

    /** {@code IDLE} (RFC 9051 section 6.3.13, RFC 2177); ended by {@code DONE}. */
    record Idle() implements Command {
    }

    // ---- selected ----

    /** {@code CHECK} (RFC 3501 section 6.4.1). */
    record Check() implements Command {
    }

    /** {@code CLOSE} (RFC 9051 section 6.4.1). */
    record Close() implements Command {
    }

    /** {@code UNSELECT} (RFC 9051 section 6.4.2, RFC 3691). */
    record Unselect() implements Command {
    }

    /** {@code EXPUNGE} (RFC 9051 section 6.4.3). */
    record Expunge() implements Command {
    }

    /**
     * {@code UID EXPUNGE set} (RFC 9051 section 6.4.9, UIDPLUS RFC 4315).
     *
     * @param uids the UIDs
     */
    record UidExpunge(SequenceSet uids) implements Command {
        /**
         * Requires a set.
         *
         * @param uids the UIDs
         */
        public UidExpunge {
            Objects.requireNonNull(uids, "uids");
        }
    }

    /** ESEARCH return options (RFC 4731, RFC 5182, RFC 9051 section 6.4.4). */
    enum SearchReturn {
        /** {@code MIN}. */
        MIN,
        /** {@code MAX}. */
        MAX,
        /** {@code ALL}. */
        ALL,
        /** {@code COUNT}. */
        COUNT,
        /** {@code SAVE} (RFC 5182). */
        SAVE,
        /**
         * {@code UPDATE} (CONTEXT=SEARCH / CONTEXT=SORT, RFC 5267 section 4.2): after the command completes, the server
         * keeps the result up to date with unsolicited {@code ESEARCH (TAG "tag") ADDTO / REMOVEFROM} responses until
         * {@link CancelUpdate} or the mailbox is closed.
         */
        UPDATE,
        /**
         * {@code CONTEXT} (RFC 5267 section 4.2): a hint that the client will ask for more of this result soon, so the
         * server may keep it.
         */
        CONTEXT
    }

    /**
     * {@code CANCELUPDATE 1*(SP quoted)} (RFC 5267 section 4.3): stops the updates of the searches started with
     * {@code RETURN (UPDATE)} under these tags.
     *
     * @param tags the tags of the searches, one or more
     */
    record CancelUpdate(List<String> tags) implements Command {
        /**
         * Requires at least one tag, each a text without NUL.
         *
         * @param tags the tags of the searches
         */
        public CancelUpdate {
            tags = Validate.nonEmpty(tags, "tags");
            for (String t : tags) {
                Validate.noNul(t, "tag");
                if (t.isEmpty()) {
                    throw new ImapValidationException("an empty tag");
                }
            }
        }
    }

    /**
     * {@code [UID] SEARCH [RETURN (options)] [CHARSET charset] keys} (RFC 9051 section 6.4.4, ESEARCH RFC 4731,
     * SEARCHRES RFC 5182, PARTIAL RFC 9394).
     *
     * @param charset       the charset, or {@code null} (the encoder then adds {@code CHARSET UTF-8} itself when a
     *                      search string is non-ASCII and UTF8=ACCEPT is off); strings are always sent as UTF-8, so
     *                      another charset only suits ASCII strings
     * @param key           the criteria; a top-level {@link SearchKey.And} is written without parentheses
     * @param returnOptions ESEARCH return options, or {@code null} for a plain SEARCH ({@code RETURN ()} when empty)
     * @param partial       the {@code PARTIAL} return option (RFC 9394): one page of the matches, or {@code null};
     *                      written after the other options, and only with {@code returnOptions} present
     * @param uid           whether this is {@code UID SEARCH}
     */
    record Search(String charset, SearchKey key, List<SearchReturn> returnOptions,
            org.imap4j.codec.core.PartialRange partial, boolean uid) implements Command {
        /**
         * Validates the charset as an astring and copies the options.
         *
         * @param charset       the charset, or {@code null} (the encoder then adds {@code CHARSET UTF-8} itself when a
         *                      search string is non-ASCII and UTF8=ACCEPT is off); strings are always sent as UTF-8, so
         *                      another charset only suits ASCII strings
         * @param key           the criteria; a top-level {@link SearchKey.And} is written without parentheses
         * @param returnOptions ESEARCH return options, or {@code null} for a plain SEARCH ({@code RETURN ()} when
         *                      empty)
         * @param partial       the {@code PARTIAL} return option (RFC 9394), or {@code null}
         * @param uid           whether this is {@code UID SEARCH}
         */
        public Search {
            if (charset != null) {
                Validate.noNul(charset, "charset");
            }
            Objects.requireNonNull(key, "key");
            if (returnOptions != null) {
                returnOptions = Validate.list(returnOptions, "returnOptions");
            } else if (partial != null) {
                throw new ImapValidationException("PARTIAL is a search return option: give the RETURN options too");
            }
        }

        /**
         * A SEARCH without PARTIAL.
         *
         * @param charset       the charset, or {@code null}
         * @param key           the criteria
         * @param returnOptions ESEARCH return options, or {@code null} for a plain SEARCH
         * @param uid           whether this is {@code UID SEARCH}
         */
        public Search(String charset, SearchKey key, List<SearchReturn> returnOptions, boolean uid) {
            this(charset, key, returnOptions, null, uid);
        }

        /**
         * @param key the criteria
         * @param uid whether UID SEARCH
         * @return a plain SEARCH
         */
        public static Search of(SearchKey key, boolean uid) {
            return new Search(null, key, null, uid);
        }
    }

    /** SORT keys (RFC 5256 section 3; DISPLAY RFC 5957). */
    enum SortKey {
        /** {@code ARRIVAL}. */
        ARRIVAL,
        /** {@code CC}. */
        CC,
        /** {@code DATE}. */
        DATE,
        /** {@code FROM}. */
        FROM,
        /** {@code SIZE}. */
        SIZE,
        /** {@code SUBJECT}. */
        SUBJECT,
        /** {@code TO}. */
        TO,
        /** {@code DISPLAYFROM} (RFC 5957). */
        DISPLAYFROM,
        /** {@code DISPLAYTO} (RFC 5957). */
        DISPLAYTO
    }

    /**
     * One SORT criterion ({@code sort-criterion = ["REVERSE" SP] sort-key}, RFC 5256).
     *
     * @param reverse whether REVERSE
     * @param key     the key
     */
    record SortCriterion(boolean reverse, SortKey key) {
        /**
         * Requires a key.
         *
         * @param reverse whether REVERSE
         * @param key     the key
         */
        public SortCriterion {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * {@code [UID] SORT [RETURN (options)] (criteria) charset keys} (RFC 5256 section 3; ESORT RFC 5267 section 3.2,
     * PARTIAL RFC 9394): with return options the answer is an ESEARCH response, {@code ALL} in sorted order.
     *
     * @param criteria      one or more criteria
     * @param charset       the charset (required by the grammar); strings are sent as UTF-8
     * @param key           the search criteria
     * @param uid           whether UID SORT
     * @param returnOptions ESORT return options ({@code MIN}, {@code MAX}, {@code ALL}, {@code COUNT}), or
     *                      {@code null} for a plain SORT
     * @param partial       the {@code PARTIAL} return option (RFC 9394), or {@code null}; only with
     *                      {@code returnOptions}
     */
    record Sort(List<SortCriterion> criteria, String charset, SearchKey key, boolean uid,
            List<SearchReturn> returnOptions, org.imap4j.codec.core.PartialRange partial) implements Command {
        /**
         * Requires at least one criterion and a charset.
         *
         * @param criteria      one or more criteria
         * @param charset       the charset (required by the grammar); strings are sent as UTF-8
         * @param key           the search criteria
         * @param uid           whether UID SORT
         * @param returnOptions ESORT return options, or {@code null} for a plain SORT
         * @param partial       the {@code PARTIAL} return option, or {@code null}
         */
        public Sort {
            criteria = Validate.nonEmpty(criteria, "sort criteria");
            Validate.noNul(charset, "charset");
            Objects.requireNonNull(key, "key");
            if (returnOptions != null) {
                returnOptions = Validate.list(returnOptions, "returnOptions");
                if (returnOptions.contains(SearchReturn.SAVE)) {
                    throw new ImapValidationException("SAVE is not a SORT return option (RFC 5267)");
                }
            } else if (partial != null) {
                throw new ImapValidationException("PARTIAL is a sort return option: give the RETURN options too");
            }
        }

        /**
         * A plain SORT.
         *
         * @param criteria one or more criteria
         * @param charset  the charset (required by the grammar); strings are sent as UTF-8
         * @param key      the search criteria
         * @param uid      whether UID SORT
         */
        public Sort(List<SortCriterion> criteria, String charset, SearchKey key, boolean uid) {
            this(criteria, charset, key, uid, null, null);
        }
    }

    /**
     * {@code [UID] THREAD algorithm charset keys} (RFC 5256 section 3).
     *
     * @param algorithm the algorithm, such as {@code REFERENCES} (an atom)
     * @param charset   the charset (strings are sent as UTF-8)
     * @param key       the search criteria
     * @param uid       whether UID THREAD
     */
    record Thread(String algorithm, String charset, SearchKey key, boolean uid) implements Command {
        /**
         * Validates the algorithm name and requires a charset.
         *
         * @param algorithm the algorithm, such as {@code REFERENCES} (an atom)
         * @param charset   the charset (strings are sent as UTF-8)
         * @param key       the search criteria
         * @param uid       whether UID THREAD
         */
        public Thread {
            Validate.atom(algorithm, "thread algorithm");
            Validate.noNul(charset, "charset");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * {@code [UID] FETCH set attributes [(CHANGEDSINCE n [VANISHED] [PARTIAL range])]} (RFC 9051 section 6.4.5,
     * RFC 7162, PARTIAL RFC 9394 section 3.2).
     *
     * @param set          the messages
     * @param attributes   one or more attributes or a macro
     * @param uid          whether UID FETCH
     * @param changedSince the CHANGEDSINCE mod-sequence, or {@code null}
     * @param vanished     whether VANISHED (needs UID FETCH and CHANGEDSINCE)
     * @param partial      the {@code PARTIAL} modifier (RFC 9394): only that page of the messages in {@code set}, or
     *                     {@code null}
     */
    record Fetch(SequenceSet set, List<FetchAttribute> attributes, boolean uid, Long changedSince, boolean vanished,
            org.imap4j.codec.core.PartialRange partial) implements Command {
        /**
         * Validates the modifiers.
         *
         * @param set          the messages
         * @param attributes   one or more attributes or a macro
         * @param uid          whether UID FETCH
         * @param changedSince the CHANGEDSINCE mod-sequence, or {@code null}
         * @param vanished     whether VANISHED (needs UID FETCH and CHANGEDSINCE)
         * @param partial      the {@code PARTIAL} modifier (RFC 9394), or {@code null}
         */
        public Fetch {
            Objects.requireNonNull(set, "set");
            attributes = Validate.nonEmpty(attributes, "fetch attributes");
            if (changedSince != null) {
                Validate.nonNegative(changedSince, "CHANGEDSINCE");
            }
            if (vanished && (!uid || changedSince == null)) {
                throw new ImapValidationException("VANISHED needs UID FETCH with CHANGEDSINCE (RFC 7162 3.2.6)");
            }
        }

        /**
         * A FETCH without PARTIAL.
         *
         * @param set          the messages
         * @param attributes   one or more attributes or a macro
         * @param uid          whether UID FETCH
         * @param changedSince the CHANGEDSINCE mod-sequence, or {@code null}
         * @param vanished     whether VANISHED (needs UID FETCH and CHANGEDSINCE)
         */
        public Fetch(SequenceSet set, List<FetchAttribute> attributes, boolean uid, Long changedSince,
                boolean vanished) {
            this(set, attributes, uid, changedSince, vanished, null);
        }
    }

    /** How STORE changes flags. */
    enum StoreMode {
        /** {@code FLAGS}: replace. */
        REPLACE(""),
        /** {@code +FLAGS}: add. */
        ADD("+"),
        /** {@code -FLAGS}: remove. */
        REMOVE("-");

        private final String prefix;

        StoreMode(String prefix) {
            this.prefix = prefix;
        }

        /** @return the sign written before {@code FLAGS} */
        public String prefix() {
            return prefix;
        }
    }

    /**
     * {@code [UID] STORE set [(UNCHANGEDSINCE n)] [+|-]FLAGS[.SILENT] (flags)} (RFC 9051 section 6.4.6, RFC 7162).
     *
     * @param set            the messages
     * @param mode           replace, add or remove
     * @param silent         whether {@code .SILENT}
     * @param flags          the flags (may be empty only for REPLACE)
     * @param unchangedSince the UNCHANGEDSINCE mod-sequence, or {@code null}
     * @param uid            whether UID STORE
     */
    record Store(SequenceSet set, StoreMode mode, boolean silent, List<Flag> flags, Long unchangedSince, boolean uid)
            implements Command {
        /**
         * Validates the flags and modifier.
         *
         * @param set            the messages
         * @param mode           replace, add or remove
         * @param silent         whether {@code .SILENT}
         * @param flags          the flags (may be empty only for REPLACE)
         * @param unchangedSince the UNCHANGEDSINCE mod-sequence, or {@code null}
         * @param uid            whether UID STORE
         */
        public Store {
            Objects.requireNonNull(set, "set");
            Objects.requireNonNull(mode, "mode");
            flags = Validate.list(flags, "flags");
            for (Flag f : flags) {
                if (f.equals(Flag.ANY_KEYWORD)) {
                    throw new ImapValidationException("\\* is not a message flag");
                }
            }
            if (unchangedSince != null) {
                Validate.nonNegative(unchangedSince, "UNCHANGEDSINCE");
            }
        }
    }

    /**
     * Gmail's label STORE ({@code X-GM-EXT-1}): {@code [UID] STORE set [+|-]X-GM-LABELS[.SILENT] (label ...)}. A label
     * that is a backslash and an atom is a system label ({@code \Inbox}, {@code \Starred}) sent bare; any other is
     * an astring (quoted, or a literal when needed).
     *
     * @param set    the messages
     * @param mode   replace, add or remove
     * @param silent whether the server should not answer with the new labels
     * @param labels the labels
     * @param uid    whether UID STORE
     */
    record StoreGmailLabels(SequenceSet set, StoreMode mode, boolean silent, List<String> labels, boolean uid)
            implements Command {
        /**
         * Validates the labels (no NUL).
         *
         * @param set    the messages
         * @param mode   replace, add or remove
         * @param silent whether the server should not answer with the new labels
         * @param labels the labels
         * @param uid    whether UID STORE
         */
        public StoreGmailLabels {
            Objects.requireNonNull(set, "set");
            Objects.requireNonNull(mode, "mode");
            labels = Validate.list(labels, "labels");
            for (String l : labels) {
                Validate.noNul(l, "Gmail label");
            }
        }
    }

    /**
     * {@code [UID] COPY set mailbox} (RFC 9051 section 6.4.7).
     *
     * @param set     the messages
     * @param mailbox the destination
     * @param uid     whether UID COPY
     */
    record Copy(SequenceSet set, MailboxName mailbox, boolean uid) implements Command {
        /**
         * Requires the set and mailbox.
         *
         * @param set     the messages
         * @param mailbox the destination
         * @param uid     whether UID COPY
         */
        public Copy {
            Objects.requireNonNull(set, "set");
            Objects.requireNonNull(mailbox, "mailbox");
        }
    }

    /**
     * {@code [UID] MOVE set mailbox} (RFC 9051 section 6.4.8, RFC 6851).
     *
     * @param set     the messages
     * @param mailbox the destination
     * @param uid     whether UID MOVE
     */
    record Move(SequenceSet set, MailboxName mailbox, boolean uid) implements Command {
        /**
         * Requires the set and mailbox.
         *
         * @param set     the messages
         * @param mailbox the destination
         * @param uid     whether UID MOVE
         */
        public Move {
            Objects.requireNonNull(set, "set");
            Objects.requireNonNull(mailbox, "mailbox");
        }
    }

    // ---- extensions ----

    /**
     * {@code ENABLE cap...} (RFC 9051 section 6.3.1, RFC 5161).
     *
     * @param capabilities one or more names
     */
    record Enable(List<String> capabilities) implements Command {
        /**
         * Validates the names as atoms.
         *
         * @param capabilities one or more names
         */
        public Enable {
            capabilities = Validate.nonEmpty(capabilities, "capabilities");
            for (String c : capabilities) {
                Validate.atom(c, "capability");
            }
        }
    }

    /**
     * One ID field ({@code string SP nstring}, RFC 2971 section 3.3).
     *
     * @param key   the field name
     * @param value the value, or {@code null} for NIL
     */
    record IdField(String key, String value) {
        /**
         * Refuses NUL and the sizes RFC 2971 section 3.3 forbids (key over 30 octets, value over 1024).
         *
         * @param key   the field name
         * @param value the value, or {@code null} for NIL
         */
        public IdField {
            Validate.noNul(key, "ID key");
            if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 30) {
                throw new ImapValidationException("ID field name longer than 30 octets: " + Validate.shown(key));
            }
            if (value != null) {
                Validate.noNul(value, "ID value");
                if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1024) {
                    throw new ImapValidationException("ID value longer than 1024 octets");
                }
            }
        }
    }

    /**
     * {@code ID (fields) / ID NIL} (RFC 2971).
     *
     * @param fields the fields in order; empty sends NIL
     */
    record Id(List<IdField> fields) implements Command {
        /**
         * Copies the fields; at most 30 (RFC 2971 section 3.3).
         *
         * @param fields the fields in order; empty sends NIL
         */
        public Id {
            fields = Validate.list(fields, "fields");
            if (fields.size() > 30) {
                throw new ImapValidationException("ID allows at most 30 fields: " + fields.size());
            }
        }
    }

    /**
     * {@code COMPRESS mechanism} (RFC 4978).
     *
     * @param mechanism the algorithm, {@code DEFLATE}
     */
    record Compress(String mechanism) implements Command {
        /** {@code COMPRESS DEFLATE}. */
        public static final Compress DEFLATE = new Compress("DEFLATE");

        /**
         * Validates the name as an atom and upper-cases it (names are case-insensitive).
         *
         * @param mechanism the algorithm, {@code DEFLATE}
         */
        public Compress {
            Validate.atom(mechanism, "compression mechanism");
            mechanism = mechanism.toUpperCase(java.util.Locale.ROOT);
        }
    }

    /**
     * {@code GETQUOTA root} (RFC 9208 section 4.2).
     *
     * @param root the quota root name
     */
    record GetQuota(String root) implements Command {
        /**
         * Refuses NUL.
         *
         * @param root the quota root name
         */
        public GetQuota {
            Validate.noNul(root, "quota root");
        }
    }

    /**
     * {@code GETQUOTAROOT mailbox} (RFC 9208 section 4.3).
     *
     * @param mailbox the mailbox
     */
    record GetQuotaRoot(MailboxName mailbox) implements Command {
        /**
         * Requires a mailbox.
         *
         * @param mailbox the mailbox
         */
        public GetQuotaRoot {
            Objects.requireNonNull(mailbox, "mailbox");
        }
    }

    /**
     * One resource limit of SETQUOTA ({@code setquota-resource = resource-name SP resource-limit}, RFC 9208).
     *
     * @param resource the resource name, such as {@code STORAGE} (an atom)
     * @param limit    the limit
     */
    record QuotaLimit(String resource, long limit) {
        /**
         * Validates the name and limit.
         *
         * @param resource the resource name, such as {@code STORAGE} (an atom)
         * @param limit    the limit
         */
        public QuotaLimit {
            Validate.atom(resource, "resource name");
            Validate.nonNegative(limit, "resource limit");
        }
    }

    /**
     * {@code SETQUOTA root (limits)} (RFC 9208 section 4.1).
     *
     * @param root   the quota root
     * @param limits the limits (may be empty)
     */
    record SetQuota(String root, List<QuotaLimit> limits) implements Command {
        /**
         * Copies the limits.
         *
         * @param root   the quota root
         * @param limits the limits (may be empty)
         */
        public SetQuota {
            Validate.noNul(root, "quota root");
            limits = Validate.list(limits, "limits");
        }
    }

    // ---- ACL (RFC 4314) ----

    /**
     * {@code SETACL mailbox identifier mod-rights} (RFC 4314 section 3.1): replaces, adds to ({@code +}) or removes
     * from ({@code -}) the rights an identifier has on a mailbox.
     *
     * @param mailbox    the mailbox
     * @param identifier whose rights (a user or group name, {@code anyone}, or {@code -name} for negative rights)
     * @param mode       replace, add or remove
     * @param rights     the rights letters, such as {@code lrs} (RFC 4314 section 2.1); empty with
     *                   {@link StoreMode#REPLACE} takes every right away
     */
    record SetAcl(MailboxName mailbox, String identifier, StoreMode mode, String rights) implements Command {
        /**
         * Validates.
         *
         * @param mailbox    the mailbox
         * @param identifier whose rights
         * @param mode       replace, add or remove
         * @param rights     the rights letters
         */
        public SetAcl {
            Objects.requireNonNull(mailbox, "mailbox");
            Validate.noNul(identifier, "ACL identifier");
            Objects.requireNonNull(mode, "mode");
            Validate.rights(rights);
        }
    }

    /**
     * {@code DELETEACL mailbox identifier} (RFC 4314 section 3.2).
     *
     * @param mailbox    the mailbox
     * @param identifier whose entry to remove
     */
    record DeleteAcl(MailboxName mailbox, String identifier) implements Command {
        /**
         * Validates.
         *
         * @param mailbox    the mailbox
         * @param identifier whose entry to remove
         */
        public DeleteAcl {
            Objects.requireNonNull(mailbox, "mailbox");
            Validate.noNul(identifier, "ACL identifier");
        }
    }

    /**
     * {@code GETACL mailbox} (RFC 4314 section 3.3); answered by {@code * ACL}.
     *
     * @param mailbox the mailbox
     */
    record GetAcl(MailboxName mailbox) implements Command {
        /**
         * Requires a mailbox.
         *
         * @param mailbox the mailbox
         */
        public GetAcl {
            Objects.requireNonNull(mailbox, "mailbox");
        }
    }

    /**
     * {@code LISTRIGHTS mailbox identifier} (RFC 4314 section 3.4); answered by {@code * LISTRIGHTS}.
     *
     * @param mailbox    the mailbox
     * @param identifier whose grantable rights to list
     */
    record ListRights(MailboxName mailbox, String identifier) implements Command {
        /**
         * Validates.
         *
         * @param mailbox    the mailbox
         * @param identifier whose grantable rights to list
         */
        public ListRights {
            Objects.requireNonNull(mailbox, "mailbox");
            Validate.noNul(identifier, "ACL identifier");
        }
    }

    /**
     * {@code MYRIGHTS mailbox} (RFC 4314 section 3.5); answered by {@code * MYRIGHTS}.
     *
     * @param mailbox the mailbox
     */
    record MyRights(MailboxName mailbox) implements Command {
        /**
         * Requires a mailbox.
         *
         * @param mailbox the mailbox
         */
        public MyRights {
            Objects.requireNonNull(mailbox, "mailbox");
        }
    }

    // ---- METADATA (RFC 5464) ----

    /** How deep GETMETADATA looks below each entry ({@code scope-opt}, RFC 5464 section 4.2.2). */
    enum MetadataDepth {
        /** {@code DEPTH 0}: the entries named only (the default). */
        ZERO("0"),
        /** {@code DEPTH 1}: and their children. */
        ONE("1"),
        /** {@code DEPTH infinity}: and every descendant. */
        INFINITY("infinity");

        private final String wire;

        MetadataDepth(String wire) {
            this.wire = wire;
        }

        /** @return the value as written after {@code DEPTH} */
        public String wire() {
            return wire;
        }
    }

    /**
     * {@code GETMETADATA [(options)] mailbox entries} (RFC 5464 section 4.2); answered by {@code * METADATA}. The
     * empty mailbox name asks for server metadata.
     *
     * @param mailbox the mailbox, or {@code MailboxName.of("")} for the server
     * @param entries the entry names (at least one)
     * @param maxSize {@code MAXSIZE}: the largest value to return, or {@code null}
     * @param depth   {@code DEPTH}, or {@code null} for the server's default (0)
     */
    record GetMetadata(MailboxName mailbox, List<String> entries, Long maxSize, MetadataDepth depth)
            implements Command {
        /**
         * Validates.
         *
         * @param mailbox the mailbox
         * @param entries the entry names
         * @param maxSize the largest value to return, or {@code null}
         * @param depth   the depth, or {@code null}
         */
        public GetMetadata {
            Objects.requireNonNull(mailbox, "mailbox");
            entries = Validate.nonEmpty(entries, "metadata entries");
            for (String e : entries) {
                org.imap4j.codec.core.MetadataEntry.checkName(e);
            }
            if (maxSize != null) {
                Validate.nonNegative(maxSize, "MAXSIZE");
            }
        }
    }

    /**
     * {@code SETMETADATA mailbox (entry value ...)} (RFC 5464 section 4.3): sets entries, or removes those whose
     * value is {@code null} (NIL).
     *
     * @param mailbox the mailbox, or {@code MailboxName.of("")} for the server
     * @param entries the entries with their values (at least one)
     */
    record SetMetadata(MailboxName mailbox, List<org.imap4j.codec.core.MetadataEntry> entries) implements Command {
        /**
         * Validates.
         *
         * @param mailbox the mailbox
         * @param entries the entries
         */
        public SetMetadata {
            Objects.requireNonNull(mailbox, "mailbox");
            entries = Validate.nonEmpty(entries, "metadata entries");
            for (org.imap4j.codec.core.MetadataEntry e : entries) {
                org.imap4j.codec.core.MetadataEntry.checkName(e.name());
            }
        }
    }

    // ---- REPLACE (RFC 8508), UNAUTHENTICATE (RFC 8437) ----

    /**
     * {@code [UID] REPLACE number mailbox append-message} (RFC 8508): appends {@code message} to {@code mailbox} and
     * expunges the message it replaces, atomically; the server reports APPENDUID in an untagged OK.
     *
     * @param number  the replaced message's sequence number, or its UID with {@code uid}
     * @param mailbox where the new message goes (may be the selected mailbox)
     * @param message the new message with its flags and date
     * @param uid     whether UID REPLACE
     */
    record Replace(long number, MailboxName mailbox, AppendMessage message, boolean uid) implements Command {
        /**
         * Validates.
         *
         * @param number  the replaced message's number
         * @param mailbox where the new message goes
         * @param message the new message
         * @param uid     whether UID REPLACE
         */
        public Replace {
            Validate.nz(number, uid ? "UID" : "sequence number");
            Objects.requireNonNull(mailbox, "mailbox");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * {@code UNAUTHENTICATE} (RFC 8437): ends the authenticated state without closing the connection; the session
     * returns to the not-authenticated state (TLS and COMPRESS stay) and may log in again.
     */
    record Unauthenticate() implements Command {
    }

    // ---- commands this codec does not know ----

    /**
     * An extension command built from typed arguments (see {@link Argument}): {@code name SP arg SP arg ...}. The
     * untagged responses named in {@code collects} (compared case-insensitively; for {@code * n NAME} the name after
     * the number) are routed to it as {@link org.imap4j.codec.response.Untagged.Unknown} values; everything else it
     * causes stays unsolicited.
     *
     * @param name      the command name, an atom (for example {@code XAPPLEPUSHSERVICE})
     * @param arguments its arguments, in order
     * @param collects  the names of the untagged responses it collects (may be empty)
     */
    record Extension(String name, List<Argument> arguments, java.util.Set<String> collects) implements Command {
        /**
         * Validates the name and copies the lists.
         *
         * @param name      the command name
         * @param arguments its arguments
         * @param collects  the response names it collects
         */
        public Extension {
            Validate.atom(name, "command name");
            arguments = Validate.list(arguments, "arguments");
            java.util.Set<String> upper = new java.util.HashSet<>();
            for (String c : Objects.requireNonNull(collects, "collects")) {
                upper.add(Validate.atom(c, "response name").toUpperCase(java.util.Locale.ROOT));
            }
            collects = java.util.Set.copyOf(upper);
        }

        /**
         * @param name      the command name
         * @param arguments its arguments
         */
        public Extension(String name, Argument... arguments) {
            this(name, List.of(arguments), java.util.Set.of());
        }

        /**
         * @param response an untagged response name
         * @return whether this command collects it
         */
        public boolean collects(String response) {
            return collects.contains(response.toUpperCase(java.util.Locale.ROOT));
        }
    }

    // ---- UIDBATCHES (RFC 10022), JMAPACCESS (RFC 9698) ----

    /**
     * {@code UIDBATCHES size [from:to]} (RFC 10022): asks for UID ranges that split the selected mailbox into batches
     * of at most {@code size} messages, newest first (batch 1 holds the highest UIDs); answered by
     * {@code * UIDBATCHES}. Servers take sizes of 500 and more ({@code NO [TOOFEW]} below) and cover at least
     * 100,000 messages ({@code NO [TOOMANY]} beyond their limit).
     *
     * @param size messages per batch
     * @param from the first batch wanted, or {@code null} for all (then {@code to} is {@code null} too)
     * @param to   the last batch wanted, or {@code null}
     */
    record UidBatches(long size, Long from, Long to) implements Command {
        /**
         * Validates.
         *
         * @param size messages per batch
         * @param from the first batch, or {@code null}
         * @param to   the last batch, or {@code null}
         */
        public UidBatches {
            Validate.nz(size, "batch size");
            if ((from == null) != (to == null)) {
                throw new ImapValidationException("a batch range needs both ends");
            }
            if (from != null) {
                Validate.nz(from, "first batch");
                Validate.nz(to, "last batch");
            }
        }
    }

    /** {@code GETJMAPACCESS} (RFC 9698): asks for the JMAP session URL of the same account. */
    record GetJmapAccess() implements Command {
    }

    // ---- NOTIFY (RFC 5465) ----

    /**
     * {@code NOTIFY SET [STATUS] event-groups} or, with no groups, {@code NOTIFY NONE} (RFC 5465): which events of
     * which mailboxes the server pushes to this connection.
     *
     * @param groups the event groups (empty: {@code NOTIFY NONE}, no notifications)
     * @param status whether the server first sends a STATUS for each non-selected mailbox covered
     */
    record Notify(List<NotifyGroup> groups, boolean status) implements Command {
        /**
         * Validates: at most one group for the selected mailbox, no STATUS with NONE.
         *
         * @param groups the event groups
         * @param status whether to send STATUS first
         */
        public Notify {
            groups = Validate.list(groups, "event groups");
            if (groups.isEmpty() && status) {
                throw new ImapValidationException("NOTIFY NONE takes no STATUS");
            }
            long selected = groups.stream().filter(g -> g.filter().selected()).count();
            if (selected > 1) {
                throw new ImapValidationException("one of selected / selected-delayed at most (RFC 5465 6.1)");
            }
        }
    }

    // ---- URLAUTH (RFC 4467) ----

    /**
     * One URL to authorize in GENURLAUTH: {@code url-rump SP mechanism}.
     *
     * @param urlRump   the IMAP URL ending in {@code ;URLAUTH=access} (RFC 4467 section 3), e.g.
     *                  {@code imap://joe@example.com/INBOX/;uid=20;urlauth=anonymous}
     * @param mechanism the authorization mechanism, {@code INTERNAL} or another the server lists in URLMECH
     */
    record UrlAuthRequest(String urlRump, String mechanism) {
        /**
         * Validates.
         *
         * @param urlRump   the URL rump
         * @param mechanism the mechanism ({@code 1*(ALPHA / DIGIT / "-" / ".")})
         */
        public UrlAuthRequest {
            Validate.noNul(urlRump, "url-rump");
            Validate.mechanism(mechanism);
        }
    }

    /**
     * {@code GENURLAUTH url-rump mechanism ...} (RFC 4467 section 6.2): authorized URLs, answered by
     * {@code * GENURLAUTH}.
     *
     * @param requests the URLs with their mechanisms (at least one)
     */
    record GenUrlAuth(List<UrlAuthRequest> requests) implements Command {
        /**
         * Validates.
         *
         * @param requests the URLs
         */
        public GenUrlAuth {
            requests = Validate.nonEmpty(requests, "URLs");
        }
    }

    /**
     * {@code RESETKEY [mailbox *(SP mechanism)]} (RFC 4467 section 6.1): invalidates the URLs authorized so far, for
     * every mailbox or one.
     *
     * @param mailbox    the mailbox, or {@code null} for all (then {@code mechanisms} is empty)
     * @param mechanisms the mechanisms whose keys to reset (empty: all)
     */
    record ResetKey(MailboxName mailbox, List<String> mechanisms) implements Command {
        /**
         * Validates.
         *
         * @param mailbox    the mailbox, or {@code null}
         * @param mechanisms the mechanisms
         */
        public ResetKey {
            mechanisms = Validate.list(mechanisms, "mechanisms");
            for (String m : mechanisms) {
                Validate.mechanism(m);
            }
            if (mailbox == null && !mechanisms.isEmpty()) {
                throw new ImapValidationException("RESETKEY names mechanisms only with a mailbox");
            }
        }
    }

    /**
     * {@code URLFETCH url ...} (RFC 4467 section 6.3): fetches authorized URLs, answered by {@code * URLFETCH}.
     *
     * @param urls the full URLs, with their {@code :mechanism:token} (at least one)
     */
    record UrlFetch(List<String> urls) implements Command {
        /**
         * Validates.
         *
         * @param urls the URLs
         */
        public UrlFetch {
            urls = Validate.nonEmpty(urls, "URLs");
            for (String u : urls) {
                Validate.noNul(u, "URL");
            }
        }
    }
}
