package dev.kaiko.web.api;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import dev.kaiko.review.YearCount;
import dev.kaiko.review.YearInReview;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/** The year-in-review API: the archive's years, and each year's review as JSON. */
@Path("/api/years")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class YearApiResource {

    @Inject
    YearInReview reviews;

    public record Years(List<YearCount> years) {}

    /** Years with topics, oldest first, each with its number of issues and topics. */
    @GET
    public Years years() {
        return new Years(reviews.years());
    }

    /** The year's review; 404 when the archive has no topic that year. */
    @GET
    @Path("{year}/review")
    public Response review(@RestPath String year) {
        int y = YearParameter.parse(year);
        return reviews.review(y).map(r -> Response.ok(r).build()).orElseGet(() -> YearParameter.notFound(y));
    }

    /** Forgets the cached reviews, so the next request computes afresh (benchmarks; imports do this themselves). */
    @DELETE
    @Path("cache")
    @AdminOnly
    public Response clearCache() {
        reviews.invalidate();
        return Response.noContent().build();
    }

    /** Parsing and answering for the {year} path parameter, shared by the API and the pages. */
    public static final class YearParameter {

        private YearParameter() {}

        public static int parse(String year) {
            if (year == null || !year.matches("\\d{4}")) {
                throw new dev.kaiko.search.InvalidSearchParameter("year", "must be a four-digit year, e.g. 2023");
            }
            return Integer.parseInt(year);
        }

        public static Response notFound(int year) {
            return ApiError.response(404, "The archive has no topic in " + year, Map.of("parameter", "year"))
                    .build();
        }
    }
}
