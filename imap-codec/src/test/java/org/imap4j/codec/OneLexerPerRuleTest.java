package org.imap4j.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps one implementation per lexical rule (issue 20): scans the codec's main sources and fails when a rule's reader
 * or writer appears outside the one file that owns it, by the names and constructs such code cannot avoid (a method
 * taking an {@code ImapReader} named after the rule, a month-name table, {@code SequenceSet.parse} on wire bytes).
 */
class OneLexerPerRuleTest {

    /** rule → (pattern that marks an implementation of it, the files allowed to hold one). */
    private static final Map<String, Map.Entry<Pattern, Set<String>>> RULES = new TreeMap<>(Map.of(
            "sequence-set reader", Map.entry(Pattern.compile(
                    "\\b\\w*(?i:sequenceset|seqset|uidset)\\w*\\(\\s*ImapReader\\b|SequenceSet\\.parse\\("),
                    Set.of("internal/parse/SequenceSetParser.java")),
            "date / date-time reader", Map.entry(Pattern.compile(
                    "\\b\\w*(?i:date)\\w*\\(\\s*ImapReader\\b|OffsetDateTime\\.of\\(|LocalDate\\.of\\("),
                    Set.of("internal/parse/DateTimeParser.java")),
            "month-name table", Map.entry(Pattern.compile("(?i)\"jan\"|\"janfeb"),
                    Set.of("internal/parse/DateTimeParser.java", "internal/encode/DateTimeEncoder.java")),
            "date / date-time writer", Map.entry(Pattern.compile(
                    "\\bvoid\\s+\\w*(?i:date)\\w*\\(\\s*ImapWriter\\b"
                    + "|\\bString\\s+\\w*(?i:date)\\w*\\(\\s*(?:OffsetDateTime|LocalDate)\\b"),
                    Set.of("internal/encode/DateTimeEncoder.java")),
            "mailbox reader", Map.entry(Pattern.compile("\\bMailboxName\\s+\\w*(?i:mailbox)\\w*\\(\\s*ImapReader\\b"),
                    Set.of("internal/parse/MailboxParser.java")),
            "astring / nstring / string / number / atom lexer", Map.entry(Pattern.compile(
                    "\\b(?:String|long)\\s+(?:astring|nstring|string|quoted|number|number64|nzNumber|atom)\\(\\s*\\)"),
                    Set.of("internal/parse/ImapReader.java")),
            // FetchParser keeps an allocation-free reader of FETCH's FLAGS (the hot path, with a memo of common
            // flags, returning the whole FLAGS item so that a recent equal one can be shared); every other flag list
            // goes through FlagParser.
            "flag-list reader", Map.entry(Pattern.compile(
                    "\\b(?:List<Flag>|FetchItem\\.Flags)\\s+\\w*(?i:flag)\\w*\\(\\s*ImapReader\\b"),
                    Set.of("internal/parse/FlagParser.java", "internal/parse/FetchParser.java"))));

    private static Path sourceRoot() throws URISyntaxException {
        Path classes = Path.of(ImapEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path src = classes.getParent().getParent().resolve("src/main/java/org/imap4j/codec");
        assertTrue(Files.isDirectory(src), () -> "the codec's main sources are not at " + src);
        return src;
    }

    @Test
    void eachRuleHasOneImplementation() throws IOException, URISyntaxException {
        Path root = sourceRoot();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() > 50, "found the codec's sources");
        Map<String, Set<String>> misplaced = new TreeMap<>();
        Map<String, Set<String>> found = new TreeMap<>();
        for (Path f : files) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            String code = stripComments(Files.readString(f, StandardCharsets.UTF_8));
            for (var rule : RULES.entrySet()) {
                Matcher m = rule.getValue().getKey().matcher(code);
                if (m.find()) {
                    found.computeIfAbsent(rule.getKey(), k -> new TreeSet<>()).add(rel);
                    if (!rule.getValue().getValue().contains(rel)) {
                        misplaced.computeIfAbsent(rule.getKey(), k -> new TreeSet<>()).add(rel + ": " + m.group());
                    }
                }
            }
        }
        assertEquals(Map.of(), misplaced, "a second implementation of a lexical rule; use the owner's instead");
        // and the check still sees every owner, so a renamed owner cannot make it pass vacuously
        for (var rule : RULES.entrySet()) {
            assertTrue(found.getOrDefault(rule.getKey(), Set.of()).containsAll(rule.getValue().getValue()),
                    () -> rule.getKey() + " not found in its owners " + rule.getValue().getValue() + ": " + found);
        }
    }

    /** Javadoc and comments name rules freely; only code counts. */
    private static String stripComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
    }
}
