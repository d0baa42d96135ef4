package org.imap4j.client.internal;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.imap4j.client.ESearchResult;
import org.imap4j.client.FetchResults;
import org.imap4j.client.MessageChanges;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.PartialRange;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * The operations behind the typed search and fetch extensions: SEARCH and SORT with return options (ESEARCH
 * RFC 4731, ESORT RFC 5267, SEARCHRES RFC 5182, PARTIAL RFC 9394), and {@code UID FETCH ... (CHANGEDSINCE m
 * VANISHED)} (QRESYNC RFC 7162 section 3.2.6).
 */
public final class SearchReturnOps {
    private SearchReturnOps() {
    }

    /**
     * SEARCH or SORT with return options: the ESEARCH response read into an {@link ESearchResult}. A set larger
     * than {@code maxListItems} fails the command with the codec's limit error rather than being accepted (a
     * server's {@code 1:4294967295} must not be expanded later by {@link ESearchResult#ids()}).
     *
     * @param s       the session
     * @param command a {@link Command.Search} or {@link Command.Sort} with return options
     * @param uid     whether the command is UID SEARCH / UID SORT
     * @param save    whether {@code SAVE} was asked for
     * @return the operation
     */
    public static Op<ESearchResult> esearch(Session s, Command command, boolean uid, boolean save) {
        return new Op<>(s, command) {
            private OptionalLong min = OptionalLong.empty();
            private OptionalLong max = OptionalLong.empty();
            private OptionalLong count = OptionalLong.empty();
            private OptionalLong modSeq = OptionalLong.empty();
            private SequenceSet all;
            private PartialRange page;
            private SequenceSet pageSet;
            private boolean answeredUid = uid;
            private ImapProtocolException tooMany;

            /** The numbers of a plain SEARCH or SORT answer, from a server that ignored RETURN; null if none. */
            private List<Long> plain;
            private boolean esearchSeen;

            @Override
            public void onData(Untagged u) {
                if (u instanceof Untagged.Search r && !esearchSeen) {
                    plain(r.numbers());
                    if (r.modSeq() != null) {
                        modSeq = OptionalLong.of(r.modSeq());
                    }
                    return;
                }
                if (u instanceof Untagged.Sort r && !esearchSeen) {
                    plain(r.numbers());
                    return;
                }
                if (!(u instanceof Untagged.ESearch e)) {
                    super.onData(u);
                    return;
                }
                esearchSeen = true;
                plain = null;
                answeredUid = e.uid();
                for (ESearchItem i : e.items()) {
                    if (i instanceof ESearchItem.Min m) {
                        min = OptionalLong.of(m.value());
                    } else if (i instanceof ESearchItem.Max m) {
                        max = OptionalLong.of(m.value());
                    } else if (i instanceof ESearchItem.Count c) {
                        count = OptionalLong.of(c.value());
                    } else if (i instanceof ESearchItem.ModSeq m) {
                        modSeq = OptionalLong.of(m.value());
                    } else if (i instanceof ESearchItem.All a) {
                        all = bounded(a.set());
                    } else if (i instanceof ESearchItem.Partial p) {
                        page = p.range();
                        pageSet = p.results() == null ? null : bounded(p.results());
                    }
                }
            }

            private void plain(List<Long> numbers) {
                if (plain == null) {
                    plain = new ArrayList<>();
                }
                int limit = s.config().transportOptions().engine().limits().maxListItems();
                if (plain.size() + (long) numbers.size() > limit) {
                    if (tooMany == null) {
                        tooMany = ImapProtocolException.limit("maxListItems", plain.size() + (long) numbers.size(),
                                limit);
                    }
                    return;
                }
                plain.addAll(numbers);
            }

            /**
             * A server that announces ESEARCH / ESORT but answers {@code * SEARCH} / {@code * SORT}: the items asked
             * for are computed here from the numbers, so the caller sees the same typed result.
             */
            private void fromPlain(List<Command.SearchReturn> asked, boolean sorted) {
                boolean none = asked.isEmpty();
                if (!plain.isEmpty()) {
                    List<Long> ordered = plain;
                    if (!sorted) {
                        ordered = new ArrayList<>(plain);
                        java.util.Collections.sort(ordered);
                    }
                    if (asked.contains(Command.SearchReturn.MIN)) {
                        min = OptionalLong.of(ordered.get(0));
                    }
                    if (asked.contains(Command.SearchReturn.MAX)) {
                        max = OptionalLong.of(ordered.get(ordered.size() - 1));
                    }
                    if (none || asked.contains(Command.SearchReturn.ALL)) {
                        all = sorted ? SequenceSet.ofRanges(ranges(ordered)) : SequenceSet.of(ordered);
                    }
                }
                if (asked.contains(Command.SearchReturn.COUNT)) {
                    count = OptionalLong.of(plain.size());
                }
            }

            private SequenceSet bounded(SequenceSet set) {
                int limit = s.config().transportOptions().engine().limits().maxListItems();
                if (set.hasStar() || set.size() > limit) {
                    if (tooMany == null) {
                        tooMany = ImapProtocolException.limit("maxListItems", set.size(), limit);
                    }
                    return null;
                }
                return set;
            }

            @Override
            protected ESearchResult result(Tagged ok) {
                if (tooMany != null) {
                    throw tooMany;
                }
                if (plain != null) {
                    if (command instanceof Command.Search c) {
                        fromPlain(c.returnOptions(), false);
                    } else if (command instanceof Command.Sort c) {
                        fromPlain(c.returnOptions(), true);
                    }
                }
                return new ESearchResult(answeredUid, min, max, count, Optional.ofNullable(all),
                        Optional.ofNullable(page), Optional.ofNullable(pageSet), modSeq, save, null);
            }
        };
    }

    /** One single-number range per number, in the order given (a sorted order is kept, never merged). */
    static List<SequenceSet.Range> ranges(List<Long> ordered) {
        List<SequenceSet.Range> out = new ArrayList<>(ordered.size());
        for (long n : ordered) {
            out.add(new SequenceSet.Range(n, n));
        }
        return out;
    }

    /**
     * {@code UID FETCH uids items (CHANGEDSINCE m VANISHED)}: the FETCH responses collected as by {@link FetchOp},
     * and the {@code VANISHED (EARLIER)} responses merged into one set (kept compact, never expanded).
     *
     * @param s     the session
     * @param fetch the command (UID, CHANGEDSINCE and VANISHED set)
     * @return the operation
     */
    public static Op<MessageChanges> changes(Session s, Command.Fetch fetch) {
        FetchOp inner = new FetchOp(s, fetch, (OutputStream) null, null);
        return new ForwardingOp<FetchResults, MessageChanges>(s, inner) {
            private SequenceSet vanished;

            @Override
            public void onData(Untagged u) {
                if (u instanceof Untagged.Vanished v && v.earlier()) {
                    vanished = vanished == null ? v.uids() : vanished.union(v.uids());
                } else {
                    inner.onData(u);
                }
            }

            @Override
            protected MessageChanges result(Tagged ok) {
                FetchResults changed = inner.complete(ok);
                return new MessageChanges(Optional.ofNullable(vanished), changed);
            }
        };
    }
}
