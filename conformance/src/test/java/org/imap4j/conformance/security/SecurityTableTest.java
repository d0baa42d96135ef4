package org.imap4j.conformance.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code SECURITY.md} and the suite from drifting apart: every row of its regression table names a test method
 * of {@link AbstractCveClassSuite}, and every test of the suite has exactly one row.
 */
class SecurityTableTest {
    private static final Pattern TEST_CELL = Pattern.compile("`([a-z][A-Za-z0-9]*)`");

    static Path securityMd() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("SECURITY.md"))) {
            p = p.getParent();
        }
        assertTrue(p != null, "SECURITY.md not found above " + Path.of("").toAbsolutePath());
        return p.resolve("SECURITY.md");
    }

    /** @return the test names of the table's "Test" column, in order */
    static List<String> tableTests(List<String> lines) {
        List<String> names = new ArrayList<>();
        int testColumn = -1;
        for (String line : lines) {
            if (!line.startsWith("|")) {
                testColumn = -1;
                continue;
            }
            String[] cells = line.split("\\|", -1);
            if (testColumn < 0) {
                for (int i = 0; i < cells.length; i++) {
                    if (cells[i].trim().equalsIgnoreCase("Test")) {
                        testColumn = i;
                    }
                }
                continue;
            }
            if (cells.length <= testColumn || cells[testColumn].trim().startsWith("-")) {
                continue; // the separator row
            }
            Matcher m = TEST_CELL.matcher(cells[testColumn]);
            assertTrue(m.find(), "a table row without a `testName` in its Test column: " + line);
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyTableRowNamesASuiteTestAndEverySuiteTestHasARow() throws IOException {
        List<String> rows = tableTests(Files.readAllLines(securityMd(), StandardCharsets.UTF_8));
        assertFalse(rows.isEmpty(), "SECURITY.md has no table with a Test column");
        Set<String> suite = new TreeSet<>();
        for (Method m : AbstractCveClassSuite.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class)) {
                suite.add(m.getName());
            }
        }
        assertEquals(rows.size(), new TreeSet<>(rows).size(), "a test is named by two rows: " + rows);
        Set<String> unknown = new TreeSet<>(rows);
        unknown.removeAll(suite);
        assertEquals(Set.of(), unknown, "rows naming no test of the suite");
        Set<String> missing = new TreeSet<>(suite);
        missing.removeAll(rows);
        assertEquals(Set.of(), missing, "suite tests without a row in SECURITY.md");
    }
}
