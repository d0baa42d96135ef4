package org.imap4j.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.codec.fetch.Section;

/**
 * One leaf part of a message's {@link BodyStructure}, with the {@link Section} that fetches it: the way to fetch only
 * the text, or one attachment, without the rest of the message.
 *
 * <pre>{@code
 * BodyStructure bs = client.fetchBodyStructure(SequenceSet.of(uid)).get(uid).bodyStructure().orElseThrow();
 * BodyPart text = BodyPart.first(bs, "text/plain").orElseThrow();
 * client.fetchPart(uid, text, out);                                    // decoded, streamed
 * for (BodyPart a : BodyPart.attachments(bs)) {
 *     try (OutputStream file = Files.newOutputStream(dir.resolve(a.fileName().orElse("part-" + a.section())))) {
 *         client.fetchPart(uid, a, file);
 *     }
 * }
 * }</pre>
 *
 * <p>Section numbers follow RFC 9051 section 6.4.5: a non-multipart message has only part 1; the parts of a
 * multipart are numbered from 1; the body of an attached message/rfc822 at {@code 3} is {@code 3.1} (or its parts
 * {@code 3.1}, {@code 3.2}, ... when it is a multipart). File names are server strings: never use one as a path
 * without checking it.
 *
 * @param section   the section that fetches this part's content ({@code BODY[1.2]})
 * @param structure the part as the server described it: {@link BodyStructure.Text}, {@link BodyStructure.Basic} or
 *                  {@link BodyStructure.Message}, never a multipart
 */
public record BodyPart(Section section, BodyStructure structure) {

    /**
     * Requires a section with a part path and a leaf structure.
     *
     * @param section the {@code section} component
     * @param structure the {@code structure} component
     */
    public BodyPart {
        if (section == null || structure == null || section.part().isEmpty()) {
            throw new IllegalArgumentException("a body part needs a part path and a structure: " + section);
        }
        if (structure instanceof BodyStructure.Multipart) {
            throw new IllegalArgumentException("a multipart is not a leaf part: " + section);
        }
    }

    /**
     * The leaf parts of a message, depth first, in the order a mail reader shows them. An attached message is one
     * part here (type {@code message/rfc822}); its own parts are {@link #nestedParts()}.
     *
     * @param structure the message's body structure
     * @return its leaf parts
     */
    public static List<BodyPart> parts(BodyStructure structure) {
        List<BodyPart> out = new ArrayList<>();
        collect(structure, List.of(), true, out);
        return List.copyOf(out);
    }

