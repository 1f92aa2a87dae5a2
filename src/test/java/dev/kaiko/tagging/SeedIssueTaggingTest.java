package dev.kaiko.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
        var topics = new PlainTextIssueReader()
                .read(seed.getFileName().toString(), Files.readString(seed))
                .get(0)
                .topics();
        assertEquals(SeedTopics.ALL, topics.stream().map(ParsedTopic::title).toList(), "all 9 seed topics found");
        topics.forEach(topic -> {
            Set<String> t = tagger.tag(topic.title(), topic.body());
            tags.put(topic.title(), t);
            System.out.println(topic.title() + " -> " + t);
        });
    }

    static Stream<Arguments> expectedTags() {
        return Stream.of(
                Arguments.of(SeedTopics.EBPF_BOOK, List.of("eBPF")),
                Arguments.of(SeedTopics.NETKIT, List.of("eBPF", "netkit", "Cilium")),
                Arguments.of(SeedTopics.OTEL_GO, List.of("eBPF", "OpenTelemetry", "Go")),
                Arguments.of(SeedTopics.SIDECAR, List.of("Sidecar containers", "Kubernetes", "Feature gates")),
                Arguments.of(SeedTopics.CVSS, List.of("CVSS", "EPSS")),
                Arguments.of(SeedTopics.VAULT, List.of("Vault", "OpenBao", "Terraform", "OpenTofu")),
                Arguments.of(SeedTopics.CILIUM, List.of("Cilium", "Geneve", "DSR")),
                Arguments.of(SeedTopics.REGISTRY, List.of("Spegel", "Kubernetes", "Container registry")));
    }

    @ParameterizedTest(name = "{0} carries {1}")
    @MethodSource("expectedTags")
    void eachTopicCarriesTheTechnologiesItIsAbout(String title, List<String> expected) {
        assertThat(tags.get(title)).as(title).containsAll(expected);
    }

    @Test
    void failInPlaceCarriesNoLanguage() {
        assertThat(tags.get(SeedTopics.FAIL_IN_PLACE))
                .as("tags of the fail-in-place topic")
                .noneMatch(t -> "language".equals(taxonomy.find(t).orElseThrow().category()))
                .doesNotContain("Go", "C", "Rust");
    }
}
