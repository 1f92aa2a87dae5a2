package dev.kaiko.web.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.kaiko.review.ReviewCharts;
import dev.kaiko.review.ReviewConfig;
import dev.kaiko.review.ReviewMarkdown;
import dev.kaiko.review.YearCount;
import dev.kaiko.review.YearInReview;
import dev.kaiko.review.YearReview;
import dev.kaiko.web.api.YearApiResource.YearParameter;

import io.quarkus.qute.Location;
import io.quarkus.qute.RawString;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;

/**
 * The year-in-review page, and its two exports: a self-contained HTML file (inline CSS and SVG, absolute plain
 * links, nothing to fetch) and Markdown for a blog editor. All take {@code series} (repeatable) for the scope; the
 * exports link to {@code kaiko.public-url}, as they are meant to be published.
 */
@Path("/years")
@Blocking
public class YearPageResource {

    private static final String CSS = "META-INF/resources/review.css";

    @Inject
    YearInReview reviews;

    @Inject
    ReviewConfig config;

    @Location("review/year.html")
    Template page;

    @Location("review/missing.html")
    Template missing;

    @Context
    UriInfo uri;

    /** The latest year's review. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response latest() {
        List<YearCount> years = reviews.years();
        if (years.isEmpty()) {
            return Response.status(404)
                    .entity(missing.data("year", null).data("years", years).render())
                    .build();
        }
        return Response.seeOther(uri.getBaseUriBuilder()
                        .path("years")
                        .path(String.valueOf(years.get(years.size() - 1).year()))
                        .build())
                .build();
    }

    @GET
    @Path("{year}")
    @Produces(MediaType.TEXT_HTML)
    public Response view(@RestPath String year, @RestQuery List<String> series) {
        return render(year, series, false);
    }

    @GET
    @Path("{year}/review.html")
    @Produces(MediaType.TEXT_HTML)
    public Response standalone(@RestPath String year, @RestQuery List<String> series) {
        return render(year, series, true);
    }

    @GET
    @Path("{year}/review.md")
    @Produces("text/markdown; charset=UTF-8")
    public Response markdown(@RestPath String year, @RestQuery List<String> series) {
        int y = YearParameter.parse(year);
        return reviews.review(y, series)
                .map(r -> Response.ok(ReviewMarkdown.render(r, config.exportBase(uri.getBaseUri())))
                        .header("Content-Disposition", "attachment; filename=\"kaiko-review-" + y + ".md\"")
                        .build())
                .orElseGet(() -> YearParameter.notFound(y));
    }

    private Response render(String year, List<String> series, boolean standalone) {
        int y = YearParameter.parse(year);
        YearReview review = reviews.review(y, series).orElse(null);
        if (review == null) {
            return Response.status(404)
                    .type(MediaType.TEXT_HTML_TYPE)
                    .entity(missing.data("year", y)
                            .data("years", reviews.years())
                            .render())
                    .build();
        }
        String html = page.data("review", review)
                .data("standalone", standalone)
                .data("base", standalone ? config.exportBase(uri.getBaseUri()) : "")
                .data("scope", scopeQuery(series))
                .data("noComparison", ReviewMarkdown.noComparison(review))
                .data("css", new RawString(standalone ? css() : ""))
                .data("csp", standalone ? standaloneCsp() : "")
                .data("monthChart", new RawString(ReviewCharts.topicsPerMonth(y, review.topicsPerMonth())))
                .data("techChart", new RawString(ReviewCharts.topTechnologies(y, review.topTechnologies())))
                .data("series", ReviewMarkdown.seriesOf(review))
                .render();
        Response.ResponseBuilder ok = Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        if (standalone) {
            ok.header("Content-Disposition", "inline; filename=\"kaiko-review-" + y + ".html\"");
        }
        return ok.build();
    }

    /** The series selection as a query string ("?series=A&series=B", or "") for links that keep the scope. */
    private static String scopeQuery(List<String> series) {
        String q = series == null
                ? ""
                : series.stream()
                        .filter(s -> s != null && !s.isBlank())
                        .map(s -> "series="
                                + URLEncoder.encode(s.strip(), StandardCharsets.UTF_8)
                                        .replace("+", "%20"))
                        .collect(Collectors.joining("&"));
        return q.isEmpty() ? "" : "?" + q;
    }

    /**
     * The standalone export's own Content-Security-Policy, as a {@code <meta>}: it is published elsewhere, without
     * Kaiko's headers. It needs nothing but its one inline stylesheet (allowed by its hash) and inline SVG: no
     * script, no request of any kind, no plugin, no form, no {@code <base>}.
     */
    static String standaloneCsp() {
        return "default-src 'none'; style-src '" + styleHash(css()) + "'; img-src data:; script-src 'none'; "
                + "object-src 'none'; base-uri 'none'; form-action 'none'";
    }

    /** A CSP source for an inline {@code <style>} with exactly this text. */
    static String styleHash(String css) {
        try {
            return "sha256-"
                    + Base64.getEncoder()
                            .encodeToString(
                                    MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String css() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(CSS)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</", "<\\/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
