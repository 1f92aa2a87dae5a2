package dev.kaiko.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import dev.kaiko.model.Topic;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Which topics did-you-mean reads for a Japanese word when more match than it reads: the newest, ties on the last
 * date broken by title, whatever the index's layout — asked by date alone, then that last day again by title.
 */
@QuarkusTest
class DidYouMeanReadTest {

    @Inject
    TestData data;

    @Inject
    DidYouMean didYouMean;

    @Inject
    EntityManager em;

    @Test
    void theNewestTopicsAreReadAndTheLastDayByTitle() {
        data.clear();
        int newest = 40;
        int lastDay = DidYouMean.JAPANESE_HITS; // more topics on the older day than fit after the newest
        // imported in reverse title order, so the index's order of that day is not the title order
        Corpora.importRaw("sidecar-weekly-2024-06-07.md", issue("2024-06-07", 1, lastDay, "古い"))
                .statusCode(200);
        Corpora.importRaw("sidecar-weekly-2024-06-14.md", issue("2024-06-14", 2, newest, "新しい"))
                .statusCode(200);

        List<String> read = new ArrayList<>();
        for (long id : didYouMean.topicsRead("サイドガー")) {
            read.add(QuarkusTransaction.requiringNew().call(() -> em.find(Topic.class, id).title));
        }

        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= newest; i++) {
            expected.add(title("新しい", i));
        }
        for (int i = 1; i <= DidYouMean.JAPANESE_HITS - newest; i++) {
            expected.add(title("古い", i));
        }
        assertEquals(DidYouMean.JAPANESE_HITS, read.size());
        // the newest day in any order (one date, one request), then the last day's first titles in title order
        assertEquals(
                expected.subList(0, newest).stream().sorted().toList(),
                read.subList(0, newest).stream().sorted().toList());
        assertEquals(expected.subList(newest, expected.size()), read.subList(newest, read.size()));
        // and the word is still respelt from them
        assertEquals("サイドカー", didYouMean.respell("サイドガー"));
    }

    private static String title(String prefix, int i) {
        return String.format("サイドカー %s 記事 %03d", prefix, i);
    }

    private static byte[] issue(String date, int number, int topics, String prefix) {
        StringBuilder md = new StringBuilder("---\nTitle: Sidecar Weekly " + date + "\nNumber: " + number + "\nDate: "
                + date + "\n---\n## Topics\n");
        for (int i = topics; i >= 1; i--) {
            md.append("- [")
                    .append(title(prefix, i))
                    .append("](https://example.org/")
                    .append(prefix.hashCode() & 0xffff)
                    .append('/')
                    .append(i)
                    .append(")\n");
        }
        return md.toString().getBytes(StandardCharsets.UTF_8);
    }
}
