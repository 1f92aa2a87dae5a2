package dev.kaiko.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link TopicTagging} is what production uses to tag a topic: the importer ({@code IssueStore}) takes its
 * {@code autoTags} and {@code archiveTags}, the tag editor ({@code TagEditor}) its {@code archiveTags} for manual
 * edits and its {@code autoTags} for re-tagging. Manual edits winning over re-imports and re-tagging is tested
 * through the API in {@link TaggingApiTest}.
 */
class TopicTaggingTest {

    static final TopicTagging TAGGING = new TopicTagging(new TechnologyTagger(Taxonomy.loadDefault()));

    /** raw archive tags (separated by |) → the tags stored, in order. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                // aliases map to the canonical name, and the duplicates that makes are dropped
                "nodejs| node.js |deno|ReleaseNote|  ; Node.js|Deno|ReleaseNote",
                "golang|Go|go言語                       ; Go",
                "k8s|kubernetes|ReleaseNote           ; Kubernetes|ReleaseNote",
                // unknown tags are kept as free tags: width-folded, trimmed, first spelling wins case-insensitively
                "Tools|tools|ｔｏｏｌｓ                 ; Tools",
                " Ｔｏｏｌｓ |tools                      ; Tools",
                // blanks are dropped
                " | |                                 ; ''",
            })
    void archiveTagsAreMappedThroughTheTaxonomyAndDeduplicated(String raw, String expected) {
        List<String> in = Arrays.asList(raw.split("\\|", -1));
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split("\\|"));
        assertThat(TAGGING.archiveTags(in)).containsExactlyElementsOf(want);
    }

    /** title; body; tags that must be among the auto tags (|); tags that must not (|). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "入門 eBPF                       ; ''                              ; eBPF                          ; Linux kernel|Linux",
                "サイドカーコンテナでログ収集    ; ''                              ; Sidecar containers|Kubernetes ; ''",
                "Hubble で可視化                 ; ''                              ; Hubble|Cilium                 ; ''",
                "form-lib 2.0                    ; Reactのためのフォームライブラリ。 ; React                         ; ''",
                "Google announces Trust features ; ''                              ; ''                            ; Go|Rust",
            })
    void autoTagsComeFromTheTextWithTheirAncestors(String title, String body, String present, String absent) {
        var tags = TAGGING.autoTags(title, body);
        assertThat(tags).containsAll(split(present));
        split(absent).forEach(tag -> assertThat(tags).doesNotContain(tag));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {"''", "We go to the conference"})
    void textWithoutTechnologiesHasNoAutoTags(String title) {
        assertThat(TAGGING.autoTags(title, "")).isEmpty();
        assertThat(TAGGING.archiveTags(null)).isEmpty();
    }

    private static List<String> split(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split("\\|"));
    }
}
