package org.imap4j.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsed command line: positional words in order, {@code --name value} / {@code --name=value} options and
 * {@code --switch} flags. Options may appear anywhere; {@code --} ends them. Unknown options are a usage error, so a
 * typo never silently changes what a command does.
 */
final class Args {
    /** Options that take a value. */
    static final Set<String> VALUED = Set.of("--password-file", "--trust-cert", "--auth", "--format", "--limit",
            "--flags", "--stop-after", "--events", "--user", "--special-use");
    /** Options that are switches. */
    static final Set<String> SWITCHES = Set.of("--starttls", "--insecure-plaintext", "--trace", "--json", "--help",
            "--nio", "--quiet", "--no-progress", "--version", "--yes");

    private final List<String> positionals;
    private final Map<String, String> values;
    private final Set<String> switches;

    private Args(List<String> positionals, Map<String, String> values, Set<String> switches) {
        this.positionals = positionals;
        this.values = values;
        this.switches = switches;
    }

    static Args parse(String[] argv) {
        List<String> pos = new ArrayList<>();
        Map<String, String> vals = new HashMap<>();
        Set<String> sw = new HashSet<>();
        boolean optionsEnded = false;
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (optionsEnded || !a.startsWith("--") || a.length() == 2) {
                if (a.equals("--") && !optionsEnded) {
                    optionsEnded = true;
                } else {
                    pos.add(a);
                }
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (name.equals("--password")) {
                throw new UsageException("passwords are never taken from the command line: set IMAP4J_PASSWORD, use "
                        + "--password-file FILE, or type it at the prompt");
            }
            if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = argv[++i];
                }
                vals.put(name, value);
            } else if (SWITCHES.contains(name) && value == null) {
                sw.add(name);
            } else {
                throw new UsageException("unknown option " + a + " (imap4j --help lists them)");
            }
        }
        return new Args(pos, vals, sw);
    }

    List<String> positionals() {
        return positionals;
    }

    boolean has(String option) {
        return switches.contains(option) || values.containsKey(option);
    }

    String value(String option) {
        return values.get(option);
    }

    long number(String option, long otherwise) {
        String v = values.get(option);
        if (v == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, not \"" + v + "\"");
        }
    }
}
