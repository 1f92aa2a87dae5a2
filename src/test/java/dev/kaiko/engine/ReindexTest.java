package dev.kaiko.engine;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import dev.kaiko.index.EngineHttp;

/** POST /api/admin/reindex rebuilds the index while searches issued every 50 ms keep getting complete results. */
@QuarkusTest
class ReindexTest {

    @Inject
    TestData data;
    @Inject
    EngineHttp http;

    @BeforeEach
    void load() throws Exception {
        data.clear();
        Corpora.multipart(Corpora.twirAndJser()).post("/api/imports").then().statusCode(200);
    }

    @Test
    void searchesStayCompleteDuringReindex() throws Exception {
        long expected = data.count("Topic");
        String before = readIndex();
        given().post("/api/admin/reindex").then().statusCode(401);
        String job = given().header("Authorization", "Bearer " + Corpora.TOKEN).post("/api/admin/reindex").then()
                .statusCode(202).extract().path("id");
        // a searcher every 50 ms, alongside the rebuild
        java.util.concurrent.atomic.AtomicInteger searches = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<String> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread searcher = new Thread(() -> {
            String[] queries = { "", "Rust", "async" };
            for (int i = 0; !stop.get(); i++) {
                var r = given().queryParam("q", queries[i % 3]).get("/api/search").then().extract();
                if (r.statusCode() != 200) {
                    failures.add("status " + r.statusCode());
                } else if (i % 3 == 0 && r.jsonPath().getLong("total") != expected) {
                    failures.add("total " + r.jsonPath().getLong("total") + " instead of " + expected);
                }
                searches.incrementAndGet();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        searcher.start();
        String state;
        int duringRun = 0;
        long deadline = System.nanoTime() + 120_000_000_000L;
        int atStart = -1;
        do {
            Thread.sleep(20);
            state = given().header("Authorization", "Bearer " + Corpora.TOKEN).get("/api/jobs/" + job).then()
                    .extract().path("state");
            if ("running".equals(state) && atStart < 0) {
                atStart = searches.get();
            }
        } while (!"done".equals(state) && !"failed".equals(state) && System.nanoTime() < deadline);
        duringRun = searches.get() - Math.max(atStart, 0);
        stop.set(true);
        searcher.join();
        assertEquals("done", state);
        assertEquals(List.of(), failures, "every search during the rebuild succeeded with complete results");
        System.out.printf("Reindex: %d searches during the rebuild (%d in all), all complete%n", duringRun,
                searches.get());
        assertTrue(duringRun >= 3, "searches ran while the rebuild was in progress: " + duringRun);
        assertNotEquals(before, readIndex(), "searches now read the rebuilt index");
        assertEquals(expected, given().header("Authorization", "Bearer " + Corpora.TOKEN).get("/api/jobs/" + job)
                .then().extract().jsonPath().getLong("done"), "progress reached every topic");
        assertEquals(expected, given().get("/api/search").then().extract().jsonPath().getLong("total"));
    }

    private String readIndex() throws Exception {
        return http.send("GET", "/_alias/topics-read", null).body();
    }
}
