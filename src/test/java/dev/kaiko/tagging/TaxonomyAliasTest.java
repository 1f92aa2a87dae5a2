package dev.kaiko.tagging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.search.QueryLog;
import dev.kaiko.support.AdminSession;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Aliases added by admins teach the taxonomy without a restart: a zero-hit word made an alias finds the technology's
 * topics at once (search expansion, suggestions), and after the re-tagging job topics whose text has the word carry
 * the technology (facet, /api/tags) — except hand-edited ones. Conflicts are 409, concurrent writers both survive or
 * one wins. Invented words, so the feature missing makes every assertion here fail.
 */
@QuarkusTest
class TaxonomyAliasTest {

    private static final String ALIASES = "/api/admin/taxonomy/aliases";

    @Inject
    TestData data;

    @Inject
    QueryLog queryLog;

    @Inject
    TaxonomyInUse taxonomies;

    @Inject
    EntityManager em;

    private static boolean loaded;
    private static long editedId;

    @BeforeEach
    void load() {
        if (!loaded) {
            loaded = true;
            data.clear();
            Corpora.importRaw("alias-weekly-2024-07-05.md", """
                            ---
                            Title: Alias Weekly 2024-07-05
                            Number: 1
                            Date: 2024-07-05
                            ---
                            ## Topics
                            - [Kubernetes schedules pods across nodes](https://example.org/k1)
                            - [Blorfnet speeds up incremental builds](https://example.org/b1)
                            - [Blorfnet cache tips for monorepos](https://example.org/b2)
                            - [Plain notes about meetings](https://example.org/p1)
                            """.getBytes()).statusCode(200);
            data.awaitSearch();
            editedId = search(Map.of("q", "\"Blorfnet cache tips\"")).getLong("hits[0].id");
            admin().contentType("application/json")
                    .body(Map.of("tags", List.of("Docker")))
                    .put("/api/topics/" + editedId + "/tags")
                    .then()
                    .statusCode(200);
        }
        clearAliases();
    }

    @AfterEach
    void clearAliases() {
        List<String> stored =
                admin().get(ALIASES).then().statusCode(200).extract().jsonPath().getList("alias");
        for (String a : stored) {
            String job = admin().delete(ALIASES + "/" + a)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("retag.id");
            awaitJob(job);
        }
        assertThat(taxonomies.taxonomy().find("kubbyzorg")).isEmpty();
    }

    @Test
    void aZeroHitWordMadeAnAliasFindsTheTechnologyAtOnceAndTagsAfterTheRetag() {
        assertThat(search(Map.of("q", "kubbyzorg")).getLong("total")).isZero();
        assertThat(search(Map.of("tag", "Rust")).getLong("total")).isZero();
        queryLog.flush();
        assertThat(admin().get("/api/admin/queries").then().extract().jsonPath().getList("zero_hits.query"))
                .contains("kubbyzorg");

        long start = System.nanoTime();
        JsonPath added = admin().contentType("application/json")
                .body(Map.of("technology", "kubernetes", "alias", "Kubbyzorg"))
                .post(ALIASES)
                .then()
                .statusCode(201)
                .body("technology", equalTo("Kubernetes"))
                .body("alias", equalTo("Kubbyzorg"))
                .extract()
                .jsonPath();
        long answered = System.nanoTime() - start;
        assertThat(added.getString("retag.id")).isNotBlank();
        // no restart, no re-tagging needed: the word is now a spelling of Kubernetes in searches and suggestions
        JsonPath found = search(Map.of("q", "kubbyzorg"));
        assertThat(found.getList("hits.title", String.class)).containsExactly("Kubernetes schedules pods across nodes");
        given().queryParam("q", "kubbyz")
                .get("/api/suggest")
                .then()
                .statusCode(200)
                .body(containsString("Kubernetes"));
        awaitJob(added.getString("retag.id"));
        System.out.printf(
                "Alias: POST answered in %d ms with the rebuilt taxonomy (%d technologies) in use%n",
                answered / 1_000_000, taxonomies.taxonomy().technologies().size());

        // a word in topic text: after the re-tagging job those topics carry the technology, hand-edited ones not
        String job = admin().contentType("application/json")
                .body(Map.of("technology", "Rust", "alias", "Blorfnet"))
                .post(ALIASES)
                .then()
                .statusCode(201)
                .extract()
                .path("retag.id");
        awaitJob(job);
        JsonPath rust = search(Map.of("tag", "Rust"));
        assertThat(rust.getList("hits.title", String.class)).containsExactly("Blorfnet speeds up incremental builds");
        assertThat(given().get("/api/tags").then().extract().jsonPath().getList("name", String.class))
                .contains("Rust");
        assertThat(given().get("/api/topics/" + editedId)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("tags", String.class))
                .containsExactly("Docker");

        // removed: the word finds nothing again, and the re-tagging takes the tag back off
        String removal = admin().delete(ALIASES + "/blorfnet")
                .then()
                .statusCode(200)
                .extract()
                .path("retag.id");
        admin().delete(ALIASES + "/kubbyzorg").then().statusCode(200);
        admin().delete(ALIASES + "/kubbyzorg").then().statusCode(404);
        assertThat(search(Map.of("q", "kubbyzorg")).getLong("total")).isZero();
        awaitJob(removal);
        assertThat(search(Map.of("tag", "Rust")).getLong("total")).isZero();
    }

