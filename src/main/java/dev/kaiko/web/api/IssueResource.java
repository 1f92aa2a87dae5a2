package dev.kaiko.web.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.kaiko.archive.Curation;
import dev.kaiko.search.InvalidSearchParameter;
import dev.kaiko.search.TopicCatalog;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

@Path("/api/issues")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Browse")
public class IssueResource {

    @Inject
    TopicCatalog catalog;

    @Inject
    Curation curation;

    @GET
    @Operation(summary = "Issues, newest first, optionally of one year")
    @APIResponse(responseCode = "400", description = "year is not a year")
    public List<TopicCatalog.IssueSummary> issues(@Parameter(description = "e.g. 2023") @RestQuery String year) {
        Integer y = null;
        if (year != null && !year.isBlank()) {
            long parsed = Ids.parse("year", year);
            if (parsed < 1900 || parsed > 2999) {
                throw new InvalidSearchParameter("year", "must be between 1900 and 2999, was " + year);
            }
            y = (int) parsed;
        }
        return catalog.issues(y);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One issue with its topics in order, and the previous and next issue of its series")
    @APIResponse(responseCode = "404", description = "No such issue")
    public TopicCatalog.IssueDetail issue(@RestPath String id) {
        return catalog.issue(Ids.parse("id", id))
                .orElseThrow(() -> new NotFoundException("Issue " + id + " not found"));
    }

    @DELETE
    @Path("{id}")
    @AdminOnly
    @Operation(summary = "Deletes an issue with its topics, tags and citations; search, reviews and export follow")
    @APIResponse(responseCode = "404", description = "No such issue")
    public Response delete(@RestPath String id) {
        long issue = Ids.parse("id", id);
        return curation.deleteIssue(issue)
                .map(d -> Response.ok(d).build())
                .orElseGet(() -> Presenters.notFound("issue", issue));
    }
}
