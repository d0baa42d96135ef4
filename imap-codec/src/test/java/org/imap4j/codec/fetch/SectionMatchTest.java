package org.imap4j.codec.fetch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A response's section answers the requested one whatever the case of its header field names (RFC 9051 6.4.5). */
class SectionMatchTest {
    @Test
    void fieldNamesMatchWithoutCaseButEverythingElseMustBeEqual() {
        assertTrue(Section.headerFields("Subject", "From").matches(Section.headerFields("SUBJECT", "FROM")));
        assertTrue(Section.whole().matches(Section.whole()));
        assertFalse(Section.headerFields("Subject").matches(Section.headerFieldsNot("Subject")));
        assertFalse(Section.headerFields("Subject").matches(Section.headerFields("Subject", "From")));
        assertFalse(Section.headerFields("From", "Subject").matches(Section.headerFields("Subject", "From")));
        assertFalse(Section.ofPart(1).matches(Section.ofPart(2)));
        assertFalse(Section.text().matches(null));
    }
}
