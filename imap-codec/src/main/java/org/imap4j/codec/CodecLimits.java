package org.imap4j.codec;

/**
 * Every limit the codec enforces on what a peer sends, in one immutable value with safe defaults. Exceeding one gives
 * an {@link ImapProtocolException} whose {@link ImapProtocolException#limit()} names the component; memory only ever
 * grows with bytes actually received, so an announced size is checked before anything is allocated for it.
 *
 * <table>
 *   <caption>Limits and their defaults</caption>
 *   <tr><th>component</th><th>default</th><th>what it bounds</th></tr>
 *   <tr><td>{@code maxLineLength}</td><td>8 MiB</td><td>bytes of one line (response text between literals)</td></tr>
 *   <tr><td>{@code maxLiteralSize}</td><td>64 MiB</td><td>a literal held in memory (larger: error, or streamed
 *       when over {@code literalStreamThreshold})</td></tr>
 *   <tr><td>{@code maxResponseSize}</td><td>128 MiB</td><td>buffered bytes of one response, literals included</td></tr>
 *   <tr><td>{@code maxNestingDepth}</td><td>100</td><td>nested parenthesised lists and body structures</td></tr>
 *   <tr><td>{@code maxListItems}</td><td>1,000,000</td><td>elements of one list, set or search result</td></tr>
 *   <tr><td>{@code literalStreamThreshold}</td><td>{@code Long.MAX_VALUE} (off)</td><td>literals larger than
 *       this are handed out in chunks as they arrive and never buffered</td></tr>
 *   <tr><td>{@code maxInflatedBytes}</td><td>256 MiB</td><td>bytes inflated from one COMPRESS=DEFLATE read burst
 *       before the receiver must have consumed them (transports)</td></tr>
 *   <tr><td>{@code maxResponsesPerCommand}</td><td>10,000,000</td><td>untagged responses collected by one
 *       command</td></tr>
 * </table>
 *
 * <pre>{@code
 * CodecLimits limits = CodecLimits.defaults().withMaxLineLength(1 << 20).withLiteralStreamThreshold(1 << 20);
 * }</pre>
 *
 * @param maxLineLength          maximum bytes of one line
 * @param maxLiteralSize         maximum bytes of a buffered literal
 * @param maxResponseSize        maximum buffered bytes of one response
 * @param maxNestingDepth        maximum nesting of lists
 * @param maxListItems           maximum elements of one list
 * @param literalStreamThreshold literals larger than this stream
 * @param maxInflatedBytes       maximum inflated bytes pending under COMPRESS
 * @param maxResponsesPerCommand maximum untagged responses collected for one command
 */
public record CodecLimits(
        int maxLineLength,
        long maxLiteralSize,
        long maxResponseSize,
        int maxNestingDepth,
        int maxListItems,
        long literalStreamThreshold,
        long maxInflatedBytes,
        long maxResponsesPerCommand) {

    private static final CodecLimits DEFAULTS = new CodecLimits(
            8 << 20, 64L << 20, 128L << 20, 100, 1_000_000, Long.MAX_VALUE, 256L << 20, 10_000_000L);

    /**
     * Validates that every limit is positive and that buffered sizes fit in a Java array.
     *
     * @param maxLineLength          maximum bytes of one line
     * @param maxLiteralSize         maximum bytes of a buffered literal
     * @param maxResponseSize        maximum buffered bytes of one response
     * @param maxNestingDepth        maximum nesting of lists
     * @param maxListItems           maximum elements of one list
     * @param literalStreamThreshold literals larger than this stream
     * @param maxInflatedBytes       maximum inflated bytes pending under COMPRESS
     * @param maxResponsesPerCommand maximum untagged responses collected for one command
     */
    public CodecLimits {
        positive("maxLineLength", maxLineLength);
        positive("maxLiteralSize", maxLiteralSize);
        positive("maxResponseSize", maxResponseSize);
        positive("maxNestingDepth", maxNestingDepth);
        positive("maxListItems", maxListItems);
        positive("literalStreamThreshold", literalStreamThreshold);
        positive("maxInflatedBytes", maxInflatedBytes);
        positive("maxResponsesPerCommand", maxResponsesPerCommand);
        if (maxLiteralSize > Integer.MAX_VALUE - 64 || maxResponseSize > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("buffered sizes must fit in an array: maxLiteralSize="
                    + maxLiteralSize + ", maxResponseSize=" + maxResponseSize);
        }
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + v);
        }
    }

    /** @return the safe defaults listed in the class documentation */
    public static CodecLimits defaults() {
        return DEFAULTS;
    }

    /**
     * @param v the new value
     * @return a copy with {@code maxLineLength} replaced
     */
    public CodecLimits withMaxLineLength(int v) {
        return new CodecLimits(v, maxLiteralSize, maxResponseSize, maxNestingDepth, maxListItems,
                literalStreamThreshold, maxInflatedBytes, maxResponsesPerCommand);
    }

    /**
     * @param v the new value
     * @return a copy with {@code maxLiteralSize} replaced
     */
    public CodecLimits withMaxLiteralSize(long v) {
        return new CodecLimits(maxLineLength, v, maxResponseSize, maxNestingDepth, maxListItems,
                literalStreamThreshold, maxInflatedBytes, maxResponsesPerCommand);
    }

    /**
     * @param v the new value
     * @return a copy with {@code maxResponseSize} replaced
     */
    public CodecLimits withMaxResponseSize(long v) {
        return new CodecLimits(maxLineLength, maxLiteralSize, v, maxNestingDepth, maxListItems,
                literalStreamThreshold, maxInflatedBytes, maxResponsesPerCommand);
    }

    /**
     * @param v the new value
     * @return a copy with {@code maxNestingDepth} replaced
     */
    public CodecLimits withMaxNestingDepth(int v) {
        return new CodecLimits(maxLineLength, maxLiteralSize, maxResponseSize, v, maxListItems,
                literalStreamThreshold, maxInflatedBytes, maxResponsesPerCommand);
    }

    /**
     * @param v the new value
     * @return a copy with {@code maxListItems} replaced
     */
    public CodecLimits withMaxListItems(int v) {
        return new CodecLimits(maxLineLength, maxLiteralSize, maxResponseSize, maxNestingDepth, v,
                literalStreamThreshold, maxInflatedBytes, maxResponsesPerCommand);
    }

    /**
     * @param v the new value
     * @return a copy with {@code literalStreamThreshold} replaced
     */
    public CodecLimits withLiteralStreamThreshold(long v) {
        return new CodecLimits(maxLineLength, maxLiteralSize, maxResponseSize, maxNestingDepth, maxListItems,
                v, maxInflatedBytes, maxResponsesPerCommand);
    }

    /**
     * @param v the new value
     * @return a copy with {@code maxInflatedBytes} replaced
     */
    public CodecLimits withMaxInflatedBytes(long v) {
        return new CodecLimits(maxLineLength, maxLiteralSize, maxResponseSize, maxNestingDepth, maxListItems,
                literalStreamThreshold, v, maxResponsesPerCommand);
    }

    /**
     * @param v the new value
     * @return a copy with {@code maxResponsesPerCommand} replaced
     */
    public CodecLimits withMaxResponsesPerCommand(long v) {
        return new CodecLimits(maxLineLength, maxLiteralSize, maxResponseSize, maxNestingDepth, maxListItems,
                literalStreamThreshold, maxInflatedBytes, v);
    }
}
