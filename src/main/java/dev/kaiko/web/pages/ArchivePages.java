package dev.kaiko.web.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.kaiko.archive.Curation;
import dev.kaiko.search.Facet;
import dev.kaiko.search.TopicCatalog;
import dev.kaiko.tagging.TagKinds;
import dev.kaiko.web.pages.ArchiveQueries.TagCount;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;

/** Browsing pages (topic and issue from {@link TopicCatalog}, the API's read model): a topic, a weekly issue, the technologies and one technology's history, a presenter. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ArchivePages {

    static final int TAG_TOPICS_SHOWN = 100;

    @Inject
    ArchiveQueries archive;

    @Inject
    TopicCatalog catalog;

    @Inject
    Curation curation;

    @Inject
    Pages pages;

    @Inject
    dev.kaiko.tagging.TaxonomyInUse taxonomies;

    @Inject
    @Location("topic.html")
    Template topic;

    @Inject
    @Location("issue.html")
    Template issue;

    @Inject
    @Location("tag-index.html")
    Template tagIndex;

    @Inject
    @Location("tag-page.html")
    Template tagPage;

    @Inject
    @Location("presenter.html")
    Template presenter;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    /** Technologies of one category, most mentioned first. */
    public record Category(String name, List<TagCount> tags) {}

    @GET
    @Path("topics/{id}")
    public Response topic(@PathParam("id") String id) {
        // the same read model as GET /api/topics/{id}; only the archive's links are made safe for href here
        var detail = catalog.topic(parseId(id)).orElseThrow(NotFoundException::new);
        List<String> links = detail.links().stream()
                .map(SafeHtml::externalUrl)
                .filter(u -> u != null)
                .distinct()
                .toList();
        return pages.render(
                topic.data("t", detail)
                        // technologies and labels shown apart, by the rule the index and the facets use
                        .data("kinds", TagKinds.of(taxonomies.taxonomy(), detail.tags()))
                        .data("safeUrl", SafeHtml.externalUrl(detail.url()))
                        .data("safeLinks", links),
                uri,
                headers);
    }

    @GET
    @Path("issues/{id}")
    public Response issue(@PathParam("id") String id) {
        // the same read model as GET /api/issues/{id}
        var detail = catalog.issue(parseId(id)).orElseThrow(NotFoundException::new);
        return pages.render(
                issue.data("i", detail)
                        .data("safeUrl", SafeHtml.externalUrl(detail.issue().url()))
                        .data(
                                "demo",
                                curation.demoIssueIds().contains(detail.issue().id())),
                uri,
                headers);
    }

    @GET
    @Path("tags")
    public Response tags() {
        List<TagCount> all = archive.tags();
        Map<String, List<TagCount>> byCategory = new LinkedHashMap<>();
        all.forEach(t -> byCategory
                .computeIfAbsent(t.category(), c -> new java.util.ArrayList<>())
                .add(t));
        List<Category> categories = byCategory.entrySet().stream()
                .sorted((a, b) ->
                        Integer.compare(b.getValue().size(), a.getValue().size()))
                .map(e -> new Category(e.getKey(), e.getValue()))
                .toList();
        return pages.render(tagIndex.data("categories", categories).data("total", all.size()), uri, headers);
    }

    @GET
    @Path("tags/{name: .+}")
    public Response tag(@PathParam("name") String name) {
        var history = archive.tag(name, TAG_TOPICS_SHOWN).orElseThrow(NotFoundException::new);
        return pages.render(
                tagPage.data("tag", history)
                        .data("chart", YearChart.of(history.years()))
                        .data(
                                "searchUrl",
                                SearchState.of(Facet.TAG, history.name()).url()),
                uri,
                headers);
    }

    @GET
    @Path("presenters/{name: .+}")
    public Response presenter(@PathParam("name") String name) {
        var history = archive.presenter(name).orElseThrow(NotFoundException::new);
        return pages.render(
                presenter
                        .data("p", history)
                        .data(
                                "searchUrl",
                                SearchState.of(Facet.PRESENTER, history.name()).url()),
                uri,
                headers);
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException();
        }
    }
}
