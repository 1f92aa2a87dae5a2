package dev.kaiko.tagging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import dev.kaiko.model.Topic;
import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;

/**
 * "The tags people see" is defined once, in the view topic_effective_tag; the Topic entity applies the same rule to
 * tags it has loaded (for the index). On real data with archive, auto and manual tags, the two agree on every topic.
 */
@QuarkusTest
class EffectiveTagsTest {

    @Inject
    TestData data;

    @Inject
    EntityManager em;

    @Test
    void theViewAndTheEntityAgreeOnEveryTopic() {
        data.clear();
        Corpora.multipart(List.of(Corpora.seed(), Corpora.root().resolve("jser-2023/2023-03.json")))
                .post("/api/imports")
                .then()
                .statusCode(200);
        long edited = given().queryParam("q", "OpenBao")
                .get("/api/search")
                .then()
                .extract()
                .jsonPath()
                .getLong("hits[0].id");
        List<String> shown = given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .contentType("application/json")
                .body(Map.of("tags", List.of("Vault", "Open source")))
                .put("/api/topics/" + edited + "/tags")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("tags", String.class);

        Map<Long, Set<String>> fromView = fromView();
        Map<Long, Set<String>> fromEntity = fromEntity();
        assertThat(fromEntity).hasSizeGreaterThan(50);
        assertThat(fromView).isEqualTo(fromEntity);
        assertThat(shown).hasSize(2);
        assertThat(fromView.get(edited)).containsExactlyInAnyOrderElementsOf(shown);
        // archive tags (JSer.info's own) and auto tags both show on unedited topics
        assertThat(fromView.values().stream().mapToInt(Set::size).sum()).isGreaterThan(fromView.size());
    }

    @Transactional
    @SuppressWarnings("unchecked")
    Map<Long, Set<String>> fromView() {
        Map<Long, Set<String>> out = new TreeMap<>();
        em.createQuery("select t.id from Topic t", Long.class)
                .getResultList()
                .forEach(id -> out.put(id, new TreeSet<>(String.CASE_INSENSITIVE_ORDER)));
        List<Object[]> rows = em.createNativeQuery("select topic_id, name from topic_effective_tag")
                .getResultList();
        rows.forEach(r -> out.get(((Number) r[0]).longValue()).add((String) r[1]));
        return out;
    }

    @Transactional
    Map<Long, Set<String>> fromEntity() {
        Map<Long, Set<String>> out = new TreeMap<>();
        em.createQuery("select distinct t from Topic t left join fetch t.tags", Topic.class)
                .getResultList()
                .forEach(t -> {
                    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                    names.addAll(t.getEffectiveTags());
                    out.put(t.id, names);
                });
        return out;
    }
}
