package org.imap4j.codec.fetch;

import java.util.List;
import java.util.Objects;
import org.imap4j.codec.ImapValidationException;

/**
 * A body section specifier ({@code section-spec}, RFC 9051 section 6.4.5 and 9; RFC 3501 section 6.4.5), shared by
 * FETCH requests ({@code BODY[...]}) and responses: a part path, what of that part, and header field names.
 *
 * <pre>{@code
 * Section.of(List.of(1, 2), Section.Kind.MIME, List.of());   // [1.2.MIME]
 * Section.headerFields("From", "Subject");                     // [HEADER.FIELDS (From Subject)]
 * }</pre>
 *
 * @param part   the part numbers ({@code section-part}), each at least 1; empty for the whole message
 * @param kind   what of the part ({@code section-text}), {@link Kind#NONE} for the part's whole content
 * @param fields header field names for {@link Kind#HEADER_FIELDS} and {@link Kind#HEADER_FIELDS_NOT}, else empty
 */
public record Section(List<Integer> part, Kind kind, List<String> fields) {
    private static final Section WHOLE = new Section(List.of(), Kind.NONE, List.of());

    /** The {@code section-text} / {@code section-msgtext} keywords (RFC 9051 section 9). */
    public enum Kind {
        /** No keyword: the whole part (or message). */
        NONE(""),
        /** {@code HEADER}. */
        HEADER("HEADER"),
        /** {@code HEADER.FIELDS (names)}. */
        HEADER_FIELDS("HEADER.FIELDS"),
        /** {@code HEADER.FIELDS.NOT (names)}. */
        HEADER_FIELDS_NOT("HEADER.FIELDS.NOT"),
        /** {@code TEXT}. */
        TEXT("TEXT"),
        /** {@code MIME}: the MIME header of a numbered part (needs a part path). */
        MIME("MIME");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        /** @return the keyword as written on the wire (empty for {@link #NONE}) */
        public String wire() {
            return wire;
        }

        /** @return whether this kind carries a header field list */
        public boolean hasFields() {
            return this == HEADER_FIELDS || this == HEADER_FIELDS_NOT;
        }
    }

    /**
     * Validates the part numbers, the kind/field combination and every field name.
     *
     * @param part   the part numbers ({@code section-part}), each at least 1; empty for the whole message
     * @param kind   what of the part ({@code section-text}), {@link Kind#NONE} for the part's whole content
     * @param fields header field names for {@link Kind#HEADER_FIELDS} and {@link Kind#HEADER_FIELDS_NOT}, else empty
     */
    public Section {
        part = List.copyOf(part);
        Objects.requireNonNull(kind, "kind");
        fields = List.copyOf(fields);
        for (int i = 0; i < part.size(); i++) {
            if (part.get(i) < 1) {
                throw new ImapValidationException("section part number must be >= 1: " + part);
            }
        }
        if (kind == Kind.MIME && part.isEmpty()) {
            throw new ImapValidationException("MIME needs a part number (RFC 9051 section 6.4.5)");
        }
        if (kind.hasFields()) {
            if (fields.isEmpty()) {
                throw new ImapValidationException(kind.wire() + " needs at least one header field name");
            }
            for (String f : fields) {
                checkFieldName(f);
            }
        } else if (!fields.isEmpty()) {
            throw new ImapValidationException("header field names are only allowed with HEADER.FIELDS[.NOT]");
        }
    }

    /**
     * Checks a header field name ({@code field-name = 1*ftext}, RFC 5322 section 3.6.8: printable ASCII except colon),
     * so that no CR, LF, space or other syntax can be injected through it.
     *
     * @param f the name
     * @throws ImapValidationException if it is not a field name
     */
    public static void checkFieldName(String f) {
        Objects.requireNonNull(f, "field name");
        if (f.isEmpty()) {
            throw new ImapValidationException("empty header field name");
        }
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == ':') {
                throw new ImapValidationException("invalid character 0x" + Integer.toHexString(c)
                        + " at index " + i + " of header field name \"" + org.imap4j.codec.internal.ascii.Ascii.escape(
                        f.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, Math.min(f.length(), 64)) + "\"");
            }
        }
    }

    /** @return {@code []}: the whole message */
    public static Section whole() {
        return WHOLE;
    }

    /**
     * @param part the part path (at least one number)
     * @return {@code [n.n...]}: the content of that part
     */
    public static Section ofPart(Integer... part) {
        return new Section(List.of(part), Kind.NONE, List.of());
    }

    /**
     * @param part the part path
     * @param kind the kind (not a field kind)
     * @return the section
     */
    public static Section of(List<Integer> part, Kind kind) {
        return new Section(part, kind, List.of());
    }

    /** @return {@code [HEADER]} */
    public static Section header() {
        return new Section(List.of(), Kind.HEADER, List.of());
    }

    /** @return {@code [TEXT]} */
    public static Section text() {
        return new Section(List.of(), Kind.TEXT, List.of());
    }

    /**
     * @param names field names
     * @return {@code [HEADER.FIELDS (names)]}
     */
    public static Section headerFields(String... names) {
        return new Section(List.of(), Kind.HEADER_FIELDS, List.of(names));
    }

    /**
     * @param names field names
     * @return {@code [HEADER.FIELDS.NOT (names)]}
     */
    public static Section headerFieldsNot(String... names) {
        return new Section(List.of(), Kind.HEADER_FIELDS_NOT, List.of(names));
    }

    /**
     * Whether a section in a FETCH response answers this requested one: equal, except that header field names
     * compare without regard to case (RFC 9051 section 6.4.5), since servers may echo them upper-cased (Dovecot
     * answers {@code HEADER.FIELDS (Subject)} with {@code HEADER.FIELDS (SUBJECT)}).
     *
     * @param other a section, e.g. from a response
     * @return whether both name the same data
     */
    public boolean matches(Section other) {
        if (equals(other)) {
            return true;
        }
        if (other == null || !part.equals(other.part) || kind != other.kind || fields.size() != other.fields.size()) {
            return false;
        }
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).equalsIgnoreCase(other.fields.get(i))) {
                return false;
            }
        }
        return true;
    }
}
