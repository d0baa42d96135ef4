/**
 * The OAuth 2.0 token lifecycle for XOAUTH2 and OAUTHBEARER (RFC 7628): a {@link org.imap4j.client.oauth.TokenSource}
 * asked for a token at every authentication, {@link org.imap4j.client.oauth.RefreshingTokenSource} that refreshes it
 * before it expires, and the outcome of an authentication ({@link org.imap4j.client.oauth.OAuth2Login}). The client
 * runs it with {@code ImapClient.authenticate(String, TokenSource)}: it picks OAUTHBEARER when the server offers it,
 * else XOAUTH2, and on a refused token invalidates it, asks for a fresh one and authenticates once more. Failures are
 * {@link org.imap4j.client.auth.AuthFailureException}s. Tokens never appear in traces, logs or messages.
 */
package org.imap4j.client.oauth;
