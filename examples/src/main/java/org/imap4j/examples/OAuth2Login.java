package org.imap4j.examples;

import java.io.PrintStream;
import java.util.function.Supplier;
import org.imap4j.client.ImapClient;
import org.imap4j.client.ImapClientConfig;
import org.imap4j.client.SelectResult;
import org.imap4j.client.auth.Sasl;
import org.imap4j.client.auth.SaslMechanism;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.Secret;
import org.imap4j.codec.response.Capability;

/**
 * OAuth 2.0 login (Gmail, Outlook.com / Microsoft 365, Yahoo, Fastmail...): authenticate with an access token through
 * SASL {@code XOAUTH2} or the standard {@code OAUTHBEARER} (RFC 7628), whichever the server offers, preferring the
 * standard one.
 *
 * <p>Getting the token is your OAuth library's job (the authorization-code or device flow, and the refresh); this
 * example takes a {@link Supplier} and asks it once per connection, right before logging in, so a token refreshed in
 * the meantime is the one sent. Tokens are bearer secrets: {@link Secret} keeps them out of {@code toString()} and
 * imap4j's traces, and imap4j refuses to send them over a connection without TLS unless told otherwise.
 *
 * <p>Run it with a token from the environment (for Gmail: {@code imap.gmail.com}, scope
 * {@code https://mail.google.com/}):
 *
 * <pre>
 * IMAP_TOKEN=ya29.... java -cp "$CP" org.imap4j.examples.OAuth2Login imap.gmail.com someone@gmail.com
 * </pre>
 *
 * <p>with {@code CP} the class path that {@code examples/README.md} says how to build (one {@code mvn}
 * command after {@code mvn install}); or run the class from an IDE that has the project open.
 *
 * <p>{@code OAuth2LoginTest} runs it against a scripted server that checks the initial client response of both
 * mechanisms byte for byte (GreenMail offers neither).
 */
public final class OAuth2Login {
    private OAuth2Login() {
    }

    /**
     * @param args host and user (the account's e-mail address); the token is read from the {@code IMAP_TOKEN}
     *             environment variable
     */
    public static void main(String[] args) {
        if (args.length != 2 || System.getenv("IMAP_TOKEN") == null) {
            System.err.println("usage: IMAP_TOKEN=... OAuth2Login HOST USER");
            System.exit(2);
        }
        run(ImapClient.builder(args[0]), args[1], () -> Secret.of(System.getenv("IMAP_TOKEN")), System.out);
    }

    /**
     * Logs in with a token, selects INBOX and prints its size.
     *
     * @param server where to connect
     * @param user   the account (for XOAUTH2 and OAUTHBEARER, usually the e-mail address)
     * @param tokens gives a valid access token; called once, right before authenticating
     * @param out    where to print
     * @return the mechanism used
     */
    public static String run(ImapClientConfig.Builder server, String user, Supplier<Secret> tokens,
            PrintStream out) {
        try (ImapClient client = server.connect()) {
            SaslMechanism mechanism;
            if (client.hasCapability(new Capability.Auth("OAUTHBEARER"))) {
                mechanism = Sasl.oauthBearer(user, tokens.get());
            } else if (client.hasCapability(new Capability.Auth("XOAUTH2"))) {
                mechanism = Sasl.xoauth2(user, tokens.get());
            } else {
                throw new IllegalStateException("the server offers neither AUTH=OAUTHBEARER nor AUTH=XOAUTH2: "
                        + client.capabilities());
            }
            // one round trip with SASL-IR; a refused token is an ImapAuthenticationException carrying the
            // server's error (for XOAUTH2 a base64 JSON status, which imap4j answers and reports)
            client.authenticate(mechanism);
            out.println("authenticated with " + mechanism.name());
            SelectResult inbox = client.select(MailboxName.INBOX);
            out.println(inbox.exists() + " messages in INBOX");
            client.logout();
            return mechanism.name();
        }
    }
}
