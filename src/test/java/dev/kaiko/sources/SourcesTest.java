package dev.kaiko.sources;

import static dev.kaiko.sources.WeeklyFixtures.FEED_ISSUES;
import static dev.kaiko.sources.WeeklyFixtures.SITE_ISSUES;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.sun.net.httpserver.HttpServer;

import dev.kaiko.support.AdminSession;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Following feeds and blogs, and importing from a URL, against a web site this test serves itself on 127.0.0.1
 * (port 18766, the only loopback port the test profile allows).
 */
@QuarkusTest
class SourcesTest {

    static final int PORT = 18766;
    static TestSite site;
    /** Another loopback server, on a port that is not allowed: nothing may ever reach it. */
    static HttpServer forbidden;

    static final AtomicInteger forbiddenHits = new AtomicInteger();

    @Inject
    TestData data;

    @Inject
    EntityManager em;

    @Inject
    SourcePoller poller;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema")
    String schema;

    @BeforeAll
    static void startSites() throws IOException {
        site = new TestSite(PORT);
        forbidden = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        forbidden.createContext("/", ex -> {
            forbiddenHits.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        forbidden.start();
    }

    @AfterAll
    static void stopSites() {
        site.close();
        forbidden.stop(0);
    }

    @BeforeEach
    void empty() {
        data.clear();
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("delete from source").executeUpdate());
        site.requests.clear();
        forbiddenHits.set(0);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + Corpora.TOKEN);
    }

    static long register(String url) {
        return admin().contentType("application/json")
                .body(Map.of("url", url))
                .post("/api/sources")
                .then()
                .statusCode(201)
                .body("status", equalTo("new"))
                .extract()
                .jsonPath()
                .getLong("id");
    }

    static JsonPath fetch(long id) {
        return admin().post("/api/sources/" + id + "/fetch")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static long searchTotal() {
        return given().get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("total");
    }

    /** The id of the one topic a search for the word finds, with the word in its title. */
    static long topicId(String word) {
        JsonPath hits = search(word);
        assertTrue(hits.getString("hits[0].title").contains(word), hits.getString("hits[0].title"));
        return hits.getLong("hits[0].id");
    }

    /** A search that finds exactly one topic. */
    static JsonPath search(String words) {
        JsonPath hits = given().queryParam("q", words)
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, hits.getInt("total"), () -> words + ": " + hits.getList("hits.title"));
        return hits;
    }

    private static void serveFeed(String base) {
        List<WeeklyFixtures.Issue> i = FEED_ISSUES;
        site.doc(
                "/feed.xml",
                "application/atom+xml",
                WeeklyFixtures.atomFeed(
                        base,
                        List.of(
                                WeeklyFixtures.atomEntry(base, i.get(5), false),
                                WeeklyFixtures.atomEntry(base, i.get(4), false)),
                        "/feed/2024-02.xml",
                        null,
                        false));
        // the middle archive: entry 4 is only a summary and a link to its article
        site.doc(
                "/feed/2024-02.xml",
                "application/atom+xml",
                WeeklyFixtures.atomFeed(
                        base,
                        List.of(
                                WeeklyFixtures.atomEntry(base, i.get(3), true),
                                WeeklyFixtures.atomEntry(base, i.get(2), false)),
                        "/feed/2024-01.xml",
                        "/feed.xml",
                        true));
        site.doc(
                "/feed/2024-01.xml",
                "application/atom+xml",
                WeeklyFixtures.atomFeed(
                        base,
                        List.of(
                                WeeklyFixtures.atomEntry(base, i.get(1), false),
                                WeeklyFixtures.atomEntry(base, i.get(0), false)),
                        null,
                        "/feed/2024-02.xml",
                        true));
        WeeklyFixtures.Issue four = i.get(3);
        site.doc(
                WeeklyFixtures.articlePath(four),
                "text/html; charset=utf-8",
                WeeklyFixtures.articlePage(
                        base,
                        WeeklyFixtures.articlePath(four),
                        four.title(WeeklyFixtures.FEED_SERIES),
                        four.date(),
                        WeeklyFixtures.topicsHtml(four)));
    }

