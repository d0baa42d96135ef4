package org.imap4j.client.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.imap4j.client.auth.AuthFailure;
import org.imap4j.client.auth.AuthFailureException;
import org.imap4j.client.auth.Sasl;
import org.imap4j.client.auth.SaslContext;
import org.imap4j.client.auth.SaslExchange;
import org.imap4j.client.auth.SaslMechanism;
import org.imap4j.client.oauth.AccessToken;
import org.imap4j.client.oauth.OAuth2Login;
import org.imap4j.client.oauth.TokenSource;
import org.imap4j.codec.response.Capability;

/**
 * OAuth 2.0 authentication with a {@link TokenSource}: the mechanism from the capabilities (OAUTHBEARER when
 * offered, else XOAUTH2), a token asked for at this authentication, and on a refusal that means the token (see
 * {@link AuthFailureException#classify}) one invalidate, refresh and retry on the same connection while it is still
 * not authenticated. Every failure is an {@link AuthFailureException} (or the capability refusal).
 */
public final class OAuth2Flow {
    private static final Capability OAUTHBEARER = new Capability.Auth("OAUTHBEARER");
    private static final Capability XOAUTH2 = new Capability.Auth("XOAUTH2");

    private OAuth2Flow() {
    }

    /**
     * @param user         the mailbox user
     * @param tokens       the token source
     * @param capabilities the server's capabilities now
     * @param authenticate runs AUTHENTICATE with a mechanism (then CAPABILITY when the OK did not carry them)
     * @param canRetry     whether the connection can still take a second AUTHENTICATE
     * @param unsupported  the failure when the server offers neither mechanism
     * @return the outcome
     */
    public static CompletableFuture<OAuth2Login> run(String user, TokenSource tokens, List<Capability> capabilities,
                                                     Function<SaslMechanism, CompletableFuture<Void>> authenticate,
                                                     BooleanSupplier canRetry, RuntimeException unsupported) {
        boolean bearer = Capability.has(capabilities, OAUTHBEARER);
        if (!bearer && !Capability.has(capabilities, XOAUTH2)) {
            return CompletableFuture.failedFuture(unsupported);
        }
        return attempt(user, tokens, bearer, authenticate, canRetry, false);
    }

    private static CompletableFuture<OAuth2Login> attempt(String user, TokenSource tokens, boolean bearer,
                                                          Function<SaslMechanism, CompletableFuture<Void>> auth,
                                                          BooleanSupplier canRetry, boolean refreshed) {
        String name = bearer ? "OAUTHBEARER" : "XOAUTH2";
        AccessToken token;
        try {
            token = tokens.token();
            if (token == null) {
                throw new IllegalStateException("the token source returned null");
            }
        } catch (Exception e) {
            return CompletableFuture.failedFuture(new AuthFailureException(AuthFailure.TOKEN_SOURCE_FAILED,
                    "the token source failed (" + e.getClass().getName() + ")", refreshed, e));
        }
        Recording mechanism = new Recording(bearer ? Sasl.oauthBearer(user, token.value())
                : Sasl.xoauth2(user, token.value()));
        CompletableFuture<Void> f;
        try {
            f = auth.apply(mechanism);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.handle((v, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(new OAuth2Login(name, refreshed));
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            Optional<AuthFailure> reason = AuthFailureException.jsonStatus(mechanism.serverError());
            if (reason.isEmpty()) {
                reason = AuthFailureException.classify(cause, true);
            }
            if (reason.isEmpty()) {
                return CompletableFuture.<OAuth2Login>failedFuture(cause);
            }
            if (reason.get() == AuthFailure.TOKEN_INVALID) {
                tokens.invalidate(token);
                if (!refreshed && canRetry.getAsBoolean()) {
                    return attempt(user, tokens, bearer, auth, canRetry, true);
                }
            }
            return CompletableFuture.<OAuth2Login>failedFuture(new AuthFailureException(reason.get(),
                    "AUTHENTICATE " + name + " as " + user + " refused: " + cause.getMessage()
                            + (mechanism.serverError() == null ? "" : " (server error " + mechanism.serverError()
                            + ")"), refreshed, cause));
        }).thenCompose(x -> x);
    }

    /** A mechanism that keeps the JSON error its exchange received. */
    private static final class Recording implements SaslMechanism {
        private final SaslMechanism inner;
        private volatile SaslExchange last;

        Recording(SaslMechanism inner) {
            this.inner = inner;
        }

        String serverError() {
            SaslExchange x = last;
            return x == null ? null : x.serverError();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public boolean sendsReusableSecret() {
            return true;
        }

        @Override
        public SaslExchange start(SaslContext context) {
            SaslExchange x = inner.start(context);
            last = x;
            return x;
        }

        @Override
        public String toString() {
            return inner.toString();
        }
    }
}
