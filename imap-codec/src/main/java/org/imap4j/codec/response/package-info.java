/**
 * Typed server responses (RFC 9051 section 7 and extensions): {@code Response} is {@code Tagged}, {@code Untagged} or
 * {@code Continuation}; every untagged kind and response code has a record, and unknown ones keep their generic value.
 */
package org.imap4j.codec.response;