    private static void serveBlog(String base) {
        List<String> pages = WeeklyFixtures.archivePages();
        site.doc("/blog/archive", "text/html; charset=utf-8", pages.get(0));
        site.doc("/blog/archive?page=2", "text/html; charset=utf-8", pages.get(1));
        site.doc("/blog/archive?page=3", "text/html; charset=utf-8", pages.get(2));
        for (WeeklyFixtures.Issue issue : SITE_ISSUES) {
            site.doc(
                    WeeklyFixtures.sitePath(issue),
                    "text/html; charset=utf-8",
                    WeeklyFixtures.articlePage(
                            base,
                            WeeklyFixtures.sitePath(issue),
                            issue.title(WeeklyFixtures.SITE_SERIES),
                            issue.date(),
                            "<p>Kaiko Dev Blog の週報です。</p>\n" + WeeklyFixtures.topicsHtml(issue)));
        }
        site.doc(WeeklyFixtures.ORDINARY_POST, "text/html; charset=utf-8", WeeklyFixtures.ordinaryPostPage(base));
    }

    // ---- feeds ------------------------------------------------------------------------------------------------

    @Test
    void feedHistoryIsBackfilledThenPolledConditionallyAndChangedEntriesUpdateInPlace() {
        String base = site.url("");
        serveFeed(base);
        long id = register(site.url("/feed.xml"));

        JsonPath first = fetch(id);
        assertEquals(3, first.getInt("fetch.pages"), "subscription document and two archives");
        assertEquals(6, first.getInt("fetch.items_seen"));
        assertEquals(
                6,
                first.getInt("fetch.items_imported"),
                () -> first.getList("fetch.problems").toString());
        assertEquals(12, first.getInt("fetch.topics_added"));
        assertEquals("done", first.getString("fetch.indexing"));
        assertEquals("ok", first.getString("source.status"));
        assertEquals("feed", first.getString("source.kind"));
        assertTrue(first.getBoolean("source.backfilled"));
        assertEquals(6, first.getInt("source.items_seen"));
        assertNotNull(first.getString("source.last_fetch_at"));
        // every topic of every page is searchable, the summary-only entry's from its article page
        assertEquals(12, searchTotal());
        for (WeeklyFixtures.Issue issue : FEED_ISSUES) {
            for (WeeklyFixtures.Topic topic : issue.topics()) {
                topicId(topic.word());
            }
        }
        given().queryParam("q", "Tanukicache")
                .get("/api/search")
                .then()
                .body("hits[0].issue.number", equalTo(4))
                .body("hits[0].issue.series", equalTo("Kaiko Sources Weekly"));
        assertTrue(site.paths().contains(WeeklyFixtures.articlePath(FEED_ISSUES.get(3))));
        // next-archive links (to newer documents) are not followed
        assertEquals(
                1,
                site.paths().stream().filter("/feed.xml"::equals).count(),
                site.paths().toString());
        assertTrue(site.requests.stream()
                .allMatch(r -> r.userAgent() != null && r.userAgent().startsWith("Kaiko/")));

        // unchanged: one conditional request, answered 304, and nothing imported
        site.requests.clear();
        JsonPath second = fetch(id);
        assertEquals(List.of("/feed.xml"), site.paths());
        TestSite.Request conditional = site.requests.get(0);
        assertEquals(304, conditional.status());
        assertNotNull(conditional.ifNoneMatch());
        assertNotNull(conditional.ifModifiedSince());
        assertEquals(1, second.getInt("fetch.pages_not_modified"));
        assertEquals(0, second.getInt("fetch.items_imported"));
        assertEquals(0, second.getInt("fetch.topics_added") + second.getInt("fetch.topics_updated"));
        assertEquals("ok", second.getString("source.status"));
        assertEquals(12, searchTotal());

        // a changed entry: its topic is updated in place, the older archives are not read again
        long nagisa = topicId("Nagisa");
        long hotaru = topicId("Hotarujs");
        WeeklyFixtures.Issue six = FEED_ISSUES.get(5);
        WeeklyFixtures.Issue edited = new WeeklyFixtures.Issue(
                6,
                six.date(),
                List.of(
                        new WeeklyFixtures.Topic(
                                six.topics().get(0).title(), six.topics().get(0).body() + " 追記: Zanshinmode を追加しました。"),
                        six.topics().get(1)));
        site.doc(
                "/feed.xml",
                "application/atom+xml",
                WeeklyFixtures.atomFeed(
                        base,
                        List.of(
                                WeeklyFixtures.atomEntry(base, edited, false),
                                WeeklyFixtures.atomEntry(base, FEED_ISSUES.get(4), false)),
                        "/feed/2024-02.xml",
                        null,
                        false));
        site.requests.clear();
        JsonPath third = fetch(id);
        assertEquals(1, third.getInt("fetch.items_imported"));
        assertEquals(1, third.getInt("fetch.items_unchanged"));
        assertEquals(1, third.getInt("fetch.topics_updated"));
        assertEquals(0, third.getInt("fetch.topics_added"));
        assertEquals(nagisa, search("Zanshinmode").getLong("hits[0].id"), "same topic id, new text");
        assertEquals(hotaru, topicId("Hotarujs"));
        assertEquals(12, searchTotal());
        assertEquals(List.of("/feed.xml", "/feed/2024-02.xml"), site.paths());
        assertEquals(304, site.requests.get(1).status());
    }

