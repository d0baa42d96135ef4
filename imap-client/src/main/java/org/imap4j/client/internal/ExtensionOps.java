package org.imap4j.client.internal;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.client.RawResult;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.MetadataEntry;
import org.imap4j.codec.response.AclEntry;
import org.imap4j.codec.response.Tagged;
import org.imap4j.codec.response.Untagged;

/**
 * The operations of the extensions that are one command each: ACL (RFC 4314), METADATA (RFC 5464), JMAPACCESS
 * (RFC 9698), and the raw-command escape hatch ({@link Command.Extension}).
 */
public final class ExtensionOps {
    private ExtensionOps() {
    }

    /**
     * @param s       the session
     * @param command GETACL
     * @return the operation; the ACL's entries
     */
    public static Op<List<AclEntry>> getAcl(Session s, Command.GetAcl command) {
        return collect(s, command, Untagged.Acl.class, Untagged.Acl::entries);
    }

    /**
     * @param s       the session
     * @param command MYRIGHTS
     * @return the operation; the rights letters ({@code ""} if the server sent none)
     */
    public static Op<String> myRights(Session s, Command.MyRights command) {
        return Ops.collectOne(s, command, Untagged.MyRights.class, Untagged.MyRights::rights, "");
    }

    /**
     * @param s       the session
     * @param command LISTRIGHTS
     * @return the operation; the response, or {@code null} if the server sent none
     */
    public static Op<Untagged.ListRights> listRights(Session s, Command.ListRights command) {
        return Ops.collectOne(s, command, Untagged.ListRights.class, x -> x, null);
    }

    /**
     * @param s       the session
     * @param command GETMETADATA
     * @return the operation; the entries the server returned (entries without a value are absent or NIL)
     */
    public static Op<List<MetadataEntry>> getMetadata(Session s, Command.GetMetadata command) {
        return collect(s, command, Untagged.Metadata.class, Untagged.Metadata::entries);
    }

    /**
     * @param s the session
     * @return GETJMAPACCESS; the URL, or {@code null} if the server sent none
     */
    public static Op<String> jmapAccess(Session s) {
        return Ops.collectOne(s, new Command.GetJmapAccess(), Untagged.JmapAccess.class, Untagged.JmapAccess::url,
                null);
    }

    /**
     * @param s       the session
     * @param command UIDBATCHES (RFC 10022)
     * @return the operation; the batches' UID ranges in the server's order (newest first), each low to high; only
     *     the response carrying this command's tag counts
     */
    public static Op<List<org.imap4j.codec.core.SequenceSet.Range>> uidBatches(Session s, Command.UidBatches command) {
        return new Op<>(s, command) {
            private final List<org.imap4j.codec.core.SequenceSet.Range> batches = new ArrayList<>();
            private final List<Untagged.UidBatches> responses = new ArrayList<>(1);

            @Override
            public void onData(Untagged u) {
                if (u instanceof Untagged.UidBatches b) {
                    responses.add(b);
                } else {
                    super.onData(u);
                }
            }

            @Override
            protected List<org.imap4j.codec.core.SequenceSet.Range> result(Tagged ok) {
                String tag = ok.tag().value();
                for (Untagged.UidBatches b : responses) {
                    if (b.tag().equals(tag)) {
                        for (org.imap4j.codec.core.SequenceSet.Range r : b.batches()) {
                            batches.add(r); // a Range keeps its ends low to high, however the server wrote them
                        }
                    }
                }
                return List.copyOf(batches);
            }
        };
    }

    /**
     * @param s       the session
     * @param command the extension command
     * @return the operation; the responses it collects and its tagged OK
     */
    public static Op<RawResult> raw(Session s, Command.Extension command) {
        return new Op<>(s, command) {
            private final List<Untagged.Unknown> data = new ArrayList<>();

            @Override
            public void onData(Untagged u) {
                if (u instanceof Untagged.Unknown x) {
                    data.add(x);
                } else {
                    super.onData(u);
                }
            }

            @Override
            protected RawResult result(Tagged ok) {
                return new RawResult(ok, data);
            }
        };
    }

    /**
     * An operation whose result is every element the responses of one kind carry, in arrival order; other data goes
     * where {@link Op#onData} sends it.
     *
     * @param <R>      the response kind
     * @param <E>      the element type
     * @param s        the session
     * @param c        the command
     * @param kind     the response kind
     * @param elements a response's elements
     * @return the operation
     */
    static <R, E> Op<List<E>> collect(Session s, Command c, Class<R> kind,
            java.util.function.Function<R, List<E>> elements) {
        return new Op<>(s, c) {
            private final List<E> all = new ArrayList<>();

            @Override
            public void onData(Untagged u) {
                if (kind.isInstance(u)) {
                    all.addAll(elements.apply(kind.cast(u)));
                } else {
                    super.onData(u);
                }
            }

            @Override
            protected List<E> result(Tagged ok) {
                return List.copyOf(all);
            }
        };
    }
}
