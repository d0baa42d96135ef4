package org.imap4j.conformance.live;

/**
 * One live-suite scenario: an identifier stable across runs (the report's row), the area it belongs to, what it
 * proves, and the code that proves it against whatever server the context holds.
 *
 * @param id    a short stable identifier, e.g. {@code "fetch.envelope"}
 * @param title what the scenario checks, one line
 * @param body  the check; throws {@link NotOffered} when the server lacks what it needs
 */
record Scenario(String id, String title, Body body) {

    /** The check itself. */
    @FunctionalInterface
    interface Body {
        /**
         * Runs the scenario.
         *
         * @param ctx the server, transport and fresh connections
         * @throws Exception any failure fails the scenario, except {@link NotOffered}
         */
        void run(LiveContext ctx) throws Exception;
    }

    /** Thrown when the server does not offer what a scenario needs: reported apart from failures. */
    static final class NotOffered extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotOffered(String reason) {
            super(reason, null, false, false);
        }
    }
}
