/**
 * The imap4j codec: a side-effect-free IMAP4rev1/IMAP4rev2 codec (both halves, client and server), with a sans-I/O
 * protocol engine. No I/O, threads, clocks, logging or runtime dependencies.
 */
module org.imap4j.codec {
    exports org.imap4j.codec;
    exports org.imap4j.codec.core;
    exports org.imap4j.codec.command;
    exports org.imap4j.codec.response;
    exports org.imap4j.codec.fetch;
}
