package org.imap4j.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.imap4j.client.ImapCapabilityException;
import org.imap4j.client.ImapClient;
import org.imap4j.client.MailboxListener;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.SequenceSet;
import picocli.CommandLine;

/**
 * The {@code imap4j} command: IMAP from the shell. {@code imap4j COMMAND URL [ARGS] [OPTIONS]}; with no arguments,
 * {@code imap4j demo}.
 *
 * <pre>{@code
 * IMAP4J_PASSWORD=... imap4j fetch imaps://alice@imap.example.org/INBOX 1:50
 * }</pre>
 *
 * <p>Exit codes: 0 done, 1 the server said NO or BAD (or lacks a needed extension), 2 the command line was wrong,
 * 3 the connection or TLS failed, 4 authentication failed, 5 some of the UIDs named do not exist (nothing was changed),
 * 6 an import skipped messages (each named on stderr; the others were imported).
 */
public final class Main {
    static final int OK = 0;
    static final int SERVER_REFUSED = 1;
    static final int USAGE = 2;
    static final int CONNECTION = 3;
    static final int AUTHENTICATION = 4;
    static final int NOT_FOUND = 5;
    static final int SKIPPED = 6;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    /** Held so that its level stays set (java.util.logging keeps loggers only weakly). */
    private static final java.util.logging.Logger LIBRARY_LOG = java.util.logging.Logger.getLogger("org.imap4j");

