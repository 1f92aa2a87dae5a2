package dev.kaiko.web.api;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.kaiko.tagging.AliasException;
import dev.kaiko.tagging.TaxonomyAliases;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/**
 * Aliases admins add to technologies: stored in the database, in use at once (search, suggestions, tags; other
 * instances within seconds), and every topic re-tagged as a job (see the answer's {@code retag}).
 */
@Path("/api/admin/taxonomy/aliases")
@AdminOnly
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class TaxonomyAliasResource {

    @Inject
    TaxonomyAliases aliases;

    public record NewAlias(String technology, String alias) {}

    @GET
    public List<TaxonomyAliases.Alias> list() {
        return aliases.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add an alias to a technology",
            description =
                    "201 with the alias and the re-tagging job; 400 naming a bad parameter; 409 when the "
                            + "spelling already belongs to a technology (compared ignoring case, width, spaces, '.', '-', '_').")
    public Response add(NewAlias body) {
        if (body == null) {
            return ApiError.response(400, "Send {\"technology\": ..., \"alias\": ...}", Map.of("parameter", "alias"))
                    .build();
        }
        TaxonomyAliases.Alias added = aliases.add(body.technology(), body.alias());
        return Response.created(URI.create("/api/admin/taxonomy/aliases/"
                        + URLEncoder.encode(added.alias(), StandardCharsets.UTF_8)
                                .replace("+", "%20")))
                .entity(added)
                .build();
    }

    @DELETE
    @Path("/{alias}")
    public Response remove(@RestPath String alias) {
        return aliases.remove(alias)
                .map(a -> Response.ok(a).build())
                .orElseGet(() -> ApiError.response(404, "No stored alias '" + alias + "'", Map.of("parameter", "alias"))
                        .build());
    }

    @ServerExceptionMapper
    public Response refused(AliasException e) {
        return ApiError.response(e.conflict() ? 409 : 400, e.getMessage(), Map.of("parameter", e.parameter()))
                .build();
    }
}
