package dev.kaiko.web.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.kaiko.web.pages.ArchiveQueries.YearCount;

/**
 * A small per-year bar chart, laid out on the server as SVG geometry (attributes, not inline styles, so a strict
 * Content-Security-Policy stays possible). Years without topics between the first and last one show as empty bars.
 */
public record YearChart(int width, int height, List<Bar> bars) {

    static final int BAR = 34;
    static final int GAP = 14;
    static final int PLOT = 110;
    static final int LABEL = 22;

    public record Bar(int year, long count, int x, int y, int barHeight, int labelX, int labelY, int countY) {}

    public static YearChart of(List<YearCount> years) {
        if (years.isEmpty()) {
            return new YearChart(0, 0, List.of());
        }
        Map<Integer, Long> counts = new TreeMap<>();
        years.forEach(y -> counts.put(y.year(), y.count()));
        int first = years.stream().mapToInt(YearCount::year).min().getAsInt();
        int last = years.stream().mapToInt(YearCount::year).max().getAsInt();
        long max = Math.max(1, years.stream().mapToLong(YearCount::count).max().getAsLong());
        List<Bar> bars = new ArrayList<>();
        int top = 16; // room for the count above the tallest bar
        for (int year = first, i = 0; year <= last; year++, i++) {
            long count = counts.getOrDefault(year, 0L);
            int h = count == 0 ? 0 : (int) Math.max(2, Math.round((double) count / max * PLOT));
            int x = GAP + i * (BAR + GAP);
            bars.add(new Bar(
                    year, count, x, top + PLOT - h, h, x + BAR / 2, top + PLOT + LABEL - 6, top + PLOT - h - 4));
        }
        return new YearChart(GAP + bars.size() * (BAR + GAP), top + PLOT + LABEL, bars);
    }
}
