package dev.kaiko.support;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/** Walking every page of a search through the API, as a script would. */
public final class SearchPages {

    private SearchPages() {}

    /** Every hit id of the query, page by page, in the order listed (duplicates kept, so tests can spot them). */
    public static List<Long> allIds(Map<String, ?> query) {
        List<Long> ids = new ArrayList<>();
        long total;
        int page = 0;
        do {
            JsonPath r = given().queryParams(query)
                    .queryParam("size", 100)
                    .queryParam("page", page++)
                    .get("/api/search")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            total = r.getLong("total");
            List<Long> hits = r.getList("hits.id", Long.class);
            ids.addAll(hits);
            if (hits.isEmpty()) {
                break;
            }
        } while (ids.size() < total);
        return ids;
    }
}
