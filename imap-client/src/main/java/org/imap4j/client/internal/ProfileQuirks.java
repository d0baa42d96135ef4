package org.imap4j.client.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.imap4j.client.FetchResult;
import org.imap4j.client.FetchResults;
import org.imap4j.client.Fallback;
import org.imap4j.client.ServerProfile;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.FetchAttribute;
import org.imap4j.codec.fetch.FetchItem;
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

    /**
     * @param s          the session
     * @param attributes the items a FETCH asks for
     * @return whether {@link #bodyStructure} applies: the server is Microsoft Exchange / 365 and BODYSTRUCTURE is asked
     */
    public static boolean refetchesBodyStructure(Session s, List<FetchAttribute> attributes) {
        return attributes.contains(FetchAttribute.Item.BODYSTRUCTURE)
                && s.profile().family() == ServerProfile.Family.MICROSOFT;
    }

    /**
     * Exchange sends BODYSTRUCTUREs whose extension data breaks the grammar (case
     * {@code exchange2016-multipart-description}: a multipart's Content-Description string where its disposition is
     * due); the codec keeps such an item raw as {@link FetchItem.Unreadable}. The extension data is what is broken,
     * and {@code BODY} is the same structure without it, so for those messages the client asks for {@code BODY} and
     * puts its (non-extensible) structure in place of the unreadable item; where BODY cannot be read either, the
     * unreadable item stays. Reported as a {@link Fallback.Kind#QUIRK}.
     *
     * @param s       the session
     * @param results the FETCH results, keyed by UID or sequence number as asked
     * @param uid     whether the keys are UIDs
     * @param op      the operation for a FETCH command
     * @return the results with what BODY gave in place of unreadable BODYSTRUCTUREs
     */
    public static CompletableFuture<FetchResults> bodyStructure(Session s, FetchResults results, boolean uid,
            Function<Command.Fetch, Op<FetchResults>> op) {
        List<Long> broken = new ArrayList<>();
        for (Map.Entry<Long, FetchResult> e : results.entrySet()) {
            if (unreadableStructure(e.getValue()) != null) {
                broken.add(e.getKey());
            }
        }
        if (broken.isEmpty()) {
            return CompletableFuture.completedFuture(results);
        }
        List<FetchAttribute> ask = uid ? List.of(FetchAttribute.Item.UID, FetchAttribute.Item.BODY)
                : List.of(FetchAttribute.Item.BODY);
        Command.Fetch again = new Command.Fetch(SequenceSet.of(broken).normalized(), ask, uid, null, false);
        return s.run(op.apply(again), null).thenApply(bodies -> {
            Map<Long, FetchResult> out = new LinkedHashMap<>(results);
            int fixed = 0;
            for (Long key : broken) {
                FetchResult body = bodies.get(key);
                FetchItem.BodyStructureItem structure = body == null ? null
                        : body.items().stream().filter(i -> i instanceof FetchItem.BodyStructureItem)
                                .map(i -> (FetchItem.BodyStructureItem) i).findFirst().orElse(null);
                if (structure == null) {
                    continue;
                }
                FetchResult was = results.get(key);
                List<FetchItem> items = new ArrayList<>(was.items());
                items.remove(unreadableStructure(was));
                items.add(structure);
                out.put(key, new FetchResult(was.seq(), items));
                fixed++;
            }
            s.fallback(Fallback.Kind.QUIRK, "FETCH", "", "Microsoft Exchange sent a BODYSTRUCTURE outside the "
                    + "grammar: BODY (the structure without extension data) asked instead for those messages "
                    + "(quirk exchange2016-multipart-description)");
            return fixed == 0 ? results : new FetchResults(out, results.warnings());
        });
    }

    private static FetchItem unreadableStructure(FetchResult r) {
        for (FetchItem i : r.items()) {
            if (i instanceof FetchItem.Unreadable u && u.name().equalsIgnoreCase("BODYSTRUCTURE")) {
                return i;
            }
        }
        return null;
    }
}
