package dev.kaiko.review;

import io.quarkus.qute.TemplateExtension;

/** Helpers for the review templates: {review:search(year, tag)}, {review:arrow(trend)}. */
@TemplateExtension(namespace = "review")
public class ReviewTemplateExtensions {

    static String search(int year, String tag) {
        return YearInReview.searchUrl(year, tag);
    }

    static String arrow(YearReview.TechnologyTrend trend) {
        return ReviewCharts.arrow(trend);
    }
}
