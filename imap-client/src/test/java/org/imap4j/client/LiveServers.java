package org.imap4j.client;

import java.util.ArrayList;
import java.util.List;
import org.imap4j.testing.servers.CyrusServer;
import org.imap4j.testing.servers.DovecotServer;

/**
 * The real servers the client's two-server tests run on: a private Dovecot, and a private Cyrus where it is
 * installed (always on CI, where a missing Cyrus fails the start). One per test class, closed after its last test.
 */
public final class LiveServers implements AutoCloseable {
    /**
     * One real server and how to log in to it.
     *
     * @param name     the server's name, shown as the case's name
     * @param host     where it listens
     * @param port     its plain port
     * @param user     who logs in
     * @param password the user's password
     * @param restart  restarts the server (every session ends, the mail stays)
     */
    public record Srv(String name, String host, int port, String user, String password, Runnable restart) {
        /** @return the same server with another account */
        public Srv as(String otherUser, String otherPassword) {
            return new Srv(name, host, port, otherUser, otherPassword, restart);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final DovecotServer dovecot;
    private final CyrusServer cyrus;

    private LiveServers(DovecotServer dovecot, CyrusServer cyrus) {
        this.dovecot = dovecot;
        this.cyrus = cyrus;
    }

    /** @return Dovecot (the calling test skipped where it is missing, failed on CI) and Cyrus where installed */
    public static LiveServers startOrSkip() {
        return withCyrus(DovecotServer.startOrSkip());
    }

    /** @return Dovecot (a failure where it is missing) and Cyrus where installed */
    public static LiveServers start() {
        return withCyrus(DovecotServer.start());
    }

    private static LiveServers withCyrus(DovecotServer dovecot) {
        try {
            return new LiveServers(dovecot,
                    CyrusServer.installed() || System.getenv("CI") != null ? CyrusServer.start() : null);
        } catch (RuntimeException e) {
            dovecot.close();
            throw e;
        }
    }

    /** @return the Dovecot instance */
    public DovecotServer dovecot() {
        return dovecot;
    }

    /** @return the Cyrus instance, or {@code null} where Cyrus is not installed (off CI) */
    public CyrusServer cyrus() {
        return cyrus;
    }

    /** @return Dovecot as its first user */
    public Srv dovecotSrv() {
        return of(dovecot);
    }

    /** @return Cyrus as its first user; only where {@link #cyrus()} is not {@code null} */
    public Srv cyrusSrv() {
        return new Srv("Cyrus", cyrus.host(), cyrus.imapPort(), CyrusServer.USER, CyrusServer.PASSWORD,
                cyrus::restart);
    }

    /** @return another Dovecot (e.g. one with its own capabilities) as its first user */
    public static Srv of(DovecotServer d) {
        return new Srv("Dovecot", d.host(), d.imapPort(), DovecotServer.USER, DovecotServer.PASSWORD, d::restart);
    }

    /** @return Dovecot, and Cyrus where it runs */
    public List<Srv> all() {
        List<Srv> r = new ArrayList<>();
        r.add(dovecotSrv());
        if (cyrus != null) {
            r.add(cyrusSrv());
        }
        return r;
    }

    /** Stops both servers. */
    @Override
    public void close() {
        try {
            dovecot.close();
        } finally {
            if (cyrus != null) {
                cyrus.close();
            }
        }
    }
}
