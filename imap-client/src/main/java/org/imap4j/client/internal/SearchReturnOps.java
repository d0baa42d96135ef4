package org.imap4j.client.internal;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;
import org.imap4j.client.ESearchResult;
import org.imap4j.client.FetchResults;
import org.imap4j.client.MessageChanges;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.core.PartialRange;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.fetch.LiteralBinding;
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

            @Override
            public void onData(Untagged u) {
                if (!(u instanceof Untagged.ESearch e)) {
                    super.onData(u);
                    return;
                }
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
                return new ESearchResult(answeredUid, min, max, count, Optional.ofNullable(all),
                        Optional.ofNullable(page), Optional.ofNullable(pageSet), modSeq, save, null);
            }
        };
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
        return new Op<>(s, fetch) {
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
            public void onLiteralStarted(Bytes prefix, long size, boolean binary, LiteralBinding where) {
                inner.onLiteralStarted(prefix, size, binary, where);
            }

            @Override
            public void onLiteralChunk(long offset, ByteBuffer chunk) {
                inner.onLiteralChunk(offset, chunk);
            }

            @Override
            public void onLiteralEnded() {
                inner.onLiteralEnded();
            }

            @Override
            public void onMalformed(ImapProtocolException error) {
                inner.onMalformed(error);
            }

            @Override
            public void onUnreadableItem(ImapProtocolException error) {
                inner.onUnreadableItem(error);
            }

            @Override
            protected MessageChanges result(Tagged ok) {
                FetchResults changed = inner.complete(ok);
                return new MessageChanges(Optional.ofNullable(vanished), changed);
            }
        };
    }
}