    // ---- blogs ------------------------------------------------------------------------------------------------

    @Test
    void paginatedBlogArchiveIsBackfilledFromItsArticlePages() {
        String base = site.url("");
        serveBlog(base);
        long id = register(site.url("/blog/archive"));

        JsonPath first = fetch(id);
        assertEquals(3, first.getInt("fetch.pages"), "rel=next, then a link saying 次のページ");
        assertEquals(6, first.getInt("fetch.items_seen"), "five weeklies and one ordinary post");
        assertEquals(5, first.getInt("fetch.items_imported"));
        assertEquals(1, first.getInt("fetch.items_skipped"));
        assertEquals(10, first.getInt("fetch.topics_added"));
        assertEquals("ok", first.getString("source.status"));
        assertEquals("page", first.getString("source.kind"));
        assertTrue(first.getBoolean("source.backfilled"));
        // the ordinary post holds no topics: skipped, with the reason, and not an error of the source
        assertThat(first.getList("fetch.problems.url"), hasItem(site.url(WeeklyFixtures.ORDINARY_POST)));
        assertTrue(first.getString("fetch.problems[0].error").contains("no topics"), first.getString("fetch.problems"));
        assertEquals(null, first.getString("source.last_error"));
        assertEquals(10, searchTotal());
        for (WeeklyFixtures.Issue issue : SITE_ISSUES) {
            for (WeeklyFixtures.Topic topic : issue.topics()) {
                topicId(topic.word());
            }
        }
        given().queryParam("q", "Kujakuauth")
                .get("/api/search")
                .then()
                .body("hits[0].issue.series", equalTo("Kaiko Site Weekly"))
                .body("hits[0].issue.number", equalTo(3));
        // navigation, category and sidebar links are not articles
        assertFalse(
                site.paths().stream().anyMatch(p -> p.contains("about") || p.contains("category")),
                site.paths().toString());
        assertFalse(site.paths().contains("/blog/archive?page=1"));

        site.requests.clear();
        JsonPath second = fetch(id);
        assertEquals(List.of("/blog/archive"), site.paths());
        assertEquals(304, site.requests.get(0).status());
        assertEquals(0, second.getInt("fetch.items_imported"));
        assertEquals(10, searchTotal());
    }

    private static void assertThat(List<Object> actual, org.hamcrest.Matcher<? super List<Object>> matcher) {
        org.hamcrest.MatcherAssert.assertThat(actual, matcher);
    }

    // ---- failures ---------------------------------------------------------------------------------------------

