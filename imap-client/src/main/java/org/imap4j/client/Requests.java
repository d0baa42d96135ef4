package org.imap4j.client;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.core.MailboxName;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;

/** The commands both clients build, so the blocking and the asynchronous one cannot drift apart. */
final class Requests {
    private Requests() {
    }

    static Command.Fetch fetch(SequenceSet set, boolean uid, Long changedSince, FetchAttribute... attributes) {
        List<FetchAttribute> a = new ArrayList<>();
        for (FetchAttribute f : attributes) {
            if (f instanceof FetchAttribute.Macro m && (uid || attributes.length > 1)) {
                a.addAll(m.expansion()); // a macro must stand alone (RFC 9051 section 6.4.5); UID joins it here
            } else {
                a.add(f);
            }
        }
        if (uid && !a.contains(FetchAttribute.Item.UID)) {
            a.add(0, FetchAttribute.Item.UID); // UID FETCH returns it anyway; asking makes the key explicit
        }
        return new Command.Fetch(set, a, uid, changedSince, false);
    }

    static FetchAttribute section(Section section, boolean peek, Long offset, Long length) {
        FetchAttribute.Partial p = offset == null ? null
                : new FetchAttribute.Partial(offset, length == null ? Long.MAX_VALUE >> 1 : length);
        return new FetchAttribute.BodySection(section, peek, p);
    }

    static Command.Append append(MailboxName mailbox, org.imap4j.codec.core.Bytes message,
            java.time.OffsetDateTime internalDate, Flag... flags) {
        return new Command.Append(mailbox, List.of(new Command.AppendMessage(List.of(flags), internalDate, message,
                false)));
    }

    static Command.Store store(SequenceSet set, Command.StoreMode mode, boolean silent, Long unchangedSince,
            boolean uid, Flag... flags) {
        return new Command.Store(set, mode, silent, List.of(flags), unchangedSince, uid);
    }

    static Command.Search search(SearchKey key, boolean uid, boolean esearch) {
        return new Command.Search(null, key, esearch ? List.of(Command.SearchReturn.ALL) : null, uid);
    }

    static Command.ListMailboxes list(String reference, String pattern, List<Command.ListSelect> selection,
            List<Command.ListReturn> returns, List<org.imap4j.codec.command.StatusAttribute> status) {
        return new Command.ListMailboxes(selection, MailboxName.of(reference), List.of(pattern), returns, status);
    }
}
