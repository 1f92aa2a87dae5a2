package dev.kaiko.review;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.kaiko.review.YearReview.Highlight;
import dev.kaiko.review.YearReview.IssueRef;
import dev.kaiko.review.YearReview.PresenterCount;
import dev.kaiko.review.YearReview.TechnologyTrend;

/**
 * The review as Markdown in the shape of the weekly's own retrospective (a section per highlight: a short body,
 * then where it came from and which later issues looked back at it), ready to paste into a blog editor. Links are
 * absolute, made from the Kaiko instance's base URL, since the text is published elsewhere.
 */
public final class ReviewMarkdown {

    private ReviewMarkdown() {}

    /** @param base the instance's base URL, e.g. "https://kaiko.example/" */
    public static String render(YearReview r, String base) {
        StringBuilder md = new StringBuilder();
        md.append("# ")
                .append(r.year())
                .append("年の振り返り: ")
                .append(escape(seriesOf(r)))
                .append("\n\n");
        md.append(r.year())
                .append("年は ")
                .append(r.totals().issues())
                .append(" 回の共有会で ")
                .append(r.totals().topics())
                .append(" 件のトピックが紹介され、")
                .append(r.totals().technologies())
                .append(" の技術が話題になりました");
        if (r.totals().presenters() > 0) {
            md.append("（紹介者 ").append(r.totals().presenters()).append(" 人）");
        }
        md.append("。\n\n");

        if (!r.comparison().comparable()) {
            md.append("> ").append(noComparison(r)).append("\n\n");
        }

        md.append("## 今年紹介したトピックの振り返り\n\n");
        for (Highlight h : r.highlights()) {
            md.append("### ")
                    .append(link(h.topic().title(), absolute(h.link(), base)))
                    .append("\n\n");
            if (h.note() != null && !h.note().isBlank()) {
                md.append(escape(h.note())).append("\n\n");
            }
            md.append(escape(h.topic().excerpt())).append("\n\n");
            md.append(escape(h.backReference())).append("\n\n");
            List<String> meta = new java.util.ArrayList<>();
            if (h.technology() != null) {
                meta.add("技術: " + link(h.technology(), absolute(h.searchUrl(), base)));
            }
            if (h.topic().presenter() != null) {
                meta.add("紹介者: " + escape(h.topic().presenter()));
            }
            meta.add("初出: " + issueLink(h.topic().issue(), base));
            md.append(String.join(" / ", meta)).append("\n");
            if (!h.referencedBy().isEmpty()) {
                md.append("(")
                        .append(h.referencedBy().stream()
                                .map(i -> issueLink(i, base))
                                .collect(Collectors.joining("、")))
                        .append(" で振り返り)\n");
            }
            md.append("\n");
        }

        boolean compared = r.comparison().comparable();
        md.append("## よく話題になった技術\n\n")
                .append(compared ? "| 技術 | トピック数 | 前年比 |\n|---|---:|---|\n" : "| 技術 | トピック数 |\n|---|---:|\n");
        for (TechnologyTrend t : r.topTechnologies()) {
            md.append("| ")
                    .append(cell(link(t.name(), absolute(YearInReview.searchUrl(r.year(), t.name()), base))))
                    .append(" | ")
                    .append(t.topics());
            if (compared) {
                md.append(" | ").append(ReviewCharts.arrow(t));
            }
            md.append(" |\n");
        }
        md.append("\n");
        if (!r.newThisYear().isEmpty()) {
            md.append("## 今年初登場の技術\n\n");
            r.newThisYear()
                    .forEach(t -> md.append("- ")
                            .append(link(t.name(), absolute(YearInReview.searchUrl(r.year(), t.name()), base)))
                            .append(" (")
                            .append(t.topics())
                            .append(")\n"));
            md.append("\n");
        }
        if (!r.rising().isEmpty() || !r.falling().isEmpty()) {
            md.append("## 伸びた技術・減った技術\n\n");
            r.rising()
                    .forEach(t -> md.append("- ")
                            .append(escape(t.name()))
                            .append(" ")
                            .append(ReviewCharts.arrow(t))
                            .append("\n"));
            r.falling()
                    .forEach(t -> md.append("- ")
                            .append(escape(t.name()))
                            .append(" ")
                            .append(ReviewCharts.arrow(t))
                            .append("\n"));
            md.append("\n");
        }
        if (!r.presenters().isEmpty()) {
            md.append("## 紹介者\n\n");
            for (PresenterCount p : r.presenters()) {
                md.append("- ")
                        .append(escape(p.name()))
                        .append(": ")
                        .append(p.topics())
                        .append(" 件");
                if (!p.favouriteTechnologies().isEmpty()) {
                    md.append(" (")
                            .append(p.favouriteTechnologies().stream()
                                    .map(t -> escape(t.name()))
                                    .collect(Collectors.joining(", ")))
                            .append(")");
                }
                md.append("\n");
            }
            md.append("\n");
        }
        md.append("## 今年の号\n\n");
        r.issues()
                .forEach(i -> md.append("- ")
                        .append(issueLink(i, base))
                        .append(" ")
                        .append(escape(i.title()))
                        .append(" (")
                        .append(i.topics())
                        .append(" 件)\n"));
        return md.toString();
    }

    /** The notice shown instead of year-over-year figures: no comparable previous year, and why. */
    public static String noComparison(YearReview r) {
        return "比較できる前年がないため、" + r.year() + "年の数字だけを示します（" + r.comparison().reason() + "）。";
    }

    /** The review's scope in words: its series, or those of its issues. */
    public static String seriesOf(YearReview r) {
        if (!r.series().isEmpty()) {
            return String.join(" / ", r.series());
        }
        Set<String> series = new LinkedHashSet<>();
        r.issues().forEach(i -> series.add(i.series()));
        return series.isEmpty() ? "Kaiko" : String.join(" / ", series);
    }

    private static String issueLink(IssueRef i, String base) {
        String text = i.citation();
        return i.url() == null || i.url().isBlank() ? escape(text) : link(text, absolute(i.url(), base));
    }

    private static String link(String text, String url) {
        String destination =
                url.matches(".*[\\s()<>].*") ? "<" + url.replace("<", "%3C").replace(">", "%3E") + ">" : url;
        return "[" + escape(text) + "](" + destination + ")";
    }

    static String absolute(String url, String base) {
        if (!url.startsWith("/")) {
            return url;
        }
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + url;
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    private static String escape(String s) {
        return s == null ? "" : s.replaceAll("([\\\\`*_\\[\\]<>#|])", "\\\\$1").replace("\n", " ");
    }

    /** Every link of the highlights as {@link #render} writes it: for checks of the export. */
    public static List<String> highlightLinks(YearReview r, String base) {
        return r.highlights().stream().map(h -> absolute(h.link(), base)).toList();
    }
}
