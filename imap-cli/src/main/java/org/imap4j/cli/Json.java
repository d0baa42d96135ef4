package org.imap4j.cli;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The {@code --json} output: one JSON document per command (or one object per line for a stream such as
 * {@code idle}). Values are strings (escaped by {@link Text#json}), numbers, booleans, null, lists and maps in the
 * order they were put; field names are the ones the README documents.
 */
final class Json {
    private Json() {
    }

    /** @return an ordered object from key/value pairs: {@code obj("uid", 7, "flags", List.of())} */
    static Map<String, Object> obj(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static Object of(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }

    static String write(Object v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb);
        return sb.toString();
    }

    private static void write(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            sb.append(Text.json(s));
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof OptionalLong o) {
            write(of(o), sb);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                sb.append(Text.json(String.valueOf(e.getKey()))).append(':');
                write(e.getValue(), sb);
                if (it.hasNext()) {
                    sb.append(',');
                }
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(l.get(i), sb);
            }
            sb.append(']');
        } else {
            sb.append(Text.json(v.toString()));
        }
    }
}
