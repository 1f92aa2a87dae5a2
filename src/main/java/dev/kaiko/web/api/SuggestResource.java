package dev.kaiko.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import dev.kaiko.search.Suggestions;

import io.smallrye.common.annotation.Blocking;

@Path("/api/suggest")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@Tag(name = "Search")
public class SuggestResource {

    @Inject
    Suggestions suggestions;

    @GET
    @Operation(
            summary = "Search-as-you-type: technology names and topic titles for a prefix (at most 10)",
            description = "kind is \"technology\" (with count = topics tagged with it) or \"topic\" (with id).")
    public Suggestions.Result suggest(
            @Parameter(description = "What was typed so far (≤ 100 characters)") @RestQuery String q) {
        return suggestions.suggest(q);
    }
}
