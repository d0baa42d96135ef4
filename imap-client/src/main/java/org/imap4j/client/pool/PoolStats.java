package org.imap4j.client.pool;

/**
 * A snapshot of an {@link ImapPool}'s counters.
 *
 * @param open         connections open now (leased, idle, or being opened)
 * @param idle         connections waiting in the pool
 * @param leased       connections lent out
 * @param waiting      callers waiting for a lease
 * @param created      connections opened so far
 * @param replaced     connections found broken (by the health check or by their lease) and closed
 * @param affinityHits leases for a mailbox served by a connection that had it selected already
 * @param selects      SELECTs the pool sent to give a lease its mailbox
 * @param maxOpen      the most connections that were open at once
 */
public record PoolStats(int open, int idle, int leased, int waiting, long created, long replaced, long affinityHits,
                        long selects, int maxOpen) {
}
