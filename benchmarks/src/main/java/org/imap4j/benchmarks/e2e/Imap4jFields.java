package org.imap4j.benchmarks.e2e;

import java.util.List;
import java.util.Map;
import org.imap4j.client.FetchResult;
import org.imap4j.codec.core.Flag;
import org.imap4j.codec.fetch.Address;
import org.imap4j.codec.fetch.BodyStructure;
import org.imap4j.codec.fetch.Envelope;

/**
 * Reads, from each of imap4j's FETCH results, the fields every client of the env job reads: UID, flags, internal
 * date, size, envelope subject and first From address, and the body structure's MIME type.
 */
final class Imap4jFields {
    private Imap4jFields() {
    }

    /**
     * @param results the FETCH results, by UID
     * @return a checksum of the fields read
     * @throws IllegalStateException when a result lacks an item that was asked for
     */
    static long read(Map<Long, FetchResult> results) {
        long acc = 1;
        for (FetchResult r : results.values()) {
            acc = ChildReport.mix(acc, r.uid().orElseThrow());
            List<Flag> flags = r.flags().orElseThrow();
            for (Flag f : flags) {
                acc = ChildReport.mix(acc, f.value());
            }
            acc = ChildReport.mix(acc, r.internalDate().orElseThrow().toEpochSecond());
            acc = ChildReport.mix(acc, r.size().orElseThrow());
            Envelope e = r.envelope().orElseThrow();
            acc = ChildReport.mix(acc, e.subject());
            if (!e.from().isEmpty()) {
                Address a = e.from().get(0);
                if (a instanceof Address.Mailbox) {
                    Address.Mailbox m = (Address.Mailbox) a;
                    acc = ChildReport.mix(acc, m.mailbox() + "@" + m.host());
                }
            }
            acc = ChildReport.mix(acc, type(r.bodyStructure().orElseThrow()));
        }
        return acc;
    }

    /** @return the body's {@code type/subtype} */
    static String type(BodyStructure b) {
        if (b instanceof BodyStructure.Multipart) {
            return "multipart/" + ((BodyStructure.Multipart) b).subtype();
        }
        if (b instanceof BodyStructure.Text) {
            return "text/" + ((BodyStructure.Text) b).subtype();
        }
        if (b instanceof BodyStructure.Message) {
            return "message/" + ((BodyStructure.Message) b).subtype();
        }
        BodyStructure.Basic basic = (BodyStructure.Basic) b;
        return basic.type() + "/" + basic.subtype();
    }
}
