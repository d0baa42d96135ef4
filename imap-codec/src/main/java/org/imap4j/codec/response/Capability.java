package org.imap4j.codec.response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * One server capability ({@code capability = ("AUTH=" auth-type) / atom}, RFC 9051 section 7.2.2): a well-known name,
 * an {@code AUTH=} mechanism, an {@code APPENDLIMIT=} size, or any other atom. Capability names compare
 * case-insensitively, so well-known names and mechanisms are normalised, and every value is canonical: an atom that
 * has a typed form is never an {@link Other}, so checks compare typed values, never strings.
 *
 * <pre>{@code
 * Capability.of("auth=plain");                  // new Capability.Auth("PLAIN")
 * Capability.has(caps, Capability.Known.IDLE);  // whether IDLE is offered
 * }</pre>
 */
public sealed interface Capability permits Capability.Known, Capability.Auth, Capability.AppendLimit,
        Capability.MessageLimit, Capability.Other {

    /** @return the capability as written on the wire */
    String wire();

    /**
     * Parses one capability atom.
     *
     * @param atom the atom
     * @return the typed capability
     * @throws ImapValidationException if {@code atom} is not an atom
     */
    static Capability of(String atom) {
        Objects.requireNonNull(atom, "atom");
        if (!Ascii.all(atom, Ascii.ATOM)) {
            throw new ImapValidationException("capability is not an atom: \"" + atom + "\"");
        }
        Capability typed = typed(atom);
        return typed != null ? typed : new Other(atom);
    }

    /** The typed form of a valid atom, or null when it has none (an {@link Other}). */
    private static Capability typed(String atom) {
        Known k = Known.BY_NAME.get(atom.toUpperCase(Locale.ROOT));
        if (k != null) {
            return k;
        }
        if (atom.length() > 5 && atom.regionMatches(true, 0, "AUTH=", 0, 5)) {
            return new Auth(atom.substring(5));
        }
        if (atom.length() > 12 && atom.regionMatches(true, 0, "APPENDLIMIT=", 0, 12)) {
            long limit = AppendLimit.parse(atom, 12);
            if (limit >= 0) {
                return new AppendLimit(limit);
            }
        }
        for (boolean saveOnly : new boolean[] {false, true}) {
            String prefix = saveOnly ? "SAVELIMIT=" : "MESSAGELIMIT=";
            if (atom.length() > prefix.length() && atom.regionMatches(true, 0, prefix, 0, prefix.length())) {
                long limit = AppendLimit.parse(atom, prefix.length());
                if (limit > 0 && limit <= 0xFFFF_FFFFL) {
                    return new MessageLimit(limit, saveOnly);
                }
            }
        }
        return null;
    }

    /**
     * @param caps a capability list
     * @param c    the capability wanted
     * @return whether {@code caps} holds {@code c}: an equal typed value, or for {@link Other} the same atom in any
     *     case
     */
    static boolean has(List<Capability> caps, Capability c) {
        for (Capability x : caps) {
            if (x.equals(c) || x instanceof Other o && c instanceof Other w && o.atom().equalsIgnoreCase(w.atom())) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param caps a capability list
     * @return the SASL mechanisms of its {@code AUTH=} entries, in order
     */
    static List<String> authMechanisms(List<Capability> caps) {
        List<String> out = new ArrayList<>();
        for (Capability x : caps) {
            if (x instanceof Auth a) {
                out.add(a.mechanism());
            }
        }
        return List.copyOf(out);
    }

    /** Well-known capabilities (RFC 9051 and the extensions imap4j uses). */
    enum Known implements Capability {
        /** {@code IMAP4rev1} (RFC 3501). */
        IMAP4REV1("IMAP4rev1"),
        /** {@code IMAP4rev2} (RFC 9051). */
        IMAP4REV2("IMAP4rev2"),
        /** {@code STARTTLS}. */
        STARTTLS("STARTTLS"),
        /** {@code LOGINDISABLED}. */
        LOGINDISABLED("LOGINDISABLED"),
        /** {@code LITERAL+} (RFC 7888). */
        LITERAL_PLUS("LITERAL+"),
        /** {@code LITERAL-} (RFC 7888). */
        LITERAL_MINUS("LITERAL-"),
        /** {@code IDLE} (RFC 2177). */
        IDLE("IDLE"),
        /** {@code NAMESPACE} (RFC 2342). */
        NAMESPACE("NAMESPACE"),
        /** {@code ID} (RFC 2971). */
        ID("ID"),
        /** {@code ENABLE} (RFC 5161). */
        ENABLE("ENABLE"),
        /** {@code UIDPLUS} (RFC 4315). */
        UIDPLUS("UIDPLUS"),
        /** {@code MOVE} (RFC 6851). */
        MOVE("MOVE"),
        /** {@code UNSELECT} (RFC 3691). */
        UNSELECT("UNSELECT"),
        /** {@code CHILDREN} (RFC 3348). */
        CHILDREN("CHILDREN"),
        /** {@code CONDSTORE} (RFC 7162). */
        CONDSTORE("CONDSTORE"),
        /** {@code QRESYNC} (RFC 7162). */
        QRESYNC("QRESYNC"),
        /** {@code ESEARCH} (RFC 4731). */
        ESEARCH("ESEARCH"),
        /** {@code SEARCHRES} (RFC 5182). */
        SEARCHRES("SEARCHRES"),
        /** {@code ESORT} (RFC 5267): SORT with ESEARCH return options. */
        ESORT("ESORT"),
        /** {@code CONTEXT=SEARCH} (RFC 5267). */
        CONTEXT_SEARCH("CONTEXT=SEARCH"),
        /** {@code CONTEXT=SORT} (RFC 5267). */
        CONTEXT_SORT("CONTEXT=SORT"),
        /** {@code SORT} (RFC 5256). */
        SORT("SORT"),
        /** {@code THREAD=REFERENCES} (RFC 5256). */
        THREAD_REFERENCES("THREAD=REFERENCES"),
        /** {@code THREAD=ORDEREDSUBJECT} (RFC 5256). */
        THREAD_ORDEREDSUBJECT("THREAD=ORDEREDSUBJECT"),
        /** {@code SPECIAL-USE} (RFC 6154). */
        SPECIAL_USE("SPECIAL-USE"),
        /** {@code CREATE-SPECIAL-USE} (RFC 6154). */
        CREATE_SPECIAL_USE("CREATE-SPECIAL-USE"),
        /** {@code LIST-EXTENDED} (RFC 5258). */
        LIST_EXTENDED("LIST-EXTENDED"),
        /** {@code LIST-STATUS} (RFC 5819). */
        LIST_STATUS("LIST-STATUS"),
        /** {@code BINARY} (RFC 3516). */
        BINARY("BINARY"),
        /** {@code COMPRESS=DEFLATE} (RFC 4978). */
        COMPRESS_DEFLATE("COMPRESS=DEFLATE"),
        /** {@code UTF8=ACCEPT} (RFC 6855). */
        UTF8_ACCEPT("UTF8=ACCEPT"),
        /** {@code UTF8=ONLY} (RFC 6855). */
        UTF8_ONLY("UTF8=ONLY"),
        /** {@code SASL-IR} (RFC 4959). */
        SASL_IR("SASL-IR"),
        /** {@code QUOTA} (RFC 9208). */
        QUOTA("QUOTA"),
        /** {@code ACL} (RFC 4314). */
        ACL("ACL"),
        /** {@code OBJECTID} (RFC 8474). */
        OBJECTID("OBJECTID"),
        /** {@code STATUS=SIZE} (RFC 8438). */
        STATUS_SIZE("STATUS=SIZE"),
        /** {@code SAVEDATE} (RFC 8514). */
        SAVEDATE("SAVEDATE"),
        /** {@code PREVIEW} (RFC 8970). */
        PREVIEW("PREVIEW"),
        /** {@code APPENDLIMIT} (RFC 7889), without a value. */
        APPENDLIMIT("APPENDLIMIT"),
        /** {@code MULTIAPPEND} (RFC 3502). */
        MULTIAPPEND("MULTIAPPEND"),
        /** {@code CATENATE} (RFC 4469). */
        CATENATE("CATENATE"),
        /** {@code WITHIN} (RFC 5032). */
        WITHIN("WITHIN"),
        /** {@code QUOTA=RES-STORAGE} (RFC 9208 section 4.2): the STORAGE resource, and STATUS DELETED-STORAGE. */
        QUOTA_RES_STORAGE("QUOTA=RES-STORAGE"),
        /** {@code UNAUTHENTICATE} (RFC 8437). */
        UNAUTHENTICATE("UNAUTHENTICATE"),
        /** {@code REPLACE} (RFC 8508). */
        REPLACE("REPLACE"),
        /** {@code METADATA}: mailbox and server metadata (RFC 5464). */
        METADATA("METADATA"),
        /** {@code METADATA-SERVER}: server metadata only (RFC 5464). */
        METADATA_SERVER("METADATA-SERVER"),
        /** {@code LIST-METADATA}: metadata in LIST responses (RFC 9590). */
        LIST_METADATA("LIST-METADATA"),
        /** {@code NOTIFY} (RFC 5465). */
        NOTIFY("NOTIFY"),
        /** {@code URLAUTH} (RFC 4467). */
        URLAUTH("URLAUTH"),
        /** {@code UIDONLY} (RFC 9586). */
        UIDONLY("UIDONLY"),
        /** {@code PARTIAL}: paged SEARCH and FETCH results (RFC 9394). */
        PARTIAL("PARTIAL"),
        /** {@code INPROGRESS}: progress of long commands (RFC 9585). */
        INPROGRESS("INPROGRESS"),
        /** {@code UIDBATCHES} (RFC 10022). */
        UIDBATCHES("UIDBATCHES"),
        /** {@code JMAPACCESS} (RFC 9698). */
        JMAPACCESS("JMAPACCESS"),
        /** {@code LOGIN-REFERRALS} (RFC 2221). */
        LOGIN_REFERRALS("LOGIN-REFERRALS"),
        /** {@code X-GM-EXT-1} (Gmail). */
        X_GM_EXT_1("X-GM-EXT-1");

        /** Each capability by its upper-case wire name; immutable, so the codec holds no shared mutable state. */
        static final Map<String, Known> BY_NAME = byName();

        private static Map<String, Known> byName() {
            Map<String, Known> m = new HashMap<>();
            for (Known k : values()) {
                m.put(k.wire.toUpperCase(Locale.ROOT), k);
            }
            return Map.copyOf(m);
        }

        private final String wire;

        Known(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    /**
     * An {@code AUTH=} capability: a SASL mechanism the server offers.
     *
     * @param mechanism the mechanism name, upper-cased (e.g. {@code PLAIN}, {@code SCRAM-SHA-256})
     */
    record Auth(String mechanism) implements Capability {
        /**
         * Validates the mechanism as an atom and upper-cases it.
         *
         * @param mechanism the mechanism name, upper-cased (e.g. {@code PLAIN}, {@code SCRAM-SHA-256})
         */
        public Auth {
            Objects.requireNonNull(mechanism, "mechanism");
            if (!Ascii.all(mechanism, Ascii.ATOM)) {
                throw new ImapValidationException("AUTH mechanism is not an atom: \"" + mechanism + "\"");
            }
            mechanism = mechanism.toUpperCase(Locale.ROOT);
        }

        @Override
        public String wire() {
            return "AUTH=" + mechanism;
        }
    }

    /**
     * {@code APPENDLIMIT=} with the largest message the server accepts in APPEND (RFC 7889 section 2); a server
     * without a limit for all mailboxes sends {@link Known#APPENDLIMIT} alone.
     *
     * @param limit the size in octets (0 to 2^63-1)
     */
    record AppendLimit(long limit) implements Capability {
        /**
         * Validates the limit.
         *
         * @param limit the size in octets (0 to 2^63-1)
         */
        public AppendLimit {
            if (limit < 0) {
                throw new ImapValidationException("APPENDLIMIT is negative: " + limit);
            }
        }

        /** The decimal number from {@code atom[from]} to its end, or -1 if it is not a number64. */
        static long parse(String atom, int from) {
            int n = atom.length() - from;
            if (n < 1 || n > 19) {
                return -1;
            }
            long v = 0;
            for (int i = from; i < atom.length(); i++) {
                char c = atom.charAt(i);
                if (c < '0' || c > '9' || v > (Long.MAX_VALUE - (c - '0')) / 10) {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }

        @Override
        public String wire() {
            return "APPENDLIMIT=" + limit;
        }
    }

    /**
     * {@code MESSAGELIMIT=n} or {@code SAVELIMIT=n} (RFC 9738): the most messages one command may touch. With
     * {@code MESSAGELIMIT} a larger FETCH, STORE, SEARCH, MOVE or UID EXPUNGE processes the {@code n} messages of
     * highest UID and says so with {@link ResponseCode.MessageLimit}, while COPY and APPEND fail; with
     * {@code SAVELIMIT} only COPY and APPEND are limited.
     *
     * @param limit    the limit, 1 to 2^32-1
     * @param saveOnly whether it is {@code SAVELIMIT}
     */
    record MessageLimit(long limit, boolean saveOnly) implements Capability {
        /**
         * Validates the limit.
         *
         * @param limit    the limit
         * @param saveOnly whether it is {@code SAVELIMIT}
         */
        public MessageLimit {
            if (limit < 1 || limit > 0xFFFF_FFFFL) {
                throw new ImapValidationException("MESSAGELIMIT must be in 1..4294967295: " + limit);
            }
        }

        @Override
        public String wire() {
            return (saveOnly ? "SAVELIMIT=" : "MESSAGELIMIT=") + limit;
        }
    }

    /**
     * Any capability that is not well known, kept as sent.
     *
     * @param atom the capability atom; one that has a typed form ({@code IDLE}, {@code AUTH=PLAIN},
     *             {@code APPENDLIMIT=1000}...) is refused, so that a capability has one value: use
     *             {@link Capability#of(String)}
     */
    record Other(String atom) implements Capability {
        /**
         * Validates the atom.
         *
         * @param atom the capability atom; one that has a typed form ({@code IDLE}, {@code AUTH=PLAIN},
         *             {@code APPENDLIMIT=1000}...) is refused, so that a capability has one value: use
         *             {@link Capability#of(String)}
         */
        public Other {
            Objects.requireNonNull(atom, "atom");
            if (!Ascii.all(atom, Ascii.ATOM)) {
                throw new ImapValidationException("capability is not an atom: \"" + atom + "\"");
            }
            if (typed(atom) != null) {
                throw new ImapValidationException("capability \"" + atom + "\" has a typed form: use Capability.of");
            }
        }

        @Override
        public String wire() {
            return atom;
        }
    }
}