    /**
     * The first part of a MIME type, not looking inside attached messages.
     *
     * @param structure the message's body structure
     * @param mimeType  e.g. {@code "text/plain"} (any case)
     * @return the first such part
     */
    public static Optional<BodyPart> first(BodyStructure structure, String mimeType) {
        for (BodyPart p : parts(structure)) {
            if (p.mimeType().equalsIgnoreCase(mimeType)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The parts a mail reader lists as attachments: those with {@code Content-Disposition: attachment}, attached
     * messages, and non-text parts that carry a file name.
     *
     * @param structure the message's body structure
     * @return its attachments
     */
    public static List<BodyPart> attachments(BodyStructure structure) {
        List<BodyPart> out = new ArrayList<>();
        for (BodyPart p : parts(structure)) {
            if (p.isAttachment()) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** @return for an attached message, its leaf parts (sections below this one); else empty */
    public List<BodyPart> nestedParts() {
        if (!(structure instanceof BodyStructure.Message)) {
            return List.of();
        }
        List<BodyPart> out = new ArrayList<>();
        collect(((BodyStructure.Message) structure).body(), section.part(), false, out);
        return List.copyOf(out);
    }

    /** @return {@code type/subtype} in lower case, e.g. {@code text/plain} */
    public String mimeType() {
        String type;
        String subtype;
        if (structure instanceof BodyStructure.Text) {
            type = "text";
            subtype = ((BodyStructure.Text) structure).subtype();
        } else if (structure instanceof BodyStructure.Message) {
            type = "message";
            subtype = ((BodyStructure.Message) structure).subtype();
        } else {
            BodyStructure.Basic b = (BodyStructure.Basic) structure;
            type = b.type();
            subtype = b.subtype();
        }
        return (type + "/" + subtype).toLowerCase(Locale.ROOT);
    }

    /** @return the Content-Transfer-Encoding in lower case ({@code 7bit} when the server sent none) */
    public String encoding() {
        String e = fields().encoding();
        return e == null ? "7bit" : e.toLowerCase(Locale.ROOT);
    }

    /** @return the size of the part's content as sent, in its transfer encoding (base64 is about 4/3 of the file) */
    public long encodedSize() {
        return fields().octets();
    }

    /** @return the {@code charset} parameter when the JDK knows it ({@code US-ASCII} for a text part without one) */
    public Optional<Charset> charset() {
        String cs = param(fields().params(), "charset").orElse(null);
        if (cs == null) {
            return structure instanceof BodyStructure.Text ? Optional.of(StandardCharsets.US_ASCII) : Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(cs.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @return the disposition type in lower case ({@code inline}, {@code attachment}), if the server sent one */
    public Optional<String> disposition() {
        BodyStructure.SinglePartExtension x = extension();
        return x == null || x.disposition() == null ? Optional.empty()
                : Optional.of(x.disposition().type().toLowerCase(Locale.ROOT));
    }

    /**
     * The file name: the disposition's {@code filename}, else the type's {@code name}; RFC 2231 parameter values
     * ({@code filename*=utf-8''n%C3%A4me}, continuations {@code filename*0}, {@code filename*1}) and RFC 2047 encoded
     * words (a common violation) are decoded.
     *
     * @return the decoded file name, if any
     */
    public Optional<String> fileName() {
        BodyStructure.SinglePartExtension x = extension();
        if (x != null && x.disposition() != null) {
            Optional<String> f = param(x.disposition().params(), "filename");
            if (f.isPresent()) {
                return f;
            }
        }
        return param(fields().params(), "name");
    }

    /** @return whether a mail reader would list this part as an attachment (see {@link #attachments}) */
    public boolean isAttachment() {
        if (disposition().filter("attachment"::equals).isPresent()
                || structure instanceof BodyStructure.Message) {
            return true;
        }
        return !(structure instanceof BodyStructure.Text) && fileName().isPresent();
    }

    private BodyStructure.Fields fields() {
        if (structure instanceof BodyStructure.Text) {
            return ((BodyStructure.Text) structure).fields();
        }
        if (structure instanceof BodyStructure.Message) {
            return ((BodyStructure.Message) structure).fields();
        }
        return ((BodyStructure.Basic) structure).fields();
    }

    private BodyStructure.SinglePartExtension extension() {
        if (structure instanceof BodyStructure.Text) {
            return ((BodyStructure.Text) structure).extension();
        }
        if (structure instanceof BodyStructure.Message) {
            return ((BodyStructure.Message) structure).extension();
        }
        return ((BodyStructure.Basic) structure).extension();
    }

    private static void collect(BodyStructure b, List<Integer> prefix, boolean top, List<BodyPart> out) {
        if (b instanceof BodyStructure.Multipart) {
            List<BodyStructure> parts = ((BodyStructure.Multipart) b).parts();
            for (int i = 0; i < parts.size(); i++) {
                List<Integer> path = new ArrayList<>(prefix);
                path.add(i + 1);
                BodyStructure child = parts.get(i);
                if (child instanceof BodyStructure.Multipart) {
                    collect(child, path, false, out);
                } else {
                    out.add(new BodyPart(Section.of(path, Section.Kind.NONE), child));
                }
            }
        } else {
            // a single-part message (or an attached message's single-part body) is part 1 of its level
            List<Integer> path = new ArrayList<>(prefix);
            path.add(1);
            out.add(new BodyPart(Section.of(path, Section.Kind.NONE), b));
        }
    }

    /**
     * Reads a parameter, joining RFC 2231 continuations and decoding RFC 2231 extended values and RFC 2047 words.
     */
    static Optional<String> param(List<BodyStructure.Param> params, String name) {
        String plain = null;
        Map<Integer, String[]> pieces = new TreeMap<>();
        String lower = name.toLowerCase(Locale.ROOT);
        for (BodyStructure.Param p : params) {
            String n = p.name().toLowerCase(Locale.ROOT);
            if (n.equals(lower)) {
                plain = p.value();
            } else if (n.equals(lower + "*")) {
                pieces.put(0, new String[] {p.value(), "*"});
            } else if (n.startsWith(lower + "*")) {
                String rest = n.substring(lower.length() + 1);
                boolean extended = rest.endsWith("*");
                String digits = extended ? rest.substring(0, rest.length() - 1) : rest;
                try {
                    pieces.put(Integer.parseInt(digits), new String[] {p.value(), extended ? "*" : ""});
                } catch (NumberFormatException e) {
                    // not a continuation of this parameter (filename*x): ignored
                }
            }
        }
        if (!pieces.isEmpty()) {
            return Optional.of(rfc2231(pieces));
        }
        return plain == null ? Optional.empty() : Optional.of(EncodedWords.decode(plain));
    }

    private static String rfc2231(Map<Integer, String[]> pieces) {
        Charset cs = StandardCharsets.US_ASCII;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (String[] piece : pieces.values()) {
            String v = piece[0];
            if (piece[1].equals("*")) {
                if (first) {
                    int q1 = v.indexOf('\'');
                    int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
                    if (q2 > 0) {
                        try {
                            cs = q1 == 0 ? StandardCharsets.US_ASCII : Charset.forName(v.substring(0, q1));
                        } catch (IllegalArgumentException e) {
                            // an unknown charset: the bytes are shown as Latin-1 rather than dropped
                            cs = StandardCharsets.ISO_8859_1;
                        }
                        v = v.substring(q2 + 1);
                    }
                }
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    int hi = i + 2 < v.length() && c == '%' ? Character.digit(v.charAt(i + 1), 16) : -1;
                    int lo = hi >= 0 ? Character.digit(v.charAt(i + 2), 16) : -1;
                    if (c == '%' && lo >= 0) {
                        bytes.write(hi * 16 + lo);
                        i += 2;
                    } else {
                        bytes.write(c);
                    }
                }
            } else {
                bytes.writeBytes(v.getBytes(cs == StandardCharsets.US_ASCII ? StandardCharsets.UTF_8 : cs));
            }
            first = false;
        }
        return new String(bytes.toByteArray(), cs == StandardCharsets.US_ASCII ? StandardCharsets.UTF_8 : cs);
    }
}
