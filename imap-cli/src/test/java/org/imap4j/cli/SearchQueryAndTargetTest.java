package org.imap4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imap4j.codec.ImapCodec;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Tag;
import org.junit.jupiter.api.Test;

/** The readable search syntax and the target URLs, checked on the IMAP they produce. */
class SearchQueryAndTargetTest {
    private static String imap(String... words) {
        byte[] b = ImapCodec.encodeCommandBytes(Tag.of("A1"),
                new Command.Search(null, SearchQuery.parse(List.of(words)), null, true));
        String s = new String(b, StandardCharsets.UTF_8);
        return s.substring("A1 UID SEARCH ".length(), s.length() - 2);
    }

    @Test
    void termsMapOntoTypedSearchKeys() {
        assertEquals("ALL", imap());
        assertEquals("UNSEEN", imap("unseen"));
        assertEquals("UNSEEN FROM \"smith\"", imap("unseen", "from:smith")); // search strings always quoted
        assertEquals("SINCE 1-Mar-2024", imap("since:2024-03-01"));
        assertEquals("LARGER 102400", imap("larger:100k"));
        assertEquals("OR FLAGGED SUBJECT \"big report\"", imap("or", "flagged", "subject:big report"));
        assertEquals("NOT SEEN", imap("not", "seen"));
        assertEquals("UNSEEN OR FROM \"a\" TO \"b\"", imap("unseen", "(", "or", "from:a", "to:b", ")")); // a one-key group needs no parentheses
        assertEquals("HEADER X-Spam \"yes\"", imap("header:X-Spam:yes"));
        assertEquals("UID 1:5,7", imap("uid:1:5,7"));
    }

    @Test
    void unknownTermsAreUsageErrors() {
        assertThrows(UsageException.class, () -> SearchQuery.parse(List.of("colour:red")));
        assertThrows(UsageException.class, () -> SearchQuery.parse(List.of("since:yesterday")));
    }

    @Test
    void urls() {
        Target t = Target.parse("imaps://alice@mail.example.org/Sent%20Items");
        assertEquals(new Target(true, "alice", "mail.example.org", -1, "Sent Items"), t, "-1: the TLS mode's port");
        Target plain = Target.parse("imap://bob@localhost:1143/INBOX");
        assertEquals(new Target(false, "bob", "localhost", 1143, "INBOX"), plain);
        assertEquals("INBOX", Target.parse("imaps://carol@example.net").mailboxOrInbox());
        assertThrows(UsageException.class, () -> Target.parse("http://example.org/"));
    }
}
