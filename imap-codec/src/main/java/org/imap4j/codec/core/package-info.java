/**
 * Protocol values shared by commands and responses: generic values, sequence sets, mailbox names, flags, tags and
 * secrets. Each validates in its constructor, so invalid values cannot be built.
 */
package org.imap4j.codec.core;
