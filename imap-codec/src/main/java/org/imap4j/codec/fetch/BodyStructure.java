package org.imap4j.codec.fetch;

import java.util.List;
import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.ImapValue;

/**
 * The MIME structure of a message ({@code body}, RFC 3501 section 7.4.2, RFC 9051 section 7.5.2 and 9): a basic,
 * text or message/rfc822 single part, or a multipart, each with its extension data when the server sent it
 * ({@code BODYSTRUCTURE}; {@code BODY} has none).
 *
 * <pre>{@code
 * if (structure instanceof BodyStructure.Multipart m) {
 *     for (BodyStructure part : m.parts()) { ... }
 * }
 * }</pre>
 */
public sealed interface BodyStructure
        permits BodyStructure.Basic, BodyStructure.Text, BodyStructure.Message, BodyStructure.Multipart {

    /**
     * A body parameter ({@code body-fld-param} pair), in the order sent.
     *
     * @param name  the attribute name
     * @param value the value
     */
    record Param(String name, String value) {
        /**
         * Requires both.
         *
         * @param name  the attribute name
         * @param value the value
         */
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The fields every single part has ({@code body-fields}).
     *
     * @param params      {@code body-fld-param}, empty for NIL
     * @param id          {@code body-fld-id} (Content-ID), or null
     * @param description {@code body-fld-desc}, or null
     * @param encoding    {@code body-fld-enc} (Content-Transfer-Encoding, e.g. "7BIT")
     * @param octets      {@code body-fld-octets}: the encoded size
     */
    record Fields(List<Param> params, String id, String description, String encoding, long octets) {
        /**
         * Copies the parameters, requires an encoding and a non-negative size.
         *
         * @param params      {@code body-fld-param}, empty for NIL
         * @param id          {@code body-fld-id} (Content-ID), or null
         * @param description {@code body-fld-desc}, or null
         * @param encoding    {@code body-fld-enc} (Content-Transfer-Encoding, e.g. "7BIT")
         * @param octets      {@code body-fld-octets}: the encoded size
         */
        public Fields {
            params = List.copyOf(params);
            Objects.requireNonNull(encoding, "encoding");
            if (octets < 0) {
                throw new ImapValidationException("negative body-fld-octets: " + octets);
            }
        }
    }

    /**
     * {@code body-fld-dsp = "(" string SP body-fld-param ")"}: the Content-Disposition.
     *
     * @param type   e.g. "attachment"
     * @param params its parameters, empty for NIL
     */
    record Disposition(String type, List<Param> params) {
        /**
         * Requires a type, copies the parameters.
         *
         * @param type   e.g. "attachment"
         * @param params its parameters, empty for NIL
         */
        public Disposition {
            Objects.requireNonNull(type, "type");
            params = List.copyOf(params);
        }
    }

    /**
     * {@code body-ext-1part}: a single part's extension data. Absent trailing fields read as null / empty.
     *
     * @param md5         {@code body-fld-md5}, or null
     * @param disposition {@code body-fld-dsp}, or null
     * @param language    {@code body-fld-lang}, empty for NIL
     * @param location    {@code body-fld-loc}, or null
     * @param extensions  further {@code body-extension} values (nstring, number or lists of them)
     */
    record SinglePartExtension(String md5, Disposition disposition, List<String> language, String location,
            List<ImapValue> extensions) {
        /**
         * Copies the lists.
         *
         * @param md5         {@code body-fld-md5}, or null
         * @param disposition {@code body-fld-dsp}, or null
         * @param language    {@code body-fld-lang}, empty for NIL
         * @param location    {@code body-fld-loc}, or null
         * @param extensions  further {@code body-extension} values (nstring, number or lists of them)
         */
        public SinglePartExtension {
            language = List.copyOf(language);
            extensions = checkExtensions(extensions);
        }
    }

    /**
     * {@code body-ext-mpart}: a multipart's extension data. Absent trailing fields read as null / empty.
     *
     * @param params      {@code body-fld-param} (e.g. the boundary), empty for NIL
     * @param disposition {@code body-fld-dsp}, or null
     * @param language    {@code body-fld-lang}, empty for NIL
     * @param location    {@code body-fld-loc}, or null
     * @param extensions  further {@code body-extension} values
     */
    record MultipartExtension(List<Param> params, Disposition disposition, List<String> language, String location,
            List<ImapValue> extensions) {
        /**
         * Copies the lists.
         *
         * @param params      {@code body-fld-param} (e.g. the boundary), empty for NIL
         * @param disposition {@code body-fld-dsp}, or null
         * @param language    {@code body-fld-lang}, empty for NIL
         * @param location    {@code body-fld-loc}, or null
         * @param extensions  further {@code body-extension} values
         */
        public MultipartExtension {
            params = List.copyOf(params);
            language = List.copyOf(language);
            extensions = checkExtensions(extensions);
        }
    }

    /**
     * {@code body-type-basic}: any single part that is neither text nor message/rfc822 (or message/global).
     *
     * @param type      the media type, e.g. "APPLICATION"
     * @param subtype   the media subtype
     * @param fields    the body fields
     * @param extension the extension data, or null when not sent
     */
    record Basic(String type, String subtype, Fields fields, SinglePartExtension extension) implements BodyStructure {
        /**
         * Rejects types that have their own record, so that a value always encodes to the same shape.
         *
         * @param type      the media type, e.g. "APPLICATION"
         * @param subtype   the media subtype
         * @param fields    the body fields
         * @param extension the extension data, or null when not sent
         */
        public Basic {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(subtype, "subtype");
            Objects.requireNonNull(fields, "fields");
            if (type.equalsIgnoreCase("TEXT")) {
                throw new ImapValidationException("text parts are BodyStructure.Text");
            }
            if (isMessage(type, subtype)) {
                throw new ImapValidationException("message/rfc822 parts are BodyStructure.Message");
            }
        }
    }

    /**
     * {@code body-type-text}: a text part with its line count.
     *
     * @param subtype   the subtype, e.g. "PLAIN"
     * @param fields    the body fields
     * @param lines     {@code body-fld-lines}
     * @param extension the extension data, or null
     */
    record Text(String subtype, Fields fields, long lines, SinglePartExtension extension) implements BodyStructure {
        /**
         * Requires a subtype, fields and a non-negative line count.
         *
         * @param subtype   the subtype, e.g. "PLAIN"
         * @param fields    the body fields
         * @param lines     {@code body-fld-lines}
         * @param extension the extension data, or null
         */
        public Text {
            Objects.requireNonNull(subtype, "subtype");
            Objects.requireNonNull(fields, "fields");
            if (lines < 0) {
                throw new ImapValidationException("negative body-fld-lines: " + lines);
            }
        }
    }

    /**
     * {@code body-type-msg}: an encapsulated message (message/rfc822, or message/global from RFC 9051).
     *
     * @param subtype   "RFC822" or "GLOBAL" (as sent)
     * @param fields    the body fields
     * @param envelope  the encapsulated message's envelope
     * @param body      its structure
     * @param lines     {@code body-fld-lines}
     * @param extension the extension data, or null
     */
    record Message(String subtype, Fields fields, Envelope envelope, BodyStructure body, long lines,
            SinglePartExtension extension) implements BodyStructure {
        /**
         * Requires RFC822 or GLOBAL and all parts.
         *
         * @param subtype   "RFC822" or "GLOBAL" (as sent)
         * @param fields    the body fields
         * @param envelope  the encapsulated message's envelope
         * @param body      its structure
         * @param lines     {@code body-fld-lines}
         * @param extension the extension data, or null
         */
        public Message {
            Objects.requireNonNull(subtype, "subtype");
            if (!isMessage("MESSAGE", subtype)) {
                throw new ImapValidationException("message subtype must be RFC822 or GLOBAL: " + subtype);
            }
            Objects.requireNonNull(fields, "fields");
            Objects.requireNonNull(envelope, "envelope");
            Objects.requireNonNull(body, "body");
            if (lines < 0) {
                throw new ImapValidationException("negative body-fld-lines: " + lines);
            }
        }
    }

    /**
     * {@code body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]}.
     *
     * @param parts     the parts, at least one
     * @param subtype   the subtype, e.g. "MIXED"
     * @param extension the extension data, or null
     */
    record Multipart(List<BodyStructure> parts, String subtype, MultipartExtension extension)
            implements BodyStructure {
        /**
         * Requires at least one part.
         *
         * @param parts     the parts, at least one
         * @param subtype   the subtype, e.g. "MIXED"
         * @param extension the extension data, or null
         */
        public Multipart {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new ImapValidationException("a multipart needs at least one part");
            }
            Objects.requireNonNull(subtype, "subtype");
        }
    }

    private static boolean isMessage(String type, String subtype) {
        return type.equalsIgnoreCase("MESSAGE")
                && (subtype.equalsIgnoreCase("RFC822") || subtype.equalsIgnoreCase("GLOBAL"));
    }

    private static List<ImapValue> checkExtensions(List<ImapValue> extensions) {
        return List.copyOf(extensions);
    }
}
