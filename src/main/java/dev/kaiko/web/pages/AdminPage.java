package dev.kaiko.web.pages;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.kaiko.archive.ArchiveImporter.Upload;
import dev.kaiko.archive.ImportJobs;
import dev.kaiko.archive.ImportReport;
import dev.kaiko.index.IndexOutboxProcessor;
import dev.kaiko.jobs.BackgroundJobs;
import dev.kaiko.sources.DuplicateSourceException;
import dev.kaiko.sources.FetchException;
import dev.kaiko.sources.SourceBusyException;
import dev.kaiko.sources.SourceView;
import dev.kaiko.sources.Sources;
import dev.kaiko.web.security.AdminOnly;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/**
 * The admin page: upload archive files, see what the import did; follow blogs and feeds ({@code /admin/sources}). Behind the write API's credentials (the browser
 * asks for them: HTTP Basic, any user name, the admin token as password).
 */
@Path("/admin")
@AdminOnly
@Blocking
@Produces(MediaType.TEXT_HTML)
public class AdminPage {

    @Inject
    ImportJobs jobs;

    @Inject
    ArchiveQueries archive;

    @Inject
    Pages pages;

    @Inject
    @Location("admin.html")
    Template admin;

    @Inject
    Sources sources;

    @Inject
    IndexOutboxProcessor outbox;

    @Inject
    @Location("admin-sources.html")
    Template adminSources;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @GET
    public Response page() {
        return pages.render(view(null, null), uri, headers);
    }

    @POST
    @Path("imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") List<FileUpload> files) throws IOException {
        // Browsers resend Basic credentials on cross-site form posts: accept only posts from our own pages.
        if (!sameOrigin()) {
            return pages.render(view(null, "cross-origin"), 403, uri, headers);
        }
        List<Upload> uploads = new ArrayList<>();
        for (FileUpload f : files == null ? List.<FileUpload>of() : files) {
            if (f.fileName() != null && !f.fileName().isBlank()) {
                uploads.add(new Upload(f.fileName(), Files.readAllBytes(f.uploadedFile())));
            }
        }
        if (uploads.isEmpty()) {
            return pages.render(view(null, "no-file"), 400, uri, headers);
        }
        // the import runs as a job; its page shows progress (refreshing itself) and then the report
        BackgroundJobs.Status job = jobs.submit(uploads, null);
        return Response.seeOther(URI.create("/admin/imports/" + job.id())).build();
    }

    @GET
    @Path("imports/{id}")
    public Response job(@RestPath String id) {
        return jobs.status(id)
                .map(job -> pages.render(view((ImportReport) job.result(), null).data("job", job), uri, headers))
                .orElseGet(() -> Response.status(404).build());
    }

    /** Puts every parked index change back into the outbox (the page lists them with the engine's last error). */
    @POST
    @Path("index/dead-letters/retry")
    public Response retryDeadLetters() {
        if (!sameOrigin()) {
            return pages.render(view(null, "cross-origin"), 403, uri, headers);
        }
        outbox.retryDeadLetters(List.of());
        return Response.seeOther(URI.create("/admin")).build();
    }

    /** Followed blogs and feeds: add, fetch now, delete (forms posting back here). */
    @GET
    @Path("sources")
    public Response sourcesPage() {
        return pages.render(sourcesView(null, null), uri, headers);
    }

    @POST
    @Path("sources")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addSource(@RestForm String url) {
        if (!sameOrigin()) {
            return pages.render(sourcesView("cross-origin", null), 403, uri, headers);
        }
        try {
            sources.register(url == null ? "" : url);
        } catch (FetchException | DuplicateSourceException e) {
            return pages.render(sourcesView("invalid", e.getMessage()), 400, uri, headers);
        }
        return Response.seeOther(URI.create("/admin/sources")).build();
    }

    @POST
    @Path("sources/{id}/fetch")
    public Response fetchSource(@RestPath long id) {
        if (!sameOrigin()) {
            return pages.render(sourcesView("cross-origin", null), 403, uri, headers);
        }
        return sources.fetchLater(id, false)
                ? Response.seeOther(URI.create("/admin/sources")).build()
                : Response.status(404).build();
    }

    @POST
    @Path("sources/{id}/delete")
    public Response deleteSource(@RestPath long id) {
        if (!sameOrigin()) {
            return pages.render(sourcesView("cross-origin", null), 403, uri, headers);
        }
        try {
            return sources.delete(id)
                    ? Response.seeOther(URI.create("/admin/sources")).build()
                    : Response.status(404).build();
        } catch (SourceBusyException e) {
            return pages.render(sourcesView("busy", e.getMessage()), 409, uri, headers);
        }
    }

    private TemplateInstance sourcesView(String error, String message) {
        List<SourceView> all = sources.list();
        return adminSources
                .data("sources", all)
                .data("fetching", all.stream().anyMatch(SourceView::fetching))
                .data("error", error)
                .data("message", message);
    }

    private TemplateInstance view(ImportReport report, String error) {
        return admin.data("report", report)
                .data("error", error)
                .data("job", null)
                .data("deadLetters", outbox.deadLetters())
                .data("topics", archive.topicCount())
                .data("issues", archive.issueCount());
    }

    private boolean sameOrigin() {
        String site = headers.getHeaderString("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin") || site.equals("none");
        }
        String origin = headers.getHeaderString("Origin");
        if (origin == null || origin.equals("null")) {
            return origin == null;
        }
        try {
            URI o = URI.create(origin);
            URI self = uri.getRequestUri();
            return o.getHost() != null && o.getHost().equalsIgnoreCase(self.getHost()) && o.getPort() == self.getPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
