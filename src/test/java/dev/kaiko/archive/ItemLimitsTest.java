package dev.kaiko.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The bounds of an imported item, each at its limit (accepted) and one past it (refused, naming item and field). */
class ItemLimitsTest {

    private static ParsedTopic topic() {
        return new ParsedTopic("t", "b", null, null, "https://example.org/", List.of(), null, List.of(), List.of());
    }

    private static ParsedIssue issue(ParsedTopic... topics) {
        return new ParsedIssue("S", 1, "I", LocalDate.of(2024, 1, 1), null, List.of(topics));
    }

    private static String chars(int n) {
        return "a".repeat(n);
    }

    private static List<String> values(int count, int length) {
        return Collections.nCopies(count, chars(length));
    }

    /** Field name, its limit, and a topic with that field at a given size. */
    static Stream<Arguments> topicFields() {
        return Stream.of(
                field(
                        "title",
                        ItemLimits.TITLE,
                        n -> new ParsedTopic(chars(n), "", null, null, null, null, null, null, null)),
                field(
                        "body",
                        ItemLimits.BODY,
                        n -> new ParsedTopic("t", chars(n), null, null, null, null, null, null, null)),
                field(
                        "body_html",
                        ItemLimits.BODY_HTML,
                        n -> new ParsedTopic("t", "", chars(n), null, null, null, null, null, null)),
                field(
                        "section",
                        ItemLimits.SECTION,
                        n -> new ParsedTopic("t", "", null, chars(n), null, null, null, null, null)),
                field(
                        "url",
                        ItemLimits.URL,
                        n -> new ParsedTopic("t", "", null, null, chars(n), null, null, null, null)),
                field(
                        "presenter",
                        ItemLimits.PRESENTER,
                        n -> new ParsedTopic("t", "", null, null, null, null, chars(n), null, null)),
                field(
                        "links",
                        ItemLimits.LINKS,
                        n -> new ParsedTopic("t", "", null, null, null, values(n, 5), null, null, null)),
                field(
                        "links[0]",
                        ItemLimits.URL,
                        n -> new ParsedTopic("t", "", null, null, null, List.of(chars(n)), null, null, null)),
                field(
                        "tags",
                        ItemLimits.TAGS,
                        n -> new ParsedTopic("t", "", null, null, null, null, null, values(n, 5), null)),
                field(
                        "tags[0]",
                        ItemLimits.TAG,
                        n -> new ParsedTopic("t", "", null, null, null, null, null, List.of(chars(n)), null)),
                field(
                        "attributes",
                        ItemLimits.ATTRIBUTES,
                        n -> new ParsedTopic("t", "", null, null, null, null, null, null, values(n, 3))),
                field(
                        "attributes[0]",
                        ItemLimits.ATTRIBUTE,
                        n -> new ParsedTopic("t", "", null, null, null, null, null, null, List.of(chars(n)))));
    }

    private static Arguments field(String name, int limit, IntFunction<ParsedTopic> topic) {
        return Arguments.of(name, limit, topic);
    }

    @ParameterizedTest(name = "{0}: {1} accepted, {1}+1 refused")
    @MethodSource("topicFields")
    void everyTopicFieldIsBoundedAtItsLimit(String field, int limit, IntFunction<ParsedTopic> topic) {
        assertThatCode(() -> ItemLimits.check("f.md", List.of(issue(topic(), topic.apply(limit)))))
                .doesNotThrowAnyException();
        ArchiveFormatException e = catchThrowableOfType(
                () -> ItemLimits.check("f.md", List.of(issue(topic(), topic.apply(limit + 1)))),
                ArchiveFormatException.class);
        assertThat(e).as("%s over its limit", field).isNotNull();
        assertThat(e.file()).isEqualTo("f.md");
        assertThat(e.path()).isEqualTo("issues[0].topics[1]." + field);
        assertThat(e.getMessage()).contains(String.format(java.util.Locale.ROOT, "%,d", limit));
    }

