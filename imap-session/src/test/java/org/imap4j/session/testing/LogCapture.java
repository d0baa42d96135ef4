package org.imap4j.session.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Records what imap4j logs through {@link System.Logger}, for tests: the JDK's default logger finder maps
 * {@code System.Logger} to {@code java.util.logging} (TRACE to FINER, DEBUG to FINE, INFO, WARNING), so a handler on
 * the JUL logger {@code org.imap4j} at level ALL sees every line. Closing restores the level and removes the handler.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *     // run a session
 *     assertTrue(logs.records().stream().noneMatch(r -> r.getLevel().intValue() >= Level.INFO.intValue()));
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
    /** Held strongly: JUL keeps loggers only weakly, and a collected logger would forget the level set here. */
    private final Logger logger = Logger.getLogger("org.imap4j");
    private final Level previous;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        previous = logger.getLevel();
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
        logger.setLevel(Level.ALL);
    }

    /** @return a capture of everything under {@code org.imap4j}, from now until {@link #close()} */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** @return the records so far, in order */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /**
     * @param loggerName a logger's name
     * @return the records of that logger
     */
    public List<LogRecord> of(String loggerName) {
        return records.stream().filter(r -> loggerName.equals(r.getLoggerName())).collect(Collectors.toList());
    }

    /**
     * @param r a record
     * @return its message with its parameters and its exception's message, as one string (what a log would show)
     */
    public static String text(LogRecord r) {
        StringBuilder sb = new StringBuilder(String.valueOf(r.getMessage()));
        if (r.getParameters() != null) {
            for (Object p : r.getParameters()) {
                sb.append(' ').append(p);
            }
        }
        for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
            sb.append(' ').append(t);
        }
        return sb.toString();
    }

    /** @return every record as {@code LEVEL logger: text}, one per line, for assertion messages */
    public String dump() {
        return records.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + text(r))
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previous);
    }
}
