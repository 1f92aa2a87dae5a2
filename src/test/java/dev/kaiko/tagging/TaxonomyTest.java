package dev.kaiko.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxonomyTest {

    static final Taxonomy DEFAULT = Taxonomy.loadDefault();

    static Taxonomy yaml(String s) {
        return Taxonomy.load(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void defaultIsBroad() {
        int n = DEFAULT.technologies().size();
        System.out.println("default taxonomy: " + n + " technologies");
        assertTrue(n >= 250, "at least 250 technologies, got " + n);
        Map<String, Long> byCategory = DEFAULT.technologies().stream()
                .collect(Collectors.groupingBy(Technology::category, Collectors.counting()));
        System.out.println("by category: " + byCategory);
        for (String c : List.of("runtime", "networking", "security", "observability", "language", "web", "database",
                "infrastructure", "practice")) {
            assertTrue(byCategory.getOrDefault(c, 0L) > 0, "category " + c);
        }
        for (String t : List.of("Kubernetes", "Sidecar containers", "Cilium", "eBPF", "netkit", "Geneve", "DSR", "Spegel",
                "Container registry", "CVSS", "EPSS", "Vault", "OpenBao", "Terraform", "OpenTofu", "OpenTelemetry", "Go",
                "Linux kernel", "Rust", "Java", "JavaScript", "TypeScript", "React", "Node.js", "Deno", "Bun", "Vite", "CSS",
                "WebAssembly", "ESLint", "webpack", "Next.js")) {
            assertTrue(DEFAULT.isCanonical(t), t);
        }
    }

    @Test
    void findIsWidthCaseAndPunctuationInsensitive() {
        for (String s : List.of("nodejs", "node.js", "Node.js", "ＮＯＤＥ．ＪＳ", "NodeJS", " node.js ")) {
            assertEquals("Node.js", DEFAULT.find(s).map(Technology::name).orElse(null), s);
        }
        assertEquals("eBPF", DEFAULT.find("ｅＢＰＦ").orElseThrow().name());
        assertEquals("Kubernetes", DEFAULT.find("k8s").orElseThrow().name());
        assertEquals("Sidecar containers", DEFAULT.find("サイドカー").orElseThrow().name());
        assertEquals("Go", DEFAULT.find("golang").orElseThrow().name());
        assertEquals("Go", DEFAULT.find("Go").orElseThrow().name());
        assertEquals("Vue.js", DEFAULT.find("Vue").orElseThrow().name());
        assertEquals(Optional.empty(), DEFAULT.find("no-such-technology"));
        assertEquals(Optional.empty(), DEFAULT.find("  "));
    }

    @Test
    void ancestors() {
        assertEquals(List.of("Kubernetes"), DEFAULT.ancestors("Sidecar containers"));
        assertEquals(List.of("Linux kernel", "Linux"), DEFAULT.ancestors("netkit"));
        assertEquals(List.of(), DEFAULT.ancestors("Kubernetes"));
        assertEquals(List.of(), DEFAULT.ancestors("unknown"));
    }

    @Test
    void archiveTagsMapToCanonicalNamesOrFreeTags() {
        assertEquals("Node.js", DEFAULT.mapArchiveTag("nodejs"));
        assertEquals("Node.js", DEFAULT.mapArchiveTag("node.js"));
        assertEquals("Deno", DEFAULT.mapArchiveTag("deno"));
        assertEquals("Go", DEFAULT.mapArchiveTag("golang"));
        assertEquals("Web Components", DEFAULT.mapArchiveTag("WebComponents"));
        assertEquals("ReleaseNote", DEFAULT.mapArchiveTag("  ReleaseNote "));
        assertEquals("search", DEFAULT.mapArchiveTag("ｓｅａｒｃｈ "));
        assertEquals("", DEFAULT.mapArchiveTag("   "));
        assertFalse(DEFAULT.isCanonical("ReleaseNote"));
    }

    // ------------------------------------------------------------ validation

    @Test
    void duplicateAliasAcrossTechnologiesNamesBoth() {
        TaxonomyException e = assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {name: Node.js, category: runtime, aliases: [node]}
                  - {name: Node-RED, category: tool, aliases: [NODE]}
                """));
        assertTrue(e.getMessage().contains("Node-RED") && e.getMessage().contains("Node.js"), e.getMessage());
    }

    @Test
    void duplicateNameAndNameAsOthersAlias() {
        assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {name: Go, category: language}
                  - {name: Go, category: language}
                """));
        TaxonomyException e = assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {name: Deno, category: runtime}
                  - {name: Fresh, category: web, aliases: [deno]}
                """));
        assertTrue(e.getMessage().contains("Fresh"), e.getMessage());
    }

    @Test
    void unknownParent() {
        TaxonomyException e = assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {name: Sidecar containers, category: infrastructure, parent: Kubernetes}
                """));
        assertTrue(e.getMessage().contains("Sidecar containers") && e.getMessage().contains("Kubernetes"), e.getMessage());
    }

    @Test
    void parentCycle() {
        TaxonomyException e = assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {name: A, category: practice, parent: C}
                  - {name: B, category: practice, parent: A}
                  - {name: C, category: practice, parent: B}
                """));
        assertTrue(e.getMessage().contains("cycle") && e.getMessage().contains("'A'"), e.getMessage());
        assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {name: A, category: practice, parent: A}
                """));
    }

    @Test
    void missingFieldsBadRegexAndUnknownKeys() {
        assertTrue(assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {name: Rust}
                """)).getMessage().contains("'Rust' has no category"));
        assertTrue(assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {category: language}
                """)).getMessage().contains("#1"));
        assertTrue(assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {name: Go, category: language, ambiguous: [Go], context: {after: ['(unclosed']}}
                """)).getMessage().contains("'Go'"));
        assertTrue(assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {name: Go, category: language, ambiguous: [Go]}
                """)).getMessage().contains("context"));
        assertTrue(assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {name: Go, category: language, alias: [golang]}
                """)).getMessage().contains("alias"));
        assertThrows(TaxonomyException.class, () -> yaml("not: [a list"));
    }

    // ------------------------------------------------------------ replace / extend

    @Test
    void extensionAddsAndMerges(@TempDir Path dir) throws IOException {
        Path ext = dir.resolve("ext.yaml");
        Files.writeString(ext, """
                technologies:
                  - {name: Necoctl, category: tool, parent: Kubernetes, aliases: [ねこctl]}
                  - {name: Kubernetes, aliases: [クーバー]}
                """);
        Taxonomy t = DEFAULT.extendWith(ext);
        assertEquals(DEFAULT.technologies().size() + 1, t.technologies().size());
        assertEquals("Kubernetes", t.find("クーバー").orElseThrow().name());
        assertEquals("infrastructure", t.find("Kubernetes").orElseThrow().category());
        Set<String> tags = new TechnologyTagger(t).tag("ねこctl 1.0", "");
        assertEquals(Set.of("Necoctl", "Kubernetes"), tags);

        Path replacement = dir.resolve("small.yaml");
        Files.writeString(replacement, "technologies:\n  - {name: Zig, category: language}\n");
        Taxonomy replaced = Tagging.load(Optional.of(replacement.toString()), Optional.empty());
        assertEquals(1, replaced.technologies().size());
        // Necoctl's parent Kubernetes is unknown in the small replacement taxonomy
        assertThrows(TaxonomyException.class, () -> Tagging.load(Optional.of(replacement.toString()),
                Optional.of(ext.toString())));
    }

    @Test
    void extensionMayNotIntroduceDuplicates() {
        assertThrows(TaxonomyException.class, () -> DEFAULT.extendWith(new ByteArrayInputStream("""
                technologies:
                  - {name: Golang Tools, category: tool, aliases: [golang]}
                """.getBytes(StandardCharsets.UTF_8))));
    }
}
