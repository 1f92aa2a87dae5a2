package dev.kaiko.web.api;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.kaiko.review.YearCount;
import dev.kaiko.review.YearInReview;
import dev.kaiko.review.YearPicks;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/** The year-in-review API: the archive's years, each year's review as JSON, and the admin's picks for a year. */
@Path("/api/years")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class YearApiResource {

    @Inject
    YearInReview reviews;

    @Inject
    YearPicks picks;

    public record Years(List<YearCount> years) {}

    public record Picks(int year, List<YearPicks.PickView> picks) {}

    public record Note(String note) {}

    /** Years with topics, oldest first, each with its number of issues and topics. */
    @GET
    public Years years() {
        return new Years(reviews.years());
    }

    /**
     * The year's review of the given series (repeatable; none: all, or the archive's one series); 404 when that
     * scope has no topic that year, 400 naming {@code series} for a series the archive does not have.
     */
    @GET
    @Path("{year}/review")
    public Response review(@RestPath String year, @RestQuery List<String> series) {
        int y = YearParameter.parse(year);
        return reviews.review(y, series).map(r -> Response.ok(r).build()).orElseGet(() -> YearParameter.notFound(y));
    }

    /** The topics picked to lead the year's review, in order. */
    @GET
    @Path("{year}/picks")
    public Picks picks(@RestPath String year) {
        int y = YearParameter.parse(year);
        return new Picks(y, picks.list(y));
    }

    /** Replaces the year's picks: [{"topic": id, "note": "..."}, ...] in order; each topic must be of that year. */
    @PUT
    @Path("{year}/picks")
    @AdminOnly
    public Picks replacePicks(@RestPath String year, List<YearPicks.Pick> body) {
        int y = YearParameter.parse(year);
        return new Picks(y, picks.replace(y, body));
    }

    /** Picks one topic of the year (appended when new) or sets its note: optional body {"note": "..."}. */
    @PUT
    @Path("{year}/picks/{topic}")
    @AdminOnly
    public Picks pick(@RestPath String year, @RestPath String topic, Note body) {
        int y = YearParameter.parse(year);
        return new Picks(y, picks.put(y, topicId(topic), body == null ? null : body.note()));
    }

    /** Unpicks one topic; 404 when it was not picked for that year. */
    @DELETE
    @Path("{year}/picks/{topic}")
    @AdminOnly
    public Response unpick(@RestPath String year, @RestPath String topic) {
        int y = YearParameter.parse(year);
        long id = topicId(topic);
        if (!picks.delete(y, id)) {
            return ApiError.response(404, "Topic " + id + " is not picked for " + y, Map.of("parameter", "topic"))
                    .build();
        }
        return Response.noContent().build();
    }

    private static long topicId(String topic) {
        if (topic == null || !topic.matches("\\d{1,18}")) {
            throw new dev.kaiko.search.InvalidSearchParameter("topic", "must be a topic id (a number)");
        }
        return Long.parseLong(topic);
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
