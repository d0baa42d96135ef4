package org.imap4j.client;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.imap4j.codec.response.Capability;

/**
 * Which server the client talks to, told from what it says of itself: the greeting's text, its ID response
 * (RFC 2971) and its capabilities. A profile names the server family, the product and version when the server
 * gives them, the known deviations of that family (as the ids of the cases in the project's server-quirks corpus,
 * {@code conformance/src/test/resources/quirks/quirks.corpus}, where each is backed by a recorded response), and
 * the documented per-account connection limit.
 *
 * <pre>{@code
 * ServerProfile p = ServerProfile.detect(greetingText, idFields, client.capabilities());
 * if (p.family() == ServerProfile.Family.GMAIL) { ... p.connectionLimit() ... }
 * }</pre>
 *
 * @param family          the server family
 * @param product         the product name (ID {@code name}, else the family's), never null
 * @param version         the version (ID {@code version}), or {@code ""} when not given
 * @param quirks          the ids of the corpus cases that apply to this family
 * @param connectionLimit the documented limit of simultaneous connections per account, or 0 when none is known
 * @param evidence        what the family was told from (for a report), e.g. {@code "capability X-GM-EXT-1"}
 */
public record ServerProfile(Family family, String product, String version, List<String> quirks, int connectionLimit,
        String evidence) {

    /** Server families the client knows. */
    public enum Family {
        /** Gmail (Google). */
        GMAIL("Gmail", 15, List.of("gmail-labels-system-and-user", "gmail-thrid-msgid-labels",
                "gmail-labels-empty-list", "gmail-labels-unquoted-brackets", "gmail-highestmodseq-no-text",
                "gmail-text-starts-with-bracket", "gmail-bodystructure-truncated-parts",
                "gmail-space-between-addresses")),
        /** Microsoft 365 / Exchange / Outlook.com. */
        MICROSOFT("Microsoft Exchange", 0, List.of("outlook-status-trailing-space", "exchange-disposition-bare-string",
                "exchange2016-multipart-description", "exchange-zero-size-part", "exchange-bare-copyuid-line",
                "outlook-copyuid-missing-arguments", "outlook365-quoted-string-in-code",
                "exchange-copyuid-uidvalidity-zero")),
        /** iCloud Mail (Apple). */
        ICLOUD("iCloud", 0, List.of("icloud-bye-without-text", "maddy-icloud-encoding-nil",
                "icloud-rfc822-not-returned", "icloud-qresync-unreliable")),
        /** Yahoo Mail / AOL. */
        YAHOO("Yahoo", 0, List.of()),
        /** Fastmail (Cyrus underneath). */
        FASTMAIL("Fastmail", 0, List.of("cyrus-group-addresses-no-space", "cyrus-preview-nil",
                "cyrus-status-appendlimit-bad")),
        /** Cyrus IMAP. */
        CYRUS("Cyrus IMAP", 0, List.of("cyrus-group-addresses-no-space", "cyrus-preview-nil",
                "cyrus-status-appendlimit-bad")),
        /** Dovecot. */
        DOVECOT("Dovecot", 0, List.of("dovecot-header-fields-upper-cased", "dovecot-nil-envelope-for-expunged")),
        /** Courier-IMAP. */
        COURIER("Courier-IMAP", 0, List.of("courier-quota-without-list")),
        /** Stalwart Mail Server. */
        STALWART("Stalwart", 0, List.of()),
        /** GreenMail (the test server). */
        GREENMAIL("GreenMail", 0, List.of("greenmail-list-unescaped-quotes", "greenmail-status-unescaped-quotes")),
        /** Not recognised. */
        UNKNOWN("unknown", 0, List.of());

        private final String product;
        private final int connectionLimit;
        private final List<String> quirks;

        Family(String product, int connectionLimit, List<String> quirks) {
            this.product = product;
            this.connectionLimit = connectionLimit;
            this.quirks = quirks;
        }

        /** @return the product's usual name */
        public String product() {
            return product;
        }
    }

    /**
     * Validates and copies.
     *
     * @param family          the family
     * @param product         the product name
     * @param version         the version, or {@code ""}
     * @param quirks          the corpus ids
     * @param connectionLimit the connection limit, or 0
     * @param evidence        what told the family
     */
    public ServerProfile {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
        quirks = List.copyOf(quirks);
        Objects.requireNonNull(evidence, "evidence");
    }

    /**
     * Tells the server family, strongest signal first: a family's own capability (X-GM-EXT-1, XAPPLEPUSHSERVICE,
     * XYMHIGHESTMODSEQ, Courier's ACL2=UNION), then the ID {@code name}/{@code vendor}, then the greeting text.
     *
     * @param greetingText the greeting's human-readable text (may be empty)
     * @param id           the server's ID fields (empty if it has no ID or was not asked); keys compared
     *                     case-insensitively
     * @param capabilities the capabilities
     * @return the profile ({@link Family#UNKNOWN} when nothing matched)
     */
    public static ServerProfile detect(String greetingText, Map<String, String> id, List<Capability> capabilities) {
        String greeting = greetingText == null ? "" : greetingText;
        String name = field(id, "name");
        String vendor = field(id, "vendor");
        String version = field(id, "version");
        Family f = null;
        String evidence = "";
        for (Capability c : capabilities) {
            String w = c.wire().toUpperCase(Locale.ROOT);
            Family byCap = w.equals("X-GM-EXT-1") ? Family.GMAIL : w.equals("XAPPLEPUSHSERVICE") ? Family.ICLOUD
                    : w.equals("XYMHIGHESTMODSEQ") ? Family.YAHOO : w.equals("ACL2=UNION") ? Family.COURIER : null;
            if (byCap != null) {
                f = byCap;
                evidence = "capability " + c.wire();
                break;
            }
        }
        if (f == null) {
            String said = (name + " " + vendor).toLowerCase(Locale.ROOT);
            f = byText(said);
            evidence = f == null ? "" : "ID " + (name.isEmpty() ? "vendor " + vendor : "name " + name);
        }
        if (f == null) {
            f = byText(greeting.toLowerCase(Locale.ROOT));
            evidence = f == null ? "" : "greeting \"" + shown(greeting) + "\"";
        }
        if (f == null) {
            f = Family.UNKNOWN;
            evidence = "no known capability, ID or greeting";
        }
        String product = !name.isEmpty() ? name : f.product;
        return new ServerProfile(f, product, version, f.quirks, f.connectionLimit, evidence);
    }

    private static Family byText(String s) {
        if (s.isBlank()) {
            return null;
        }
        if (s.contains("gimap") || s.contains("gmail")) {
            return Family.GMAIL;
        }
        if (s.contains("microsoft") || s.contains("exchange") || s.contains("outlook")) {
            return Family.MICROSOFT;
        }
        if (s.contains("icloud")) {
            return Family.ICLOUD;
        }
        if (s.contains("yahoo")) {
            return Family.YAHOO;
        }
        if (s.contains("fastmail")) {
            return Family.FASTMAIL;
        }
        if (s.contains("cyrus")) {
            return Family.CYRUS;
        }
        if (s.contains("dovecot")) {
            return Family.DOVECOT;
        }
        if (s.contains("courier")) {
            return Family.COURIER;
        }
        if (s.contains("stalwart")) {
            return Family.STALWART;
        }
        if (s.contains("greenmail")) {
            return Family.GREENMAIL;
        }
        return null;
    }

    private static String field(Map<String, String> id, String key) {
        if (id == null) {
            return "";
        }
        for (Map.Entry<String, String> e : id.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(key) && e.getValue() != null) {
                return e.getValue();
            }
        }
        return "";
    }

    private static String shown(String s) {
        String t = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
