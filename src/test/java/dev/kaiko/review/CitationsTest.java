package dev.kaiko.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.kaiko.review.Citations.Citation;
import dev.kaiko.support.Corpora;

/** Parsing back-references ("(Neco Weekly 2023-03-17号、…)") out of topic text. */
class CitationsTest {

    @Test
    void seedRetrospectiveCitesTwoEarlierIssues() {
        // The first two lines are the issue's own title, "Neco Weekly (2023-12-22号)": not in any topic body.
        String seed = new String(Corpora.bytes(Corpora.seed()), StandardCharsets.UTF_8).lines().skip(2)
                .collect(java.util.stream.Collectors.joining("\n"));
        assertEquals(List.of(new Citation("Neco Weekly", LocalDate.of(2023, 3, 17)),
                new Citation("Neco Weekly", LocalDate.of(2023, 9, 22))), Citations.parse(seed));
    }

    @Test
    void fullWidthParenthesesCommasAndMissingSeries() {
        assertEquals(List.of(new Citation("Kaiko Weekly", LocalDate.of(2024, 3, 15)),
                new Citation(null, LocalDate.of(2024, 5, 17))),
                Citations.parse("本文（Kaiko Weekly 2024-03-15号, 2024-05-17号）"));
    }

    @Test
    void thingsThatAreNotCitations() {
        assertTrue(Citations.parse("第47号の記事です").isEmpty());
        assertTrue(Citations.parse("(Neco Weekly 2023-13-45号)").isEmpty(), "no such date");
        assertTrue(Citations.parse("(2023-03-17 リリース)").isEmpty(), "no 号");
        assertTrue(Citations.parse(null).isEmpty());
    }

    @Test
    void seriesAreComparedLoosely() {
        assertEquals("neco weekly", Citations.seriesKey("  Neco   Weekly "));
    }
}
