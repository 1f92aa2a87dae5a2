package dev.kaiko.review;

/** One year of the archive, as listed by {@code GET /api/years}. */
public record YearCount(int year, long issues, long topics) {}
