package org.imap4j.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.imap4j.codec.ImapAuthenticationException;
import org.imap4j.codec.ImapCommandException;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Condition;
import org.junit.jupiter.api.Test;

/** {@link AuthFailureException#classify}: codes on the authentication commands, provider texts anywhere. */
class AuthFailureClassifyTest {
    private static ImapCommandException no(ResponseCode.Kind kind, String text, String command) {
        return new ImapCommandException(Condition.NO, kind == null ? null : new ResponseCode.Simple(kind), text, command);
    }

    @Test
    void codesOfTheAuthenticationCommands() {
        assertEquals(Optional.of(AuthFailure.BAD_CREDENTIALS), AuthFailureException.classify(
                no(ResponseCode.Kind.AUTHENTICATIONFAILED, "Authentication failed.", "LOGIN"), false));
        assertEquals(Optional.of(AuthFailure.TOKEN_INVALID), AuthFailureException.classify(
                no(ResponseCode.Kind.AUTHENTICATIONFAILED, "Authentication failed.", "AUTHENTICATE"), true));
        assertEquals(Optional.of(AuthFailure.BAD_CREDENTIALS), AuthFailureException.classify(
                no(null, "LOGIN failed.", "LOGIN"), false));
        assertEquals(Optional.of(AuthFailure.TOO_MANY_CONNECTIONS), AuthFailureException.classify(
                no(ResponseCode.Kind.LIMIT, "Too many", "AUTHENTICATE"), true));
        assertEquals(Optional.of(AuthFailure.ACCOUNT_UNAVAILABLE), AuthFailureException.classify(
                no(ResponseCode.Kind.CONTACTADMIN, "call us", "LOGIN"), false));
        // Wrapped as the client throws it (an ImapAuthenticationException caused by the NO), and in a future.
        ImapAuthenticationException wrapped = new ImapAuthenticationException("LOGIN refused",
                no(ResponseCode.Kind.UNAVAILABLE, "try later", "LOGIN"));
        assertEquals(Optional.of(AuthFailure.ACCOUNT_UNAVAILABLE),
                AuthFailureException.classify(new CompletionException(wrapped), false));
    }

    @Test
    void theSameCodesOnOtherCommandsAreNotAboutTheAccount() {
        assertEquals(Optional.empty(), AuthFailureException.classify(
                no(ResponseCode.Kind.LIMIT, "too many keywords", "STORE"), false));
        assertEquals(Optional.empty(), AuthFailureException.classify(
                no(ResponseCode.Kind.UNAVAILABLE, "index busy", "SELECT"), true));
        assertEquals(Optional.empty(), AuthFailureException.classify(
                new ImapConnectionException("the server closed the connection"), true));
    }

    @Test
    void providerTextsAnywhere() {
        assertEquals(Optional.of(AuthFailure.AUTHENTICATED_NOT_CONNECTED), AuthFailureException.classify(
                new ImapCommandException(Condition.BAD, null, "User is authenticated but not connected.", "SELECT"),
                true));
        assertEquals(Optional.of(AuthFailure.TOO_MANY_CONNECTIONS), AuthFailureException.classify(
                no(null, "Too many simultaneous connections. (Failure)", "SELECT"), false));
        assertEquals(Optional.of(AuthFailure.TOKEN_INVALID), AuthFailureException.classify(
                new ImapConnectionException("server said BYE: Session invalidated - AccessTokenExpired"), true));
    }

    @Test
    void jsonStatuses() {
        assertEquals(Optional.of(AuthFailure.TOKEN_INVALID),
                AuthFailureException.jsonStatus("{\"status\":\"401\",\"schemes\":\"bearer\"}"));
        assertEquals(Optional.of(AuthFailure.TOKEN_INVALID),
                AuthFailureException.jsonStatus("{\"status\": \"invalid_token\"}"));
        assertEquals(Optional.of(AuthFailure.INSUFFICIENT_SCOPE),
                AuthFailureException.jsonStatus("{\"status\":\"insufficient_scope\",\"scope\":\"x\"}"));
        assertEquals(Optional.empty(), AuthFailureException.jsonStatus("{\"schemes\":\"bearer\"}"));
        assertEquals(Optional.empty(), AuthFailureException.jsonStatus(null));
    }

    @Test
    void messageEscapesServerTextAndSaysRefreshed() {
        AuthFailureException e = new AuthFailureException(AuthFailure.TOKEN_INVALID, "NO bad \u001b[2J token", true,
                null);
        assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
        assertEquals(true, e.getMessage().contains("after one token refresh"));
    }
}
