/** A user's program that uses imap4j from its own named module. */
module org.imap4j.example.consumer {
    requires org.imap4j.client;
}