    @Test
    void anItemsOwnOriginNamesItInTheError() {
        ParsedTopic json =
                new ParsedTopic(chars(ItemLimits.TITLE + 1), "", null, null, null, null, null, null, null, "$.list[7]");
        ArchiveFormatException e = catchThrowableOfType(
                () -> ItemLimits.check("items.json", List.of(issue(json))), ArchiveFormatException.class);
        assertThat(e.path()).isEqualTo("$.list[7].title");
        assertThat(e.getMessage()).contains("1,001 characters").contains("begins \"aaaa");
    }

    @Test
    void issueFieldsAndTopicCountAreBounded() {
        assertThat(refusal(new ParsedIssue(
                        chars(ItemLimits.SERIES + 1), 1, "I", LocalDate.of(2024, 1, 1), null, List.of())))
                .isEqualTo("issues[0].series");
        assertThat(refusal(new ParsedIssue(
                        "S", 1, chars(ItemLimits.ISSUE_TITLE + 1), LocalDate.of(2024, 1, 1), null, List.of())))
                .isEqualTo("issues[0].title");
        assertThat(refusal(
                        new ParsedIssue("S", 1, "I", LocalDate.of(2024, 1, 1), chars(ItemLimits.URL + 1), List.of())))
                .isEqualTo("issues[0].url");
        assertThat(refusal(new ParsedIssue(
                        "S", ItemLimits.MAX_NUMBER + 1, "I", LocalDate.of(2024, 1, 1), null, List.of())))
                .isEqualTo("issues[0].number");
        assertThat(refusal(new ParsedIssue("S", -1, "I", LocalDate.of(2024, 1, 1), null, List.of())))
                .isEqualTo("issues[0].number");
        assertThat(refusal(new ParsedIssue("S", 1, "I", LocalDate.of(20230, 1, 1), null, List.of())))
                .isEqualTo("issues[0].date");
        assertThat(refusal(new ParsedIssue("S", 1, "I", ItemLimits.EARLIEST.minusDays(1), null, List.of())))
                .isEqualTo("issues[0].date");
        List<ParsedTopic> many = Collections.nCopies(ItemLimits.TOPICS_PER_ISSUE, topic());
        assertThatCode(() -> ItemLimits.check(
                        "f", List.of(new ParsedIssue("S", ItemLimits.MAX_NUMBER, "I", ItemLimits.LATEST, null, many))))
                .doesNotThrowAnyException();
        List<ParsedTopic> tooMany = Collections.nCopies(ItemLimits.TOPICS_PER_ISSUE + 1, topic());
        assertThat(refusal(new ParsedIssue("S", 1, "I", LocalDate.of(2024, 1, 1), null, tooMany)))
                .isEqualTo("issues[0].topics");
    }

    @Test
    void controlCharactersAreRefusedButTabsAndNewlinesPass() {
        assertThatCode(() -> ItemLimits.check(
                        "f",
                        List.of(issue(
                                new ParsedTopic("a\tb", "line\r\nline", null, null, null, null, null, null, null)))))
                .doesNotThrowAnyException();
        for (char c : new char[] {0, 7, 0x1b, 0x7f}) {
            ArchiveFormatException e = catchThrowableOfType(
                    () -> ItemLimits.check(
                            "f",
                            List.of(issue(
                                    new ParsedTopic("ok", "x" + c + "y", null, null, null, null, null, null, null)))),
                    ArchiveFormatException.class);
            assertThat(e).as("U+%04X", (int) c).isNotNull();
            assertThat(e.path()).isEqualTo("issues[0].topics[0].body");
            assertThat(e.getMessage())
                    .contains(String.format("U+%04X", (int) c))
                    .doesNotContain("" + c);
        }
    }

    private static String refusal(ParsedIssue issue) {
        ArchiveFormatException e =
                catchThrowableOfType(() -> ItemLimits.check("f", List.of(issue)), ArchiveFormatException.class);
        assertThat(e).isNotNull();
        return e.path();
    }
}
