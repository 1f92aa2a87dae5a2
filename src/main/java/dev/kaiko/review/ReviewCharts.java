package dev.kaiko.review;

import java.util.List;
import java.util.Locale;

import dev.kaiko.review.YearReview.MonthCount;
import dev.kaiko.review.YearReview.TechnologyTrend;

/**
 * The review's charts as inline SVG, drawn on the server: they need no script and no request, so the page and the
 * standalone export show the same pictures. Colours come from CSS classes (see review.css), with fills inline as a
 * fallback.
 */
public final class ReviewCharts {

    private ReviewCharts() {}

    /** Vertical bars: topics in each month of the year. */
    public static String topicsPerMonth(int year, List<MonthCount> months) {
        int width = 640;
        int height = 220;
        int top = 24;
        int bottom = 28;
        int left = 8;
        long max =
                Math.max(1, months.stream().mapToLong(MonthCount::topics).max().orElse(1));
        double slot = (width - 2.0 * left) / months.size();
        double plot = height - top - bottom;
        StringBuilder svg = open(width, height, year + "年 月別トピック数");
        for (int i = 0; i < months.size(); i++) {
            MonthCount m = months.get(i);
            double h = plot * m.topics() / max;
            double x = left + i * slot + slot * 0.15;
            double y = top + plot - h;
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"3\" fill=\"#3b6fd8\">"
                            + "<title>%d月: %d</title></rect>",
                    x,
                    y,
                    slot * 0.7,
                    h,
                    m.month(),
                    m.topics()));
            double cx = left + i * slot + slot / 2;
            if (m.topics() > 0) {
                svg.append(text(cx, y - 5, "middle", "value", String.valueOf(m.topics())));
            }
            svg.append(text(cx, height - 9, "middle", "axis", m.month() + "月"));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<line class=\"baseline\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" " + "stroke=\"#999\"/>",
                left,
                top + plot,
                width - left,
                top + plot));
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars: topics per top technology, with the change of its share against the previous year. */
    public static String topTechnologies(int year, List<TechnologyTrend> technologies) {
        int width = 640;
        int row = 28;
        int labelWidth = 170;
        int trendWidth = 120;
        int height = Math.max(1, technologies.size()) * row + 8;
        long max = Math.max(
                1,
                technologies.stream().mapToLong(TechnologyTrend::topics).max().orElse(1));
        double plot = width - labelWidth - trendWidth - 50;
        StringBuilder svg = open(width, height, year + "年 よく話題になった技術");
        for (int i = 0; i < technologies.size(); i++) {
            TechnologyTrend t = technologies.get(i);
            double y = 4 + i * row;
            double w = Math.max(2, plot * t.topics() / max);
            svg.append(text(labelWidth - 8, y + row / 2.0 + 5, "end", "label", shorten(t.name(), 20)));
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"#3b6fd8\">"
                            + "<title>%s: %d</title></rect>",
                    labelWidth,
                    y + 4,
                    w,
                    row - 8,
                    escape(t.name()),
                    t.topics()));
            svg.append(text(labelWidth + w + 6, y + row / 2.0 + 5, "start", "value", String.valueOf(t.topics())));
            if (t.trend() != null) {
                svg.append(text(width - trendWidth, y + row / 2.0 + 5, "start", "trend " + t.trend(), arrow(t)));
            }
        }
        return svg.append("</svg>").toString();
    }

    /**
     * ▲ / ▼ with the change in percentage points of the year's topics; NEW when the year before lacked it; nothing
     * without a comparable previous year.
     */
    public static String arrow(TechnologyTrend t) {
        if (t.trend() == null) {
            return "";
        }
        return switch (t.trend()) {
            case "new" -> "★ NEW";
            case "gone" -> "—";
            case "back" -> String.format(Locale.ROOT, "▲ +%.1fpt (再登場)", t.shareChange());
            case "up" -> String.format(Locale.ROOT, "▲ +%.1fpt", t.shareChange());
            case "down" -> String.format(Locale.ROOT, "▼ %.1fpt", t.shareChange());
            default -> "→ ±0";
        };
    }

    private static StringBuilder open(int width, int height, String title) {
        return new StringBuilder(String.format(
                Locale.ROOT,
                "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" "
                        + "height=\"%d\" role=\"img\" aria-label=\"%s\"><title>%s</title>",
                width,
                height,
                width,
                height,
                escape(title),
                escape(title)));
    }

    private static String text(double x, double y, String anchor, String cssClass, String content) {
        return String.format(
                Locale.ROOT,
                "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
                cssClass,
                x,
                y,
                anchor,
                escape(content));
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
