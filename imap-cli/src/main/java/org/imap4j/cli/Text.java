package org.imap4j.cli;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imap4j.client.EncodedWords;
import org.imap4j.client.Envelopes;
import org.imap4j.codec.ServerText;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.fetch.Address;

/**
 * Formatting for people and for scripts: tables, dates, addresses, flags, JSON strings (RFC 2047 words are decoded by
 * imap-client's {@link EncodedWords}).
 */
final class Text {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Text() {
    }

    /**
     * Server text (a mailbox name, a subject, an address, a response text) made safe for one line of a terminal:
     * CR, LF, ESC and every other control character escaped ({@link ServerText#escape(CharSequence)}).
     */
    static String safe(String s) {
        return s == null ? "" : ServerText.escape(s);
    }

    /**
     * A message body made safe for a terminal: its line ends (CR LF or LF) and tabs stay, every other control
     * character (ESC, a lone CR, NUL, C1 controls) is escaped.
     */
    static String safeBody(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        String[] lines = s.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            String[] cells = lines[i].split("\t", -1);
            for (int j = 0; j < cells.length; j++) {
                if (j > 0) {
                    sb.append('\t');
                }
                sb.append(ServerText.escape(cells[j]));
            }
        }
        return sb.toString();
    }

    static String date(OffsetDateTime d) {
        return d == null ? "" : DATE.format(d);
    }

    static String flags(List<Flag> flags) {
        StringBuilder sb = new StringBuilder();
        for (Flag f : flags) {
            if (f.equals(Flag.RECENT)) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(f.value());
        }
        return sb.toString();
    }

    /** @return the first address as {@code Name <local@host>}, or just the address, or "" */
    static String address(List<Address> list) {
        for (Address a : list) {
            if (a instanceof Address.Mailbox) {
                return Envelopes.format((Address.Mailbox) a);
            }
            if (a instanceof Address.Group) {
                return EncodedWords.decode(((Address.Group) a).name()) + ":";
            }
        }
        return "";
    }

    static String addresses(List<Address> list) {
        List<String> parts = new ArrayList<>();
        for (Address a : list) {
            parts.add(address(List.of(a)));
        }
        return String.join(", ", parts);
    }

    static String cut(String s, int width) {
        if (s.length() <= width) {
            return s;
        }
        return s.substring(0, Math.max(0, width - 1)) + "…";
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }

    static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    /** A table with a header row; columns are as wide as their widest cell (a cell is never cut here). */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();
        private final boolean[] rightAligned;

        Table(String... header) {
            rows.add(header);
            rightAligned = new boolean[header.length];
        }

        Table right(int... columns) {
            for (int c : columns) {
                rightAligned[c] = true;
            }
            return this;
        }

        /** Adds a row; every cell is shown escaped ({@link Text#safe(String)}), so server text cannot break it. */
        void add(String... cells) {
            String[] shown = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                shown[i] = safe(cells[i]);
            }
            rows.add(shown);
        }

        int size() {
            return rows.size() - 1;
        }

        String render(String indent) {
            int[] w = new int[rows.get(0).length];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    w[i] = Math.max(w[i], r[i].length());
                }
            }
            StringBuilder sb = new StringBuilder();
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder(indent);
                for (int i = 0; i < r.length; i++) {
                    String cell = r[i];
                    String pad = " ".repeat(w[i] - cell.length());
                    line.append(rightAligned[i] ? pad + cell : i == r.length - 1 ? cell : cell + pad);
                    if (i < r.length - 1) {
                        line.append("  ");
                    }
                }
                sb.append(line.toString().stripTrailing()).append('\n');
            }
            return sb.toString();
        }
    }
}
