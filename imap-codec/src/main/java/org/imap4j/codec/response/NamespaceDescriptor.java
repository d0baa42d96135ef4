package org.imap4j.codec.response;

import java.util.List;
import java.util.Objects;
import org.imap4j.codec.ImapValidationException;

/**
 * One namespace of a NAMESPACE response ({@code namespace-descr}, RFC 2342 section 5; RFC 9051 section 7.3.2).
 *
 * @param prefix     the namespace prefix as sent, e.g. {@code ""} or {@code "#shared/"}
 * @param delimiter  the hierarchy delimiter (one character), or {@code null} for NIL
 * @param extensions extension data, in order
 */
public record NamespaceDescriptor(String prefix, String delimiter, List<Extension> extensions) {
    /**
     * Validates the delimiter and copies the list.
     *
     * @param prefix     the namespace prefix as sent, e.g. {@code ""} or {@code "#shared/"}
     * @param delimiter  the hierarchy delimiter (one character), or {@code null} for NIL
     * @param extensions extension data, in order
     */
    public NamespaceDescriptor {
        Objects.requireNonNull(prefix, "prefix");
        Checks.delimiter(delimiter);
        extensions = List.copyOf(extensions);
    }

    /**
     * {@code namespace-response-extension = SP string SP "(" string *(SP string) ")"}.
     *
     * @param name   the extension's name
     * @param values one or more values
     */
    public record Extension(String name, List<String> values) {
        /**
         * Requires a name and at least one value.
         *
         * @param name   the extension's name
         * @param values one or more values
         */
        public Extension {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new ImapValidationException("a namespace extension needs at least one value");
            }
        }
    }
}
