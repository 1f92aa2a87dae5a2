package dev.kaiko.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import dev.kaiko.search.TopicCatalog;

import io.smallrye.common.annotation.Blocking;

@Path("/api/topics")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Browse")
public class TopicResource {

    @Inject
    TopicCatalog catalog;

    @GET
    @Path("{id}")
    @Operation(
            summary =
                    "One topic with its issue, the other topics of that issue (neighbours; previous and next),"
                            + " up to 5 related topics (the one definition the page uses too; empty with related_reason"
                            + " none_found when nothing is related; related_available is false while the engine is down) and the topics of"
                            + " earlier issues that shared its link (shared_before, earliest first); the topic page shows the same")
    @APIResponse(responseCode = "404", description = "No such topic")
    public TopicCatalog.TopicDetail topic(@RestPath String id) {
        return catalog.topic(Ids.parse("id", id))
                .orElseThrow(() -> new NotFoundException("Topic " + id + " not found"));
    }
}
