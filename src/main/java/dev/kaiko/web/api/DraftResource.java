package dev.kaiko.web.api;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.kaiko.archive.ArchiveFormatException;
import dev.kaiko.archive.DraftCheck;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/**
 * POST /api/drafts/check: a draft of the next weekly in, for each of its topics the earlier topics with the same link
 * or a near-identical title out. Takes the draft like POST /api/imports (raw body with ?filename=, or one multipart
 * field {@code file}) but stores nothing. Needs the admin token, like imports: it reads uploads.
 */
@Path("/api/drafts")
@AdminOnly
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class DraftResource {

    @Inject
    DraftCheck drafts;

    @POST
    @Path("check")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Check a draft for links and titles shared before (multipart field 'file'); stores nothing")
    public Response checkMultipart(@RestForm("file") List<FileUpload> files, @RestQuery String format)
            throws IOException {
        if (files == null || files.size() != 1) {
            return ApiError.response(
                            400, "Send the draft as one multipart field named 'file'", Map.of("parameter", "file"))
                    .build();
        }
        FileUpload f = files.get(0);
        return check(f.fileName() == null ? f.name() : f.fileName(), Files.readAllBytes(f.uploadedFile()), format);
    }

    @POST
    @Path("check")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Check a draft for links and titles shared before (raw body, ?filename=); stores nothing")
    public Response checkRaw(byte[] body, @RestQuery String filename, @RestQuery String format) {
        return check(
                filename == null || filename.isBlank() ? "draft" : filename, body == null ? new byte[0] : body, format);
    }

    private Response check(String name, byte[] bytes, String format) {
        try {
            return Response.ok(drafts.check(name, bytes, format)).build();
        } catch (ArchiveFormatException e) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("file", e.file());
            details.put("line", e.line());
            details.put("path", e.path());
            return ApiError.response(400, e.getMessage(), details).build();
        }
    }
}