    Main(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /**
     * Runs the command and exits with its code.
     *
     * @param argv the command line
     */
    public static void main(String[] argv) {
        // the command reports failures itself, in its own words, and --trace shows the protocol: the library's log
        // lines (java.util.logging's console prints INFO and above) would only repeat them on stderr
        LIBRARY_LOG.setLevel(java.util.logging.Level.OFF);
        int code = new Main(System.out, System.err, System.getenv()).run(argv);
        System.out.flush();
        System.exit(code);
    }

    int run(String[] argv) {
        try {
            refusePasswordOption(argv);
            CommandLine model = CommandModel.build(argv);
            Invocation args = CommandModel.parse(model, argv);
            if (args.versionRequested()) {
                out.println(model.getCommandSpec().version()[0]);
                return OK;
            }
            if (args.helpRequested()) {
                out.print(CommandModel.help(args.command()));
                return OK;
            }
            String command = args.command();
            List<String> pos = args.positionals();
            if (command == null) {
                // only the demo's own option means something without a command; the others would be ignored
                for (String o : args.optionsBeforeCommand()) {
                    if (!o.equals("--trace")) {
                        throw new UsageException(o.split(" ")[0] + " needs a command, e.g. imap4j list URL " + o,
                                "imap4j --help");
                    }
                }
            }
            if (command == null || command.equals("demo")) {
                new Demo(out).run(args.has("--trace") ? Connector.trace(err) : null);
                return OK;
            }
            if (command.equals("completion")) {
                out.print(Completion.script(model, pos.get(0)));
                return OK;
            }
            if (command.equals("help")) {
                out.print(CommandModel.help(pos.isEmpty() ? null : pos.get(0)));
                return OK;
            }
            dispatch(command, args, pos);
            return OK;
        } catch (UsageException e) {
            err.println("imap4j: " + Text.safe(e.getMessage()));
            if (e.help() != null) {
                err.println("  see: " + e.help());
            }
            return USAGE;
        } catch (CliFailure e) {
            err.println("imap4j: " + e.getMessage());
            return e.exitCode();
        } catch (SkippedMessagesException e) {
            err.println("imap4j: " + e.getMessage());
            return SKIPPED;
        } catch (MissingMessagesException e) {
            err.println("imap4j: " + e.getMessage());
            return NOT_FOUND;
        } catch (ImapAuthenticationException e) {
            err.println("imap4j: authentication failed: " + Text.safe(e.getMessage()));
            return AUTHENTICATION;
        } catch (ImapCommandException | ImapCapabilityException e) {
            err.println("imap4j: the server refused: " + Text.safe(e.getMessage()));
            return SERVER_REFUSED;
        } catch (ImapConnectionException | ImapProtocolException e) {
            err.println("imap4j: connection failed: " + Text.safe(e.getMessage()));
            return CONNECTION;
        } catch (IllegalArgumentException e) {
            err.println("imap4j: " + Text.safe(e.getMessage()));
            return USAGE;
        } catch (java.io.UncheckedIOException e) {
            err.println("imap4j: " + Text.safe(e.getMessage()));
            return SERVER_REFUSED;
        }
    }

    /**
     * Passwords are never taken from the command line (other users see it, shells keep it): {@code --password} is
     * refused with what to do instead, before anything else is looked at.
     */
    private static void refusePasswordOption(String[] argv) {
        for (String a : argv) {
            if (a.equals("--")) {
                return;
            }
            if (a.equals("--password") || a.startsWith("--password=")) {
                throw new UsageException("passwords are never taken from the command line: set IMAP4J_PASSWORD, use "
                        + "--password-file FILE, or type it at the prompt");
            }
        }
    }

    /** The version from the jar's manifest ({@code Implementation-Version}), or "development" outside a jar. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    /** {@code idle}, supervised: reconnects and resynchronises across lost connections, printing each change once. */
    private void watch(Target target, Invocation args, Connector connector, String mailbox) {
        String user = connector.user(target);
        if (user == null) {
            throw new UsageException("no user: put it in the URL (imap://USER@host/...) or pass --user USER");
        }
        org.imap4j.codec.core.Secret secret = connector.credential(user);
        java.time.Duration liveness = args.value("--liveness") == null ? java.time.Duration.ofMinutes(2)
                : duration(args.value("--liveness"));
        org.imap4j.client.ImapClientConfig config = connector.configure(target, MailboxListener.NONE, null, true)
                .liveness(liveness)
                // a command (not only IDLE) caught by a dead link is noticed within the same bound
                .readTimeout(liveness.compareTo(java.time.Duration.ofSeconds(60)) < 0 ? liveness
                        : java.time.Duration.ofSeconds(60)).build();
        org.imap4j.client.MailboxWatch.Builder b = org.imap4j.client.MailboxWatch.builder(config,
                c -> connector.authenticate(c, user, secret)).mailbox(mailbox)
                .policy(org.imap4j.session.ReconnectPolicy.defaults().withDelays(java.time.Duration.ofMillis(500),
                        java.time.Duration.ofSeconds(30)));
        new IdleCommand(out, args.has("--json")).runWatch(b, mailbox, args.number("--events", 0));
    }

    /**
     * @param text {@code 20s}, {@code 2m}, {@code 1h}, {@code 500ms}
     * @return the duration
     */
    static java.time.Duration duration(String text) {
        java.time.Duration d = duration("--liveness", text);
        if (d.toMillis() < 100) {
            throw new UsageException("--liveness must be at least 100ms");
        }
        return d;
    }

    /**
     * @param option the option the text is the value of, for the message
     * @param text   {@code 20s}, {@code 2m}, {@code 1h}, {@code 500ms}, {@code 0s}
     * @return the duration
     */
    static java.time.Duration duration(String option, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h)").matcher(text.trim());
        if (!m.matches()) {
            throw new UsageException(option + " takes a duration such as 20s, 2m or 500ms, not \"" + Text.safe(text)
                    + "\"");
        }
        long n = Long.parseLong(m.group(1));
        java.time.Duration d = switch (m.group(2)) {
            case "ms" -> java.time.Duration.ofMillis(n);
            case "s" -> java.time.Duration.ofSeconds(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            default -> java.time.Duration.ofHours(n);
        };
        return d;
    }

    /** A command that talks to a server; picocli has checked its arguments' number and its options. */
    private void dispatch(String command, Invocation args, List<String> rest) {
        Target target = Target.parse(rest.get(0));
        if (command.equals("probe")) {
            probe(target, args);
            return;
        }
        if (command.equals("capture")) {
            capture(target, args, rest.subList(1, rest.size()));
            return;
        }
        List<String> a = rest.subList(1, rest.size());
        String mailbox = target.mailboxOrInbox();
        boolean json = args.has("--json");
        Connector connector = new Connector(args, env, err);
        if (command.equals("idle")) {
            watch(target, args, connector, mailbox);
            return;
        }
        try (ImapClient c = connector.connect(target, MailboxListener.NONE)) {
            switch (command) {
                case "capabilities":
                    Commands.capabilities(c, out, json);
                    break;
                case "list":
                    Commands.list(c, out, "", json);
                    break;
                case "status":
                    Commands.status(c, out, mailbox, json);
                    break;
                case "search":
                    c.examine(org.imap4j.codec.core.MailboxName.of(mailbox));
                    Commands.search(c, out, SearchQuery.parse(a), json);
                    break;
                case "fetch": {
                    var s = c.examine(org.imap4j.codec.core.MailboxName.of(mailbox));
                    SequenceSet set = a.isEmpty() ? SequenceSet.parse("1:*") : uids(a.get(0));
                    if (!a.isEmpty()) {
                        Commands.existing(c, set, mailbox, "nothing was fetched");
                    }
                    if (s.exists() == 0) {
                        if (args.has("--json")) {
                            out.println("[\n]");
                        } else {
                            err.println("(" + mailbox + " is empty)");
                        }
                        break;
                    }
                    Progress p = s.exists() > 2000 && !args.has("--no-progress")
                            ? Progress.of(err, "fetched", s.exists(), System.console() != null) : Progress.none();
                    Commands.fetchTable(c, out, set, args.has("--json"), "", p);
                    break;
                }
                case "show":
                    c.examine(org.imap4j.codec.core.MailboxName.of(mailbox));
                    Commands.show(c, out, mailbox, uid(a.get(0)), json);
                    break;
                case "flags":
                    flags(c, mailbox, a, json);
                    break;
                case "delete": {
                    c.select(mailbox);
                    SequenceSet set = uids(a.get(0));
                    List<Long> found = Commands.existing(c, set, mailbox, "nothing was marked");
                    c.deleteMessages(set);
                    if (json) {
                        out.println(Json.write(Json.obj("command", "delete", "mailbox", mailbox, "marked", found)));
                    } else {
                        out.println("marked " + Commands.count(found.size()) + " \\Deleted in " + Text.safe(mailbox)
                                + " (expunge removes them)");
                    }
                    break;
                }
                case "expunge": {
                    c.select(mailbox);
                    if (!a.isEmpty()) {
                        Commands.existing(c, uids(a.get(0)), mailbox, "nothing was expunged");
                    }
                    List<Long> gone = a.isEmpty() ? c.expunge() : c.expunge(uids(a.get(0)));
                    if (json) {
                        out.println(Json.write(Json.obj("command", "expunge", "mailbox", mailbox, "expunged", gone)));
                        break;
                    }
                    out.println("expunged " + gone.size() + " message" + (gone.size() == 1 ? "" : "s") + " from "
                            + mailbox);
                    break;
                }
                case "copy":
                case "move":
                    c.select(mailbox);
                    Commands.copyOrMove(c, out, uids(a.get(0)), mailbox, a.get(1), command.equals("move"),
                            json);
                    break;
                case "append": {
                    List<Flag> flags = args.value("--flags") == null ? List.of()
                            : Commands.parseFlags(List.of(args.value("--flags")));
                    Commands.append(c, out, mailbox, a, flags, json);
                    break;
                }
                case "export":
                    new Archive(out, err, !args.has("--no-progress"), json).export(c, mailbox, java.nio.file.Path.of(
                            a.get(0)), args.value("--format"), args.number("--stop-after", 0));
                    break;
                case "import":
                    new Archive(out, err, !args.has("--no-progress"), json).importInto(c, mailbox,
                            java.nio.file.Path.of(a.get(0)));
                    break;
                case "create":
                case "delete-mailbox":
                case "rename":
                case "subscribe":
                case "unsubscribe":
                    mailboxCommand(c, command, target, a, args);
                    break;
                default:
                    throw new UsageException("unknown command " + command);
            }
            if (!command.equals("idle")) {
                c.logout();
            }
        }
    }

    /**
     * probe: connects, logs in when a user is named (a pre-authenticated server needs none), and reports what the
     * server advertises against what it does.
     */
    private void capture(Target target, Invocation args, List<String> a) {
        String dest = args.value("--out");
        if (dest == null) {
            throw new UsageException("capture needs --out FILE: where the FETCH responses are written");
        }
        Connector connector = new Connector(args, env, err);
        String user = connector.user(target);
        if (user == null) {
            throw new UsageException("no user: put it in the URL (imap://USER@host/...) or pass --user USER");
        }
        org.imap4j.codec.core.Secret secret = connector.credential(user);
        Capture capture = new Capture(out);
        try (ImapClient c = connector.open(target, MailboxListener.NONE, capture, true)) {
            connector.authenticate(c, user, secret);
            String mailbox = target.mailboxOrInbox();
            SequenceSet set = a.isEmpty() ? SequenceSet.parse("1:*") : uids(a.get(0));
            capture.run(c, mailbox, set, args.has("--bodies"), args.has("--redact"), java.nio.file.Path.of(dest),
                    args.has("--json"));
            c.logout();
        }
    }

    private void probe(Target target, Invocation args) {
        Connector connector = new Connector(args, env, err);
        java.time.Duration idleWait = args.value("--idle-wait") == null ? Probe.IDLE_WAIT
                : duration("--idle-wait", args.value("--idle-wait"));
        if (idleWait.compareTo(Probe.IDLE_WAIT_MAX) > 0) {
            throw new UsageException("--idle-wait is at most " + Probe.IDLE_WAIT_MAX.toMinutes()
                    + "m (one IDLE, under the client's IDLE refresh)");
        }
        Probe probe = new Probe(out, idleWait);
        String user = connector.user(target);
        org.imap4j.codec.core.Secret secret = user == null ? null : connector.credential(user);
        try (ImapClient c = connector.open(target, MailboxListener.NONE, probe.recorder(), user != null)) {
            boolean authenticated = c.isAuthenticated();
            if (!authenticated && user != null) {
                connector.authenticate(c, user, secret);
                authenticated = true;
            }
            String bundle = args.value("--bundle");
            probe.run(c, authenticated, target, c.greeting().text(), args.has("--json"),
                    bundle == null ? null : java.nio.file.Path.of(bundle));
            try {
                c.logout();
            } catch (org.imap4j.codec.ImapException closed) {
                // the line-length probe may have made the server close the connection: the report is written
            }
        }
    }

    /**
     * create, delete-mailbox, rename, subscribe, unsubscribe: the mailbox is the URL's, never INBOX by default.
     * Deleting a mailbox has its own name, so that {@code delete URL} with its UIDs forgotten cannot delete one, and
     * asks first unless {@code --yes}.
     */
    private void mailboxCommand(ImapClient c, String command, Target target, List<String> a, Invocation args) {
        String name = target.mailbox();
        if (name == null || name.isEmpty()) {
            throw new UsageException(command + " needs the mailbox in the URL, e.g. imaps://alice@host/Archive/2024");
        }
        org.imap4j.codec.core.MailboxName box = org.imap4j.codec.core.MailboxName.of(name);
        String shown = Text.safe(name);
        String done;
        switch (command) {
            case "create": {
                String su = args.value("--special-use");
                if (su == null) {
                    c.create(box);
                } else {
                    String bare = su.startsWith("\\") ? su.substring(1) : su;
                    String use = bare.isEmpty() ? "\\" : "\\" + bare.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                            + bare.substring(1).toLowerCase(java.util.Locale.ROOT);
                    if (!c.hasCapability(org.imap4j.codec.response.Capability.Known.CREATE_SPECIAL_USE)) {
                        throw new CliFailure(SERVER_REFUSED, "the server does not offer CREATE-SPECIAL-USE (RFC 6154); "
                                + "create " + shown + " without --special-use");
                    }
                    c.create(box, use);
                }
                done = "created " + shown + (su == null ? "" : " (" + Text.safe(su) + ")");
                break;
            }
            case "delete-mailbox": {
                var st = c.status(box, org.imap4j.codec.command.StatusAttribute.MESSAGES);
                long n = st.messages().orElse(0);
                if (!args.has("--yes")) {
                    java.io.Console console = System.console();
                    if (console == null) {
                        throw new UsageException("delete-mailbox removes " + shown + " and its " + n + " messages: "
                                + "add --yes (no terminal to ask on)");
                    }
                    String answer = console.readLine("Delete %s and its %d messages? [y/N] ", shown, n);
                    if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
                        throw new CliFailure(USAGE, "not deleted");
                    }
                }
                c.delete(box);
                done = "deleted " + shown + " (" + n + " messages)";
                break;
            }
            case "rename":
                c.rename(box, org.imap4j.codec.core.MailboxName.of(a.get(0)));
                done = "renamed " + shown + " to " + Text.safe(a.get(0));
                break;
            case "subscribe":
                c.subscribe(box);
                done = "subscribed to " + shown;
                break;
            default:
                c.unsubscribe(box);
                done = "unsubscribed from " + shown;
                break;
        }
        if (args.has("--json")) {
            out.println("{\"command\":" + Text.json(command) + ",\"mailbox\":" + Text.json(name)
                    + (command.equals("rename") ? ",\"to\":" + Text.json(a.get(0)) : "") + ",\"ok\":true}");
        } else {
            out.println(done);
        }
    }

