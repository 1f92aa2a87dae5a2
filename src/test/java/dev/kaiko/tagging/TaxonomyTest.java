package dev.kaiko.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        for (String c : List.of(
                "runtime",
                "networking",
                "security",
                "observability",
                "language",
                "web",
                "database",
                "infrastructure",
                "practice")) {
            assertTrue(byCategory.getOrDefault(c, 0L) > 0, "category " + c);
        }
        for (String t : List.of(
                "Kubernetes",
                "Sidecar containers",
                "Cilium",
                "eBPF",
                "netkit",
                "Geneve",
                "DSR",
                "Spegel",
                "Container registry",
                "CVSS",
                "EPSS",
                "Vault",
                "OpenBao",
                "Terraform",
                "OpenTofu",
                "OpenTelemetry",
                "Go",
                "Linux kernel",
                "Rust",
                "Java",
                "JavaScript",
                "TypeScript",
                "React",
                "Node.js",
                "Deno",
                "Bun",
                "Vite",
                "CSS",
                "WebAssembly",
                "ESLint",
                "webpack",
                "Next.js")) {
            assertTrue(DEFAULT.isCanonical(t), t);
        }
    }

    /** name or alias as written → the technology found ('' = none). */
    @ParameterizedTest(name = "find({0}) = {1}")
    @CsvSource(delimiter = ';', textBlock = """
            nodejs                ; Node.js
            node.js               ; Node.js
            Node.js               ; Node.js
            ＮＯＤＥ．ＪＳ          ; Node.js
            NodeJS                ; Node.js
            ' node.js '           ; Node.js
            ｅＢＰＦ               ; eBPF
            k8s                   ; Kubernetes
            サイドカー             ; Sidecar containers
            golang                ; Go
            Go                    ; Go
            Vue                   ; Vue.js
            no-such-technology    ; ''
            '  '                  ; ''
            """)
    void findIsWidthCaseAndPunctuationInsensitive(String written, String expected) {
        assertThat(DEFAULT.find(written).map(Technology::name))
                .isEqualTo(expected.isEmpty() ? Optional.empty() : Optional.of(expected));
    }

    /** technology → its ancestors, nearest first (| separated; '' = none). */
    @ParameterizedTest(name = "ancestors({0}) = {1}")
    @CsvSource(delimiter = ';', textBlock = """
            Sidecar containers ; Kubernetes
            netkit             ; Linux kernel|Linux
            Hubble             ; Cilium
            Next.js            ; React
            Kubernetes         ; ''
            unknown            ; ''
            """)
    void ancestors(String technology, String expected) {
        assertThat(DEFAULT.ancestors(technology))
                .containsExactlyElementsOf(expected.isEmpty() ? List.of() : List.of(expected.split("\\|")));
    }

    /** archive tag → stored name, and whether that name is a canonical technology. */
    @ParameterizedTest(name = "mapArchiveTag({0}) = {1}")
    @CsvSource(delimiter = ';', textBlock = """
            nodejs           ; Node.js        ; true
            node.js          ; Node.js        ; true
            deno             ; Deno           ; true
            golang           ; Go             ; true
            WebComponents    ; Web Components ; true
            '  ReleaseNote ' ; ReleaseNote    ; false
            'ｓｅａｒｃｈ '     ; search         ; false
            '   '            ; ''             ; false
            """)
    void archiveTagsMapToCanonicalNamesOrFreeTags(String raw, String expected, boolean canonical) {
        assertThat(DEFAULT.mapArchiveTag(raw)).isEqualTo(expected);
        assertThat(DEFAULT.isCanonical(expected)).isEqualTo(canonical);
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
        assertTrue(
                e.getMessage().contains("Sidecar containers") && e.getMessage().contains("Kubernetes"), e.getMessage());
    }

    @Test
    void unknownEcosystemAndBadLibraryNameRegex() {
        TaxonomyException e = assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {name: esbuild, category: tool, ecosystem: JavaScript}
                """));
        assertTrue(e.getMessage().contains("esbuild") && e.getMessage().contains("JavaScript"), e.getMessage());
        e = assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {name: JavaScript, category: language, libraryNames: ['[a-z+\\.js']}
                """));
        assertTrue(e.getMessage().contains("libraryNames"), e.getMessage());
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
                """))
                .getMessage()
                .contains("'Rust' has no category"));
        assertTrue(assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {category: language}
                """))
                .getMessage()
                .contains("#1"));
        assertTrue(assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {name: Go, category: language, ambiguous: [Go], context: {after: ['(unclosed']}}
                """))
                .getMessage()
                .contains("'Go'"));
        assertTrue(assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {name: Go, category: language, ambiguous: [Go]}
                """))
                .getMessage()
                .contains("context"));
        assertTrue(assertThrows(TaxonomyException.class, () -> yaml("""
                technologies:
                  - {name: Go, category: language, alias: [golang]}
                """))
                .getMessage()
                .contains("alias"));
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
        assertThrows(
                TaxonomyException.class,
                () -> Tagging.load(Optional.of(replacement.toString()), Optional.of(ext.toString())));
    }

    @Test
    void extensionMayNotIntroduceDuplicates() {
        assertThrows(
                TaxonomyException.class,
                () -> DEFAULT.extendWith(new ByteArrayInputStream("""
                technologies:
                  - {name: Golang Tools, category: tool, aliases: [golang]}
                """.getBytes(StandardCharsets.UTF_8))));
    }
}
