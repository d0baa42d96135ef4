/**
 * imap4j testing: a scripted IMAP server for tests of code that talks IMAP, like OkHttp's mockwebserver. The script
 * is typed: expected commands are matched as the codec's parsed {@code Command} records, answers are response records
 * encoded by the codec (raw bytes remain possible for malformed cases).
 */
module org.imap4j.testing {
    requires transitive org.imap4j.codec;

    exports org.imap4j.testing;
}
