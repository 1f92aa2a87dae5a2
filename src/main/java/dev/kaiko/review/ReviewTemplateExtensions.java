package dev.kaiko.review;

import io.quarkus.qute.TemplateExtension;

/**
 * Helpers for the review templates: {review:search(year, tag)}, {review:arrow(trend)}, {review:inSeries(year,
 * series)}.
 */
@TemplateExtension(namespace = "review")
public class ReviewTemplateExtensions {

    static String search(int year, String tag) {
        return YearInReview.searchUrl(year, tag);
    }

    /** The year's page scoped to one series. */
    static String inSeries(int year, String series) {
        return "/years/" + year + "?series="
                + java.net.URLEncoder.encode(series, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }

    static String arrow(YearReview.TechnologyTrend trend) {
        return ReviewCharts.arrow(trend);
    }
}
