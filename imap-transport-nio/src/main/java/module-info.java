/** The NIO transport: one selector thread drives many connections through the codec's engine. */
module org.imap4j.transport.nio {
    requires transitive org.imap4j.codec;
}
