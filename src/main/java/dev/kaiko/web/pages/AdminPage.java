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
import dev.kaiko.web.security.CsrfProtected;
import dev.kaiko.web.security.CsrfTokens;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;

/**
 * The admin page: upload archive files, see what the import did; follow blogs and feeds ({@code /admin/sources}).
 * Browsers log in at {@code /login} (the admin token as password; a session cookie follows); every form carries a
 * CSRF token, so only these pages can post here.
 */
@Path("/admin")
@AdminOnly
@CsrfProtected
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

    @Inject
    RoutingContext routing;

    @GET
    public Response page() {
        return pages.render(view(null, null), uri, headers);
    }

    @POST
    @Path("imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") List<FileUpload> files) throws IOException {
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
        outbox.retryDeadLetters(List.of());
        return Response.seeOther(URI.create("/admin")).build();
    }

    /** Ends the login session (the form carries the CSRF token, so no other site can log the admin out). */
    @POST
    @Path("logout")
    public Response logout() {
        FormAuthenticationMechanism.logout(routing);
        return Response.seeOther(URI.create("/login")).build();
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
        return sources.fetchLater(id, false)
                ? Response.seeOther(URI.create("/admin/sources")).build()
                : Response.status(404).build();
    }

    @POST
    @Path("sources/{id}/delete")
    public Response deleteSource(@RestPath long id) {
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
                .data("csrf", CsrfTokens.token(routing))
                .data("sources", all)
                .data("fetching", all.stream().anyMatch(SourceView::fetching))
                .data("error", error)
                .data("message", message);
    }

    private TemplateInstance view(ImportReport report, String error) {
        return admin.data("csrf", CsrfTokens.token(routing))
                .data("report", report)
                .data("error", error)
                .data("job", null)
                .data("deadLetters", outbox.deadLetters())
                .data("topics", archive.topicCount())
                .data("issues", archive.issueCount());
    }
}
