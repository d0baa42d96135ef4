package org.imap4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code imap4j} command line as one picocli model: every command, its arguments and its options. Parsing, the
 * help pages ({@code imap4j --help}, {@code imap4j help COMMAND}, {@code imap4j COMMAND --help}), {@code --version} and
 * the completion scripts all come from it. Start-up stays fast: the model is built with picocli's programmatic API (no
 * annotations to scan), picocli's reflective converters for {@code java.sql} and {@code java.time} types are left out,
 * and a command line is parsed by a model holding only the commands it names.
 *
 * <p>Options are declared once ({@link Opt}) and shared: every command that talks to a server takes the same
 * connection options and {@code --json}; the few options that belong to one command are declared on that command only,
 * so a typo or a misplaced option is an error instead of being ignored. The connection options may also come before
 * the command ({@code imap4j --trace list URL}).
 */
final class CommandModel {
    static final String URL_SHAPE = "imap[s]://USER@HOST[:PORT][/MAILBOX]";
    /** The width of the help pages. */
    private static final int WIDTH = 100;

    /** The exit codes, as every help page lists them. */
    static final Map<String, String> EXIT_CODES = exitCodes();

    private static Map<String, String> exitCodes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("0", "ok");
        m.put("1", "the server said NO or BAD, or lacks a needed extension");
        m.put("2", "usage: the command line was wrong");
        m.put("3", "the connection or TLS failed");
        m.put("4", "authentication failed, or a password would have been sent without TLS");
        m.put("5", "UIDs named that do not exist (nothing was changed)");
        m.put("6", "import skipped messages (each named on stderr; the others were imported)");
        return Collections.unmodifiableMap(m);
    }

    /** One option: its names, its value label (null for a switch), what it does, and what completes its value. */
    record Opt(List<String> names, String label, String description, List<String> candidates, boolean file,
               boolean number) {
        static Opt flag(String name, String description) {
            return new Opt(List.of(name), null, description, List.of(), false, false);
        }

        static Opt valued(String name, String label, String description) {
            return new Opt(List.of(name), label, description, List.of(), false, false);
        }

        Opt completing(String... values) {
            return new Opt(names, label, description, List.of(values), file, number);
        }

        Opt aFile() {
            return new Opt(names, label, description, candidates, true, number);
        }

        Opt aNumber() {
            return new Opt(names, label, description, candidates, file, true);
        }

        String name() {
            return names.get(names.size() - 1);
        }
    }

    static final Opt USER = Opt.valued("--user", "USER", "the user name, when the URL has none");
    static final Opt PASSWORD_FILE = Opt.valued("--password-file", "FILE",
            "read the password from FILE (else IMAP4J_PASSWORD, else a prompt)").aFile();
    static final Opt AUTH = Opt.valued("--auth", "MECHANISM", "password (the best SASL mechanism, the default), "
            + "login, or xoauth2 | oauthbearer with the token in IMAP4J_OAUTH_TOKEN")
            .completing("password", "login", "xoauth2", "oauthbearer");
    static final Opt TRUST_CERT = Opt.valued("--trust-cert", "FILE.pem",
            "trust the certificates in this PEM file (a self-signed or private CA)").aFile();
    static final Opt STARTTLS = Opt.flag("--starttls", "upgrade an imap:// connection to TLS with STARTTLS");
    static final Opt INSECURE_PLAINTEXT = Opt.flag("--insecure-plaintext",
            "allow passwords without TLS (only on a trusted network)");
    static final Opt NIO = Opt.flag("--nio", "use the NIO transport instead of the blocking one");
    static final Opt TRACE = Opt.flag("--trace", "print the protocol on stderr, secrets redacted");
    static final Opt JSON = Opt.flag("--json", "print JSON instead of text (idle: one object per line)");
    static final Opt NO_PROGRESS = Opt.flag("--no-progress", "show no progress on stderr");
    static final Opt YES = Opt.flag("--yes", "do not ask for confirmation");
    static final Opt FORMAT = Opt.valued("--format", "FORMAT",
            "mbox or maildir (default: maildir for a directory, else mbox)").completing("mbox", "maildir");
    static final Opt STOP_AFTER = Opt.valued("--stop-after", "N",
            "stop after N messages (a later run goes on from there)").aNumber();
    static final Opt FLAGS = Opt.valued("--flags", "FLAGS", "flags for the new messages, e.g. \"\\Seen \\Flagged\"");
    static final Opt EVENTS = Opt.valued("--events", "N", "stop after N events (default: until Ctrl-C)").aNumber();
    static final Opt LIVENESS = Opt.valued("--liveness", "DURATION",
            "idle: notice a dead link within this (e.g. 20s, 2m; default 2m); the session reconnects and resyncs");
    static final Opt BUNDLE = Opt.valued("--bundle", "FILE",
            "also write the report and the redacted protocol transcript to FILE (for a bug report)").aFile();
    static final Opt IDLE_WAIT = Opt.valued("--idle-wait", "DURATION",
            "stay in IDLE this long (default 3s, at most 8m) to time the server's keep-alive lines");
    static final Opt OUT = Opt.valued("--out", "FILE", "where the capture is written (required)");
    static final Opt BODIES = Opt.flag("--bodies", "capture whole messages (BODY.PEEK[]) instead of the envelope items");
    static final Opt REDACT = Opt.flag("--redact", "mask the contents of literals (letters x, digits 0; sizes kept)");
    static final Opt SPECIAL_USE = Opt.valued("--special-use", "USE",
            "create it with this special use (RFC 6154 CREATE-SPECIAL-USE)")
            .completing("all", "archive", "drafts", "flagged", "junk", "sent", "trash");

    /** What every command that talks to a server takes, and what may come before the command. */
    static final List<Opt> CONNECTION = List.of(USER, PASSWORD_FILE, AUTH, TRUST_CERT, STARTTLS, INSECURE_PLAINTEXT,
            NIO, TRACE, JSON);

    /** One positional argument: its label, its arity, what it is, and what completes it. */
    record Arg(String label, String arity, String description, List<String> candidates, boolean file) {
        static Arg of(String label, String arity, String description) {
            return new Arg(label, arity, description, List.of(), false);
        }

        Arg aFile() {
            return new Arg(label, arity, description, candidates, true);
        }

        Arg completing(String... values) {
            return new Arg(label, arity, description, List.of(values), file);
        }

        /** The argument as the synopsis shows it: {@code URL}, {@code [UIDS]}, {@code FILE...}. */
        String shown() {
            String s = label + (arity.endsWith("*") ? "..." : "");
            return arity.startsWith("0") ? "[" + s + "]" : s;
        }
    }

    /** One command: name, arguments, a one-line summary, more lines for its help page, its own options. */
    record Cmd(String name, List<Arg> args, String summary, List<String> more, List<Opt> options,
               boolean connects) {
        /** The arguments as the synopsis shows them. */
        String argsShown() {
            StringBuilder sb = new StringBuilder();
            for (Arg a : args) {
                sb.append(sb.length() == 0 ? "" : " ").append(a.shown());
            }
            return sb.toString();
        }
    }

    private static final Arg URL = Arg.of("URL", "1", URL_SHAPE + "; the mailbox defaults to INBOX");
    private static final Arg MAILBOX_URL = Arg.of("URL", "1", URL_SHAPE.replace("[/MAILBOX]", "/MAILBOX")
            + ": the mailbox");
    private static final Arg UIDS = Arg.of("UIDS", "1", "a UID set, e.g. 7, 3:9, 1,4,10:*");

    /** The commands, in the order of the help page. */
    static final List<Cmd> COMMANDS = List.of(
            local("demo", List.of(), "embedded GreenMail server, the classic workflow step by step",
                    List.of("(also what `imap4j` with no arguments does)"), List.of(TRACE)),
            server("capabilities", List.of(URL), "the server's capabilities, one a line"),
            server("probe", List.of(URL), "advertised vs verified capabilities, server profile, limits, latency",
                    List.of("logs in when the URL or --user names a user; only EXAMINEs, changes nothing"),
                    List.of(BUNDLE, IDLE_WAIT)),
            server("list", List.of(URL), "mailboxes with special use, message and unseen counts"),
            server("status", List.of(URL), "the URL's mailbox: messages, recent, unseen, UIDNEXT, UIDVALIDITY"),
            server("search", List.of(URL, Arg.of("QUERY", "0..*", "terms: unseen, seen, flagged, from:X, to:X, "
                    + "subject:X, body:X, text:X, since:YYYY-MM-DD, before:..., larger:100k, header:NAME:VALUE, "
                    + "uid:SET; or A B, not A, ( ... ); none: all")),
                    "matching UIDs, e.g. unseen from:smith since:2024-03-01"),
            server("fetch", List.of(URL, Arg.of("UIDS", "0..1", "a UID set (default: all)")),
                    "table of UID, date, from, subject, size, flags (--json)", List.of(), List.of(NO_PROGRESS)),
            server("show", List.of(URL, Arg.of("UID", "1", "one UID")), "headers and the text part of one message"),
            server("flags", List.of(URL, Arg.of("get|add|remove|set", "1", "show, add, remove or replace flags")
                            .completing("get", "add", "remove", "set"), UIDS,
                    Arg.of("FLAG", "0..*", "seen, flagged, answered, deleted, draft, or a keyword")),
                    "show or change the flags of messages"),
            server("delete", List.of(URL, UIDS), "mark \\Deleted (expunge removes them)"),
            server("expunge", List.of(URL, Arg.of("UIDS", "0..1", "only these (UID EXPUNGE; default: all)")),
                    "remove messages marked \\Deleted"),
            server("copy", List.of(URL, UIDS, Arg.of("MAILBOX", "1", "the mailbox to copy to")), "copy messages"),
            server("move", List.of(URL, UIDS, Arg.of("MAILBOX", "1", "the mailbox to move to")),
                    "move messages (MOVE, or COPY + delete + UID EXPUNGE)"),
            server("append", List.of(URL, Arg.of("FILE", "1..*", "a message file (RFC 5322)").aFile()),
                    "add messages from files (--flags \"\\Seen ...\")", List.of(), List.of(FLAGS)),
            server("idle", List.of(URL), "print changes as they arrive until Ctrl-C (--events N: stop after N)",
                    List.of(), List.of(EVENTS, LIVENESS)),
            server("export", List.of(URL, Arg.of("DEST", "1", "an mbox file or a Maildir directory").aFile()),
                    "mailbox to mbox file or Maildir directory (--format mbox|maildir)",
                    List.of("a second run fetches only what is new"), List.of(FORMAT, STOP_AFTER, NO_PROGRESS)),
            server("import", List.of(URL, Arg.of("SOURCE", "1", "an mbox file or a Maildir directory").aFile()),
                    "mbox file or Maildir into the URL's mailbox (created if missing)",
                    List.of("a re-run skips the messages already there"), List.of(NO_PROGRESS)),
            server("capture", List.of(URL, Arg.of("UIDS", "0..1", "a UID set (default: all)")),
                    "record the server's FETCH responses byte for byte for the parser benchmark (--out FILE)",
                    List.of("the envelope items by default (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE);"
                            + " only what the server sent is recorded, never the client's bytes"),
                    List.of(OUT, BODIES, REDACT)),
            server("create", List.of(MAILBOX_URL), "create the URL's mailbox (--special-use archive|drafts|...)",
                    List.of(), List.of(SPECIAL_USE)),
            server("delete-mailbox", List.of(MAILBOX_URL),
                    "delete the URL's mailbox and its messages (asks; --yes to skip)", List.of(), List.of(YES)),
            server("rename", List.of(MAILBOX_URL, Arg.of("NEW-NAME", "1", "the mailbox's new name")),
                    "rename the URL's mailbox"),
            server("subscribe", List.of(MAILBOX_URL), "subscribe to the URL's mailbox"),
            server("unsubscribe", List.of(MAILBOX_URL), "unsubscribe from the URL's mailbox"),
            local("completion", List.of(Arg.of("bash|zsh", "1", "the shell").completing("bash", "zsh")),
                    "a shell completion script: source <(imap4j completion bash)", List.of(), List.of()),
            local("help", List.of(Arg.of("COMMAND", "0..1", "a command")), "this text, or one command's",
                    List.of(), List.of()));

    private static Cmd server(String name, List<Arg> args, String summary) {
        return server(name, args, summary, List.of(), List.of());
    }

    private static Cmd server(String name, List<Arg> args, String summary, List<String> more, List<Opt> own) {
        List<Opt> all = new ArrayList<>(CONNECTION);
        all.addAll(own);
        return new Cmd(name, args, summary, more, List.copyOf(all), true);
    }

    private static Cmd local(String name, List<Arg> args, String summary, List<String> more, List<Opt> own) {
        return new Cmd(name, args, summary, more, own, false);
    }

    static final String PASSWORD_LINE = "password: IMAP4J_PASSWORD, --password-file, or a prompt; never the command "
            + "line; OAuth2 token: IMAP4J_OAUTH_TOKEN";

    private CommandModel() {
    }

    /** Commands whose help pages are shown together (the synopsis names both). */
    private static List<String> siblings(String name) {
        return name.equals("subscribe") || name.equals("unsubscribe") ? List.of("subscribe", "unsubscribe")
                : List.of(name);
    }

    /** @return the whole model: {@code imap4j} with all its commands */
    static CommandLine build() {
        return build(null);
    }

    /**
     * The model for one command line: {@code imap4j}, its options, and the commands whose names occur in
     * {@code argv} (all of them for null). Parsing needs no more: a word is only ever taken as a command when it is the
     * name of one, so leaving out the commands not named changes no parse, and it saves start-up time. The help
     * pages and the completion script use the whole model.
     *
     * @param argv the command line, or null for every command
     * @return the model
     */
    static CommandLine build(String[] argv) {
        // picocli registers converters for java.sql and java.time types by reflection; no option here has such a type
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.(sql|time)\\..*");
        }
        List<String> named = argv == null ? null : List.of(argv);
        CommandSpec root = CommandSpec.create().name("imap4j").version("imap4j " + Main.version());
        root.interpolateVariables(false);
        root.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("this text").build());
        root.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("the version of imap4j").build());
        for (Opt o : CONNECTION) {
            root.addOption(option(o));
        }
        UsageMessageSpec u = root.usageMessage().width(WIDTH);
        u.synopsisHeading("usage: ").customSynopsis(escape("imap4j COMMAND URL [ARGS] [OPTIONS]        URL: "
                + URL_SHAPE), "       imap4j              (the demo)")
                .commandListHeading("%ncommands:%n")
                .optionListHeading("%noptions (the connection options may come before the command; "
                        + "imap4j help COMMAND shows each command's):%n")
                .footerHeading("%n").footer(escape(PASSWORD_LINE))
                .exitCodeListHeading("%nexit codes:%n").exitCodeList(EXIT_CODES);
        // the command list shows each command with its arguments, in the order above
        u.sectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandList());
        u.sectionKeys(List.of(UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING, UsageMessageSpec.SECTION_KEY_SYNOPSIS,
                UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
                UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING, UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST,
                UsageMessageSpec.SECTION_KEY_FOOTER_HEADING, UsageMessageSpec.SECTION_KEY_FOOTER));
        for (Cmd c : COMMANDS) {
            if (named == null || named.contains(c.name()) || named.contains("completion")) {
                root.addSubcommand(c.name(), command(c));
            }
        }
        CommandLine cl = new CommandLine(root);
        cl.setOverwrittenOptionsAllowed(true);
        // an argument such as a mailbox "@Work" is that argument, never a file of arguments to read
        cl.setExpandAtFiles(false);
        return cl;
    }

    // named classes rather than lambdas: no invokedynamic bootstrap on the way to the first parse

    /** The value of a numeric option, or the usage error that names the option. */
    private static final class NumberOf implements CommandLine.ITypeConverter<Long> {
        private final String option;

        NumberOf(String option) {
            this.option = option;
        }

        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new UsageException(option + " needs a number, not \"" + value + "\"");
            }
        }
    }

    /** The root help page's command list. */
    private static final class CommandList implements CommandLine.IHelpSectionRenderer {
        @Override
        public String render(Help help) {
            return commandList();
        }
    }

    private static CommandSpec command(Cmd c) {
        CommandSpec spec = CommandSpec.create().name(c.name());
        spec.interpolateVariables(false);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("this text").build());
        for (Opt o : c.options()) {
            spec.addOption(option(o));
        }
        int index = 0;
        for (Arg a : c.args()) {
            PositionalParamSpec.Builder b = PositionalParamSpec.builder()
                    .index(a.arity().endsWith("*") ? index + "..*" : String.valueOf(index))
                    .arity(a.arity()).required(!a.arity().startsWith("0")).paramLabel(a.label())
                    .description(escape(a.description())).type(a.file() ? Path.class : String.class);
            if (a.arity().endsWith("*")) {
                b.type(List.class).auxiliaryTypes(a.file() ? Path.class : String.class);
            }
            if (!a.candidates().isEmpty()) {
                b.completionCandidates(a.candidates());
            } else if (c.name().equals("help")) {
                List<String> names = new ArrayList<>();
                for (Cmd x : COMMANDS) {
                    names.add(x.name());
                }
                b.completionCandidates(names);
            }
            spec.addPositional(b.build());
            index++;
        }
        List<String> synopsis = new ArrayList<>();
        for (String name : siblings(c.name())) {
            Cmd s = find(name);
            synopsis.add((synopsis.isEmpty() ? "" : "       ") + escape("imap4j " + name
                    + (s.argsShown().isEmpty() ? "" : " " + s.argsShown()) + " [OPTIONS]"));
        }
        List<String> description = new ArrayList<>();
        description.add(escape(c.summary()));
        for (String m : c.more()) {
            description.add(escape(m));
        }
        spec.usageMessage().width(WIDTH).synopsisHeading("usage: ").customSynopsis(synopsis.toArray(new String[0]))
                .description(description.toArray(new String[0]))
                .parameterListHeading("%narguments:%n").optionListHeading("%noptions:%n")
                .footerHeading("%n").footer(c.connects() ? new String[] {escape(PASSWORD_LINE)} : new String[0])
                .exitCodeListHeading("%nexit codes:%n").exitCodeList(EXIT_CODES);
        return spec;
    }

    private static OptionSpec option(Opt o) {
        OptionSpec.Builder b = OptionSpec.builder(o.names().toArray(new String[0])).description(escape(
                o.description()));
        if (o.label() == null) {
            b.arity("0").type(boolean.class);
        } else {
            // picocli names the completion script's candidate arrays after the label: one label per option
            b.arity("1").paramLabel(o.label()).type(o.file() ? Path.class : String.class);
            if (o.number()) {
                b.type(long.class).converters(new NumberOf(o.name()));
            }
            if (!o.candidates().isEmpty()) {
                b.completionCandidates(o.candidates());
            }
        }
        return b.build();
    }

    static Cmd find(String name) {
        for (Cmd c : COMMANDS) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The root page's list: each command with its arguments, then its summary. */
    private static String commandList() {
        StringBuilder sb = new StringBuilder();
        for (Cmd c : COMMANDS) {
            String left = "  " + c.name() + (c.argsShown().isEmpty() ? "" : " " + c.argsShown());
            if (left.length() > 31) {
                sb.append(left).append('\n').append(" ".repeat(32));
            } else {
                sb.append(left).append(" ".repeat(32 - left.length()));
            }
            sb.append(c.summary()).append('\n');
            for (String m : c.more()) {
                sb.append(" ".repeat(32)).append(m).append('\n');
            }
        }
        return sb.toString();
    }

    /** Text that picocli formats with {@code String.format}: a percent sign stays a percent sign. */
    private static String escape(String s) {
        return s.replace("%", "%%");
    }

    /** The help page of one command, or of {@code imap4j} for null, from the whole model. */
    static String help(String command) {
        CommandLine root = build();
        CommandLine cl = command == null ? root : root.getSubcommands().get(command);
        if (cl == null) {
            throw new UsageException("no command \"" + command + "\"", "imap4j --help");
        }
        return cl.getUsageMessage(Help.Ansi.OFF);
    }

    /**
     * Parses a command line.
     *
     * @throws UsageException naming the problem and the help page that shows the right usage
     */
    static Invocation parse(CommandLine root, String[] argv) {
        ParseResult pr;
        try {
            pr = root.parseArgs(argv);
        } catch (CommandLine.ParameterException e) {
            throw usageError(e);
        }
        List<ParseResult> levels = new ArrayList<>();
        levels.add(pr);
        String command = null;
        List<String> positionals = new ArrayList<>();
        if (pr.hasSubcommand()) {
            ParseResult sub = pr.subcommand();
            levels.add(sub);
            command = sub.commandSpec().name();
            for (PositionalParamSpec p : sub.commandSpec().positionalParameters()) {
                positionals.addAll(p.originalStringValues());
            }
        }
        return new Invocation(command, positionals, levels);
    }

    private static UsageException usageError(CommandLine.ParameterException e) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        String command = spec.parent() == null ? null : spec.name();
        String at = command == null ? "" : " for " + command;
        String message;
        if (e.getCause() instanceof UsageException bad) {
            message = bad.getMessage();
        } else if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            if (command == null && !first.startsWith("-")) {
                message = "unknown command \"" + first + "\"";
            } else if (first.startsWith("-")) {
                // the name only: a mistyped --password=... never shows its value
                int eq = first.indexOf('=');
                message = "unknown option " + (eq > 0 ? first.substring(0, eq) : first) + at;
            } else {
                String takes = find(command).argsShown();
                message = command + " takes " + (takes.isEmpty() ? "no arguments" : takes) + "; \"" + first
                        + "\" is one too many";
            }
        } else if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
            ArgSpec missing = m.getMissing().get(0);
            if (missing instanceof OptionSpec o) {
                message = o.longestName() + " needs a value (" + o.paramLabel() + ")";
            } else if (missing.paramLabel().equals("URL")) {
                message = command + " needs a server URL, e.g. imaps://alice@imap.example.org/INBOX (imap4j demo "
                        + "runs an embedded server)";
            } else {
                List<String> labels = new ArrayList<>();
                for (ArgSpec a : m.getMissing()) {
                    labels.add(a.paramLabel());
                }
                message = command + " needs " + String.join(" ", labels) + ": imap4j " + command + " "
                        + find(command).argsShown();
            }
        } else {
            message = e.getMessage();
        }
        return new UsageException(message, command == null ? "imap4j --help" : "imap4j help " + command);
    }
}
