package org.imap4j.codec.fetch;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * One data item a FETCH command asks for ({@code fetch-att}, RFC 9051 section 6.4.5, RFC 3501 section 6.4.5, and
 * extensions), or a macro.
 *
 * <pre>{@code
 * List<FetchAttribute> atts = List.of(FetchAttribute.Item.UID, FetchAttribute.Item.FLAGS,
 *         new FetchAttribute.BodySection(Section.headerFields("Subject"), true, null));
 * }</pre>
 */
public sealed interface FetchAttribute
        permits FetchAttribute.Macro, FetchAttribute.Item, FetchAttribute.BodySection, FetchAttribute.Binary,
        FetchAttribute.BinarySize, FetchAttribute.Preview, FetchAttribute.Other {

    /** The macros {@code ALL}, {@code FAST} and {@code FULL}, which must stand alone in a command. */
    enum Macro implements FetchAttribute {
        /** {@code (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)}. */
        ALL,
        /** {@code (FLAGS INTERNALDATE RFC822.SIZE)}. */
        FAST,
        /** {@code (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY)}. */
        FULL;

        /** @return the attributes this macro stands for */
        public List<FetchAttribute> expansion() {
            if (this == FAST) {
                return List.of(Item.FLAGS, Item.INTERNALDATE, Item.RFC822_SIZE);
            }
            if (this == ALL) {
                return List.of(Item.FLAGS, Item.INTERNALDATE, Item.RFC822_SIZE, Item.ENVELOPE);
            }
            return List.of(Item.FLAGS, Item.INTERNALDATE, Item.RFC822_SIZE, Item.ENVELOPE, Item.BODY);
        }
    }

    /** Attributes that are a single keyword. */
    enum Item implements FetchAttribute {
        /** {@code ENVELOPE}. */
        ENVELOPE("ENVELOPE"),
        /** {@code FLAGS}. */
        FLAGS("FLAGS"),
        /** {@code INTERNALDATE}. */
        INTERNALDATE("INTERNALDATE"),
        /** {@code RFC822.SIZE}. */
        RFC822_SIZE("RFC822.SIZE"),
        /** {@code RFC822} (RFC 3501). */
        RFC822("RFC822"),
        /** {@code RFC822.HEADER} (RFC 3501). */
        RFC822_HEADER("RFC822.HEADER"),
        /** {@code RFC822.TEXT} (RFC 3501). */
        RFC822_TEXT("RFC822.TEXT"),
        /** {@code UID}. */
        UID("UID"),
        /** {@code BODYSTRUCTURE}. */
        BODYSTRUCTURE("BODYSTRUCTURE"),
        /** {@code BODY}: the non-extensible body structure. */
        BODY("BODY"),
        /** {@code MODSEQ} (RFC 7162). */
        MODSEQ("MODSEQ"),
        /** {@code EMAILID} (RFC 8474). */
        EMAILID("EMAILID"),
        /** {@code THREADID} (RFC 8474). */
        THREADID("THREADID"),
        /** {@code PREVIEW} (RFC 8970). */
        PREVIEW("PREVIEW"),
        /** {@code SAVEDATE} (RFC 8514). */
        SAVEDATE("SAVEDATE"),
        /** Gmail {@code X-GM-MSGID}. */
        X_GM_MSGID("X-GM-MSGID"),
        /** Gmail {@code X-GM-THRID}. */
        X_GM_THRID("X-GM-THRID"),
        /** Gmail {@code X-GM-LABELS}. */
        X_GM_LABELS("X-GM-LABELS");

        private final String wire;

        Item(String wire) {
            this.wire = wire;
        }

        /** @return the keyword as sent */
        public String wire() {
            return wire;
        }
    }

    /**
     * {@code partial = "<" number64 "." nz-number64 ">"}: a byte range of a section.
     *
     * @param offset the first octet
     * @param length how many octets, at least 1
     */
    record Partial(long offset, long length) {
        /**
         * Requires a non-negative offset and a positive length.
         *
         * @param offset the first octet
         * @param length how many octets, at least 1
         */
        public Partial {
            if (offset < 0 || length < 1) {
                throw new ImapValidationException("partial needs offset >= 0 and length >= 1: " + offset + "."
                        + length);
            }
        }
    }

    /**
     * {@code "BODY" section [partial]} or {@code "BODY.PEEK" section [partial]}.
     *
     * @param section the section
     * @param peek    whether to leave \Seen alone (BODY.PEEK)
     * @param partial the byte range, or null for all
     */
    record BodySection(Section section, boolean peek, Partial partial) implements FetchAttribute {
        /**
         * Requires a section.
         *
         * @param section the section
         * @param peek    whether to leave \Seen alone (BODY.PEEK)
         * @param partial the byte range, or null for all
         */
        public BodySection {
            Objects.requireNonNull(section, "section");
        }
    }

    /**
     * {@code "BINARY" [".PEEK"] section-binary [partial]} (RFC 3516).
     *
     * @param part    the part path, empty for the whole message
     * @param peek    whether BINARY.PEEK
     * @param partial the byte range, or null
     */
    record Binary(List<Integer> part, boolean peek, Partial partial) implements FetchAttribute {
        /**
         * Validates the part path.
         *
         * @param part    the part path, empty for the whole message
         * @param peek    whether BINARY.PEEK
         * @param partial the byte range, or null
         */
        public Binary {
            part = checkPart(part);
        }
    }

    /**
     * {@code "BINARY.SIZE" section-binary} (RFC 3516).
     *
     * @param part the part path
     */
    record BinarySize(List<Integer> part) implements FetchAttribute {
        /**
         * Validates the part path.
         *
         * @param part the part path
         */
        public BinarySize {
            part = checkPart(part);
        }
    }

    /**
     * {@code "PREVIEW" SP "(" preview-mod *(SP preview-mod) ")"} (RFC 8970 section 6): PREVIEW with modifiers, such as
     * {@code LAZY}, which lets the server answer {@code PREVIEW NIL} rather than compute a preview it does not have
     * yet. PREVIEW without modifiers is {@link Item#PREVIEW}.
     *
     * @param modifiers one or more modifiers, upper-cased atoms ({@code preview-mod = "LAZY" / preview-mod-ext})
     */
    record Preview(List<String> modifiers) implements FetchAttribute {
        /** {@code PREVIEW (LAZY)}. */
        public static final Preview LAZY = new Preview(List.of("LAZY"));

        /**
         * Requires at least one atom modifier, and upper-cases them.
         *
         * @param modifiers one or more modifiers
         */
        public Preview {
            if (modifiers == null || modifiers.isEmpty()) {
                throw new ImapValidationException("PREVIEW modifiers: at least one (use Item.PREVIEW for none)");
            }
            String[] up = new String[modifiers.size()];
            for (int i = 0; i < up.length; i++) {
                String m = Objects.requireNonNull(modifiers.get(i), "modifier");
                if (!Ascii.all(m, Ascii.ATOM) || m.indexOf('[') >= 0) {
                    throw new ImapValidationException("PREVIEW modifier is not an atom: \"" + Ascii.escape(
                            m.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, Math.min(m.length(), 64))
                            + "\"");
                }
                up[i] = m.toUpperCase(Locale.ROOT);
            }
            modifiers = List.of(up);
        }

        /** @return whether {@code LAZY} is among the modifiers */
        public boolean lazy() {
            return modifiers.contains("LAZY");
        }
    }

    /**
     * Any other attribute, sent as an atom (an extension this codec does not model).
     *
     * @param atom the atom
     */
    record Other(String atom) implements FetchAttribute {
        /**
         * Requires an atom without {@code [} that is not one of the known keywords.
         *
         * @param atom the atom
         */
        public Other {
            Objects.requireNonNull(atom, "atom");
            if (!Ascii.all(atom, Ascii.ATOM) || atom.indexOf('[') >= 0) {
                throw new ImapValidationException("not an atom (without '['): \"" + Ascii.escape(atom.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), 0, Math.min(atom.length(), 64)) + "\"");
            }
            String up = atom.toUpperCase(Locale.ROOT);
            for (Item i : Item.values()) {
                if (i.wire.equals(up)) {
                    throw new ImapValidationException("use FetchAttribute.Item." + i.name() + " for " + atom);
                }
            }
            for (Macro m : Macro.values()) {
                if (m.name().equals(up)) {
                    throw new ImapValidationException("use FetchAttribute.Macro." + m.name() + " for " + atom);
                }
            }
        }
    }

    private static List<Integer> checkPart(List<Integer> part) {
        List<Integer> copy = List.copyOf(part);
        for (Integer p : copy) {
            if (p < 1) {
                throw new ImapValidationException("part number must be >= 1: " + copy);
            }
        }
        return copy;
    }
}
