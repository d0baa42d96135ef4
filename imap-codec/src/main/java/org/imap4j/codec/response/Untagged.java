package org.imap4j.codec.response;

import java.util.List;
import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.ImapValue;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchItem;

/**
 * An untagged response ({@code * ...}, RFC 9051 section 7): server data or an untagged status. One record per kind; a
 * response this codec does not know becomes {@link Unknown}, keeping its generic value.
 */
public sealed interface Untagged extends Response permits Untagged.StatusResponse, Untagged.Capabilities,
        Untagged.Enabled, Untagged.Id, Untagged.Namespace, Untagged.Flags, Untagged.MailboxList,
        Untagged.MailboxStatus, Untagged.Search, Untagged.ESearch, Untagged.Sort, Untagged.Threads, Untagged.Exists,
        Untagged.Recent, Untagged.Expunge, Untagged.Fetch, Untagged.Vanished, Untagged.Quota, Untagged.QuotaRoot,
        Untagged.Acl, Untagged.ListRights, Untagged.MyRights, Untagged.Metadata, Untagged.MetadataChanged,
        Untagged.UidFetch, Untagged.UidBatches, Untagged.JmapAccess, Untagged.GenUrlAuth, Untagged.UrlFetch,
        Untagged.Unknown {

    /**
     * An untagged status response (RFC 9051 sections 7.1.1-7.1.5): {@code * OK}, {@code * NO}, {@code * BAD},
     * {@code * PREAUTH} or {@code * BYE}, including the greeting.
     *
     * @param status the condition
     * @param code   the response code, or {@code null}
     * @param text   the human-readable text (possibly empty)
     */
    record StatusResponse(Condition status, ResponseCode code, String text) implements Untagged {
        /**
         * Requires a status and text without line ends.
         *
         * @param status the condition
         * @param code   the response code, or {@code null}
         * @param text   the human-readable text (possibly empty)
         */
        public StatusResponse {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(text, "text");
            Checks.text(text);
        }
    }

    /**
     * {@code capability-data = "CAPABILITY" *(SP capability)} (RFC 9051 section 7.2.2).
     *
     * @param capabilities the capabilities, in order
     */
    record Capabilities(List<Capability> capabilities) implements Untagged {
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
     * {@code enable-data = "ENABLED" *(SP capability)} (RFC 5161 section 4; RFC 9051 section 7.2.1).
     *
     * @param capabilities the extensions now enabled
     */
    record Enabled(List<Capability> capabilities) implements Untagged {
        /**
         * Copies the list.
         *
         * @param capabilities the extensions now enabled
         */
        public Enabled {
            capabilities = List.copyOf(capabilities);
        }
    }

    /**
     * {@code id-response = "ID" SP id-params-list} (RFC 2971 section 3.2).
     *
     * @param params the fields in the order sent, or {@code null} for NIL
     */
    record Id(List<IdParam> params) implements Untagged {
        /**
         * Copies the list.
         *
         * @param params the fields in the order sent, or {@code null} for NIL
         */
        public Id {
            params = params == null ? null : List.copyOf(params);
        }
    }

    /**
     * {@code namespace-response = "NAMESPACE" SP namespace SP namespace SP namespace} (RFC 2342 section 5; RFC 9051
     * section 7.3.2); each list is {@code null} for NIL.
     *
     * @param personal the personal namespaces, or {@code null}
     * @param other    other users' namespaces, or {@code null}
     * @param shared   shared namespaces, or {@code null}
     */
    record Namespace(List<NamespaceDescriptor> personal, List<NamespaceDescriptor> other,
            List<NamespaceDescriptor> shared) implements Untagged {
        /**
         * Copies the lists; a present list is non-empty.
         *
         * @param personal the personal namespaces, or {@code null}
         * @param other    other users' namespaces, or {@code null}
         * @param shared   shared namespaces, or {@code null}
         */
        public Namespace {
            personal = copyNonEmpty(personal);
            other = copyNonEmpty(other);
            shared = copyNonEmpty(shared);
        }

        private static List<NamespaceDescriptor> copyNonEmpty(List<NamespaceDescriptor> l) {
            if (l == null) {
                return null;
            }
            if (l.isEmpty()) {
                throw new ImapValidationException("a namespace list is NIL or holds at least one namespace");
            }
            return List.copyOf(l);
        }
    }

    /**
     * {@code "FLAGS" SP flag-list} (RFC 9051 section 7.3.5): the flags defined in the mailbox.
     *
     * @param flags the flags
     */
    record Flags(List<Flag> flags) implements Untagged {
        /**
         * Copies the list.
         *
         * @param flags the flags
         */
        public Flags {
            flags = List.copyOf(flags);
        }
    }

    /**
     * {@code "LIST" SP mailbox-list} or {@code "LSUB" SP mailbox-list} (RFC 9051 section 7.3.1; RFC 3501 section
     * 7.2.3; RFC 5258).
     *
     * @param lsub       whether this is an LSUB response
     * @param attributes the mailbox attributes
     * @param delimiter  the hierarchy delimiter (one character), or {@code null} for NIL (flat)
     * @param mailbox    the mailbox name, decoded
     * @param extended   extended data (RFC 5258), possibly empty
     */
    record MailboxList(boolean lsub, List<MailboxAttribute> attributes, String delimiter, MailboxName mailbox,
            List<ListExtendedItem> extended) implements Untagged {
        /**
         * Validates and copies.
         *
         * @param lsub       whether this is an LSUB response
         * @param attributes the mailbox attributes
         * @param delimiter  the hierarchy delimiter (one character), or {@code null} for NIL (flat)
         * @param mailbox    the mailbox name, decoded
         * @param extended   extended data (RFC 5258), possibly empty
         */
        public MailboxList {
            attributes = List.copyOf(attributes);
            Checks.delimiter(delimiter);
            Objects.requireNonNull(mailbox, "mailbox");
            extended = List.copyOf(extended);
        }
    }

    /**
     * {@code "STATUS" SP mailbox SP "(" [status-att-list] ")"} (RFC 9051 section 7.3.4).
     *
     * @param mailbox the mailbox
     * @param items   its attributes, in the order sent
     */
    record MailboxStatus(MailboxName mailbox, List<StatusItem> items) implements Untagged {
        /**
         * Validates and copies.
         *
         * @param mailbox the mailbox
         * @param items   its attributes, in the order sent
         */
        public MailboxStatus {
            Objects.requireNonNull(mailbox, "mailbox");
            items = List.copyOf(items);
        }
    }

    /**
     * {@code "SEARCH" *(SP nz-number) [SP search-sort-mod-seq]} (RFC 3501 section 7.2.5; RFC 7162 section 3.1.5).
     *
     * @param numbers the matching numbers (or UIDs), in the order sent
     * @param modSeq  the highest mod-sequence of the matches, or {@code null}
     */
    record Search(List<Long> numbers, Long modSeq) implements Untagged {
        /**
         * Validates and copies.
         *
         * @param numbers the matching numbers (or UIDs), in the order sent
         * @param modSeq  the highest mod-sequence of the matches, or {@code null}
         */
        public Search {
            numbers = List.copyOf(numbers);
            for (long n : numbers) {
                Checks.nz("SEARCH number", n);
            }
            if (modSeq != null) {
                Checks.u63("MODSEQ", modSeq);
            }
        }
    }

    /**
     * {@code esearch-response = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)} (RFC 4731
     * section 3.1; RFC 9051 section 7.3.4).
     *
     * @param tag   the correlated command's tag, or {@code null}
     * @param uid   whether the numbers are UIDs
     * @param items the return data, in the order sent
     */
    record ESearch(String tag, boolean uid, List<ESearchItem> items) implements Untagged {
        /**
         * Copies the list.
         *
         * @param tag   the correlated command's tag, or {@code null}
         * @param uid   whether the numbers are UIDs
         * @param items the return data, in the order sent
         */
        public ESearch {
            items = List.copyOf(items);
            if (tag != null) {
                Checks.text(tag);
            }
        }
    }

    /**
     * {@code sort-data = "SORT" *(SP nz-number)} (RFC 5256 section 4), with the optional {@code (MODSEQ n)} of RFC
     * 7162.
     *
     * @param numbers the numbers in sorted order
     * @param modSeq  the highest mod-sequence, or {@code null}
     */
    record Sort(List<Long> numbers, Long modSeq) implements Untagged {
        /**
         * Validates and copies.
         *
         * @param numbers the numbers in sorted order
         * @param modSeq  the highest mod-sequence, or {@code null}
         */
        public Sort {
            numbers = List.copyOf(numbers);
            for (long n : numbers) {
                Checks.nz("SORT number", n);
            }
            if (modSeq != null) {
                Checks.u63("MODSEQ", modSeq);
            }
        }
    }

    /**
     * {@code thread-data = "THREAD" [SP 1*thread-list]} (RFC 5256 section 4).
     *
     * @param threads the threads, in order
     */
    record Threads(List<MessageThread> threads) implements Untagged {
        /**
         * Copies the list.
         *
         * @param threads the threads, in order
         */
        public Threads {
            threads = List.copyOf(threads);
        }
    }

    /**
     * {@code number SP "EXISTS"} (RFC 9051 section 7.4.1).
     *
     * @param count the number of messages in the mailbox
     */
    record Exists(long count) implements Untagged {
        /**
         * Checks the range.
         *
         * @param count the number of messages in the mailbox
         */
        public Exists {
            Checks.u32("EXISTS", count);
        }
    }

    /**
     * {@code number SP "RECENT"} (RFC 3501 section 7.3.2).
     *
     * @param count the number of recent messages
     */
    record Recent(long count) implements Untagged {
        /**
         * Checks the range.
         *
         * @param count the number of recent messages
         */
        public Recent {
            Checks.u32("RECENT", count);
        }
    }

    /**
     * {@code nz-number SP "EXPUNGE"} (RFC 9051 section 7.5.1).
     *
     * @param seq the expunged message's sequence number
     */
    record Expunge(long seq) implements Untagged {
        /**
         * Checks the range.
         *
         * @param seq the expunged message's sequence number
         */
        public Expunge {
            Checks.nz("EXPUNGE", seq);
        }
    }

    /**
     * {@code nz-number SP "FETCH" SP msg-att} (RFC 9051 section 7.5.2).
     *
     * @param seq   the message's sequence number
     * @param items the data items, in order
     */
    record Fetch(long seq, List<FetchItem> items) implements Untagged {
        /**
         * Validates and copies.
         *
         * @param seq   the message's sequence number
         * @param items the data items, in order
         */
        public Fetch {
            Checks.nz("FETCH", seq);
            items = List.copyOf(items);
        }
    }

    /**
     * {@code "VANISHED" [SP "(EARLIER)"] SP known-uids} (RFC 7162 section 3.2.10); the UID set is never expanded.
     *
     * @param earlier whether {@code (EARLIER)} was given (a QRESYNC or UID FETCH VANISHED result)
     * @param uids    the expunged UIDs
     */
    record Vanished(boolean earlier, SequenceSet uids) implements Untagged {
        /**
         * Requires a set.
         *
         * @param earlier whether {@code (EARLIER)} was given (a QRESYNC or UID FETCH VANISHED result)
         * @param uids    the expunged UIDs
         */
        public Vanished {
            Objects.requireNonNull(uids, "uids");
        }
    }

    /**
     * {@code quota-response = "QUOTA" SP quota-root-name SP quota-list} (RFC 9208 section 5.1).
     *
     * @param root      the quota root
     * @param resources the resources with usage and limit
     */
    record Quota(String root, List<QuotaResource> resources) implements Untagged {
        /**
         * Validates and copies.
         *
         * @param root      the quota root
         * @param resources the resources with usage and limit
         */
        public Quota {
            Objects.requireNonNull(root, "root");
            resources = List.copyOf(resources);
        }
    }

    /**
     * {@code quotaroot-response = "QUOTAROOT" SP mailbox *(SP quota-root-name)} (RFC 9208 section 5.2).
     *
     * @param mailbox the mailbox asked about
     * @param roots   its quota roots, in order
     */
    record QuotaRoot(MailboxName mailbox, List<String> roots) implements Untagged {
        /**
         * Validates and copies.
         *
         * @param mailbox the mailbox asked about
         * @param roots   its quota roots, in order
         */
        public QuotaRoot {
            Objects.requireNonNull(mailbox, "mailbox");
            roots = List.copyOf(roots);
        }
    }

    /**
     * {@code acl-data = "ACL" SP mailbox *(SP identifier SP rights)} (RFC 4314 section 3.6): a mailbox's access
     * control list, answering GETACL.
     *
     * @param mailbox the mailbox
     * @param entries its entries, in the server's order
     */
    record Acl(MailboxName mailbox, List<AclEntry> entries) implements Untagged {
        /**
         * Validates and copies.
         *
         * @param mailbox the mailbox
         * @param entries its entries
         */
        public Acl {
            Objects.requireNonNull(mailbox, "mailbox");
            entries = List.copyOf(entries);
        }
    }

    /**
     * {@code listrights-data = "LISTRIGHTS" SP mailbox SP identifier SP rights *(SP rights)} (RFC 4314 section
     * 3.7): the rights that may be granted to an identifier.
     *
     * @param mailbox    the mailbox
     * @param identifier whose rights
     * @param required   the rights always granted to it (possibly empty)
     * @param optional   the groups of rights that may be granted, each group granted or refused as a whole
     */
    record ListRights(MailboxName mailbox, String identifier, String required, List<String> optional)
            implements Untagged {
        /**
         * Validates and copies.
         *
         * @param mailbox    the mailbox
         * @param identifier whose rights
         * @param required   the rights always granted
         * @param optional   the groups of rights that may be granted
         */
        public ListRights {
            Objects.requireNonNull(mailbox, "mailbox");
            AclEntry.noNul(identifier, "identifier");
            AclEntry.noNul(required, "rights");
            optional = List.copyOf(optional);
            for (String o : optional) {
                AclEntry.noNul(o, "rights");
            }
        }
    }

    /**
     * {@code myrights-data = "MYRIGHTS" SP mailbox SP rights} (RFC 4314 section 3.8): the rights of the logged-in
     * user.
     *
     * @param mailbox the mailbox
     * @param rights  the rights letters
     */
    record MyRights(MailboxName mailbox, String rights) implements Untagged {
        /**
         * Validates.
         *
         * @param mailbox the mailbox
         * @param rights  the rights letters
         */
        public MyRights {
            Objects.requireNonNull(mailbox, "mailbox");
            AclEntry.noNul(rights, "rights");
        }

        /**
         * @param right a right letter, such as {@code 'i'}
         * @return whether the user has it
         */
        public boolean has(char right) {
            return rights.indexOf(right) >= 0;
        }
    }

    /**
     * {@code metadata-resp = "METADATA" SP mailbox SP entry-values} (RFC 5464 section 4.4.1): entries with their
     * values, answering GETMETADATA.
     *
     * @param mailbox the mailbox ({@code ""} for server metadata)
     * @param entries the entries, in the server's order
     */
    record Metadata(MailboxName mailbox, List<org.imap4j.codec.core.MetadataEntry> entries) implements Untagged {
        /**
         * Validates and copies.
         *
         * @param mailbox the mailbox
         * @param entries the entries
         */
        public Metadata {
            Objects.requireNonNull(mailbox, "mailbox");
            entries = List.copyOf(entries);
            if (entries.isEmpty()) {
                throw new ImapValidationException("a METADATA response has at least one entry");
            }
        }
    }

    /**
     * {@code metadata-resp = "METADATA" SP mailbox SP entry-list} (RFC 5464 section 4.4.2): the names of entries
     * that changed, sent unsolicited.
     *
     * @param mailbox the mailbox ({@code ""} for server metadata)
     * @param entries the changed entries' names
     */
    record MetadataChanged(MailboxName mailbox, List<String> entries) implements Untagged {
        /**
         * Validates and copies.
         *
         * @param mailbox the mailbox
         * @param entries the changed entries' names
         */
        public MetadataChanged {
            Objects.requireNonNull(mailbox, "mailbox");
            entries = List.copyOf(entries);
            if (entries.isEmpty()) {
                throw new ImapValidationException("a METADATA response has at least one entry");
            }
            for (String e : entries) {
                AclEntry.noNul(e, "entry");
            }
        }
    }

    /**
     * {@code uidfetch-resp = uniqueid SP "UIDFETCH" SP msg-att} (RFC 9586 section 3.3): under UIDONLY, the server
     * reports message data by UID, never by sequence number. A {@link FetchItem.Uid} is among the items only when
     * the client asked for it.
     *
     * @param uid   the message's UID
     * @param items its data items, in the server's order
     */
    record UidFetch(long uid, List<FetchItem> items) implements Untagged {
        /**
         * Validates and copies.
         *
         * @param uid   the message's UID
         * @param items its data items
         */
        public UidFetch {
            Checks.nz("UID", uid);
            items = List.copyOf(items);
        }
    }

    /**
     * {@code "UIDBATCHES" SP "(" "TAG" SP tag-string ")" [SP uid-range *("," uid-range)]} (RFC 10022): the UID
     * ranges of the batches asked for, newest batch first. Servers write each range high UID first; either order is
     * read.
     *
     * @param tag     the tag of the UIDBATCHES command it answers
     * @param batches one range per batch, in the server's order (empty: no message, or a batch range past the end)
     */
    record UidBatches(String tag, List<SequenceSet.Range> batches) implements Untagged {
        /**
         * Validates and copies.
         *
         * @param tag     the command's tag
         * @param batches the ranges
         */
        public UidBatches {
            Objects.requireNonNull(tag, "tag");
            batches = List.copyOf(batches);
            for (SequenceSet.Range r : batches) {
                if (r.low() == SequenceSet.STAR || r.high() == SequenceSet.STAR) {
                    throw new ImapValidationException("a UID batch has no '*'");
                }
            }
        }
    }

    /**
     * {@code "JMAPACCESS" SP quoted} (RFC 9698): the JMAP session URL for the same account. Check it against your own
     * trust policy (https, same provider) before using it.
     *
     * @param url the URL as the server sent it
     */
    record JmapAccess(String url) implements Untagged {
        /**
         * Validates.
         *
         * @param url the URL
         */
        public JmapAccess {
            Objects.requireNonNull(url, "url");
            Checks.text(url);
        }
    }

    /**
     * {@code genurlauth-data = "*" SP "GENURLAUTH" 1*(SP url-full)} (RFC 4467): the authorized URLs, in request order.
     *
     * @param urls the full URLs
     */
    record GenUrlAuth(List<String> urls) implements Untagged {
        /**
         * Validates and copies.
         *
         * @param urls the URLs (at least one)
         */
        public GenUrlAuth {
            urls = List.copyOf(urls);
            if (urls.isEmpty()) {
                throw new ImapValidationException("GENURLAUTH returns at least one URL");
            }
        }
    }

    /**
     * One URL's data in URLFETCH.
     *
     * @param url  the URL asked for
     * @param data its octets, or {@code null} (NIL) when the server could not fetch it
     */
    record UrlData(String url, org.imap4j.codec.core.Bytes data) {
        /**
         * Validates.
         *
         * @param url  the URL
         * @param data its octets, or {@code null}
         */
        public UrlData {
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * {@code urlfetch-data = "*" SP "URLFETCH" 1*(SP url-full SP nstring)} (RFC 4467).
     *
     * @param results each URL with its data
     */
    record UrlFetch(List<UrlData> results) implements Untagged {
        /**
         * Validates and copies.
         *
         * @param results the URLs with their data (at least one)
         */
        public UrlFetch {
            results = List.copyOf(results);
            if (results.isEmpty()) {
                throw new ImapValidationException("URLFETCH returns at least one URL");
            }
        }
    }

    /**
     * A response of a kind the codec does not know, kept whole.
     *
     * @param name the response name (an atom), or the number for a {@code * n NAME} form (then {@code data} starts
     *             with the name's atom)
     * @param data the rest of the response as generic values
     */
    record Unknown(String name, List<ImapValue> data) implements Untagged {
        /**
         * Requires a name and copies the values.
         *
         * @param name the response name (an atom), or the number for a {@code * n NAME} form (then {@code data} starts
         *             with the name's atom)
         * @param data the rest of the response as generic values
         */
        public Unknown {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new ImapValidationException("empty response name");
            }
            data = List.copyOf(data);
        }
    }
}
