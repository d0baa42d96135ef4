package org.imap4j.codec.command;

import static org.imap4j.codec.command.RfcExamples.rfc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchAttribute.Item;
import org.imap4j.codec.fetch.Section;
import org.junit.jupiter.api.Test;

/** FETCH commands (RFC 3501 6.4.5, RFC 9051 6.4.5, RFC 7162, RFC 3516) encoded byte-exact and parsed back. */
class FetchCommandTest {

    private static Command.Fetch fetch(String set, boolean uid, FetchAttribute... atts) {
        return new Command.Fetch(SequenceSet.parse(set), List.of(atts), uid, null, false);
    }

    @Test
    void rfc3501Examples() {
        rfc("A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])", fetch("2:4", false, Item.FLAGS,
                new FetchAttribute.BodySection(Section.headerFields("DATE", "FROM"), false, null)));
        rfc("A999 UID FETCH 4827313:4828442 FLAGS", fetch("4827313:4828442", true, Item.FLAGS));
        rfc("a003 FETCH 12 FULL", fetch("12", false, FetchAttribute.Macro.FULL));
        rfc("a004 FETCH 12 BODY[HEADER]", fetch("12", false,
                new FetchAttribute.BodySection(Section.header(), false, null)));
    }

    @Test
    void envelopeJobAndPartialsAndBinary() {
        rfc("A5 UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)", fetch("1:*", true,
                Item.UID, Item.FLAGS, Item.INTERNALDATE, Item.RFC822_SIZE, Item.ENVELOPE, Item.BODYSTRUCTURE));
        rfc("A6 UID FETCH 7 (BODY.PEEK[1.2.MIME]<0.100> BINARY.PEEK[1]<0.1024> BINARY.SIZE[1])", fetch("7", true,
                new FetchAttribute.BodySection(Section.of(List.of(1, 2), Section.Kind.MIME), true,
                        new FetchAttribute.Partial(0, 100)),
                new FetchAttribute.Binary(List.of(1), true, new FetchAttribute.Partial(0, 1024)),
                new FetchAttribute.BinarySize(List.of(1))));
    }

    @Test
    void condstoreAndQresync() {
        // RFC 7162 3.1.4.1 and 3.2.6 print a parenthesised single attribute; imap4j writes a single one bare.
        rfc("s100 UID FETCH 1:* FLAGS (CHANGEDSINCE 12345)",
                new Command.Fetch(SequenceSet.parse("1:*"), List.of(Item.FLAGS), true, 12345L, false));
        rfc("s204 UID FETCH 300:500 FLAGS (CHANGEDSINCE 12345 VANISHED)",
                new Command.Fetch(SequenceSet.parse("300:500"), List.of(Item.FLAGS), true, 12345L, true));
        rfc("a1 FETCH 1 (FLAGS MODSEQ)", fetch("1", false, Item.FLAGS, Item.MODSEQ));
    }
}
