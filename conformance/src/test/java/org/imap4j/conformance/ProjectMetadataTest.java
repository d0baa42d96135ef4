package org.imap4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * What a user sees before the code: the README's dependency snippet is the one the consumer project
 * ({@code examples/consumer}, built in CI against the installed jars) uses, the BOM lists every library module of the
 * build, every published POM carries the project's metadata, and README's test command is what {@code .ci/run} runs.
 */
class ProjectMetadataTest {
    private static final Path ROOT = findRoot();

    private static Path findRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("imap4j-bom/pom.xml")) && Files.exists(p.resolve("README.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("the imap4j source tree is not above " + Path.of("").toAbsolutePath());
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    private static Document pom(String relative) throws IOException {
        return parse(Files.readString(ROOT.resolve(relative)));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0);
    }

    private static String text(Element parent, String name) {
        Element c = child(parent, name);
        return c == null ? null : c.getTextContent().strip();
    }

    /** A dependency as written: every child element, in a fixed order, so two spellings compare equal. */
    private static String describe(Element dependency) {
        StringBuilder b = new StringBuilder();
        for (String field : List.of("groupId", "artifactId", "version", "type", "classifier", "scope", "optional")) {
            String v = text(dependency, field);
            if (v != null) {
                b.append(field).append('=').append(v).append(' ');
            }
        }
        return b.toString().strip();
    }

    /** The imap4j entries of a project's (or a snippet's) dependencies, or of its dependency management. */
    private static List<String> imap4jDependencies(Element project, boolean managed) {
        Element holder = managed ? child(project, "dependencyManagement") : project;
        List<String> out = new ArrayList<>();
        for (Element d : children(child(holder, "dependencies"), "dependency")) {
            if ("org.imap4j".equals(text(d, "groupId"))) {
                out.add(describe(d));
            }
        }
        return out;
    }

    /** The first {@code xml} code block of the README's "Use it" section, wrapped in a root element to parse. */
    private static Element readmeSnippet() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int section = readme.indexOf("\n## Use it\n");
        assertTrue(section >= 0, "README.md has a '## Use it' section");
        Matcher m = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(section), "the 'Use it' section has an xml block");
        int nextSection = readme.indexOf("\n## ", section + 1);
        assertTrue(nextSection < 0 || m.start() < nextSection, "the xml block is inside the 'Use it' section");
        return parse("<project>" + m.group(1) + "</project>").getDocumentElement();
    }

    private static String projectVersion() throws IOException {
        return text(pom("pom.xml").getDocumentElement(), "version");
    }

    @Test
    void readmeSnippetIsWhatTheConsumerProjectUses() throws IOException {
        Element snippet = readmeSnippet();
        Element consumer = pom("examples/consumer/pom.xml").getDocumentElement();
        List<String> snippetManaged = imap4jDependencies(snippet, true);
        List<String> snippetDeps = imap4jDependencies(snippet, false);
        assertEquals(List.of("groupId=org.imap4j artifactId=imap4j-bom version=" + projectVersion()
                        + " type=pom scope=import"), snippetManaged,
                "the README imports the BOM of this build's version");
        assertFalse(snippetDeps.isEmpty(), "the README names at least one module");
        for (String d : snippetDeps) {
            assertFalse(d.contains("version="), () -> "the BOM gives the version, the README must not: " + d);
        }
        assertEquals(snippetManaged, imap4jDependencies(consumer, true),
                "examples/consumer/pom.xml imports the BOM exactly as README.md says");
        assertEquals(snippetDeps, imap4jDependencies(consumer, false),
                "examples/consumer/pom.xml depends on imap4j exactly as README.md says");
    }

    /** The reactor's library modules: those that attach sources and javadoc jars (others set the skip flags). */
    private static List<String> libraryModules() throws IOException {
        List<String> out = new ArrayList<>();
        for (Element m : children(child(pom("pom.xml").getDocumentElement(), "modules"), "module")) {
            String name = m.getTextContent().strip();
            Element module = pom(name + "/pom.xml").getDocumentElement();
            String packaging = text(module, "packaging");
            boolean skipsJavadoc = "true".equals(text(child(module, "properties"), "maven.javadoc.skip"));
            if ((packaging == null || packaging.equals("jar")) && !skipsJavadoc) {
                out.add(name);
            }
        }
        return out;
    }

    @Test
    void theBomManagesEveryLibraryModuleAtTheBuildsVersion() throws IOException {
        Element bom = pom("imap4j-bom/pom.xml").getDocumentElement();
        assertEquals("imap4j-bom", text(bom, "artifactId"));
        assertEquals("pom", text(bom, "packaging"));
        assertEquals(projectVersion(), text(bom, "version"), "the BOM is released with the modules");
        assertNull(child(bom, "parent"),
                "the BOM has no parent: an imported BOM must not pin the build's test and tool dependencies");
        TreeSet<String> expected = new TreeSet<>();
        for (String module : libraryModules()) {
            expected.add("groupId=org.imap4j artifactId=" + module + " version=${project.version}");
        }
        assertTrue(expected.contains("groupId=org.imap4j artifactId=imap-client version=${project.version}"),
                "library modules found: " + expected);
        List<String> managed = imap4jDependencies(bom, true);
        assertEquals(expected, new TreeSet<>(managed), "imap4j-bom lists exactly the library modules");
        assertEquals(managed.size(), children(child(child(bom, "dependencyManagement"), "dependencies"),
                "dependency").size(), "imap4j-bom manages nothing but imap4j modules");
    }

    @Test
    void everyPublishedPomCarriesTheProjectMetadata() throws IOException {
        Element root = pom("pom.xml").getDocumentElement();
        for (String field : List.of("name", "description", "url")) {
            assertNotNull(text(root, field), "the parent POM has " + field);
        }
        assertEquals("Apache-2.0", text(child(child(root, "licenses"), "license"), "name"));
        assertNotNull(text(child(root, "scm"), "url"), "scm url");
        assertNotNull(text(child(root, "scm"), "connection"), "scm connection");
        assertNotNull(child(child(root, "developers"), "developer"), "developers");
        assertNotNull(text(child(root, "issueManagement"), "url"), "issue management");
        assertNotNull(text(child(root, "properties"), "project.build.outputTimestamp"), "reproducible builds");

        Element bom = pom("imap4j-bom/pom.xml").getDocumentElement();
        for (String field : List.of("url", "licenses", "developers", "scm", "issueManagement", "organization")) {
            assertEquals(child(root, field).getTextContent().strip(), child(bom, field).getTextContent().strip(),
                    "imap4j-bom repeats the parent's " + field);
        }
        for (String module : libraryModules()) {
            Element m = pom(module + "/pom.xml").getDocumentElement();
            assertEquals("imap4j-parent", text(child(m, "parent"), "artifactId"), module + " inherits the metadata");
            assertNotNull(text(m, "name"), module + " has a name");
            assertNotNull(text(m, "description"), module + " has a description");
        }
        assertTrue(Files.readString(ROOT.resolve("LICENSE")).contains("Apache License")
                && Files.readString(ROOT.resolve("LICENSE")).contains("Version 2.0, January 2004"), "LICENSE");
        assertTrue(Files.exists(ROOT.resolve("NOTICE")), "NOTICE");
    }

    @Test
    void readmeTestCommandIsWhatCiRuns() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int at = readme.indexOf("Run all tests (this is what `.ci/run` runs)");
        assertTrue(at >= 0, "README.md says how to run all tests");
        List<String> readmeCommands = new ArrayList<>();
        boolean inBlock = false;
        for (String line : readme.substring(at).split("\n", -1)) {
            if (line.startsWith("    ")) {
                inBlock = true;
                readmeCommands.add(line.strip());
            } else if (inBlock) {
                break;
            }
        }
        List<String> ciCommands = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve(".ci/run"))) {
            if (line.startsWith("mvn ")) {
                ciCommands.add(line.strip());
            }
        }
        assertFalse(ciCommands.isEmpty(), ".ci/run runs Maven");
        assertEquals(readmeCommands, ciCommands, "README.md's test command and .ci/run agree");
    }
}
