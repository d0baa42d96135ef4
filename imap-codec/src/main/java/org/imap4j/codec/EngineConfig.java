package org.imap4j.codec;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.imap4j.codec.command.EncodeOptions;
import org.imap4j.codec.internal.ascii.Ascii;

/**
 * The configuration of an {@link ImapEngine}: limits, tolerated quirks, the tag prefix, and the encoding options to
 * start with (the engine upgrades them when the server announces LITERAL+ / LITERAL- or enables UTF8=ACCEPT).
 *
 * @param limits        the codec limits
 * @param quirks        the tolerated quirks (copied)
 * @param tagPrefix     the prefix of generated tags ({@code "A"} gives A1, A2, ...)
 * @param encodeOptions the initial encoding options
 */
public record EngineConfig(CodecLimits limits, Set<Quirk> quirks, String tagPrefix, EncodeOptions encodeOptions) {
    /**
     * Validates and copies.
     *
     * @param limits        the codec limits
     * @param quirks        the tolerated quirks (copied)
     * @param tagPrefix     the prefix of generated tags ({@code "A"} gives A1, A2, ...)
     * @param encodeOptions the initial encoding options
     */
    public EngineConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(encodeOptions, "encodeOptions");
        quirks = quirks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(quirks));
        if (!Ascii.all(tagPrefix, Ascii.TAG)) {
            throw new ImapValidationException("invalid tag prefix: \"" + tagPrefix + "\"");
        }
    }

    /** @return default limits and quirks, tag prefix {@code A}, synchronizing literals until told otherwise */
    public static EngineConfig defaults() {
        return new EngineConfig(CodecLimits.defaults(), Quirk.defaults(), "A", EncodeOptions.DEFAULT);
    }

    /**
     * @param v new limits
     * @return a copy with them
     */
    public EngineConfig withLimits(CodecLimits v) {
        return new EngineConfig(v, quirks, tagPrefix, encodeOptions);
    }

    /**
     * @param v new quirks
     * @return a copy with them
     */
    public EngineConfig withQuirks(Set<Quirk> v) {
        return new EngineConfig(limits, v, tagPrefix, encodeOptions);
    }

    /**
     * @param v new tag prefix
     * @return a copy with it
     */
    public EngineConfig withTagPrefix(String v) {
        return new EngineConfig(limits, quirks, v, encodeOptions);
    }

    /**
     * @param v new encoding options
     * @return a copy with them
     */
    public EngineConfig withEncodeOptions(EncodeOptions v) {
        return new EngineConfig(limits, quirks, tagPrefix, v);
    }
}
