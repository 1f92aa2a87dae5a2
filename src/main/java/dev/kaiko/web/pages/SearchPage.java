package dev.kaiko.web.pages;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.kaiko.archive.Curation;
import dev.kaiko.index.SearchUnavailableException;
import dev.kaiko.search.InvalidSearchParameter;
import dev.kaiko.search.QueryLog;
import dev.kaiko.search.SearchAnswer;
import dev.kaiko.search.SearchRequest;
import dev.kaiko.search.TopicSearch;
import dev.kaiko.web.api.SearchParameters;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/**
 * The search page, / and /search: rendered on the server from the URL alone. With JavaScript, app.js asks for the
 * same URL with {@code X-Kaiko-Fragment: results} and swaps in only the facets and results.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class SearchPage {

    static final int PAGE_SIZE = 20;
    /** Deep pages beyond this are refused by the engine (10,000-hit window); nobody pages that far. */
    static final int MAX_PAGE = 500;

    @Inject
    TopicSearch search;

    @Inject
    QueryLog queryLog;

    @Inject
    ArchiveQueries archive;

    @Inject
    Pages pages;

    @Inject
    Curation curation;

    @Inject
    @Location("search.html")
    Template page;

    @Inject
    @Location("search-results.html")
    Template results;

    public record Pagination(int current, int last, String previousUrl, String nextUrl) {}

    @GET
    public Response home(
            @BeanParam SearchParameters parameters,
            @HeaderParam("X-Kaiko-Fragment") String fragment,
            @HeaderParam("X-Kaiko-Typing") String typing,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return search(parameters, fragment, typing, uri, headers);
    }

    @GET
    @Path("search")
    public Response search(
            @BeanParam SearchParameters parameters,
            @HeaderParam("X-Kaiko-Fragment") String fragment,
            @HeaderParam("X-Kaiko-Typing") String typing,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        String page = parameters.page();
        int pageNumber;
        try {
            pageNumber = page == null || page.isBlank() ? 1 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            pageNumber = -1;
        }
        SearchState state = SearchState.of(parameters, Math.max(pageNumber, 1));
        TemplateInstance view = ("results".equals(fragment) ? results : this.page)
                .instance()
                .data("state", state)
                .data("result", null)
                .data("error", null)
                .data("empty", false)
                .data("didYouMean", null)
                .data("pagination", null)
                .data("demoIssues", curation.demoIssueIds());
        int status = 200;
        try {
            if (pageNumber < 1 || pageNumber > MAX_PAGE) {
                throw new InvalidSearchParameter("page", "must be a whole number between 1 and " + MAX_PAGE);
            }
            SearchRequest request = SearchRequest.of(
                    parameters.q(),
                    state.selections(),
                    null,
                    null,
                    parameters.sort(),
                    String.valueOf(pageNumber - 1),
                    String.valueOf(PAGE_SIZE));
            SearchAnswer result = search.search(request);
            // while the reader types, results follow each pause; the query is logged once it settles (app.js)
            if (typing == null) {
                queryLog.record(request, result);
            }
            view.data("result", result).data("pagination", pagination(state, result));
            if (result.total() == 0) {
                if (state.q().isEmpty() && state.filterCount() == 0) {
                    view.data("empty", archive.topicCount() == 0);
                }
                java.util.Optional.ofNullable(result.didYouMean())
                        .ifPresent(better -> view.data(
                                "didYouMean",
                                new SearchState.Chip(
                                        "q", better, state.withQ(better).url())));
            }
        } catch (InvalidSearchParameter e) {
            status = 400;
            view.data("error", e.parameter() + ": " + e.getMessage());
        } catch (SearchUnavailableException e) {
            status = 503;
            view.data("error", "unavailable");
        }
        return pages.render(view, status, uri, headers);
    }

    private static Pagination pagination(SearchState state, SearchAnswer result) {
        int last = (int) Math.min(MAX_PAGE, Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        int current = state.page();
        return new Pagination(
                current,
                last,
                current > 1 ? state.pageUrl(current - 1) : null,
                current < last ? state.pageUrl(current + 1) : null);
    }
}
