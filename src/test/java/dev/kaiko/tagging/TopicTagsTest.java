package dev.kaiko.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TopicTagsTest {

    static final Taxonomy TAXONOMY = Taxonomy.loadDefault();

    static Map<String, TagProvenance> asMap(List<TopicTags.Tag> tags) {
        Map<String, TagProvenance> m = new LinkedHashMap<>();
        tags.forEach(t -> m.put(t.name(), t.provenance()));
        return m;
    }

    @Test
    void strongestProvenanceWinsAndArchiveTagsAreMapped() {
        Map<String, TagProvenance> m = asMap(TopicTags.merge(TAXONOMY, Set.of("Node.js", "TypeScript"),
                List.of("nodejs", "ReleaseNote"), new TopicTags.ManualEdits(Set.of("typescript"), Set.of())));
        assertEquals(TagProvenance.ARCHIVE, m.get("Node.js"));
        assertEquals(TagProvenance.MANUAL, m.get("TypeScript"));
        assertEquals(TagProvenance.ARCHIVE, m.get("ReleaseNote"));
        assertEquals(3, m.size());
    }

    @Test
    void manualRemovalBeatsAutoAndArchive() {
        Map<String, TagProvenance> m = asMap(TopicTags.merge(TAXONOMY, Set.of("Java", "Python", "Go"), List.of("golang"),
                new TopicTags.ManualEdits(Set.of(), Set.of("Java", "python", "go"))));
        assertEquals(Map.of(), m);
    }

    @Test
    void ancestorsOfArchiveAndManualTagsAreDerived() {
        List<TopicTags.Tag> tags = TopicTags.merge(TAXONOMY, Set.of(), List.of("sidecar"),
                new TopicTags.ManualEdits(Set.of("Hubble"), Set.of()));
        Map<String, TagProvenance> m = asMap(tags);
        assertEquals(TagProvenance.ARCHIVE, m.get("Sidecar containers"));
        assertEquals(TagProvenance.AUTO, m.get("Kubernetes"));
        assertEquals(TagProvenance.MANUAL, m.get("Hubble"));
        assertEquals(TagProvenance.AUTO, m.get("Cilium"));
        assertTrue(tags.stream().allMatch(TopicTags.Tag::canonical));
        // removing the implied parent is allowed and sticks
        assertEquals(Set.of("Sidecar containers"), asMap(TopicTags.merge(TAXONOMY, Set.of(), List.of("sidecar"),
                new TopicTags.ManualEdits(Set.of(), Set.of("Kubernetes")))).keySet());
    }

    @Test
    void freeTagsAreDeduplicatedCaseInsensitively() {
        List<TopicTags.Tag> tags = TopicTags.merge(TAXONOMY, Set.of(), List.of("Tools", "tools", "ｔｏｏｌｓ"), null);
        assertEquals(1, tags.size());
        assertEquals(new TopicTags.Tag("Tools", TagProvenance.ARCHIVE, false), tags.get(0));
    }

    @Test
    void contradictoryManualEditIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> TopicTags.merge(TAXONOMY, Set.of(), List.of(),
                new TopicTags.ManualEdits(Set.of("nodejs"), Set.of("Node.js"))));
    }

    @Test
    void precedenceOrder() {
        assertTrue(TagProvenance.MANUAL.outranks(TagProvenance.ARCHIVE));
        assertTrue(TagProvenance.ARCHIVE.outranks(TagProvenance.AUTO));
    }

    @Test
    void topicTaggingFacade() {
        TopicTagging tagging = new TopicTagging(new TechnologyTagger(TAXONOMY));
        assertEquals(Set.of("eBPF"), tagging.autoTags("入門 eBPF", ""));
        assertEquals(List.of("Node.js", "Deno", "ReleaseNote"),
                List.copyOf(tagging.archiveTags(List.of("nodejs", " node.js ", "deno", "ReleaseNote", "  "))));
    }
}
