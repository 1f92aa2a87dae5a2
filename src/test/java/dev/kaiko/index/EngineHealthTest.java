package dev.kaiko.index;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.TestData;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Health that tells the truth: readiness goes down while the engine is frozen (a live process that does not
 * answer), searches answer 503 at once meanwhile instead of hanging, and both recover when it thaws; a node frozen
 * past {@code kaiko.search.probe.restart-after} is killed and started again; liveness goes down when the index
 * outbox poller stops running.
 */
@QuarkusTest
class EngineHealthTest {

    @Inject
    SearchEngineLifecycle lifecycle;

    @Inject
    SearchAvailability availability;

    @Inject
    Scheduler scheduler;

    @Inject
    TestData data;

    private Long frozen;

    @AfterEach
    void thaw() throws Exception {
        if (frozen != null) {
            signal("CONT", frozen);
            frozen = null;
        }
        scheduler.resume(IndexOutboxProcessor.POLLER);
        data.awaitSearch();
    }

    @Test
    void aFrozenEngineMakesReadinessDownAndSearchesAnswer503UntilItThaws() throws Exception {
        data.awaitSearch();
        given().get("/q/health/ready").then().statusCode(200);
        long pid = lifecycle.managedEngine().orElseThrow().pid().orElseThrow();

        signal("STOP", pid);
        frozen = pid;
        long stopped = System.nanoTime();
        await("readiness down while the engine is frozen")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .statusCode(503)
                        .body("checks.find { it.name == 'search-engine' }.status", equalTo("DOWN")));
        long down = System.nanoTime();
        long before = System.nanoTime();
        given().queryParam("q", "kubernetes").get("/api/search").then().statusCode(503);
        assertThat(Duration.ofNanos(System.nanoTime() - before))
                .as("a search answers 503 at once, not after the client's timeout")
                .isLessThan(Duration.ofSeconds(2));
        given().get("/q/health/live").then().statusCode(200);

        signal("CONT", pid);
        frozen = null;
        await("readiness up again once the engine thaws")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        System.out.printf(
                "Frozen engine: readiness down after %d ms, up %d ms after SIGCONT%n",
                Duration.ofNanos(down - stopped).toMillis(),
                Duration.ofNanos(System.nanoTime() - down).toMillis());
        assertThat(lifecycle.managedEngine().orElseThrow().pid())
                .as("a short freeze is not a restart")
                .hasValue(pid);
        given().queryParam("q", "").get("/api/search").then().statusCode(200);
    }

    @Test
    void anEngineFrozenForGoodIsKilledAndStartedAgain() throws Exception {
        data.awaitSearch();
        long pid = lifecycle.managedEngine().orElseThrow().pid().orElseThrow();
        signal("STOP", pid);
        frozen = pid;
        await("a new engine process answers")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> lifecycle
                                .managedEngine()
                                .orElseThrow()
                                .pid()
                                .map(p -> p != pid)
                                .orElse(false)
                        && availability.isReady());
        frozen = null;
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("the frozen process was killed")
                .isFalse();
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void livenessFailsWhenTheOutboxPollerStopsAndRecoversWhenItRuns() {
        given().get("/q/health/live").then().statusCode(200);
        scheduler.pause(IndexOutboxProcessor.POLLER);
        await("liveness down once the poller has been quiet past kaiko.search.stall-after")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> given().get("/q/health/live")
                        .then()
                        .statusCode(503)
                        .body("checks.find { it.name == 'index-workers' }.status", equalTo("DOWN")));
        scheduler.resume(IndexOutboxProcessor.POLLER);
        await("liveness up once it runs again")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> given().get("/q/health/live").then().statusCode(200));
    }

    @Inject
    EngineClient engineClient;

    @Inject
    dev.kaiko.DataDirectory dataDirectory;

    @Test
    void theSingleManagedNodeIsGreenAndItsFilesAreItsOwn() throws Exception {
        data.awaitSearch();
        // 0 replicas on one node: nothing stays unassigned, the cluster is green
        assertThat(engineClient
                        .send("GET", "/_cluster/health?wait_for_status=green&timeout=10s", null)
                        .body())
                .contains("\"status\":\"green\"");
        for (String dir : java.util.List.of("engine-data", "engine-logs", "engine-snapshots", "engine-tmp")) {
            java.nio.file.Path path = dataDirectory.path().resolve(dir);
            assertThat(java.nio.file.Files.getPosixFilePermissions(path))
                    .as("%s is readable by its owner only", path)
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
    }
}
