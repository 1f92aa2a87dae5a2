package dev.kaiko.web.api;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.kaiko.archive.ArchiveImporter;
import dev.kaiko.archive.ArchiveImporter.Upload;
import dev.kaiko.archive.ImportJobs;
import dev.kaiko.archive.ImportReport;
import dev.kaiko.jobs.BackgroundJobs;
import dev.kaiko.sources.FetchException;
import dev.kaiko.sources.SafeFetcher;
import dev.kaiko.web.security.AdminOnly;

import io.smallrye.common.annotation.Blocking;

/** POST /api/imports: archive files (or a URL to fetch) in, an import report out. Needs the admin token. */
@Path("/api/imports")
@AdminOnly
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    @Inject
    ArchiveImporter importer;

    @Inject
    ImportJobs jobs;

    @Inject
    SafeFetcher fetcher;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importMultipart(
            @RestForm("file") List<FileUpload> files,
            @RestQuery String format,
            @RestQuery String series,
            @RestQuery boolean async)
            throws IOException {
        if (files == null || files.isEmpty()) {
            return ApiError.response(
                            400, "No file: send one or more multipart fields named 'file'", Map.of("parameter", "file"))
                    .build();
        }
        List<Upload> uploads = new ArrayList<>();
        for (FileUpload f : files) {
            uploads.add(
                    new Upload(f.fileName() == null ? f.name() : f.fileName(), Files.readAllBytes(f.uploadedFile())));
        }
        return async
                ? accepted(uploads, format, series)
                : answer(importer.importFiles(uploads, format, series, ArchiveImporter.Progress.NONE));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response importRaw(
            byte[] body,
            @RestQuery String filename,
            @RestQuery String format,
            @RestQuery String series,
            @RestQuery boolean async,
            @RestQuery String url) {
        if (url != null) {
            return importUrl(url, body, format, series, async);
        }
        String name = filename == null || filename.isBlank() ? "upload" : filename;
        List<Upload> uploads = List.of(new Upload(name, body == null ? new byte[0] : body));
        return async
                ? accepted(uploads, format, series)
                : answer(importer.importFiles(uploads, format, series, ArchiveImporter.Progress.NONE));
    }

    /**
     * {@code ?url=}: fetches the URL (same safety rules as followed sources) and imports it like an upload named by
     * the URL; a refused or failed fetch is a 400 naming the problem.
     */
    private Response importUrl(String url, byte[] body, String format, String series, boolean async) {
        if (body != null && body.length > 0) {
            return ApiError.response(400, "Send either a body or ?url=, not both", Map.of("parameter", "url"))
                    .build();
        }
        SafeFetcher.Fetched fetched;
        try {
            fetched = fetcher.get(url);
        } catch (FetchException e) {
            return ApiError.response(400, e.getMessage(), Map.of("parameter", "url"))
                    .build();
        }
        List<Upload> uploads = List.of(new Upload(fetched.url().toString(), fetched.utf8Body()));
        return async
                ? accepted(uploads, format, series)
                : answer(importer.importFiles(uploads, format, series, ArchiveImporter.Progress.NONE));
    }

    /** Progress and, once done, the report of an import started with ?async=true. */
    @GET
    @Path("/{id}")
    public Response job(@RestPath String id) {
        return jobs.status(id)
                .map(s -> Response.ok(s).build())
                .orElseGet(() ->
                        ApiError.response(404, "No import job " + id, Map.of()).build());
    }

    private Response accepted(List<Upload> uploads, String format, String series) {
        BackgroundJobs.Status status = jobs.submit(uploads, format, series);
        return Response.accepted(status)
                .location(java.net.URI.create("/api/imports/" + status.id()))
                .build();
    }

    /** 200 with the report when anything was stored; 400 naming the first problem when nothing could be. */
    private static Response answer(ImportReport report) {
        if (report.anyStored()) {
            return Response.ok(report).build();
        }
        var first = report.errors().get(0);
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("file", first.file());
        details.put("line", first.line());
        details.put("path", first.path());
        details.put("report", report);
        return ApiError.response(400, first.message(), details).build();
    }
}
