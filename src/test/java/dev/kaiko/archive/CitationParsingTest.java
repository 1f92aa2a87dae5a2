package dev.kaiko.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.kaiko.archive.CitationResolver.Citation;
import dev.kaiko.support.Corpora;

/** Parsing back-references ("(Neco Weekly 2023-03-17号、…)") out of topic text. */
class CitationParsingTest {

    @Test
    void seedRetrospectiveCitesTwoEarlierIssues() {
        // The first two lines are the issue's own title, "Neco Weekly (2023-12-22号)": not in any topic body.
        String seed = new String(Corpora.bytes(Corpora.seed()), StandardCharsets.UTF_8)
                .lines()
                .skip(2)
                .collect(java.util.stream.Collectors.joining("\n"));
        assertEquals(
                List.of(
                        new Citation("Neco Weekly", LocalDate.of(2023, 3, 17)),
                        new Citation("Neco Weekly", LocalDate.of(2023, 9, 22))),
                CitationResolver.parse(seed));
    }

    @Test
    void fullWidthParenthesesCommasAndMissingSeries() {
        assertEquals(
                List.of(
                        new Citation("Kaiko Weekly", LocalDate.of(2024, 3, 15)),
                        new Citation(null, LocalDate.of(2024, 5, 17))),
                CitationResolver.parse("本文（Kaiko Weekly 2024-03-15号, 2024-05-17号）"));
    }

    @Test
    void thingsThatAreNotCitations() {
        assertTrue(CitationResolver.parse("第47号の記事です").isEmpty());
        assertTrue(CitationResolver.parse("(Neco Weekly 2023-13-45号)").isEmpty(), "no such date");
        assertTrue(CitationResolver.parse("(2023-03-17 リリース)").isEmpty(), "no 号");
        assertTrue(CitationResolver.parse(null).isEmpty());
    }

    @Test
    void seriesAreComparedLoosely() {
        assertEquals("neco weekly", CitationResolver.seriesKey("  Neco   Weekly "));
    }
}