    @Test
    void conflictsAndBadValuesAreRefusedWithReasons() {
        add("Kubernetes", "kubbyzorg").then().statusCode(201);
        add("Rust", "Kubbyzorg").then().statusCode(409).body("error", containsString("Kubernetes"));
        add("Kubernetes", "kubby-zorg").then().statusCode(409).body("error", containsString("already a spelling"));
        add("Rust", "k8s").then().statusCode(409).body("error", containsString("Kubernetes"));
        add("Rust", "Docker").then().statusCode(409).body("error", containsString("Docker"));
        add("Nonexistent Technology Zz", "zzword").then().statusCode(400).body("parameter", equalTo("technology"));
        add("Rust", "  ").then().statusCode(400).body("parameter", equalTo("alias"));
        add("Rust", "-._").then().statusCode(400).body("parameter", equalTo("alias"));
        add("Rust", "x".repeat(81)).then().statusCode(400).body("parameter", equalTo("alias"));
        given().contentType("application/json")
                .body(Map.of("technology", "Rust", "alias", "noauthword"))
                .post(ALIASES)
                .then()
                .statusCode(401);
        given().get(ALIASES).then().statusCode(401);
        given().delete(ALIASES + "/kubbyzorg").then().statusCode(401);
        assertThat(admin().get(ALIASES).then().extract().jsonPath().getList("alias"))
                .containsExactly("kubbyzorg");
    }

    @Test
    void concurrentAdminsDifferentAliasesBothSurviveTheSameOneWinsOnce() throws Exception {
        List<Response> different = concurrently(List.of(
                () -> add("Kubernetes", "kubbyzorg"), () -> add("Rust", "Blorfnet"), () -> add("Docker", "dockwhirl")));
        assertThat(different).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
        assertThat(admin().get(ALIASES).then().extract().jsonPath().getList("alias", String.class))
                .containsExactlyInAnyOrder("kubbyzorg", "Blorfnet", "dockwhirl");
        assertThat(taxonomies.taxonomy().find("dockwhirl").map(Technology::name))
                .contains("Docker");
        assertThat(taxonomies.taxonomy().find("blorfnet").map(Technology::name)).contains("Rust");

        List<Callable<Response>> same = new ArrayList<>();
        String[] techs = {"Rust", "Docker", "Kubernetes", "Rust", "Docker", "Kubernetes"};
        for (String t : techs) {
            same.add(() -> add(t, "zwibbleton"));
        }
        List<Response> answers = concurrently(same);
        assertThat(answers.stream().filter(r -> r.statusCode() == 201)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.statusCode() == 409)).hasSize(techs.length - 1);
        String winner = answers.stream()
                .filter(r -> r.statusCode() == 201)
                .findFirst()
                .orElseThrow()
                .path("technology");
        assertThat(taxonomies.taxonomy().find("zwibbleton").map(Technology::name))
                .contains(winner);
    }

    @Test
    void anAliasAddedThroughAnotherInstanceIsUsedWithinSeconds() {
        // another instance sharing the database: its write is a row and a new version, nothing sent to this one
        insertAsAnotherInstance("kubbyzorg", "Kubernetes");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(search(Map.of("q", "kubbyzorg")).getLong("total"))
                        .isEqualTo(1));
    }

    @Test
    void theAdminPageListsZeroHitQueriesAndItsFormNeedsTheCsrfToken() {
        search(Map.of("q", "wumbleflax"));
        queryLog.flush();
        AdminSession admin = AdminSession.login();
        String page = admin.request()
                .get("/admin/queries")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page).contains("wumbleflax").contains("action=\"/admin/queries/aliases\"");

        admin.request()
                .formParam("technology", "Kubernetes")
                .formParam("alias", "wumbleflax")
                .post("/admin/queries/aliases")
                .then()
                .statusCode(403);
        assertThat(taxonomies.taxonomy().find("wumbleflax")).isEmpty();
        String next = admin.form()
                .formParam("technology", "Kubernetes")
                .formParam("alias", "wumbleflax")
                .post("/admin/queries/aliases")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        String confirmation = admin.request()
                .header("Accept-Language", "en")
                .get(next)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(confirmation).contains("wumbleflax is now a spelling of Kubernetes");
        assertThat(taxonomies.taxonomy().find("wumbleflax").map(Technology::name))
                .contains("Kubernetes");
        assertThat(search(Map.of("q", "wumbleflax")).getLong("total")).isEqualTo(1);
        admin.form()
                .formParam("technology", "Rust")
                .formParam("alias", "wumbleflax")
                .post("/admin/queries/aliases")
                .then()
                .statusCode(409)
                .body(containsString("Kubernetes"));
    }

    @Transactional
    void insertAsAnotherInstance(String alias, String technology) {
        em.createNativeQuery("insert into taxonomy_alias (alias_key, alias, technology) values (:k, :a, :t)")
                .setParameter("k", Taxonomy.spellingKey(alias))
                .setParameter("a", alias)
                .setParameter("t", technology)
                .executeUpdate();
        em.createNativeQuery("update taxonomy_version set value = value + 1").executeUpdate();
    }

    private static List<Response> concurrently(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> c : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    private static Response add(String technology, String alias) {
        return admin().contentType("application/json")
                .body(Map.of("technology", technology, "alias", alias))
                .post(ALIASES);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + Corpora.TOKEN);
    }

    private static void awaitJob(String id) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "done"
                        .equals(admin().get("/api/jobs/" + id).then().extract().path("state")));
    }

    private static JsonPath search(Map<String, String> params) {
        return given().queryParams(params)
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
