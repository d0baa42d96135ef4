package org.imap4j.client.internal;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.client.Fallback;
import org.imap4j.client.ServerProfile;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.Section;

/**
 * The deviations of a known server family that the client works around by sending something else, each reported as
 * a {@link Fallback.Kind#QUIRK} and each backed by a case of the quirk corpus
 * ({@code conformance/src/test/resources/quirks/quirks.corpus}) named in {@link ServerProfile.Family}'s list.
 */
public final class ProfileQuirks {
    private ProfileQuirks() {
    }

    /**
     * iCloud answers {@code FETCH (RFC822)} with OK and a FETCH response that lacks the RFC822 item, while it serves
     * {@code BODY[]} (case {@code icloud-rfc822-not-returned}): there the client asks for {@code BODY[]}, which RFC
     * 3501 defines as the same data with the same \Seen effect; {@link org.imap4j.client.FetchResult#message()} reads
     * either.
     *
     * @param s     the session, whose greeting and capabilities tell the family
     * @param fetch the FETCH as the caller asked for it
     * @return the FETCH to send
     */
    public static Command.Fetch fetch(Session s, Command.Fetch fetch) {
        if (!fetch.attributes().contains(FetchAttribute.Item.RFC822) || s.profile().family() != ServerProfile.Family.ICLOUD) {
            return fetch;
        }
        List<FetchAttribute> sent = new ArrayList<>(fetch.attributes().size());
        for (FetchAttribute a : fetch.attributes()) {
            sent.add(a == FetchAttribute.Item.RFC822 ? new FetchAttribute.BodySection(Section.whole(), false, null) : a);
        }
        s.fallback(Fallback.Kind.QUIRK, "FETCH", "", "iCloud leaves RFC822 out of its FETCH responses: BODY[] asked "
                + "instead (quirk icloud-rfc822-not-returned)");
        return new Command.Fetch(fetch.set(), sent, fetch.uid(), fetch.changedSince(), fetch.vanished());
    }
}
