/**
 * A pool of authenticated IMAP connections to one account: {@link org.imap4j.client.pool.ImapPool} with a
 * per-account cap, lease timeouts, mailbox affinity, IDLE-aware returns, health checks before lending and a graceful
 * shutdown, and typed {@link org.imap4j.client.pool.PoolException}s.
 */
package org.imap4j.client.pool;
