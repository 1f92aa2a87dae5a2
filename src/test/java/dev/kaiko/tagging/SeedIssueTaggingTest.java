package dev.kaiko.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.kaiko.archive.ParsedTopic;
import dev.kaiko.archive.PlainTextIssueReader;
import dev.kaiko.support.SeedTopics;

/** The seed issue (Neco Weekly 2023-12-22): each topic carries the technologies it is about. */
class SeedIssueTaggingTest {

    static Taxonomy taxonomy;
    static TechnologyTagger tagger;
    static Map<String, Set<String>> tags = new LinkedHashMap<>();

    @BeforeAll
    static void tagSeed() throws Exception {
        taxonomy = Taxonomy.loadDefault();
        tagger = new TechnologyTagger(taxonomy);
        Path seed = Path.of(System.getProperty("kaiko.corpora", "../shared/corpora"), "neco-weekly-2023-12-22.txt");
        // the real reader slices the seed into its topics
        var topics = new PlainTextIssueReader().read(seed.getFileName().toString(), Files.readString(seed)).get(0)
                .topics();
        assertEquals(SeedTopics.ALL, topics.stream().map(ParsedTopic::title).toList(), "all 9 seed topics found");
        topics.forEach(topic -> {
            Set<String> t = tagger.tag(topic.title(), topic.body());
            tags.put(topic.title(), t);
            System.out.println(topic.title() + " -> " + t);
        });
    }

    static void assertTagged(String title, String... expected) {
        for (String e : expected) {
            assertTrue(tags.get(title).contains(e), title + " should carry " + e + " but has " + tags.get(title));
        }
    }

    @Test
    void ebpfTopics() {
        assertTagged(SeedTopics.EBPF_BOOK, "eBPF");
        assertTagged(SeedTopics.NETKIT, "eBPF", "netkit", "Cilium");
        assertTagged(SeedTopics.OTEL_GO, "eBPF", "OpenTelemetry", "Go");
    }

    @Test
    void sidecarTopicCarriesParent() {
        assertTagged(SeedTopics.SIDECAR, "Sidecar containers", "Kubernetes", "Feature gates");
    }

    @Test
    void cvssTopic() {
        assertTagged(SeedTopics.CVSS, "CVSS", "EPSS");
    }

    @Test
    void vaultTopic() {
        assertTagged(SeedTopics.VAULT, "Vault", "OpenBao", "Terraform", "OpenTofu");
    }

    @Test
    void ciliumTopic() {
        assertTagged(SeedTopics.CILIUM, "Cilium", "Geneve", "DSR");
    }

    @Test
    void registryTopic() {
        assertTagged(SeedTopics.REGISTRY, "Spegel", "Kubernetes", "Container registry");
    }

    @Test
    void failInPlaceCarriesNoLanguage() {
        for (String t : tags.get(SeedTopics.FAIL_IN_PLACE)) {
            assertTrue(!"language".equals(taxonomy.find(t).orElseThrow().category()),
                    "fail-in-place topic got language tag " + t);
        }
        assertTrue(!tags.get(SeedTopics.FAIL_IN_PLACE).contains("Go"));
    }
}
