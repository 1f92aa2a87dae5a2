package dev.kaiko.index;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.hibernate.search.mapper.orm.mapping.SearchMapping;
import org.hibernate.search.util.common.SearchException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The topic index's upkeep: a mapping change rolls out through POST /api/admin/reindex (the new index gets the
 * running code's schema, not the old index's), aliases left inconsistent by a crash mid-swap are repaired at start
 * with no topic lost or doubled, and snapshots are taken, listed and restored.
 */
@QuarkusTest
class IndexMaintenanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestData data;

    @Inject
    TopicIndexes indexes;

    @Inject
    EngineClient engine;

    @Inject
    SearchEngineLifecycle lifecycle;

    @Inject
    SearchMapping searchMapping;

    @BeforeEach
    void load() throws Exception {
        data.clear();
        List<Path> files = new ArrayList<>(List.of(Corpora.seed()));
        try (Stream<Path> twir = Files.list(Corpora.root().resolve("twir-2023"))) {
            files.addAll(twir.sorted().limit(6).toList());
        }
        Corpora.multipart(files).post("/api/imports").then().statusCode(200);
        assertThat(data.count("Topic")).as("topics imported").isGreaterThan(50);
        await("the imported topics are searchable")
                .atMost(Duration.ofSeconds(30))
                .until(() -> searchableIds().size() == data.count("Topic"));
    }

    @Test
    void mappingChangeRollsOutThroughReindex() throws Exception {
        // the live index as an older build created it: no title_ja field, unknown fields ignored
        String live = indexes.readIndex();
        ObjectNode older = indexes.expectedSchema();
        older.remove("aliases");
        ObjectNode mappings = (ObjectNode) older.get("mappings");
        assertThat(mappings.path("properties").has("title_ja"))
                .as("the running code maps title_ja")
                .isTrue();
        ((ObjectNode) mappings.get("properties")).remove("title_ja");
        mappings.put("dynamic", "false");
        String old = indexes.nextName();
        engine.require("PUT", "/" + old, older.toString());
        engine.require("GET", "/_cluster/health/" + old + "?wait_for_status=yellow&timeout=30s", null);
        engine.require(
                "POST",
                "/_reindex?refresh=true",
                "{\"source\":{\"index\":\"" + live + "\"},\"dest\":{\"index\":\"" + old + "\"}}");
        indexes.move(live, old, TopicIndexes.READ, TopicIndexes.WRITE);
        indexes.delete(live);
        assertThat(liveMapping().path("properties").has("title_ja"))
                .as("the live index lacks the field")
                .isFalse();
        assertThatThrownBy(
                        () -> searchMapping.scope(Object.class).schemaManager().validate())
                .as("Hibernate Search sees the outdated mapping")
                .isInstanceOf(SearchException.class);

        assertThat(awaitJob(post("/api/admin/reindex"))).isEqualTo("done");

        String rebuilt = indexes.readIndex();
        assertThat(rebuilt).isNotEqualTo(old);
        JsonNode titleJa = liveMapping().path("properties").path("title_ja");
        assertThat(titleJa.path("analyzer").asText())
                .as("the rebuilt index has the running code's field")
                .isEqualTo(TopicAnalysis.TOKENS);
        assertThat(liveMapping().path("dynamic").asText()).isEqualTo("strict");
        assertThatCode(() -> searchMapping.scope(Object.class).schemaManager().validate())
                .as("the rebuilt index matches the running code's schema")
                .doesNotThrowAnyException();
        assertThat(indexes.aliasesByIndex().keySet())
                .as("the old index was dropped")
                .containsExactly(rebuilt);
        List<Long> ids = searchableIds();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(data.topicIds());
    }

    @Test
    void aliasesRepairedAfterCrashMidSwap() throws Exception {
        var stored = data.topicIds();
        String live = indexes.readIndex();
        // a reindex cut short: the new index got a few topics, writes moved to it, and (a swap half done by hand)
        // searches read both indexes; plus an orphan index created just before another crash
        String fresh = indexes.nextName();
        indexes.create(fresh, live);
        engine.require(
                "POST",
                "/_reindex?refresh=true",
                "{\"max_docs\":5,\"source\":{\"index\":\"" + live + "\"},\"dest\":{\"index\":\"" + fresh + "\"}}");
        indexes.move(live, fresh, TopicIndexes.WRITE);
        engine.require(
                "POST",
                "/_aliases",
                "{\"actions\":[{\"add\":{\"index\":\"" + fresh + "\",\"alias\":\"" + TopicIndexes.READ + "\"}}]}");
        String orphan = indexes.nextName();
        indexes.create(orphan, live);
        assertThat(given().queryParam("size", 1)
                        .get("/api/search")
                        .then()
                        .extract()
                        .jsonPath()
                        .getLong("total"))
                .as("searches see doubled topics while the aliases are inconsistent")
                .isEqualTo(stored.size() + 5L);

        // what the start-up does
        assertThat(lifecycle.recoverAliases())
                .as("the kept index must be rebuilt")
                .isTrue();
        lifecycle.reindex();

        Map<String, JsonNode> after = indexes.aliasesByIndex();
        assertThat(after.keySet()).as("one index left: the one writes went to").containsExactly(fresh);
        assertThat(after.get(fresh).has(TopicIndexes.READ) && after.get(fresh).has(TopicIndexes.WRITE))
                .as("both aliases on it")
                .isTrue();
        assertThatCode(() -> searchMapping.scope(Object.class).schemaManager().validate())
                .doesNotThrowAnyException();
        await("every stored topic searchable exactly once")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    List<Long> ids = searchableIds();
                    assertThat(ids).doesNotHaveDuplicates();
                    assertThat(new HashSet<>(ids)).isEqualTo(stored);
                });

        // a crash after the read swap, before the old index was dropped: nothing to rebuild, the leftover goes
        String leftover = indexes.nextName();
        indexes.create(leftover, fresh);
        assertThat(lifecycle.recoverAliases())
                .as("a complete index needs no rebuild")
                .isFalse();
        assertThat(indexes.aliasesByIndex().keySet()).containsExactly(fresh);
        assertThat(lifecycle.recoverAliases())
                .as("consistent aliases are left alone")
                .isFalse();
        assertThat(new HashSet<>(searchableIds())).isEqualTo(stored);
    }

    @Test
    void snapshotsAreTakenListedAndRestored() throws Exception {
        var stored = data.topicIds();
        given().post("/api/admin/snapshots").then().statusCode(401);

        // three admins snapshot at once: every one succeeds, each under its own name
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<String> names = new ArrayList<>();
        try {
            List<Future<JsonPath>> all = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Callable<JsonPath> create = () -> given().header("Authorization", "Bearer " + Corpora.TOKEN)
                        .post("/api/admin/snapshots")
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath();
                all.add(pool.submit(create));
            }
            for (Future<JsonPath> f : all) {
                JsonPath snapshot = f.get();
                assertThat(snapshot.getString("state")).isEqualTo("SUCCESS");
                assertThat(snapshot.getList("indices", String.class)).containsExactly(indexes.readIndex());
                names.add(snapshot.getString("name"));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(names).doesNotHaveDuplicates();
        JsonPath listed = given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .get("/api/admin/snapshots")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(listed.getList("snapshots.name", String.class)).containsAll(names);
        assertThat(listed.getString("repository")).isEqualTo("kaiko");

        // the index loses topics (a damaged node), then the snapshot brings them back
        engine.require(
                "POST",
                "/" + TopicIndexes.WRITE + "/_delete_by_query?refresh=true",
                "{\"max_docs\":20,\"query\":{\"match_all\":{}}}");
        assertThat(searchableIds()).hasSize(stored.size() - 20);
        String before = indexes.readIndex();

        String job = post("/api/admin/snapshots/" + names.get(0) + "/restore");
        assertThat(awaitJob(job)).isEqualTo("done");
        JsonPath result = given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .get("/api/jobs/" + job)
                .then()
                .extract()
                .jsonPath();
        assertThat(result.getLong("result.documents")).isEqualTo(stored.size());
        assertThat(indexes.readIndex()).isNotEqualTo(before);
        assertThat(indexes.aliasesByIndex().keySet()).containsExactly(indexes.readIndex());
        List<Long> ids = searchableIds();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids))
                .as("the restored index holds every stored topic")
                .isEqualTo(stored);

        // a restore and a reindex asked for at once run one after the other; the index ends whole
        String restore = post("/api/admin/snapshots/" + names.get(1) + "/restore");
        String reindex = post("/api/admin/reindex");
        assertThat(awaitJob(restore)).isEqualTo("done");
        assertThat(awaitJob(reindex)).isEqualTo("done");
        assertThat(indexes.aliasesByIndex().keySet()).containsExactly(indexes.readIndex());
        assertThat(new HashSet<>(searchableIds())).isEqualTo(stored);

        // clear errors
        given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .post("/api/admin/snapshots/no-such-snapshot/restore")
                .then()
                .statusCode(404)
                .body("error", org.hamcrest.Matchers.containsString("no-such-snapshot"))
                .body("parameter", org.hamcrest.Matchers.equalTo("name"));
        given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .post("/api/admin/snapshots/Not A Name/restore")
                .then()
                .statusCode(400)
                .body("parameter", org.hamcrest.Matchers.equalTo("name"));
    }

    private JsonNode liveMapping() throws Exception {
        JsonNode all = JSON.readTree(engine.require("GET", "/" + TopicIndexes.READ + "/_mapping", null)
                .body());
        return all.elements().next().path("mappings");
    }

    private static String post(String path) {
        return given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .post(path)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }

    private static String awaitJob(String id) {
        return await("job " + id)
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> given().header("Authorization", "Bearer " + Corpora.TOKEN)
                                .get("/api/jobs/" + id)
                                .then()
                                .extract()
                                .<String>path("state"),
                        s -> "done".equals(s) || "failed".equals(s));
    }

    /** Every hit id of the empty query, page by page (duplicates kept). */
    private static List<Long> searchableIds() {
        return dev.kaiko.support.SearchPages.allIds(java.util.Map.of());
    }
}
