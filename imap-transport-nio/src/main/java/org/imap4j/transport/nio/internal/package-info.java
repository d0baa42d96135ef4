/**
 * The NIO transport's machinery, not exported: {@link org.imap4j.transport.nio.internal.SelectorLoop} (one selector
 * thread, its tasks and timers), {@link org.imap4j.transport.nio.internal.Connection} (one socket channel, its
 * session driver, TLS engine and write queue, under one lock),
 * {@link org.imap4j.transport.nio.internal.SslEngineDriver} (non-blocking {@code SSLEngine} handshake, wrap, unwrap,
 * close_notify) and {@link org.imap4j.transport.nio.internal.SerialExecutor} (in-order callback delivery with a
 * measured backlog for read back-pressure).
 *
 * <pre>
 *  caller thread ── submit ─▶ [lock] driver.submit → pollOutput → (wrap) → write queue → write / OP_WRITE [unlock]
 *  selector thread ─ OP_READ ▶ [lock] read → (unwrap) → driver.receive → flush → close? → timers   [unlock]
 *  both ── after unlock ─▶ SerialExecutor ─▶ callback executor: listeners, futures (in order, one at a time)
 * </pre>
 */
package org.imap4j.transport.nio.internal;
