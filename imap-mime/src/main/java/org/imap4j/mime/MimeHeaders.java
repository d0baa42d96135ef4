package org.imap4j.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The header fields of a message or part, in the order sent.
 *
 * @param fields the fields
 */
public record MimeHeaders(List<MimeHeaders.Field> fields) {

    /**
     * One header field.
     *
     * @param name  the field name as sent
     * @param raw   the body as sent, unfolded (line breaks of folding removed), encoded words left in
     * @param value the body with RFC 2047 encoded words decoded (for structured fields such as addresses, decoded
     *              word by word as mail readers show them)
     */
    public record Field(String name, String raw, String value) {
        /**
         * Requires all three.
         *
         * @param name the {@code name} component
         * @param raw the {@code raw} component
         * @param value the {@code value} component
         */
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Copies the list.
     *
     * @param fields the {@code fields} component
     */
    public MimeHeaders {
        fields = List.copyOf(fields);
    }

    /**
     * @param name a field name, any case
     * @return the first such field
     */
    public Optional<Field> first(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * @param name a field name, any case
     * @return the decoded value of the first such field
     */
    public Optional<String> value(String name) {
        return first(name).map(Field::value);
    }

    /**
     * @param name a field name, any case
     * @return every such field, in order
     */
    public List<Field> all(String name) {
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }
}