    /** Each failure leaves a clear error on the source (naming the URL and the problem) and stores nothing. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/missing.xml       | answered HTTP 404 Not Found",
                "/slow.xml          | timed out after 2 s",
                "/huge.xml          | is larger than 256 KB",
                "/huge-declared.xml | is larger than 256 KB",
                "/moved.xml         | redirects to http://127.0.0.1:FORBIDDEN/feed.xml, which is refused: it is a loopback address"
            })
    void failedFetchesLeaveAnErrorOnTheSourceAndStoreNothing(String path, String problem) throws Exception {
        CountDownLatch hugeDone = new CountDownLatch(1);
        AtomicLong hugeWritten = new AtomicLong();
        AtomicBoolean hugeAborted = new AtomicBoolean();
        site.handler("/slow.xml", ex -> {
            try {
                Thread.sleep(5_000); // the server side of a timeout: longer than the client's 2 s
                ex.sendResponseHeaders(204, -1);
            } catch (InterruptedException | IOException e) {
                // the client is gone
            } finally {
                ex.close();
            }
        });
        site.handler("/huge.xml", ex -> {
            // 50 MB, chunked (no Content-Length): the limit must be enforced while reading
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            ex.getResponseHeaders().add("Content-Type", "application/atom+xml");
            try (OutputStream out = ex.getResponseBody()) {
                ex.sendResponseHeaders(200, 0);
                for (int i = 0; i < 800; i++) {
                    out.write(chunk);
                    hugeWritten.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                hugeAborted.set(true);
            } finally {
                hugeDone.countDown();
                ex.close();
            }
        });
        site.handler("/huge-declared.xml", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/atom+xml");
            try (OutputStream out = ex.getResponseBody()) {
                ex.sendResponseHeaders(200, 50L * 1024 * 1024);
                out.write(new byte[1024]);
            } catch (IOException e) {
                // the client hung up, as it should
            } finally {
                ex.close();
            }
        });
        site.handler("/moved.xml", ex -> {
            ex.getResponseHeaders()
                    .add(
                            "Location",
                            "http://127.0.0.1:" + forbidden.getAddress().getPort() + "/feed.xml");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        String url = site.url(path);
        long id = register(url);

        long started = System.nanoTime();
        JsonPath result = fetch(id);
        double seconds = (System.nanoTime() - started) / 1e9;

        String expected = url + " "
                + problem.replace(
                        "FORBIDDEN", String.valueOf(forbidden.getAddress().getPort()));
        assertEquals("error", result.getString("source.status"));
        assertEquals(expected, result.getString("source.last_error"));
        assertEquals(expected, result.getString("fetch.error"));
        assertEquals(0, result.getInt("fetch.items_imported"));
        assertFalse(result.getBoolean("source.backfilled"));
        assertEquals(0, data.count("Topic"));
        assertEquals(0, data.count("Issue"));
        admin().get("/api/sources/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("error"))
                .body("last_error", equalTo(expected))
                .body("problems[0].url", equalTo(url));
        assertTrue(seconds < 10, "gave up after " + seconds + " s");
        if (path.equals("/huge.xml")) {
            assertTrue(hugeDone.await(30, TimeUnit.SECONDS));
            assertTrue(hugeAborted.get(), "the client stopped reading");
            assertTrue(hugeWritten.get() < 50L * 1024 * 1024, "written: " + hugeWritten.get());
        }
        assertEquals(0, forbiddenHits.get(), "nothing reached the port that is not allowed");
    }

    // ---- claims -----------------------------------------------------------------------------------------------

    @Test
    void twoConcurrentFetchNowCallsDoNotFetchTwiceAtOnce() throws Exception {
        String base = site.url("");
        WeeklyFixtures.Issue one = FEED_ISSUES.get(0);
        String feed =
                WeeklyFixtures.atomFeed(base, List.of(WeeklyFixtures.atomEntry(base, one, false)), null, null, false);
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        site.handler("/gate.xml", ex -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            arrived.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
                byte[] body = feed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/atom+xml");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                ex.close();
            }
        });
        long id = register(site.url("/gate.xml"));

        CompletableFuture<ValidatableResponse> firstCall = CompletableFuture.supplyAsync(
                () -> admin().post("/api/sources/" + id + "/fetch").then());
        assertTrue(arrived.await(30, TimeUnit.SECONDS), "the first fetch reached the site");
        // while the first fetch holds the source, a second "fetch now" is refused, and so is deleting it
        admin().post("/api/sources/" + id + "/fetch")
                .then()
                .statusCode(409)
                .body("error", containsString("is being fetched right now"));
        admin().get("/api/sources/" + id).then().statusCode(200).body("fetching", equalTo(true));
        admin().delete("/api/sources/" + id).then().statusCode(409);
        release.countDown();

        firstCall
                .get(60, TimeUnit.SECONDS)
                .statusCode(200)
                .body("fetch.items_imported", equalTo(1))
                .body("source.fetching", equalTo(false));
        assertEquals(1, site.paths().stream().filter("/gate.xml"::equals).count());
        assertEquals(1, maxInFlight.get());
        assertEquals(2, searchTotal());
    }

    /** Two sources on one host fetched at the same time: their requests to the host never overlap. */
    @Test
    void requestsToOneHostNeverOverlap() throws Exception {
        String base = site.url("");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch arrivedA = new CountDownLatch(1);
        CountDownLatch arrivedB = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            WeeklyFixtures.Issue issue = FEED_ISSUES.get(i);
            CountDownLatch arrived = i == 0 ? arrivedA : arrivedB;
            byte[] body = WeeklyFixtures.atomFeed(
                            base, List.of(WeeklyFixtures.atomEntry(base, issue, false)), null, null, false)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            site.handler("/host-" + i + ".xml", ex -> {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                arrived.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                    ex.getResponseHeaders().add("Content-Type", "application/atom+xml");
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                    ex.close();
                }
            });
        }
        long a = register(site.url("/host-0.xml"));
        long b = register(site.url("/host-1.xml"));
        CompletableFuture<ValidatableResponse> fetchA = CompletableFuture.supplyAsync(
                () -> admin().post("/api/sources/" + a + "/fetch").then());
        assertTrue(arrivedA.await(30, TimeUnit.SECONDS));
        CompletableFuture<ValidatableResponse> fetchB = CompletableFuture.supplyAsync(
                () -> admin().post("/api/sources/" + b + "/fetch").then());
        // B's fetch is running (it holds its own source) but waits for the host
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> admin().get("/api/sources/" + b).then().body("fetching", equalTo(true)));
        assertFalse(arrivedB.await(1, TimeUnit.SECONDS), "the second request waits for the first");
        release.countDown();
        fetchA.get(60, TimeUnit.SECONDS).statusCode(200).body("fetch.items_imported", equalTo(1));
        fetchB.get(60, TimeUnit.SECONDS).statusCode(200).body("fetch.items_imported", equalTo(1));
        assertEquals(1, maxInFlight.get());
        assertEquals(4, searchTotal());
    }

    // ---- persistence and schedule -----------------------------------------------------------------------------

    /**
     * Sources are rows: read back over a fresh JDBC connection (no Hibernate, no cache), and the poller, which keeps
     * nothing in memory, fetches exactly the sources whose rows say they are due. (The application itself is not
     * restarted: the test run shares one application and one engine.)
     */
    @Test
    void sourcesAreRowsAndThePollerFetchesThoseDue() throws SQLException {
        String base = site.url("");
        serveFeed(base);
        long id = register(site.url("/feed.xml"));
        em.getEntityManagerFactory().getCache().evictAll();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", null);
                Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery(
                    "select url, status, next_fetch_at <= now() from " + schema + ".source where id = " + id);
            assertTrue(rs.next());
            assertEquals(site.url("/feed.xml"), rs.getString(1));
            assertEquals("new", rs.getString(2));
            assertTrue(rs.getBoolean(3), "a new source is due at once");
        }

        poller.pollDue();
        admin().get("/api/sources/" + id)
                .then()
                .body("status", equalTo("ok"))
                .body("items_seen", equalTo(6))
                .body("last_fetch.items_imported", equalTo(6));
        assertEquals(12, searchTotal());

        // fetched: not due for an interval, so the next poll leaves it alone
        site.requests.clear();
        poller.pollDue();
        assertEquals(List.of(), site.paths());

        // made due behind the poller's back, in the database: the next poll fetches it (conditionally)
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", null);
                Statement st = c.createStatement()) {
            assertEquals(
                    1,
                    st.executeUpdate("update " + schema + ".source set next_fetch_at = now() - interval '1 minute'"
                            + " where id = " + id));
            ResultSet rs = st.executeQuery("select count(*) from " + schema + ".source_item where source_id = " + id
                    + " and kind = 'entry' and outcome = 'imported'");
            rs.next();
            assertEquals(6, rs.getInt(1), "what was imported is remembered per entry");
        }
        poller.pollDue();
        assertEquals(List.of("/feed.xml"), site.paths());
        assertEquals(304, site.requests.get(0).status());
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("kaiko_source_fetches_total{status=\"ok\"}"));
    }

    // ---- API rules --------------------------------------------------------------------------------------------

    @Test
    void theSourcesApiIsForAdminsAndValidatesUrls() {
        given().get("/api/sources").then().statusCode(401);
        given().contentType("application/json")
                .body(Map.of("url", site.url("/feed.xml")))
                .post("/api/sources")
                .then()
                .statusCode(401);
        admin().contentType("application/json")
                .body(Map.of("url", "ftp://example.org/feed"))
                .post("/api/sources")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("url"))
                .body("error", equalTo("ftp://example.org/feed is not an http or https URL"));
        admin().queryParam("url", "http://127.0.0.1:1/")
                .post("/api/sources")
                .then()
                .statusCode(400)
                .body("error", equalTo("http://127.0.0.1:1/ is a loopback address"));
        long id = register(site.url("/feed.xml"));
        admin().queryParam("url", site.url("/feed.xml"))
                .post("/api/sources")
                .then()
                .statusCode(409)
                .body("id", equalTo((int) id));
        admin().get("/api/sources").then().statusCode(200).body("sources.url", hasItem(site.url("/feed.xml")));
        admin().get("/api/sources/" + id)
                .then()
                .statusCode(200)
                .body("url", equalTo(site.url("/feed.xml")))
                .body("fetching", equalTo(false))
                .body("last_fetch_at", nullValue());
        admin().delete("/api/sources/" + id).then().statusCode(204);
        admin().get("/api/sources/" + id).then().statusCode(404);
        admin().post("/api/sources/" + id + "/fetch").then().statusCode(404);
        admin().get("/api/sources/abc").then().statusCode(400).body("parameter", equalTo("id"));
    }

    @Test
    void adminPageListsAddsAndRefusesCrossOriginForms() {
        long id = register(site.url("/feed.xml"));
        given().redirects().follow(false).get("/admin/sources").then().statusCode(302);
        AdminSession admin = AdminSession.login();
        admin.request()
                .get("/admin/sources")
                .then()
                .statusCode(200)
                .body(containsString(site.url("/feed.xml")))
                .body(containsString("/admin/sources/" + id + "/fetch"));
        // another site's forms carry neither the session's CSRF token nor (SameSite=Strict) its cookies
        admin.request()
                .formParam("url", site.url("/blog/archive"))
                .post("/admin/sources")
                .then()
                .statusCode(403)
                .body("parameter", equalTo("csrf-token"));
        admin.request()
                .formParam("csrf-token", "forged-" + admin.csrf())
                .post("/admin/sources/" + id + "/delete")
                .then()
                .statusCode(403);
        given().redirects()
                .follow(false)
                .formParam("csrf-token", admin.csrf())
                .post("/admin/sources/" + id + "/delete")
                .then()
                .statusCode(302)
                .header("Location", containsString("/login"));
        admin().get("/api/sources").then().body("sources.url", not(hasItem(site.url("/blog/archive"))));
        admin().get("/api/sources/" + id).then().statusCode(200);
        admin.form()
                .formParam("url", site.url("/blog/archive"))
                .post("/admin/sources")
                .then()
                .statusCode(303)
                .header("Location", containsString("/admin/sources"));
        admin.form()
                .formParam("url", "http://10.0.0.1/feed")
                .post("/admin/sources")
                .then()
                .statusCode(400)
                .body(containsString("http://10.0.0.1/feed is a private address"));
        admin().get("/api/sources").then().body("sources.url", hasItem(site.url("/blog/archive")));
        // "fetch now" on the page runs in the background; the list shows the outcome
        serveFeed(site.url(""));
        admin.form().post("/admin/sources/" + id + "/fetch").then().statusCode(303);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> admin().get("/api/sources/" + id)
                        .then()
                        .body("status", equalTo("ok"))
                        .body("fetching", equalTo(false)));
        admin.request()
                .get("/admin/sources")
                .then()
                .statusCode(200)
                .body(containsString("source-ok"))
                .body(containsString("<td>6</td>"));
        admin.form().post("/admin/sources/" + id + "/delete").then().statusCode(303);
        admin().get("/api/sources/" + id).then().statusCode(404);
    }

    // ---- import from a URL once -------------------------------------------------------------------------------

    @Test
    void importFromUrlFetchesAndImportsLikeAnUpload() {
        String base = site.url("");
        serveBlog(base);
        String url = site.url(WeeklyFixtures.sitePath(SITE_ISSUES.get(2)));
        admin().queryParam("url", url)
                .post("/api/imports")
                .then()
                .statusCode(200)
                .body("files[0].file", equalTo(url))
                .body("files[0].format", equalTo("html"))
                .body("files[0].topics_added", equalTo(2))
                .body("indexing", equalTo("done"));
        topicId("Kujakuauth");
        admin().queryParam("url", url)
                .post("/api/imports")
                .then()
                .statusCode(200)
                .body("files[0].topics_unchanged", equalTo(2));
        admin().queryParam("url", site.url("/missing.xml"))
                .post("/api/imports")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("url"))
                .body("error", equalTo(site.url("/missing.xml") + " answered HTTP 404 Not Found"));
        given().queryParam("url", url).post("/api/imports").then().statusCode(401);
        assertEquals(2, searchTotal());
    }

    /** Refused before any connection is made: nothing is sent to these addresses. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://127.0.0.1:1/                      | http://127.0.0.1:1/ is a loopback address",
                "http://localhost:18766/feed.xml          | http://localhost:18766/feed.xml is a loopback address (localhost resolves to",
                "http://127.0.0.1:18767/feed.xml          | http://127.0.0.1:18767/feed.xml is a loopback address",
                "http://[::1]:18766/feed.xml              | http://[::1]:18766/feed.xml is a loopback address",
                "http://10.20.30.40/feed                  | http://10.20.30.40/feed is a private address",
                "http://192.168.1.1/                      | http://192.168.1.1/ is a private address",
                "http://169.254.169.254/latest/meta-data/ | http://169.254.169.254/latest/meta-data/ is a link-local address",
                "http://[fd12:3456::1]/                   | http://[fd12:3456::1]/ is a private address",
                "http://[::ffff:127.0.0.1]:18766/         | is a loopback address",
                "http://0.0.0.0:18766/                    | http://0.0.0.0:18766/ is an unspecified address",
                "file:///etc/passwd                       | file:///etc/passwd is not an http or https URL",
                "http://user:secret@127.0.0.1:18766/      | carries credentials"
            })
    void importFromUrlRefusesAddressesThatAreNotAllowed(String url, String error) {
        site.requests.clear();
        admin().queryParam("url", url)
                .post("/api/imports")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("url"))
                .body("error", containsString(error));
        assertEquals(List.of(), site.paths());
        assertEquals(0, data.count("Topic"));
    }
}
