package dev.kaiko.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import dev.kaiko.search.QueryLog;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/** What readers searched for in a period: the top queries and those that found nothing (admin). */
@Path("/api/admin/queries")
@AdminOnly
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class QueryLogResource {

    @Inject
    QueryLog queryLog;

    @GET
    @Operation(
            summary = "Top queries and zero-hit queries of a period",
            description = "Days since..until (UTC, both included; default the last 30 days). top: the most searched "
                    + "queries with what the latest search found; zero_hits: queries whose latest search in the period "
                    + "found nothing as typed (rescued: how many of those were answered with a respelling or with a "
                    + "word left out). Queries are stored normalised (NFKC, lower case), with no data about readers.")
    public QueryLog.Report queries(
            @Parameter(description = "First day, YYYY-MM-DD") @RestQuery String since,
            @Parameter(description = "Last day, YYYY-MM-DD (default today)") @RestQuery String until,
            @Parameter(description = "Queries per list, 1-1000, default 20") @RestQuery String limit) {
        var period = QueryLog.period(since, until);
        return queryLog.report(period[0], period[1], QueryLog.limit(limit));
    }
}
