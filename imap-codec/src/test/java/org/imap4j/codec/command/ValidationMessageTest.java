package org.imap4j.codec.command;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.imap4j.codec.ImapValidationException;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;
import org.junit.jupiter.api.Test;

/**
 * A refused value is named in the refusal, escaped and cut short: a string built to inject a command (CR LF), a
 * terminal escape or a megabyte of text cannot reach a log line through the exception that refuses it.
 */
class ValidationMessageTest {
    private static final String HOSTILE = "a\r\nX1 DELETE INBOX\r\n\u001b[2J" + "x".repeat(100_000);

    private static void refusedCleanly(String what, Consumer<String> build) {
        ImapValidationException e = assertThrows(ImapValidationException.class, () -> build.accept(HOSTILE), what);
        String m = e.getMessage();
        assertTrue(m.length() < 300, what + ": message of " + m.length() + " characters");
        assertTrue(m.chars().noneMatch(c -> c < 0x20 || c == 0x7f), what + ": raw control character in " + m);
    }

    @Test
    void everyValidatorEscapesAndCutsTheValueItNames() {
        refusedCleanly("SASL mechanism", v -> new Command.Authenticate(v, null));
        refusedCleanly("flag", Flag::of);
        refusedCleanly("keyword", SearchKey::keyword);
        refusedCleanly("special-use", v -> new Command.Create(MailboxName.INBOX, List.of("\\" + v)));
        refusedCleanly("ID key", v -> new Command.IdField(v, null));
        refusedCleanly("objectid", v -> new SearchKey.ObjectId(SearchKey.ObjectIdField.values()[0], v.substring(0, 9)));
        refusedCleanly("fetch atom", FetchAttribute.Other::new);
        refusedCleanly("header field", Section::headerFields);
        refusedCleanly("capability", v -> new Command.Enable(List.of(v)));
        refusedCleanly("mUTF-7", v -> MailboxName.fromModifiedUtf7("&" + v.replace("\r\n", "") + "-"));
        refusedCleanly("non-canonical mUTF-7", v -> MailboxName.fromModifiedUtf7("&AOk-".repeat(v.length() / 5)));
    }
}
