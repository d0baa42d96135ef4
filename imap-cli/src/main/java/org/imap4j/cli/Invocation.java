package org.imap4j.cli;

import java.util.List;
import picocli.CommandLine.ParseResult;

/**
 * A parsed command line: the command (null when none was named: the demo), its positional arguments in order, and
 * the options given to it or before it (a later one wins).
 */
final class Invocation {
    private final String command;
    private final List<String> positionals;
    /** The root's parse result first, then the command's. */
    private final List<ParseResult> levels;

    Invocation(String command, List<String> positionals, List<ParseResult> levels) {
        this.command = command;
        this.positionals = List.copyOf(positionals);
        this.levels = List.copyOf(levels);
    }

    String command() {
        return command;
    }

    List<String> positionals() {
        return positionals;
    }

    boolean helpRequested() {
        for (ParseResult l : levels) {
            if (l.isUsageHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    boolean versionRequested() {
        for (ParseResult l : levels) {
            if (l.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    /** @return the options given before the command (or with no command), as {@code --name} or {@code --name LABEL} */
    List<String> optionsBeforeCommand() {
        List<String> names = new java.util.ArrayList<>();
        for (picocli.CommandLine.Model.OptionSpec o : levels.get(0).matchedOptions()) {
            names.add(o.longestName() + (o.arity().max() > 0 ? " " + o.paramLabel() : ""));
        }
        return names;
    }

    boolean has(String option) {
        for (ParseResult l : levels) {
            if (l.hasMatchedOption(option)) {
                return true;
            }
        }
        return false;
    }

    String value(String option) {
        String v = null;
        for (ParseResult l : levels) {
            if (l.hasMatchedOption(option)) {
                List<String> given = l.matchedOption(option).stringValues();
                v = given.isEmpty() ? null : given.get(given.size() - 1);
            }
        }
        return v;
    }

    long number(String option, long otherwise) {
        String v = value(option);
        if (v == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, not \"" + v + "\"", command == null ? null
                    : "imap4j help " + command);
        }
    }
}
