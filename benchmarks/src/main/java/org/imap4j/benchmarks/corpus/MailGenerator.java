package org.imap4j.benchmarks.corpus;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * A deterministic generator of RFC 5322 / MIME messages for the benchmark corpus: the same seed and index always give
 * the same bytes, on every JDK (only {@link Random}, whose sequence is specified, decides anything).
 *
 * <p>Shapes: {@code text/plain}; {@code multipart/alternative} (plain + html); {@code multipart/mixed} with one to three
 * base64 attachments; a forwarded {@code message/rfc822} inside {@code multipart/mixed}. Most headers carry RFC 2047
 * encoded words (B and Q, UTF-8 and ISO-8859-1), long subjects are folded, and replies carry a {@code References}
 * chain of up to 40 message ids. Sizes follow a log-normal law with a median of about 9 KB, clamped to 1 KB .. 2 MB,
 * so most messages are small and a few are large.
 *
 * <pre>{@code
 * MailGenerator g = new MailGenerator(42);
 * MailGenerator.Mail m = g.message(0);   // m.bytes() is CRLF-terminated RFC 5322 text
 * }</pre>
 */
public final class MailGenerator {
    /** Smallest message, in bytes. */
    public static final int MIN_SIZE = 1024;
    /** Largest message, in bytes. */
    public static final int MAX_SIZE = 2 * 1024 * 1024;

