package dev.kaiko.web.api;

import java.time.LocalDate;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import dev.kaiko.archive.ArchiveExporter;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/** GET /api/export: the whole archive as Kaiko's JSON export, streamed. A backup; restore = import it. */
@Path("/api/export")
@AdminOnly
@Blocking
public class ExportResource {

    @Inject
    ArchiveExporter exporter;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response export() {
        StreamingOutput body = exporter::export;
        return Response.ok(body)
                .header("Content-Disposition", "attachment; filename=\"kaiko-export-" + LocalDate.now() + ".json\"")
                .build();
    }
}
