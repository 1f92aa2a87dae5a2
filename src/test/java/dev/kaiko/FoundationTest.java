package dev.kaiko;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The thin vertical slice: the real seed issue goes in through the API and comes out of the real engine. */
@QuarkusTest
class FoundationTest {

    @Inject
    TestData data;

    @Inject
    EntityManager em;

    @BeforeEach
    void empty() {
        data.clear();
    }

    @Test
    void seedIssueBecomesNineSearchableTopics() {
        Corpora.importFile(Corpora.seed())
                .statusCode(200)
                .body("files[0].format", equalTo("text"))
                .body("files[0].issues", equalTo(1))
                .body("files[0].topics_added", equalTo(9));

        QuarkusTransaction.requiringNew().run(() -> {
            Object[] issue = (Object[]) em.createNativeQuery("select number, published::text, series from issue")
                    .getSingleResult();
            assertEquals(47, ((Number) issue[0]).intValue());
            assertEquals("2023-12-22", issue[1]);
            assertEquals("Neco Weekly", issue[2]);
            @SuppressWarnings("unchecked")
            List<Object[]> sections = em.createNativeQuery(
                            "select section, count(*) from topic group by section order by min(position)")
                    .getResultList();
            assertEquals(2, sections.size());
            assertEquals("今年紹介したトピックの振り返り", sections.get(0)[0]);
            assertEquals(5, ((Number) sections.get(0)[1]).intValue());
            assertEquals("👀 Notable Articles", sections.get(1)[0]);
            assertEquals(4, ((Number) sections.get(1)[1]).intValue());
        });

        JsonPath sidecar = given().queryParam("q", "サイドカー")
                .get("/api/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("Kubernetes 1.28でFeatureGateになったSidecar containersをJobで試す", sidecar.getString("hits[0].title"));
        assertEquals(2023, sidecar.getInt("hits[0].year"));
        assertEquals(47, sidecar.getInt("hits[0].issue.number"));
        assertEquals("2023-12-22", sidecar.getString("hits[0].date"));
        assertEquals("今年紹介したトピックの振り返り", sidecar.getString("hits[0].section"));

        given().queryParam("q", "OpenBao")
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("hits[0].title", containsString("OpenBao"))
                .body("hits[0].highlights.title", containsString("<mark>OpenBao</mark>"))
                .body("hits[0].snippet", notNullValue());

        given().queryParam("q", "eBPF")
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("hits.title", hasItem("入門 eBPF"));
    }

    @Test
    void reimportingChangesNothing() {
        Corpora.importFile(Corpora.seed()).statusCode(200).body("files[0].topics_added", equalTo(9));
        Corpora.importFile(Corpora.seed())
                .statusCode(200)
                .body("files[0].topics_added", equalTo(0))
                .body("files[0].topics_unchanged", equalTo(9));
        assertEquals(9, data.count("Topic"));
        assertEquals(1, data.count("Issue"));
        given().get("/api/search").then().statusCode(200).body("total", equalTo(9));
    }

    @Test
    void writesNeedTheAdminToken() {
        given().contentType("text/plain")
                .body("x")
                .post("/api/imports")
                .then()
                .statusCode(401)
                .body("error", containsString("credentials"));
        given().header("Authorization", "Bearer wrong")
                .contentType("text/plain")
                .body("x")
                .post("/api/imports")
                .then()
                .statusCode(403);
        assertEquals(0, data.count("Topic"));
    }

    @Test
    void malformedFilesAreRejectedAndStoreNothing() {
        Corpora.importFile(Corpora.seed()).statusCode(200);
        Corpora.importRaw("empty.txt", new byte[0])
                .statusCode(400)
                .body("error", containsString("empty"))
                .body("file", equalTo("empty.txt"));
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        Corpora.importRaw("garbage.bin", garbage)
                .statusCode(400)
                .body("file", equalTo("garbage.bin"))
                .body("error", notNullValue());
        Corpora.importRaw("no-sections.txt", "Just a title\nand one paragraph.\n".getBytes(StandardCharsets.UTF_8))
                .statusCode(400)
                .body("file", equalTo("no-sections.txt"));
        assertEquals(9, data.count("Topic"));
        assertEquals(1, data.count("Issue"));
    }
}
