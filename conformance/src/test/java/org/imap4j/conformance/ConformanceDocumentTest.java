package org.imap4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imap4j.conformance.live.LiveReport;
import org.imap4j.conformance.live.ScenarioIds;
import org.junit.jupiter.api.Test;

/**
 * {@code CONFORMANCE.md} at the project's root is the published live report; it must name exactly the scenarios the
 * suite has and every scripted test of {@code scripted-evidence.tsv} (which must exist), so that a scenario or a
 * scripted test added or removed without regenerating the report fails the build.
 */
class ConformanceDocumentTest {

    @Test
    void thePublishedReportListsExactlyTheSuitesScenarios() throws IOException {
        Path doc = Path.of("..", "CONFORMANCE.md");
        assertTrue(Files.isRegularFile(doc), "CONFORMANCE.md is missing at the project's root");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        Set<String> published = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z0-9][a-z0-9.-]*)` \\|").matcher(text);
        while (m.find()) {
            published.add(m.group(1));
        }
        assertEquals(new TreeSet<>(ScenarioIds.all()), published,
                "CONFORMANCE.md is stale: regenerate it with the command written at its top");
        assertTrue(text.contains(" 0 fail,"), "the published report has failures");
        for (String[] row : LiveReport.scriptedRows()) {
            assertTrue(Files.isRegularFile(Path.of("..", row[2])), "scripted-evidence.tsv names a missing test: "
                    + row[2]);
            assertTrue(text.contains("`" + row[2] + "`"), "CONFORMANCE.md is stale: it lacks the scripted test "
                    + row[2]);
        }
    }
}
