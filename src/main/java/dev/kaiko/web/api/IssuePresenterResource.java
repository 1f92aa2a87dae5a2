package dev.kaiko.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import dev.kaiko.archive.Curation;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/** The presenter of every topic of an issue, named by an admin where the archive does not (admin). */
@Path("/api/issues/{id}/presenter")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Curation")
public class IssuePresenterResource {

    @Inject
    Curation curation;

    @PUT
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Sets the presenter of every topic of an issue by hand: {\"presenter\": \"name\"}; kept through re-imports")
    public Response set(@RestPath String id, Presenters body) {
        long issue = Ids.parse("id", id);
        String name = Presenters.valid(body);
        if (name == null) {
            return Presenters.invalid();
        }
        return curation.setIssuePresenter(issue, name)
                .map(p -> Response.ok(p).build())
                .orElseGet(() -> Presenters.notFound("issue", issue));
    }

    @DELETE
    @AdminOnly
    @Operation(summary = "Drops the hand-set presenter: the issue's topics show the archive's presenters again")
    public Response clear(@RestPath String id) {
        long issue = Ids.parse("id", id);
        return curation.clearIssuePresenter(issue)
                .map(p -> Response.ok(p).build())
                .orElseGet(() -> Presenters.notFound("issue", issue));
    }
}
