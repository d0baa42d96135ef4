package org.imap4j.client.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.imap4j.client.LiveSearch;
import org.imap4j.client.Operation;
import org.imap4j.codec.ImapProtocolException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.command.SearchKey;
import org.imap4j.codec.core.SequenceSet;
import org.imap4j.codec.response.ESearchItem;
import org.imap4j.codec.response.ResponseCode;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * CONTEXT=SEARCH in the client (RFC 5267 section 4): {@code UID SEARCH RETURN (ALL UPDATE) key}, whose result is the
 * live search itself. Its tagged OK registers it with the session under its tag; from then on the session hands it
 * every unsolicited ESEARCH carrying that tag ({@link #updates}), which is how updates find their search: by the
 * correlator, never by order. An update that arrives before the tagged OK is routed to this command by the engine
 * (same tag) and applied the same way.
 */
public final class LiveSearchOp extends Op<LiveSearch> implements LiveSearch {
    private final LiveSearch.Listener listener;
    private final int maxItems;
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeSet<Long> current = new TreeSet<>();
    private final List<Update> pending = new ArrayList<>();
    private List<Long> initial = List.of();
    private volatile String tag;
    private volatile boolean updating;

    /**
     * @param s        the session
     * @param key      the criteria
     * @param listener told of each update
     */
    public LiveSearchOp(Session s, SearchKey key, LiveSearch.Listener listener) {
        super(s, new Command.Search(null, key, List.of(Command.SearchReturn.ALL, Command.SearchReturn.UPDATE), true));
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
        this.maxItems = s.config().transportOptions().engine().limits().maxListItems();
    }

    @Override
    public void onData(Untagged u) {
        if (u instanceof Untagged.ESearch e) {
            apply(e, false); // this search's own answer or an early update (the engine routed it by its tag)
        } else {
            super.onData(u);
        }
    }

    @Override
    protected LiveSearch result(Tagged ok) {
        lock.lock();
        try {
            initial = List.copyOf(current);
        } finally {
            lock.unlock();
        }
        tag = ok.tag().value();
        updating = !(ok.code() instanceof ResponseCode.Other o && o.name().equals("NOUPDATE"));
        if (updating) {
            updates(session()).put(tag, this);
        }
        return this;
    }

    /**
     * Applies a response's ALL, ADDTO and REMOVEFROM data.
     *
     * @param e      the response
     * @param notify whether to tell the listener (updates after completion)
     */
    void apply(Untagged.ESearch e, boolean notify) {
        List<Update> news = new ArrayList<>(2);
        lock.lock();
        try {
            for (ESearchItem i : e.items()) {
                if (i instanceof ESearchItem.All a) {
                    add(a.set());
                } else if (i instanceof ESearchItem.AddTo add) {
                    for (ESearchItem.ContextUpdate c : add.updates()) {
                        add(c.set());
                        news.add(new Update(true, c.position(), c.set()));
                    }
                } else if (i instanceof ESearchItem.RemoveFrom rm) {
                    for (ESearchItem.ContextUpdate c : rm.updates()) {
                        c.set().numbers().forEachRemaining((long n) -> current.remove(n));
                        news.add(new Update(false, c.position(), c.set()));
                    }
                }
            }
            pending.addAll(news);
            if (pending.size() > maxItems) {
                // nobody polls: keep the newest, so a long-lived search does not grow with the connection's age
                pending.subList(0, pending.size() - maxItems).clear();
            }
        } finally {
            lock.unlock();
        }
        if (notify && !news.isEmpty()) {
            session().lane().execute(() -> {
                for (Update up : news) {
                    listener.updated(this, up);
                }
            });
        }
    }

    private void add(SequenceSet set) {
        if (set.hasStar() || current.size() + set.size() > maxItems) {
            // a server's 1:4294967295 is never expanded: refused at the limit the codec applies to lists
            throw ImapProtocolException.limit("maxListItems", current.size() + set.size(), maxItems);
        }
        set.numbers().forEachRemaining((long n) -> current.add(n));
    }

    /**
     * The live searches of a session by tag.
     *
     * @param s the session
     * @return its registry
     */
    static Map<String, LiveSearchOp> updates(Session s) {
        return s.liveSearches();
    }

    /**
     * Routes an unsolicited response to the live search it names (RFC 5267 section 4.4), or notes a
     * {@code NOUPDATE "tag"} (section 4.3) for it.
     *
     * @param s the session
     * @param u the response
     * @return whether it was a live search's
     */
    static boolean route(Session s, Untagged u) {
        Map<String, LiveSearchOp> live = s.liveSearches();
        if (live.isEmpty()) {
            return false;
        }
        if (u instanceof Untagged.ESearch e && e.tag() != null) {
            LiveSearchOp op = live.get(e.tag());
            if (op != null) {
                try {
                    op.apply(e, true);
                } catch (ImapProtocolException tooMany) {
                    op.stopped();
                    return false;
                }
                return true;
            }
        } else if (u instanceof Untagged.StatusResponse st && st.code() instanceof ResponseCode.Other o
                && o.name().equals("NOUPDATE") && o.data() != null) {
            LiveSearchOp op = live.get(o.data().replace("\"", "").trim());
            if (op != null) {
                op.stopped();
            }
        }
        return false;
    }

    /** The session closed: no live search goes on. */
    static void closed(Session s) {
        for (LiveSearchOp op : new ArrayList<>(s.liveSearches().values())) {
            op.stopped();
        }
    }

    private void stopped() {
        updating = false;
        String t = tag;
        if (t != null) {
            session().liveSearches().remove(t, this);
        }
    }

    // ---------------------------------------------------------------- LiveSearch

    @Override
    public String tag() {
        return tag;
    }

    @Override
    public List<Long> initial() {
        return initial;
    }

    @Override
    public SortedSet<Long> current() {
        lock.lock();
        try {
            return Collections.unmodifiableSortedSet(new TreeSet<>(current));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Update> poll() {
        lock.lock();
        try {
            List<Update> out = List.copyOf(pending);
            pending.clear();
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean updating() {
        return updating;
    }

    @Override
    public Operation<Void> cancel() {
        Op<Void> cancel = new Op<>(session(), new Command.CancelUpdate(List.of(tag))) {
            @Override
            protected Void result(Tagged ok) {
                stopped();
                return null;
            }
        };
        return new PendingOperation<>(session(), session().call(cancel), "CANCELUPDATE");
    }

    @Override
    public String toString() {
        return "LiveSearch[" + tag + (updating ? ", updating" : ", stopped") + "]";
    }

    /** A fresh registry for a session. */
    static Map<String, LiveSearchOp> registry() {
        return new ConcurrentHashMap<>(2);
    }
}
