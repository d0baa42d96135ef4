/**
 * The codec's entry points: the limits, the quirks, and the exception hierarchy.
 */
package org.imap4j.codec;
