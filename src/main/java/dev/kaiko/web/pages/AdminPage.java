package dev.kaiko.web.pages;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.LocalDate;
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
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.kaiko.archive.ArchiveImporter.Upload;
import dev.kaiko.archive.ImportJobs;
import dev.kaiko.archive.ImportReport;
import dev.kaiko.index.IndexOutboxProcessor;
import dev.kaiko.jobs.BackgroundJobs;
import dev.kaiko.search.InvalidSearchParameter;
import dev.kaiko.search.QueryLog;
import dev.kaiko.sources.DuplicateSourceException;
import dev.kaiko.sources.FetchException;
import dev.kaiko.sources.SourceBusyException;
import dev.kaiko.sources.SourceView;
import dev.kaiko.sources.Sources;
import dev.kaiko.tagging.AliasException;
import dev.kaiko.tagging.TaxonomyAliases;
import dev.kaiko.tagging.TaxonomyInUse;
import dev.kaiko.web.security.AdminOnly;
import dev.kaiko.web.security.AdminSessions;
import dev.kaiko.web.security.CsrfProtected;
import dev.kaiko.web.security.CsrfTokens;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
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
    AdminSessions sessions;

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

    @Inject
    @Location("admin-queries.html")
    Template adminQueries;

    @Inject
    QueryLog queryLog;

    @Inject
    TaxonomyAliases aliases;

    @Inject
    TaxonomyInUse taxonomies;

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

    /**
     * Ends the login session, server-side too, so a copy of the cookie is refused (the form carries the CSRF token, so
     * no other site can log the admin out).
     */
    @POST
    @Path("logout")
    public Response logout() {
        sessions.logOut(routing);
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

    /** What readers searched for in a period: top and zero-hit queries, each zero-hit one with an alias form. */
    @GET
    @Path("queries")
    public Response queriesPage(@RestQuery String since, @RestQuery String until, @RestQuery String added) {
        try {
            LocalDate[] period = QueryLog.period(since, until);
            // the confirmation after a form post, shown only while true: a link cannot make the page claim more
            TaxonomyAliases.Alias shown = null;
            if (added != null && taxonomies.configured().find(added).isEmpty()) {
                shown = taxonomies
                        .taxonomy()
                        .find(added)
                        .map(t -> new TaxonomyAliases.Alias(t.name(), added, null, null))
                        .orElse(null);
            }
            return pages.render(queriesView(period, null).data("added", shown), uri, headers);
        } catch (InvalidSearchParameter e) {
            return pages.render(queriesView(QueryLog.period(null, null), e.getMessage()), 400, uri, headers);
        }
    }

    @POST
    @Path("queries/aliases")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addAlias(
            @RestForm String technology, @RestForm String alias, @RestForm String since, @RestForm String until) {
        try {
            TaxonomyAliases.Alias a = aliases.add(technology, alias);
            return Response.seeOther(queriesUri(since, until, a)).build();
        } catch (AliasException e) {
            return pages.render(
                    queriesView(safePeriod(since, until), e.getMessage()), e.conflict() ? 409 : 400, uri, headers);
        }
    }

    @POST
    @Path("queries/aliases/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeAlias(@RestForm String alias, @RestForm String since, @RestForm String until) {
        try {
            return aliases.remove(alias).isPresent()
                    ? Response.seeOther(queriesUri(since, until, null)).build()
                    : Response.status(404).build();
        } catch (AliasException e) {
            return pages.render(queriesView(safePeriod(since, until), e.getMessage()), 400, uri, headers);
        }
    }

    private static LocalDate[] safePeriod(String since, String until) {
        try {
            return QueryLog.period(since, until);
        } catch (InvalidSearchParameter e) {
            return QueryLog.period(null, null);
        }
    }

    private static URI queriesUri(String since, String until, TaxonomyAliases.Alias added) {
        LocalDate[] period = safePeriod(since, until);
        String u = "/admin/queries?since=" + period[0] + "&until=" + period[1];
        if (added != null) {
            u += "&added=" + PageExtensions.encode(added.alias());
        }
        return URI.create(u);
    }

    private TemplateInstance queriesView(LocalDate[] period, String error) {
        return adminQueries
                .data("csrf", CsrfTokens.token(routing))
                .data("since", period[0])
                .data("until", period[1])
                .data("report", queryLog.report(period[0], period[1], 50))
                .data("aliases", aliases.list())
                .data(
                        "technologies",
                        taxonomies.taxonomy().technologies().stream()
                                .map(dev.kaiko.tagging.Technology::name)
                                .sorted(String.CASE_INSENSITIVE_ORDER)
                                .toList())
                .data("error", error)
                .data("added", null);
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
