package org.imap4j.client;

/** Reports the progress of a streamed body. */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores progress. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * @param bytesSoFar bytes of the body received so far
     * @param total      the body's size as announced by the server
     */
    void progress(long bytesSoFar, long total);
}
