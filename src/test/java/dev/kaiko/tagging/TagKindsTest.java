package dev.kaiko.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one rule telling technologies from labels, and promotion of a label by a taxonomy extension's alias. */
class TagKindsTest {

    static final Taxonomy DEFAULT = Taxonomy.loadDefault();

    static final String EXTENSION = """
            technologies:
              - {name: Release notes, category: practice, aliases: [ReleaseNote]}
            """;

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "ReleaseNote, label",
        "article, label",
        "library, label",
        "Tools, label",
        "weekly, label",
        "nodejs, Node.js",
        "node.js, Node.js",
        "TypeScript, TypeScript",
        "サイドカー, Sidecar containers"
    })
    void aTagIsATechnologyIffTheTaxonomyFindsIt(String tag, String expected) {
        assertThat(TagKinds.technology(DEFAULT, tag).orElse("label")).isEqualTo(expected);
        assertThat(TagKinds.technology(DEFAULT, tag).isPresent())
                .isEqualTo(DEFAULT.find(tag).isPresent());
    }

    @Test
    void splitsTagsIntoCanonicalTechnologiesAndLabels() {
        TagKinds kinds = TagKinds.of(DEFAULT, List.of("ReleaseNote", "nodejs", "Node.js", "article", "TypeScript"));
        assertThat(kinds.technologies()).containsExactly("Node.js", "TypeScript");
        assertThat(kinds.labels()).containsExactly("article", "ReleaseNote");
        assertThat(TagKinds.of(DEFAULT, List.of())).isEqualTo(new TagKinds(List.of(), List.of()));
    }

    @Test
    void anExtensionAliasPromotesAStoredLabelToATechnology() {
        Taxonomy extended = DEFAULT.extendWith(new ByteArrayInputStream(EXTENSION.getBytes(StandardCharsets.UTF_8)));
        List<String> stored = List.of("ReleaseNote", "article", "nodejs");

        TagKinds before = TagKinds.of(DEFAULT, stored);
        assertThat(before.technologies()).containsExactly("Node.js");
        assertThat(before.labels()).containsExactly("article", "ReleaseNote");

        TagKinds after = TagKinds.of(extended, stored);
        assertThat(after.technologies()).containsExactly("Node.js", "Release notes");
        assertThat(after.labels()).containsExactly("article");
    }

    @Test
    void anAliasAddedToAnExistingTechnologyPromotesTooAndIsCountedOnce() {
        Taxonomy extended = DEFAULT.extendWith(new ByteArrayInputStream("""
                technologies:
                  - {name: TypeScript, aliases: [typescriptlang]}
                """.getBytes(StandardCharsets.UTF_8)));
        TagKinds kinds = TagKinds.of(extended, List.of("typescriptlang", "TypeScript", "Tools"));
        assertThat(kinds.technologies()).containsExactly("TypeScript");
        assertThat(kinds.labels()).containsExactly("Tools");
    }
}
