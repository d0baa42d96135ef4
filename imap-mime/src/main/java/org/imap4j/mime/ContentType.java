package org.imap4j.mime;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code Content-Type} (RFC 2045 section 5): type, subtype and parameters, RFC 2231 continuations and
 * charsets already decoded.
 *
 * @param type       the top-level type in lower case, e.g. {@code text}
 * @param subtype    the subtype in lower case, e.g. {@code plain}
 * @param parameters the parameters, names in lower case, in the order sent
 */
public record ContentType(String type, String subtype, Map<String, String> parameters) {
    /** The default of RFC 2045 section 5.2 for a part without a Content-Type. */
    public static final ContentType TEXT_PLAIN = new ContentType("text", "plain", Map.of("charset", "us-ascii"));

    /**
     * Lower-cases type and subtype and copies the parameters.
     *
     * @param type the {@code type} component
     * @param subtype the {@code subtype} component
     * @param parameters the {@code parameters} component
     */
    public ContentType {
        type = type.toLowerCase(Locale.ROOT);
        subtype = subtype.toLowerCase(Locale.ROOT);
        Map<String, String> copy = new LinkedHashMap<>();
        parameters.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), v));
        parameters = java.util.Collections.unmodifiableMap(copy);
    }

    /** @return {@code type/subtype}, e.g. {@code text/html} */
    public String mimeType() {
        return type + "/" + subtype;
    }

    /**
     * @param mimeType {@code type/subtype} in any case
     * @return whether this is that type
     */
    public boolean is(String mimeType) {
        return mimeType().equalsIgnoreCase(mimeType);
    }

    /**
     * @param name a parameter name, any case
     * @return its value
     */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /** @return {@link #mimeType()} */
    @Override
    public String toString() {
        return mimeType();
    }
}
