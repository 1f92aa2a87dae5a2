package dev.kaiko.index;

/** Fired (asynchronously) each time search becomes available, so start-up work that indexes can run. */
public record SearchReady(boolean first) {}
