package org.imap4j.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.MailboxListener;
import org.imap4j.client.auth.Sasl;
import org.imap4j.codec.core.Secret;
import org.imap4j.session.TlsMode;
import org.imap4j.session.TlsOptions;
import org.imap4j.session.TraceListener;

/**
 * Turns a {@link Target} and the options into a logged-in {@link ImapClient}: TLS mode and trust, the trace, and the
 * credentials, which come from the environment ({@code IMAP4J_PASSWORD}, or {@code IMAP4J_OAUTH_TOKEN} with
 * {@code --auth xoauth2|oauthbearer}), from {@code --password-file}, or from a prompt without echo; never from the
 * command line.
 */
final class Connector {
    static final String PASSWORD_ENV = "IMAP4J_PASSWORD";
    static final String TOKEN_ENV = "IMAP4J_OAUTH_TOKEN";

    private final Invocation args;
    private final Map<String, String> env;
    private final PrintStream err;

    Connector(Invocation args, Map<String, String> env, PrintStream err) {
        this.args = args;
        this.env = env;
        this.err = err;
    }

    ImapClient connect(Target t, MailboxListener listener) {
        String user = user(t);
        if (user == null) {
            throw new UsageException("no user: put it in the URL (imap://USER@host/...) or pass --user USER");
        }
        // the credential first: a missing one is a usage error before anything is connected
        Secret secret = credential(user);
        ImapClient client = open(t, listener, null, true);
        try {
            authenticate(client, user, secret);
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** @return the user of the URL, else of {@code --user}, else {@code null} */
    String user(Target t) {
        return t.user() != null ? t.user() : args.value("--user");
    }

    /**
     * Connects without logging in: TLS mode and trust, the trace (to stderr with {@code --trace}, and to
     * {@code extraTrace}), a TLS port met with imap:// explained.
     *
     * @param t          the target
     * @param listener   the mailbox listener
     * @param extraTrace also receives the redacted protocol, or {@code null}
     * @param willLogin  whether a password will follow (then cleartext is refused without --insecure-plaintext)
     * @return the connected client, not logged in
     */
    ImapClient open(Target t, MailboxListener listener, TraceListener extraTrace, boolean willLogin) {
        TlsMode mode = t.implicitTls() ? TlsMode.IMPLICIT
                : args.has("--starttls") ? TlsMode.STARTTLS : TlsMode.PLAIN;
        ImapClientConfig.Builder b = configure(t, listener, extraTrace, willLogin);
        int port = t.port() > 0 ? t.port() : t.implicitTls() ? 993 : 143;
        if (mode == TlsMode.IMPLICIT) {
            return connect(b, t.host(), port, true);
        }
        // a TLS port sends no greeting: wait a short while, and if none came, ask whether TLS is spoken there
        // (to say "use imaps://"); a server that is only slow gets a second try with the usual patience
        b.greetingTimeout(GREETING_PROBE);
        try {
            return b.connect();
        } catch (org.imap4j.codec.ImapTimeoutException slow) {
            if (ConnectErrors.speaksTls(t.host(), port)) {
                throw ConnectErrors.speaksTlsFailure(t.host(), port);
            }
            b.greetingTimeout(GREETING);
            return connect(b, t.host(), port, false);
        } catch (org.imap4j.codec.ImapConnectionException e) {
            CliFailure explained = ConnectErrors.explain(e, t.host(), port, false);
            throw explained != null ? explained : e;
        }
    }

    /**
     * The client configuration of {@link #open} without connecting (for the supervised {@code idle}).
     *
     * @param t          the target
     * @param listener   the mailbox listener
     * @param extraTrace also receives the redacted protocol, or {@code null}
     * @param willLogin  whether a password will follow
     * @return the builder
     */
    ImapClientConfig.Builder configure(Target t, MailboxListener listener, TraceListener extraTrace,
            boolean willLogin) {
        TlsMode mode = t.implicitTls() ? TlsMode.IMPLICIT
                : args.has("--starttls") ? TlsMode.STARTTLS : TlsMode.PLAIN;
        ImapClientConfig.Builder b = ImapClient.builder(t.host()).tlsMode(mode)
                .allowCleartextPasswords(args.has("--insecure-plaintext")).listener(listener);
        if (t.port() > 0) {
            b.port(t.port());
        }
        if (args.has("--nio")) {
            b.transport(ImapClientConfig.Transport.NIO);
        }
        if (args.value("--trust-cert") != null) {
            b.tls(TlsOptions.defaults().withTrust(new TlsOptions.Trust.Certificates(
                    readCertificates(Path.of(args.value("--trust-cert"))))));
        }
        TraceListener toErr = args.has("--trace") ? trace(err) : null;
        if (toErr != null && extraTrace != null) {
            b.trace(new TraceListener() {
                @Override
                public void trace(Direction d, String text) {
                    toErr.trace(d, text);
                    extraTrace.trace(d, text);
                }

                @Override
                public void received(java.nio.ByteBuffer bytes) {
                    extraTrace.received(bytes);
                }

                @Override
                public void note(String text) {
                    toErr.note(text);
                    extraTrace.note(text);
                }
            });
        } else if (toErr != null || extraTrace != null) {
            b.trace(toErr != null ? toErr : extraTrace);
        }
        if (willLogin && mode == TlsMode.PLAIN && !args.has("--insecure-plaintext")) {
            throw new CliFailure(Main.AUTHENTICATION, "passwords are not sent without TLS; use imaps:// or "
                    + "--starttls, or --insecure-plaintext on a trusted network");
        }
        return b;
    }

    /**
     * Logs in as {@code --auth} says, with the credential from the environment, a file or a prompt.
     *
     * @param client a connected client
     * @param user   the user
     * @param secret the password or token ({@link #credential(String)})
     */
    void authenticate(ImapClient client, String user, Secret secret) {
        String auth = args.value("--auth");
        if (auth == null || auth.equalsIgnoreCase("password")) {
            client.authenticate(user, secret);
        } else if (auth.equalsIgnoreCase("xoauth2")) {
            client.authenticate(Sasl.xoauth2(user, secret));
        } else if (auth.equalsIgnoreCase("oauthbearer")) {
            client.authenticate(Sasl.oauthBearer(user, secret));
        } else if (auth.equalsIgnoreCase("login")) {
            client.login(user, secret);
        } else {
            throw new UsageException("--auth takes password, login, xoauth2 or oauthbearer, not " + auth);
        }
    }

    /** How long the first try waits for a greeting before asking whether the port speaks TLS. */
    static final java.time.Duration GREETING_PROBE = java.time.Duration.ofSeconds(3);
    /** The usual greeting timeout. */
    static final java.time.Duration GREETING = java.time.Duration.ofSeconds(30);

    private static ImapClient connect(ImapClientConfig.Builder b, String host, int port, boolean implicitTls) {
        try {
            return b.connect();
        } catch (org.imap4j.codec.ImapConnectionException e) {
            CliFailure explained = ConnectErrors.explain(e, host, port, implicitTls);
            throw explained != null ? explained : e;
        }
    }

    Secret credential(String user) {
        String auth = args.value("--auth");
        if (auth != null && auth.toLowerCase(Locale.ROOT).contains("oauth")) {
            String token = env.get(TOKEN_ENV);
            if (token == null || token.isEmpty()) {
                throw new UsageException("--auth " + auth + " needs the access token in " + TOKEN_ENV);
            }
            return Secret.of(token);
        }
        String fromEnv = env.get(PASSWORD_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Secret.of(fromEnv);
        }
        String file = args.value("--password-file");
        if (file != null) {
            try {
                String s = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                return Secret.of(s.strip());
            } catch (IOException e) {
                throw new UsageException("cannot read --password-file " + file + ": " + e.getMessage());
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new UsageException("no password: set " + PASSWORD_ENV + " or use --password-file FILE (no "
                    + "terminal to prompt on)");
        }
        char[] pw = console.readPassword("Password for %s: ", user);
        if (pw == null) {
            throw new UsageException("no password given");
        }
        return Secret.of(pw);
    }

    static List<X509Certificate> readCertificates(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> out = new ArrayList<>();
            for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new UsageException("no certificate in " + pem);
            }
            return out;
        } catch (IOException | CertificateException e) {
            throw new UsageException("cannot read --trust-cert " + pem + ": " + e.getMessage());
        }
    }

    /**
     * The trace, one line per protocol line: {@code C: } what the client sent, {@code S: } what it received, and
     * {@code # imap4j: } a fallback the client took.
     */
    static TraceListener trace(PrintStream err) {
        return new TraceListener() {
            @Override
            public void trace(Direction direction, String text) {
                String prefix = direction == TraceListener.Direction.OUT ? "C: " : "S: ";
                StringBuilder sb = new StringBuilder();
                for (String line : text.split("\r?\n", -1)) {
                    if (!line.isEmpty()) {
                        sb.append(prefix).append(line).append('\n');
                    }
                }
                err.print(sb);
                err.flush();
            }

            @Override
            public void note(String text) {
                err.print("# imap4j: " + text + "\n");
                err.flush();
            }
        };
    }
}
