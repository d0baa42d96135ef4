package org.imap4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.imap4j.benchmarks.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report generator on a JMH result file shaped like JMH's own (two methods, the GC profiler's norm). */
class BenchmarkReportTest {

    private static String result(String method, double score, double norm) {
        return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"org.imap4j.benchmarks.ParserBenchmark." + method + "\","
                + "\"mode\":\"thrpt\",\"jdkVersion\":\"17.0.15\",\"vmName\":\"OpenJDK 64-Bit Server VM\","
                + "\"vmVersion\":\"17.0.15+6\",\"params\":{\"corpus\":\"env-1000\"},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":1.5,\"scoreUnit\":\"ops/s\","
                + "\"rawData\":[[1.0,2.0]]},\"secondaryMetrics\":{\"\\u00b7gc.alloc.rate.norm\":{\"score\":" + norm
                + ",\"scoreError\":\"NaN\",\"scoreUnit\":\"B/op\"}}}";
    }

    @Test
    void theGeneratedSectionReplacesOnlyItselfWithRatiosWithinTheRun(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("parser-jdk17.json"), "[" + result("typedParse", 400.0, 1_000_000.0) + ","
                + result("angusTypedParse", 40.0, 11_000_000.0) + "]", StandardCharsets.UTF_8);
        Path md = dir.resolve("BENCHMARKS.md");
        Files.writeString(md, "# title\n\nintro\n\n## Old log\n\nkept\n", StandardCharsets.UTF_8);
        BenchmarkReport.main(new String[] {dir.toString(), md.toString()});
        BenchmarkReport.main(new String[] {dir.toString(), md.toString()}); // idempotent: replaced, not added
        String text = Files.readString(md, StandardCharsets.UTF_8);
        assertEquals(text.indexOf(BenchmarkReport.BEGIN), text.lastIndexOf(BenchmarkReport.BEGIN));
        assertTrue(text.startsWith("# title\n\nintro\n\n" + BenchmarkReport.BEGIN), text);
        assertTrue(text.endsWith("## Old log\n\nkept\n"), text);
        int messages = Corpus.countFetches(Corpus.load(Corpus.ENV_1000));
        assertTrue(text.contains("| `typedParse` | 400.0 ± 1.5 |"), text);
        assertTrue(text.contains("| 10.0x |"), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "| %,.0f |", 1_000_000.0 / messages)), text);
        String svg = Files.readString(dir.resolve("parser.svg"), StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<svg") && svg.contains("typedParse") && svg.contains("JDK 17.0.15"), svg);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonReadsWhatJmhWrites() {
        Object v = Json.parse("[{\"a\":[1,2.5e3,-3],\"b\":\"x\\\"y\\u00e9\",\"c\":null,\"d\":true,\"e\":{}}]");
        Map<String, Object> m = (Map<String, Object>) ((List<Object>) v).get(0);
        assertEquals(List.of(1.0, 2500.0, -3.0), m.get("a"));
        assertEquals("x\"y\u00e9", m.get("b"));
        assertTrue(m.containsKey("c") && m.get("c") == null);
        assertEquals(Boolean.TRUE, m.get("d"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
    }
}
