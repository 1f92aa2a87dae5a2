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

/** The presenter of one topic, named by an admin where the archive does not (admin). */
@Path("/api/topics/{id}/presenter")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Curation")
public class TopicPresenterResource {

    @Inject
    Curation curation;

    @PUT
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sets a topic's presenter by hand: {\"presenter\": \"name\"}; kept through re-imports")
    public Response set(@RestPath String id, Presenters body) {
        long topic = Ids.parse("id", id);
        String name = Presenters.valid(body);
        if (name == null) {
            return Presenters.invalid();
        }
        return curation.setPresenter(topic, name)
                .map(p -> Response.ok(p).build())
                .orElseGet(() -> Presenters.notFound("topic", topic));
    }

    @DELETE
    @AdminOnly
    @Operation(summary = "Drops the hand-set presenter: the topic shows the archive's presenter again (often none)")
    public Response clear(@RestPath String id) {
        long topic = Ids.parse("id", id);
        return curation.clearPresenter(topic)
                .map(p -> Response.ok(p).build())
                .orElseGet(() -> Presenters.notFound("topic", topic));
    }
}
