/**
 * Typed FETCH data (RFC 9051 section 7.5.2 and extensions): one record per item, with envelopes, body structures and
 * body sections fully parsed, and a fallback that keeps unknown items.
 */
package org.imap4j.codec.fetch;
