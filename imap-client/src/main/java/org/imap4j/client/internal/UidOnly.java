package org.imap4j.client.internal;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.fetch.FetchItem;
import org.imap4j.codec.response.Capability;
import org.imap4j.codec.response.Untagged;

/**
 * UIDONLY (RFC 9586) in the client: which commands it forbids, and its {@code * uid UIDFETCH} responses read as FETCH
 * responses of that UID (the UID standing where the sequence number would be, the server giving none).
 */
public final class UidOnly {
    private UidOnly() {
    }

    /**
     * @param s the session
     * @return whether UIDONLY is enabled on it
     */
    public static boolean on(Session s) {
        return s.isEnabled(Capability.Known.UIDONLY);
    }

    /**
     * @param c a command
     * @return whether it addresses messages by sequence number (refused under UIDONLY, RFC 9586 section 3)
     */
    public static boolean bySequence(Command c) {
        return c instanceof Command.Fetch f && !f.uid() || c instanceof Command.Store st && !st.uid()
                || c instanceof Command.Copy cp && !cp.uid() || c instanceof Command.Move m && !m.uid()
                || c instanceof Command.Search se && !se.uid() || c instanceof Command.Sort so && !so.uid()
                || c instanceof Command.Thread t && !t.uid() || c instanceof Command.Replace r && !r.uid()
                || c instanceof Command.StoreGmailLabels g && !g.uid();
    }

    /**
     * @param u a response
     * @return a {@code UIDFETCH} response as the FETCH response of its UID, with the UID item first when it lacks
     *     one; any other response as it is
     */
    static Untagged asFetch(Untagged u) {
        if (!(u instanceof Untagged.UidFetch f)) {
            return u;
        }
        List<FetchItem> items = new ArrayList<>(f.items().size() + 1);
        boolean hasUid = false;
        for (FetchItem i : f.items()) {
            hasUid |= i instanceof FetchItem.Uid;
        }
        if (!hasUid) {
            items.add(new FetchItem.Uid(f.uid()));
        }
        items.addAll(f.items());
        return new Untagged.Fetch(f.uid(), items);
    }
}
