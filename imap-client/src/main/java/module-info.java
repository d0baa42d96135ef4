/**
 * The imap4j client: the high-level blocking ({@link org.imap4j.client.ImapClient}) and asynchronous
 * ({@link org.imap4j.client.AsyncImapClient}) API over either transport, with the SASL mechanisms in
 * {@code org.imap4j.client.auth}.
 */
module org.imap4j.client {
    requires transitive org.imap4j.session;
    requires org.imap4j.transport.blocking;
    requires org.imap4j.transport.nio;

    exports org.imap4j.client;
    exports org.imap4j.client.auth;
    exports org.imap4j.client.oauth;
    exports org.imap4j.client.pool;
}
