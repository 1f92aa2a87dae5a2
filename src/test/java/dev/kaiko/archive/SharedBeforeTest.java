package dev.kaiko.archive;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kaiko.model.LinkKey;
import dev.kaiko.model.TitleKey;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * "Shared before" and the draft check: the link and title rules as tables, then on the real TWiR 2023 and JSer.info
 * 2023 corpora imported through the API, with the recurring links computed here from the search API's hits.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedBeforeTest {

    /** A link that TWiR 518 (2023-10-25) and 519 (2023-11-01) both list, as read from the corpus files. */
    static final String ORHUN = "https://blog.orhun.dev/automated-rust-releases/";

    static final String AXO_TITLE = "System dependencies are hard (so we made them easier)";
    static final String JSER_TITLE = "そろそろカスケードレイヤー(@layer)と向き合う";

    @Inject
    TestData data;

    @Inject
    EntityManager em;

    @Inject
    TopicKeys topicKeys;

    @Inject
    DraftCheck drafts;

    private static List<Hit> hits;

    /** One topic as GET /api/search shows it. */
    record Hit(long id, String title, String url, long issueId, Integer number, LocalDate date) {}

    // ---- the rules -------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://example.com/a/b                        | http://example.com/a/b",
                "HTTPS://example.com/a                          | https://example.com/a",
                "https://Example.COM/a                          | https://example.com/a",
                "https://example.com/a/                         | https://example.com/a",
                "https://example.com                            | https://example.com/",
                "https://example.com:443/a                      | https://example.com/a",
                "http://example.com:80/a                        | https://example.com/a",
                "https://example.com/a#section-2                | https://example.com/a",
                "https://example.com/a?utm_source=x&utm_medium=email | https://example.com/a",
                "https://example.com/a?fbclid=abc               | https://example.com/a",
                "https://example.com/a?gclid=1&ref=hn           | https://example.com/a",
                "https://example.com/a?b=2&a=1                  | https://example.com/a?a=1&b=2",
                "https://example.com/a?a=1&UTM_Campaign=z&b=2&  | https://example.com/a?b=2&a=1",
                "https://www.example.com/a                      | https://example.com/a",
                "https://example.com./a                         | https://example.com/a",
                "https://user:pw@example.com/a                  | https://example.com/a",
                "https://example.com/%7euser/caf%c3%a9          | https://example.com/~user/café",
                "https://example.com/a/./b/../c                 | https://example.com/a/c",
                "' <https://example.com/a> '                    | https://example.com/a",
                "https://例え.jp/a                               | https://xn--r8jz45g.jp/a",
                "//example.com/a                                | https://example.com/a",
                "http://BLOG.orhun.dev/automated-rust-releases?utm_source=newsletter#top | https://blog.orhun.dev/automated-rust-releases/",
            })
    void sameLink(String a, String b) {
        assertNotNull(LinkKey.normalise(a), a);
        assertEquals(LinkKey.normalise(b), LinkKey.normalise(a));
    }

    @ParameterizedTest(name = "{0} ≠ {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://example.com/a                 | https://example.com/b",
                "https://example.com/A                 | https://example.com/a",
                "https://example.com/a?id=1            | https://example.com/a?id=2",
                "https://example.com/a?id=1            | https://example.com/a",
                "https://example.com:8080/a            | https://example.com/a",
                "https://blog.example.com/a            | https://example.com/a",
                "https://example.com/a/b               | https://example.com/a/b/c",
                "https://docsify.js.org/#/quickstart   | https://docsify.js.org/#/configuration",
                "https://example.com/a?q=x%26y         | https://example.com/a?q=x&y",
            })
    void differentLinks(String a, String b) {
        assertNotNull(LinkKey.normalise(a), a);
        assertNotNull(LinkKey.normalise(b), b);
        assertNotEquals(LinkKey.normalise(a), LinkKey.normalise(b));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "  ",
                "mailto:someone@example.com",
                "/relative/path",
                "ftp://example.com/x",
                "not a url",
                "https://",
                "javascript:alert(1)",
                "example.com/a"
            })
    void noLink(String url) {
        assertNull(LinkKey.normalise(url));
    }

    @Test
    void aTopicsLinkIsItsUrlElseItsFirstWebLink() {
        assertEquals("example.com/main", LinkKey.ofTopic("https://example.com/main/", List.of("https://other.org/")));
        assertEquals(
                "other.org/x", LinkKey.ofTopic(null, List.of("mailto:a@b.c", "https://other.org/x", "https://z.org")));
        assertNull(LinkKey.ofTopic(null, List.of()));
        String longUrl = "https://example.com/" + "x".repeat(3000);
        assertTrue(LinkKey.normalise(longUrl).startsWith("sha256:"), "fits a btree index entry");
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                AXO_TITLE + " | System dependencies are hard (so we made them easy) | true",
                "Rust 1.70.0 is out!                  | rust 1.70.0 is out                        | true",
                "Ｒｕｓｔ　１．７０                      | Rust 1.70                                 | true",
                JSER_TITLE + " | そろそろカスケードレイヤー（@layer）と向き合おう | true",
                "Announcing Rust 1.70.0               | Announcing Rust 1.70.0 🎉                 | true",
                "rust-analyzer changelog #162         | rust-analyzer changelog #163              | false",
                "Announcing Rust 1.70.0               | Announcing Rust 1.71.0                    | false",
                "This Week in Fyrox                   | This Week in Bevy                         | false",
                "Kubernetes のサイドカー                | Rust の所有権                              | false",
                "Fully Automated Releases for Rust Projects | How to release Rust projects automatically | false",
                "'!!!'                                | '???'                                     | false",
            })
    void nearIdenticalTitles(String a, String b, boolean expected) {
        assertEquals(
                expected,
                TitleKey.nearIdentical(TitleKey.normalise(a), TitleKey.normalise(b)),
                () -> "similarity " + TitleKey.similarity(TitleKey.normalise(a), TitleKey.normalise(b)));
    }

    // ---- shared before on the real corpora --------------------------------------------------------------------------

    private List<Hit> corpus() {
        if (hits == null) {
            data.clear();
            Corpora.multipart(Corpora.twirAndJser()).post("/api/imports").then().statusCode(200);
            // issue by issue: paging through ties of one sort order is not stable while the engine merges segments
            List<Hit> all = new ArrayList<>();
            for (long issueId : given().get("/api/issues")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("id", Long.class)) {
                JsonPath json = given().queryParam("issue", issueId)
                        .queryParam("size", 100)
                        .get("/api/search")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                List<Map<String, Object>> issueHits = json.getList("hits");
                assertEquals(json.getInt("total"), issueHits.size(), "an issue fits one page");
                for (Map<String, Object> h : issueHits) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> issue = (Map<String, Object>) h.get("issue");
                    all.add(new Hit(
                            ((Number) h.get("id")).longValue(),
                            (String) h.get("title"),
                            (String) h.get("url"),
                            ((Number) issue.get("id")).longValue(),
                            (Integer) issue.get("number"),
                            LocalDate.parse((String) issue.get("date"))));
                }
            }
            assertEquals(
                    given().get("/api/search").then().extract().jsonPath().getInt("total"),
                    (int) all.stream().map(Hit::id).distinct().count(),
                    "every topic once");
            hits = all;
        }
        return hits;
    }

    private static Comparator<Hit> issueOrder() {
        return Comparator.comparing(Hit::date).thenComparingLong(Hit::issueId).thenComparingLong(Hit::id);
    }

    /** Topics whose url is the same string, in issue order: computed without Kaiko's normalisation. */
    private Map<String, List<Hit>> byExactUrl() {
        return corpus().stream()
                .filter(h -> h.url() != null)
                .sorted(issueOrder())
                .collect(Collectors.groupingBy(Hit::url, LinkedHashMap::new, Collectors.toList()));
    }

    private static List<Long> sharedBeforeIds(long topicId) {
        return given().get("/api/topics/" + topicId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("shared_before.topic_id", Long.class);
    }

    @Test
    @Order(1)
    void linksRecurringAcrossIssuesAreSharedBeforeAndTheFirstOccurrenceIsNot() {
        Map<String, List<Hit>> recurring = new LinkedHashMap<>();
        byExactUrl().forEach((url, group) -> {
            if (group.stream().map(Hit::issueId).distinct().count() > 1) {
                recurring.put(url, group);
            }
        });
        assertTrue(recurring.containsKey(ORHUN), recurring.keySet().toString());
        assertTrue(recurring.size() >= 4, "links recurring across issues: " + recurring.keySet());
        for (var e : recurring.entrySet()) {
            List<Hit> group = e.getValue();
            Hit first = group.get(0);
            assertEquals(List.of(), sharedBeforeIds(first.id()), () -> "first occurrence of " + e.getKey());
            for (Hit later : group) {
                if (later.issueId() == first.issueId()) {
                    continue;
                }
                List<Long> earlierIds = group.stream()
                        .filter(h -> h.date().isBefore(later.date())
                                || (h.date().equals(later.date()) && h.issueId() < later.issueId()))
                        .map(Hit::id)
                        .toList();
                assertEquals(earlierIds, sharedBeforeIds(later.id()), () -> e.getKey() + " in topic " + later);
            }
        }
        // the shape, on the known pair: TWiR 519's topic names TWiR 518's
        List<Hit> orhun = recurring.get(ORHUN);
        Hit earlier = orhun.get(0);
        Hit later = orhun.get(1);
        given().get("/api/topics/" + later.id())
                .then()
                .statusCode(200)
                .body("shared_before.size()", equalTo(1))
                .body("shared_before[0].topic_id", equalTo((int) earlier.id()))
                .body("shared_before[0].title", equalTo("Fully Automated Releases for Rust Projects"))
                .body("shared_before[0].issue.id", equalTo((int) earlier.issueId()))
                .body("shared_before[0].issue.series", equalTo("This Week in Rust"))
                .body("shared_before[0].issue.number", equalTo(518))
                .body("shared_before[0].issue.date", equalTo("2023-10-25"));
    }

    @Test
    @Order(2)
    void aLinkTwiceInOneIssueIsNotSharedBefore() {
        // the same link twice in one issue (TWiR 2023-03-15; a JSer.info week spread over two monthly files)
        List<List<Hit>> sameIssue = byExactUrl().values().stream()
                .filter(g ->
                        g.size() > 1 && g.stream().map(Hit::issueId).distinct().count() == 1)
                .toList();
        assertFalse(sameIssue.isEmpty());
        for (List<Hit> group : sameIssue) {
            for (Hit h : group) {
                assertTrue(
                        sharedBeforeIds(h.id()).stream()
                                .noneMatch(id -> group.stream().anyMatch(g -> g.id() == id)),
                        () -> "same issue: " + h);
            }
        }
    }

    @Test
    @Order(3)
    void theTopicPageShowsWhereItWasSharedBefore() {
        List<Hit> orhun = byExactUrl().get(ORHUN);
        Hit earlier = orhun.get(0);
        Hit later = orhun.get(1);
        String link = "href=\"/topics/" + earlier.id() + "\"";
        given().header("Accept-Language", "en")
                .get("/topics/" + later.id())
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("class=\"shared-before\""),
                        containsString(link),
                        containsString("Shared before in This Week in Rust #518 (2023-10-25)")));
        given().header("Accept-Language", "ja")
                .get("/topics/" + later.id())
                .then()
                .statusCode(200)
                .body(allOf(containsString(link), containsString("This Week in Rust #518 (2023-10-25) で紹介済み")));
        given().header("Accept-Language", "en")
                .get("/topics/" + earlier.id())
                .then()
                .statusCode(200)
                .body(not(containsString("shared-before")));
    }

    @Test
    @Order(4)
    void keysFollowUpdatesAndTiesGoToTheSmallerIssueId() {
        corpus();
        String first = "---\nseries: Kaiko Tie Weekly\ntitle: Tie A\ndate: 2024-03-01\n---\n\n## Links\n\n"
                + "* [Tie topic A](https://tie.example.org/post/?utm_source=a)\n";
        String second = "---\nseries: Kaiko Tie Gazette\ntitle: Tie B\ndate: 2024-03-01\n---\n\n## Links\n\n"
                + "* [Tie topic B](http://Tie.example.org/post#comments)\n";
        Corpora.importRaw("tie-a.md", first.getBytes(StandardCharsets.UTF_8)).statusCode(200);
        Corpora.importRaw("tie-b.md", second.getBytes(StandardCharsets.UTF_8)).statusCode(200);
        long a = topicId("Tie topic A");
        long b = topicId("Tie topic B");
        // same date: the issue stored first has the smaller id, so it is the earlier one
        assertEquals(List.of(a), sharedBeforeIds(b));
        assertEquals(List.of(), sharedBeforeIds(a));
        given().header("Accept-Language", "en")
                .get("/topics/" + b)
                .then()
                .body(containsString("Shared before in Kaiko Tie Weekly of 2024-03-01"));
        given().header("Accept-Language", "ja")
                .get("/topics/" + b)
                .then()
                .body(containsString("Kaiko Tie Weekly 2024-03-01号で紹介済み"));
        // an edited link is re-derived on update (same topic, new link): no longer shared before
        Corpora.importRaw(
                        "tie-b.md",
                        second.replace("http://Tie.example.org/post", "https://tie.example.org/other")
                                .getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("files[0].topics_updated", equalTo(1));
        assertEquals(b, topicId("Tie topic B"));
        assertEquals(List.of(), sharedBeforeIds(b));
    }

    private static long topicId(String title) {
        return given().queryParam("q", "\"" + title + "\"")
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("hits[0].title", equalTo(title))
                .extract()
                .jsonPath()
                .getLong("hits[0].id");
    }

    @Test
    @Order(5)
    void missingKeysAreDerivedAtStartInBatchesAndOnlyOnce() throws Exception {
        corpus();
        String snapshot =
                "select string_agg(id || '|' || coalesce(link_key, '-') || '|' || title_key, E'\\n' order by id)"
                        + " from topic";
        String before = QuarkusTransaction.requiringNew()
                .call(() -> (String) em.createNativeQuery(snapshot).getSingleResult());
        long rows = data.count("Topic");
        long withLinks = QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from topic where link_key is not null")
                                .getSingleResult())
                        .longValue());
        assertTrue(withLinks > rows * 9 / 10, withLinks + " of " + rows + " topics have a link key");
        // as an archive stored before the keys existed, or by a writer that bypasses the entity
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("update topic set link_key = null, title_key = null")
                        .executeUpdate());
        assertEquals(rows, topicKeys.fill());
        assertTrue(rows > TopicKeys.BATCH * 2, "several batches");
        assertEquals(before, QuarkusTransaction.requiringNew().call(() ->
                (String) em.createNativeQuery(snapshot).getSingleResult()));
        assertEquals(0, topicKeys.fill(), "idempotent");

        // two fills at once (two instances starting, or a start and an import): every row derived exactly once
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("update topic set link_key = null, title_key = null")
                        .executeUpdate());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var one = pool.submit(topicKeys::fill);
            var two = pool.submit(topicKeys::fill);
            assertEquals(rows, one.get() + two.get());
        } finally {
            pool.shutdown();
        }
        assertEquals(before, QuarkusTransaction.requiringNew().call(() ->
                (String) em.createNativeQuery(snapshot).getSingleResult()));
    }

    // ---- the draft check ------------------------------------------------------------------------------------------

    static final String NEW_TITLE = "Kaiko draft check: a genuinely new topic about zebra crossings";

    static String draft() {
        return """
                ---
                series: Kaiko Weekly
                number: 99
                title: Kaiko Weekly 99
                date: 2024-01-12
                ---

                ## Articles

                * [How to release Rust projects without lifting a finger](http://BLOG.orhun.dev/automated-rust-releases?utm_source=newsletter&utm_medium=email)
                * [System dependencies are hard (so we made them easy)](https://example.org/kaiko/deps-2024)
                * [そろそろカスケードレイヤー（@layer）と向き合おう](https://example.org/kaiko/layers-2024)
                * [%s](https://example.org/kaiko/zebra-crossings-2024)
                """.formatted(NEW_TITLE);
    }

    private static JsonPath checkRaw(String filename, String body) {
        return given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .contentType("application/octet-stream")
                .queryParam("filename", filename)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/drafts/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    @Order(10)
    void aDraftNamesRepeatedLinksAndNearIdenticalTitlesAndStoresNothing() {
        corpus();
        List<String> before = data.dump();
        long outbox = QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from index_outbox")
                                .getSingleResult())
                        .longValue());
        JsonPath answer = checkRaw("kaiko-weekly-99.md", draft());

        assertEquals("kaiko-weekly-99.md", answer.getString("file"));
        assertEquals("markdown", answer.getString("format"));
        assertEquals(4, answer.getList("topics").size());

        // the link, spelled differently: both TWiR topics that had it, earliest first
        List<Long> orhun = byExactUrl().get(ORHUN).stream().map(Hit::id).toList();
        assertEquals(2, orhun.size());
        assertEquals(orhun, answer.getList("topics[0].repeats.topic_id", Long.class));
        assertEquals(Set.of("same link"), Set.copyOf(answer.getList("topics[0].repeats.reason")));
        assertEquals(List.of("2023-10-25", "2023-11-01"), answer.getList("topics[0].repeats.issue.date"));
        assertEquals(List.of(518, 519), answer.getList("topics[0].repeats.issue.number"));

        // a near-identical English title: every topic that had that exact title (found here from the search hits)
        Set<Long> axo = corpus().stream()
                .filter(h -> h.title().equals(AXO_TITLE))
                .map(Hit::id)
                .collect(Collectors.toCollection(TreeSet::new));
        assertFalse(axo.isEmpty());
        assertEquals(axo, new TreeSet<>(answer.getList("topics[1].repeats.topic_id", Long.class)));
        assertEquals(Set.of("similar title"), Set.copyOf(answer.getList("topics[1].repeats.reason")));
        assertTrue(answer.getList("topics[1].repeats.similarity", Float.class).stream()
                .allMatch(s -> s >= 0.8f && s < 1f));

        // a near-identical Japanese title
        Set<Long> jser = corpus().stream()
                .filter(h -> h.title().equals(JSER_TITLE))
                .map(Hit::id)
                .collect(Collectors.toSet());
        assertEquals(1, jser.size());
        assertEquals(jser, Set.copyOf(answer.getList("topics[2].repeats.topic_id", Long.class)));
        assertEquals("similar title", answer.getString("topics[2].repeats[0].reason"));

        // the new topic: nothing
        assertEquals(NEW_TITLE, answer.getString("topics[3].title"));
        assertEquals("https://example.org/kaiko/zebra-crossings-2024", answer.getString("topics[3].url"));
        assertEquals(List.of(), answer.getList("topics[3].repeats"));

        // stored nothing
        TestData.assertSameArchive(before, data.dump());
        assertEquals(outbox, (long) QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from index_outbox")
                                .getSingleResult())
                        .longValue()));
        given().queryParam("q", "\"zebra crossings\"").get("/api/search").then().body("total", equalTo(0));

        // the same draft as a multipart upload answers the same
        JsonPath multipart = given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .multiPart("file", "kaiko-weekly-99.md", draft().getBytes(StandardCharsets.UTF_8), "text/markdown")
                .post("/api/drafts/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                answer.getList("topics").toString(), multipart.getList("topics").toString());
    }

    @Test
    @Order(11)
    void aWholeRealIssueAsDraftIsCheckedWellUnderASecondAndTheTrigramIndexLosesNothing() throws Exception {
        corpus();
        assertNotNull(drafts.trigramSchema(), "pg_trgm (postgresql-contrib) is installed and the title index exists");
        var file = Corpora.root().resolve("twir-2023/2023-12-27-this-week-in-rust.md");
        String text = new String(Corpora.bytes(file), StandardCharsets.UTF_8);
        checkRaw("warm-up.md", text);
        long start = System.nanoTime();
        JsonPath answer = checkRaw(file.getFileName().toString(), text);
        long ms = (System.nanoTime() - start) / 1_000_000;
        int topics = answer.getList("topics").size();
        long archive = data.count("Topic");
        System.out.printf("Draft check of %d topics against %d stored topics: %d ms%n", topics, archive, ms);
        assertTrue(topics >= 20, "topics: " + topics);
        // its own issue (TWiR 527, already imported) is not "earlier"; everything named is older
        List<String> dates = answer.getList("topics.repeats.flatten().issue.date");
        assertTrue(dates.stream().allMatch(d -> d.compareTo("2023-12-27") < 0), dates.toString());
        assertTrue(answer.getList("topics.repeats.flatten().issue.number", Integer.class).stream()
                .noneMatch(n -> n == 527));

        // trigram pre-selection against comparing with every title: the same answer, here and on the test draft
        for (String[] d : List.of(new String[] {"twir.md", text}, new String[] {"draft.md", draft()})) {
            byte[] bytes = d[1].getBytes(StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            var everyTitle = drafts.check(d[0], bytes, null, false);
            long t1 = System.nanoTime();
            var trigrams = drafts.check(d[0], bytes, null, true);
            long t2 = System.nanoTime();
            System.out.printf(
                    "%s: every title %d ms, trigram index %d ms%n", d[0], (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
            assertEquals(everyTitle, trigrams);
        }
    }

    @Test
    @Order(12)
    void aBrokenDraftIsLocatedAndTheCheckNeedsTheToken() {
        given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .contentType("application/octet-stream")
                .queryParam("filename", "draft.md")
                .body("---\ntitle: Never closed\ndate: 2024-01-12\n\n## A\n\n* [x](https://x.org)\n"
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/drafts/check")
                .then()
                .statusCode(400)
                .body("file", equalTo("draft.md"))
                .body("line", equalTo(1))
                .body("error", containsString("closed"));
        given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .contentType("application/octet-stream")
                .queryParam("filename", "empty.md")
                .body(new byte[0])
                .post("/api/drafts/check")
                .then()
                .statusCode(400)
                .body("file", equalTo("empty.md"))
                .body("error", containsString("empty"));
        given().contentType("application/octet-stream")
                .queryParam("filename", "d.md")
                .body(draft().getBytes(StandardCharsets.UTF_8))
                .post("/api/drafts/check")
                .then()
                .statusCode(401);
        given().header("Authorization", "Bearer wrong-token")
                .contentType("application/octet-stream")
                .queryParam("filename", "d.md")
                .body(draft().getBytes(StandardCharsets.UTF_8))
                .post("/api/drafts/check")
                .then()
                .statusCode(403);
    }
}
