package dev.kaiko.archive;

/**
 * CDI event fired by {@link ArchiveImporter} after an import stored at least one file (its transactions are
 * committed by then). Observers derive things from the archive, e.g. the year-in-review cache.
 */
public record ArchiveChanged(ImportReport report) {}
