package org.imap4j.client;

import java.util.List;
import org.imap4j.codec.response.Untagged;

/**
 * GETQUOTAROOT's answer (RFC 9208 section 4.3): a mailbox's quota roots and each root's usage and limits.
 *
 * @param roots  the quota root names
 * @param quotas the quotas of those roots
 */
public record QuotaRootResult(List<String> roots, List<Untagged.Quota> quotas) {
    /**
     * Copies.
     *
     * @param roots  the quota root names
     * @param quotas the quotas of those roots
     */
    public QuotaRootResult {
        roots = List.copyOf(roots);
        quotas = List.copyOf(quotas);
    }
}