    private static final double MEDIAN_SIZE = 9_000;
    private static final double SIGMA = 1.1;
    private static final OffsetDateTime EPOCH = OffsetDateTime.of(2024, 1, 2, 8, 0, 0, 0, ZoneOffset.ofHours(1));
    private static final DateTimeFormatter RFC5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ROOT);

    private static final String[][] PEOPLE = {
        {"Alice Martin", "alice.martin", "example.com"},
        {"J\u00fcrgen M\u00fcller", "juergen", "beispiel.de"},
        {"Fran\u00e7oise Dupr\u00e9", "fdupre", "exemple.fr"},
        {"\u5f20\u4f1f", "zhang.wei", "example.cn"},
        {"Bob O'Neil", "bob", "lists.example.org"},
        {"S\u00f8ren Kierkeg\u00e5rd", "soren", "eksempel.dk"},
        {"\u0418\u0432\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432", "ivan", "primer.ru"},
        {"Carol Danvers", "carol", "example.net"},
        {"Jos\u00e9 \u00c1lvarez", "jalvarez", "ejemplo.es"},
        {"Dave", "dave", "mail.example.com"},
        {"\u7530\u4e2d \u592a\u90ce", "tanaka", "example.jp"},
        {"Eve Online", "eve", "example.com"},
    };
    private static final String[] WORDS = {"meeting", "minutes", "r\u00e9sum\u00e9", "quarterly", "review", "lunch",
        "plans", "draft", "update", "invoice", "travel", "schedule", "\u00fcberblick", "budget", "release", "notes",
        "caf\u00e9", "deadline", "proposal", "na\u00efve", "roadmap", "follow-up", "agenda", "\u0434\u043e\u043a\u043b\u0430\u0434",
        "\u4f1a\u8bae", "question", "ticket", "feedback", "contract", "stra\u00dfe"};
    private static final String[] ASCII_WORDS = {"the", "of", "and", "to", "in", "is", "that", "for", "it", "as",
        "with", "was", "on", "be", "at", "by", "this", "had", "not", "are", "but", "from", "or", "have", "an", "they",
        "which", "one", "you", "were", "her", "all", "she", "there", "would", "their", "we", "him", "been", "has"};
    private static final String[][] ATTACHMENTS = {
        {"application", "pdf", "report", "pdf"},
        {"image", "png", "screenshot", "png"},
        {"image", "jpeg", "photo", "jpg"},
        {"application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet", "budget", "xlsx"},
        {"application", "zip", "archive", "zip"},
        {"text", "csv", "export", "csv"},
    };

    /** The message's shape. */
    public enum Shape { PLAIN, ALTERNATIVE, MIXED, FORWARDED }

    /**
     * One generated message.
     *
     * @param index        its index in the sequence
     * @param shape        its MIME shape
     * @param internalDate the date to APPEND it with
     * @param flags        system flags and keywords to APPEND it with (IMAP syntax, e.g. {@code \Seen})
     * @param bytes        the message, CRLF line endings
     */
    public record Mail(int index, Shape shape, OffsetDateTime internalDate, String[] flags, byte[] bytes) {
    }

    private final long seed;
    private final double sizeScale;

    /** @param seed the seed: equal seeds give equal messages */
    public MailGenerator(long seed) {
        this(seed, 1.0);
    }

    /**
     * A generator whose sampled sizes are multiplied by {@code sizeScale} (then clamped to {@link #MAX_SIZE}); the
     * random draws are the same as at scale 1, so shapes, headers and dates do not change, only body lengths. The body
     * job uses it to reach about 80 MB in 1,000 messages without changing the env corpus (scale 1).
     *
     * @param seed      the seed
     * @param sizeScale the factor on each message's target size, above 0
     */
    public MailGenerator(long seed, double sizeScale) {
        if (!(sizeScale > 0)) {
            throw new IllegalArgumentException("sizeScale must be above 0: " + sizeScale);
        }
        this.seed = seed;
        this.sizeScale = sizeScale;
    }

    /**
     * @param index the message's index (0-based); messages are independent of each other
     * @return the message
     */
    public Mail message(int index) {
        // Random's first outputs are correlated for neighbouring seeds, so the per-message seed is mixed first.
        Random rnd = new Random(mix(seed * 1_000_003L + index));
        int size = sampleSize(rnd);
        if (sizeScale != 1.0) {
            size = (int) Math.min(MAX_SIZE, size * sizeScale);
        }
        Shape shape = pickShape(rnd, size);
        OffsetDateTime date = EPOCH.plusMinutes(index * 37L + rnd.nextInt(30)).plusSeconds(rnd.nextInt(60));
        StringBuilder sb = new StringBuilder(Math.min(size + 2048, MAX_SIZE + 8192));
        headers(sb, rnd, index, date);
        body(sb, rnd, shape, size, index, 0);
        return new Mail(index, shape, date.plusSeconds(5 + rnd.nextInt(300)), flags(rnd),
                sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The MurmurHash3 64-bit finalizer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    static int sampleSize(Random rnd) {
        double s = MEDIAN_SIZE * Math.exp(SIGMA * rnd.nextGaussian());
        if (rnd.nextInt(250) == 0) {
            // The log-normal body alone almost never reaches megabytes; big attachments do happen.
            s = 256 * 1024 * Math.pow(8, rnd.nextDouble());
        }
        return (int) Math.max(MIN_SIZE, Math.min(MAX_SIZE, s));
    }

    private static Shape pickShape(Random rnd, int size) {
        int r = rnd.nextInt(100);
        if (size < 3_000) {
            return r < 60 ? Shape.PLAIN : Shape.ALTERNATIVE;
        }
        if (size < 40_000) {
            return r < 30 ? Shape.PLAIN : r < 65 ? Shape.ALTERNATIVE : r < 88 ? Shape.MIXED : Shape.FORWARDED;
        }
        return r < 10 ? Shape.ALTERNATIVE : r < 80 ? Shape.MIXED : Shape.FORWARDED;
    }

    private static String[] flags(Random rnd) {
        int r = rnd.nextInt(10);
        if (r < 5) {
            return new String[] {"\\Seen"};
        }
        if (r < 7) {
            return new String[] {"\\Seen", "\\Answered"};
        }
        if (r < 8) {
            return new String[] {"\\Seen", "\\Flagged", "$Important"};
        }
        return new String[0];
    }

    private void headers(StringBuilder sb, Random rnd, int index, OffsetDateTime date) {
        sb.append("Date: ").append(RFC5322.format(date)).append("\r\n");
        sb.append("From: ").append(address(rnd)).append("\r\n");
        if (rnd.nextInt(5) == 0) {
            sb.append("Sender: ").append(address(rnd)).append("\r\n");
        }
        if (rnd.nextInt(6) == 0) {
            sb.append("Reply-To: ").append(address(rnd)).append("\r\n");
        }
        addressList(sb, "To", rnd, 1 + rnd.nextInt(4));
        if (rnd.nextInt(2) == 0) {
            addressList(sb, "Cc", rnd, 1 + rnd.nextInt(6));
        }
        boolean reply = rnd.nextInt(5) < 2;
        String subject = (reply ? "Re: " : "") + phrase(rnd, 3 + (rnd.nextInt(4) == 0 ? 12 : rnd.nextInt(6)));
        sb.append("Subject: ");
        fold(sb, "Subject: ".length(), encodeWords(subject, rnd));
        sb.append("Message-ID: ").append(messageId(seed, index)).append("\r\n");
        if (reply) {
            int chain = 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(40) : rnd.nextInt(5));
            StringBuilder refs = new StringBuilder();
            for (int i = 0; i < chain; i++) {
                refs.append(i == 0 ? "" : " ").append(messageId(seed ^ 0x5DEECE66DL, index * 41 + i));
            }
            sb.append("In-Reply-To: ").append(messageId(seed ^ 0x5DEECE66DL, index * 41 + chain - 1)).append("\r\n");
            sb.append("References: ");
            fold(sb, "References: ".length(), refs.toString());
        }
        sb.append("MIME-Version: 1.0\r\n");
        if (rnd.nextInt(3) == 0) {
            sb.append("X-Mailer: imap4j-bench MailGenerator\r\n");
        }
    }

    private static String messageId(long seed, int n) {
        return "<" + Long.toHexString(seed * 31 + n * 0x9E3779B97F4A7C15L) + "." + n + "@bench.example.org>";
    }

    private static void addressList(StringBuilder sb, String name, Random rnd, int count) {
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < count; i++) {
            v.append(i == 0 ? "" : ", ").append(address(rnd));
        }
        sb.append(name).append(": ");
        fold(sb, name.length() + 2, v.toString());
    }

    private static String address(Random rnd) {
        String[] p = PEOPLE[rnd.nextInt(PEOPLE.length)];
        String display = isAscii(p[0]) ? (p[0].indexOf('\'') >= 0 ? "\"" + p[0] + "\"" : p[0]) : encodedWord(p[0], rnd);
        return display + " <" + p[1] + "@" + p[2] + ">";
    }

    /** An RFC 2047 encoded word (B or Q; UTF-8, or ISO-8859-1 where the text fits it). */
    static String encodedWord(String text, Random rnd) {
        boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(text) && rnd.nextBoolean();
        String charset = latin1 ? "ISO-8859-1" : "UTF-8";
        byte[] b = text.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        if (rnd.nextBoolean()) {
            return "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(b) + "?=";
        }
        StringBuilder q = new StringBuilder("=?").append(charset).append("?Q?");
        for (byte x : b) {
            int c = x & 0xff;
            if (c == ' ') {
                q.append('_');
            } else if (c > 32 && c < 127 && c != '=' && c != '?' && c != '_' && c != '"') {
                q.append((char) c);
            } else {
                q.append('=').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return q.append("?=").toString();
    }

    /** Subjects: encoded words (each at most about 40 characters of text) unless the subject is plain ASCII. */
    private static String encodeWords(String text, Random rnd) {
        if (isAscii(text) && rnd.nextInt(4) != 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        String[] words = text.split(" ");
        StringBuilder chunk = new StringBuilder();
        for (String w : words) {
            if (chunk.length() > 0 && chunk.length() + w.length() > 18) {
                out.append(out.length() == 0 ? "" : " ").append(encodedWord(chunk.toString(), rnd));
                chunk.setLength(0);
            }
            chunk.append(chunk.length() == 0 ? "" : " ").append(w);
        }
        out.append(out.length() == 0 ? "" : " ").append(encodedWord(chunk.toString(), rnd));
        return out.toString();
    }

    /** Folds a header value at spaces so that no line exceeds 76 characters (RFC 5322 section 2.2.3). */
    private static void fold(StringBuilder sb, int used, String value) {
        int col = used;
        boolean wrote = false;
        int i = 0;
        while (i < value.length()) {
            int sp = value.indexOf(' ', i + 1);
            int end = sp < 0 ? value.length() : sp;
            if (col + (end - i) > 76 && wrote) {
                sb.append("\r\n");
                col = 0;
                if (value.charAt(i) != ' ') {
                    sb.append(' ');
                    col = 1;
                }
            }
            sb.append(value, i, end);
            wrote = true;
            col += end - i;
            i = end;
        }
        sb.append("\r\n");
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static String phrase(Random rnd, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    private void body(StringBuilder sb, Random rnd, Shape shape, int size, int index, int depth) {
        int budget = Math.max(200, size - sb.length());
        String boundary = "=_b" + depth + "_" + Long.toHexString(rnd.nextLong());
        switch (shape) {
            case PLAIN:
                sb.append("Content-Type: text/plain; charset=utf-8\r\n")
                        .append("Content-Transfer-Encoding: 8bit\r\n\r\n");
                text(sb, rnd, budget);
                break;
            case ALTERNATIVE:
                sb.append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\r\n\r\n");
                alternative(sb, rnd, boundary, budget);
                break;
            case MIXED:
                sb.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n")
                        .append("This is a multi-part message in MIME format.\r\n");
                int attachments = 1 + rnd.nextInt(3);
                int textBudget = Math.min(budget / 4, 600 + rnd.nextInt(3000));
                sb.append("--").append(boundary).append("\r\n");
                if (rnd.nextBoolean()) {
                    String inner = "=_a" + depth + "_" + Long.toHexString(rnd.nextLong());
                    sb.append("Content-Type: multipart/alternative; boundary=\"").append(inner).append("\"\r\n\r\n");
                    alternative(sb, rnd, inner, textBudget);
                } else {
                    sb.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
                    text(sb, rnd, textBudget);
                }
                int each = Math.max(100, (budget - textBudget) / attachments);
                for (int a = 0; a < attachments; a++) {
                    sb.append("--").append(boundary).append("\r\n");
                    attachment(sb, rnd, each);
                }
                sb.append("--").append(boundary).append("--\r\n");
                break;
            case FORWARDED:
                sb.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
                sb.append("--").append(boundary).append("\r\n")
                        .append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
                int note = Math.min(budget / 5, 200 + rnd.nextInt(800));
                text(sb, rnd, note);
                sb.append("--").append(boundary).append("\r\n")
                        .append("Content-Type: message/rfc822\r\n")
                        .append("Content-Disposition: inline\r\n\r\n");
                int start = sb.length();
                headers(sb, rnd, index + 1_000_000, EPOCH.minusDays(1 + rnd.nextInt(300)));
                int innerSize = Math.max(600, budget - note) + (sb.length() - start);
                Shape innerShape = depth == 0 && innerSize > 20_000 && rnd.nextBoolean() ? Shape.MIXED
                        : rnd.nextBoolean() ? Shape.PLAIN : Shape.ALTERNATIVE;
                StringBuilder inner = new StringBuilder();
                body(inner, rnd, innerShape, innerSize - (sb.length() - start), index, depth + 1);
                sb.append(inner);
                sb.append("--").append(boundary).append("--\r\n");
                break;
            default:
                throw new IllegalStateException(shape.toString());
        }
    }

    private static void alternative(StringBuilder sb, Random rnd, String boundary, int budget) {
        sb.append("--").append(boundary).append("\r\n")
                .append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
        text(sb, rnd, budget * 2 / 5);
        sb.append("--").append(boundary).append("\r\n")
                .append("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                .append("<html><body>\r\n");
        int end = sb.length() + Math.max(40, budget * 3 / 5);
        while (sb.length() < end) {
            sb.append("<p>");
            line(sb, rnd);
            sb.append("</p>\r\n");
        }
        sb.append("</body></html>\r\n--").append(boundary).append("--\r\n");
    }

    private static void attachment(StringBuilder sb, Random rnd, int size) {
        String[] a = ATTACHMENTS[rnd.nextInt(ATTACHMENTS.length)];
        String name = a[2] + "-" + rnd.nextInt(1000) + "." + a[3];
        String display = rnd.nextInt(3) == 0 ? encodedWord("\u00fcbersicht " + name, rnd) : name;
        sb.append("Content-Type: ").append(a[0]).append('/').append(a[1]).append("; name=\"").append(display)
                .append("\"\r\n")
                .append("Content-Disposition: attachment; filename=\"").append(display).append("\"\r\n")
                .append("Content-Transfer-Encoding: base64\r\n\r\n");
        byte[] raw = new byte[Math.max(1, size * 3 / 4 - 100)];
        rnd.nextBytes(raw);
        String b64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(raw);
        sb.append(b64).append("\r\n");
    }

    private static void text(StringBuilder sb, Random rnd, int size) {
        int end = sb.length() + Math.max(20, size);
        while (sb.length() < end) {
            line(sb, rnd);
            sb.append("\r\n");
            if (rnd.nextInt(8) == 0) {
                sb.append("\r\n");
            }
        }
    }

    private static void line(StringBuilder sb, Random rnd) {
        int start = sb.length();
        while (sb.length() - start < 60 + rnd.nextInt(12)) {
            boolean special = rnd.nextInt(12) == 0;
            sb.append(special ? WORDS[rnd.nextInt(WORDS.length)] : ASCII_WORDS[rnd.nextInt(ASCII_WORDS.length)])
                    .append(' ');
        }
        sb.setLength(sb.length() - 1);
    }
}
