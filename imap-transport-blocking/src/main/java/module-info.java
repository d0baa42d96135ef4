/** The blocking transport: moves bytes between a {@code Socket} and the codec's engine. */
module org.imap4j.transport.blocking {
    requires transitive org.imap4j.codec;
}