    private void flags(ImapClient c, String mailbox, List<String> a, boolean json) {
        String op = a.get(0);
        if (!List.of("get", "add", "remove", "set").contains(op)) {
            throw new UsageException("flags takes get, add, remove or set, not " + op);
        }
        SequenceSet set = uids(a.get(1));
        List<Flag> flags = Commands.parseFlags(a.subList(2, a.size()));
        c.select(mailbox);
        Commands.existing(c, set, mailbox, op.equals("get") ? "no flags shown" : "no flags were changed");
        switch (op) {
            case "get":
                break;
            case "add":
                requireFlags(op, flags);
                c.addFlags(set, flags.toArray(new Flag[0]));
                break;
            case "remove":
                requireFlags(op, flags);
                c.removeFlags(set, flags.toArray(new Flag[0]));
                break;
            case "set":
                c.setFlags(set, flags.toArray(new Flag[0]));
                break;
            default:
                throw new UsageException("flags takes get, add, remove or set, not " + op);
        }
        Commands.printFlags(c, out, set, "", json);
    }

    private static void requireFlags(String op, List<Flag> flags) {
        if (flags.isEmpty()) {
            throw new UsageException("flags " + op + " needs at least one flag (seen, flagged, answered, deleted, "
                    + "draft, or a keyword)");
        }
    }

    static SequenceSet uids(String s) {
        try {
            return SequenceSet.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException("not a UID set: " + s + " (e.g. 7, 3:9, 1,4,10:*)");
        }
    }

    static long uid(String s) {
        try {
            long v = Long.parseLong(s);
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("not a UID: " + s);
        }
    }
}
