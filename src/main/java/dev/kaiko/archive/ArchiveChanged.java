package dev.kaiko.archive;

/**
 * CDI event fired after the stored archive changed (its transactions are committed by then): by
 * {@link ArchiveImporter} after an import stored at least one file, and by {@link Curation} after a delete or a
 * presenter edit. Observers derive things from the archive, e.g. the year-in-review cache.
 *
 * @param report the import's report; null when the change was a curation, not an import
 */
public record ArchiveChanged(ImportReport report) {

    static ArchiveChanged curated() {
        return new ArchiveChanged(null);
    }
}
