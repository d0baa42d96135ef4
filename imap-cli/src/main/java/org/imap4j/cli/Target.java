package org.imap4j.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a command goes, from an IMAP URL (RFC 5092, the parts this tool needs): {@code imap://user@host:143/INBOX}
 * or {@code imaps://user@host/Archive%2F2024}. A password in the URL is refused: it would end up in shell history
 * and process listings.
 *
 * @param implicitTls whether the scheme was {@code imaps}
 * @param user        the user (percent-decoded), or {@code null}
 * @param host        the host
 * @param port        the port, or -1 for the default of the TLS mode
 * @param mailbox     the mailbox from the path, or {@code null} when the URL has none
 */
record Target(boolean implicitTls, String user, String host, int port, String mailbox) {

    static Target parse(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new UsageException("not an IMAP URL: " + url + " (" + e.getReason() + ")");
        }
        String scheme = u.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("imap") || scheme.equalsIgnoreCase("imaps"))) {
            throw new UsageException("not an IMAP URL: " + url + " (expected imap://user@host[:port][/mailbox] or "
                    + "imaps://...)");
        }
        if (u.getHost() == null) {
            throw new UsageException("no host in " + url);
        }
        String user = null;
        String raw = u.getRawUserInfo();
        if (raw != null) {
            if (raw.contains(":")) {
                throw new UsageException("a password in the URL is refused: set IMAP4J_PASSWORD, use --password-file"
                        + " FILE, or type it at the prompt");
            }
            int auth = raw.toLowerCase(java.util.Locale.ROOT).indexOf(";auth=");
            user = decode(auth >= 0 ? raw.substring(0, auth) : raw);
        }
        String path = u.getRawPath();
        String mailbox = null;
        if (path != null && path.length() > 1) {
            mailbox = decode(path.substring(1));
        }
        return new Target(scheme.equalsIgnoreCase("imaps"), user, u.getHost(), u.getPort(), mailbox);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** @return the mailbox, or INBOX */
    String mailboxOrInbox() {
        return mailbox == null ? "INBOX" : mailbox;
    }
}
