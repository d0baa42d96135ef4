/**
 * imap4j testing: a scripted IMAP server for tests of code that talks IMAP, like OkHttp's mockwebserver. The script
 * is typed: expected commands are matched as the codec's parsed {@code Command} records, answers are response records
 * encoded by the codec (raw bytes remain possible for malformed cases). Package {@code org.imap4j.testing.servers}
 * holds launchers of private real servers on loopback (Dovecot, Cyrus, Courier; GreenMail in the JVM when GreenMail
 * is on the class path), the test certificates they present, and a fault-injecting, counting TCP relay.
 */
module org.imap4j.testing {
    requires transitive org.imap4j.codec;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;
    requires static greenmail;
    requires static jakarta.mail;
    requires static org.junit.jupiter.api;

    exports org.imap4j.testing;
    exports org.imap4j.testing.servers;
}
