package dev.kaiko.web.api;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import dev.kaiko.tagging.TagEditor;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/** Manual tag edits of one topic (admin). */
@Path("/api/topics/{id}/tags")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class TopicTagResource {

    @Inject
    TagEditor editor;

    public record TagList(List<String> tags) {}

    /** Sets a topic's tags by hand: {"tags": ["eBPF", "Cilium"]}. They survive re-imports and re-tagging. */
    @PUT
    @AdminOnly
    public Response setTags(@RestPath long id, TagList body) {
        if (body == null || body.tags() == null) {
            return ApiError.response(400, "Send {\"tags\": [...]}", Map.of("parameter", "tags"))
                    .build();
        }
        if (body.tags().size() > 100 || body.tags().stream().anyMatch(t -> t == null || t.length() > 100)) {
            return ApiError.response(400, "At most 100 tags of at most 100 characters", Map.of("parameter", "tags"))
                    .build();
        }
        return editor.setManualTags(id, body.tags())
                .map(t -> Response.ok(new TagList(List.copyOf(t))).build())
                .orElseGet(
                        () -> ApiError.response(404, "No topic " + id, Map.of()).build());
    }

    /** Drops the manual edit of a topic's tags. */
    @DELETE
    @AdminOnly
    public Response clearTags(@RestPath long id) {
        return editor.clearManualTags(id)
                .map(t -> Response.ok(new TagList(List.copyOf(t))).build())
                .orElseGet(
                        () -> ApiError.response(404, "No topic " + id, Map.of()).build());
    }
}
