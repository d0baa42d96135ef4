/**
 * Typed client commands and their encoding into {@link org.imap4j.codec.command.Fragment}s, which separate the points
 * where a synchronizing literal waits for the server's continuation request.
 */
package org.imap4j.codec.command;
