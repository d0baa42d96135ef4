package org.imap4j.transport.nio.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.imap4j.codec.ImapConnectionException;
import org.imap4j.codec.ImapException;
import org.imap4j.codec.command.Command;
import org.imap4j.codec.core.Bytes;
import org.imap4j.codec.response.Tagged;
import org.imap4j.session.ImapCall;
import org.imap4j.session.SessionDriver;

/** The {@link ImapCall} of the NIO transport: a handle on the driver's call that locks the connection to act. */
final class NioCall implements ImapCall {
    private final Connection connection;
    private final Command command;
    private SessionDriver.Call call;
    private CompletableFuture<Tagged> refused;

    NioCall(Connection connection, Command command) {
        this.connection = connection;
        this.command = command;
    }

    void bind(SessionDriver.Call call) {
        this.call = call;
    }

    void refuse(CompletableFuture<Tagged> failed) {
        this.refused = failed;
    }

    SessionDriver.Call driverCall() {
        return call;
    }

    @Override
    public Command command() {
        return command;
    }

    @Override
    public CompletableFuture<Tagged> future() {
        return refused != null ? refused : call.future();
    }

    @Override
    public Tagged await() {
        CompletableFuture<Tagged> f = future();
        if (!f.isDone() && connection.inDelivery()) {
            throw new IllegalStateException("await() in a callback of the same connection would wait forever: "
                    + "its result is delivered after the callback returns; use future() instead");
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.imap4j.codec.ImapInterruptedException("interrupted while waiting for "
                    + command.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT), e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ImapException ie) {
                throw ie;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new ImapConnectionException("command failed: " + cause, cause);
        } catch (CancellationException e) {
            throw new ImapConnectionException("the caller cancelled the command's future", e);
        }
    }

    @Override
    public void respond(Bytes response) {
        connection.respond(this, response);
    }

    @Override
    public void cancel() {
        connection.cancel(this);
    }

    @Override
    public void done() {
        connection.done(this);
    }

    @Override
    public String toString() {
        return "NioCall[" + command.getClass().getSimpleName() + "]";
    }
}
