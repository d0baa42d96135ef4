/** The imap4j client: the high-level blocking and asynchronous API over either transport. */
module org.imap4j.client {
    requires transitive org.imap4j.codec;
    requires org.imap4j.transport.blocking;
    requires org.imap4j.transport.nio;
}
