package dev.kaiko.archive;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an import did, per file: detected format, counts, and located errors; {@code indexing} is "done" when search
 * shows every topic stored, "pending" when the engine is down or slow or a refused change is being retried (the
 * changes wait in the index outbox), "failed" when topics were stored but the index refused them for good: those are
 * listed in {@code index_failures} (dead letters an admin can retry).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImportReport(
        List<FileReport> files,
        String indexing,
        @JsonProperty("index_failures") List<dev.kaiko.model.IndexFreshness.IndexFailure> indexFailures) {

    public ImportReport(List<FileReport> files, String indexing) {
        this(files, indexing, List.of());
    }

    public int topicsAdded() {
        return files.stream().mapToInt(FileReport::topicsAdded).sum();
    }

    public int topicsUpdated() {
        return files.stream().mapToInt(FileReport::topicsUpdated).sum();
    }

    public int topicsUnchanged() {
        return files.stream().mapToInt(FileReport::topicsUnchanged).sum();
    }

    public int topicsRemoved() {
        return files.stream().mapToInt(FileReport::topicsRemoved).sum();
    }

    /** True when at least one file was stored. */
    public boolean anyStored() {
        return files.stream().anyMatch(f -> f.errors().isEmpty());
    }

    public List<ImportError> errors() {
        List<ImportError> all = new ArrayList<>();
        files.forEach(f -> all.addAll(f.errors()));
        return all;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FileReport(
            String file,
            String format,
            int issues,
            @JsonProperty("topics_added") int topicsAdded,
            @JsonProperty("topics_updated") int topicsUpdated,
            @JsonProperty("topics_unchanged") int topicsUnchanged,
            @JsonProperty("topics_removed") int topicsRemoved,
            List<ImportError> errors) {

        static FileReport failed(String file, String format, ImportError error) {
            return new FileReport(file, format, 0, 0, 0, 0, 0, List.of(error));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImportError(String file, Integer line, String path, String message) {

        static ImportError of(ArchiveFormatException e) {
            return new ImportError(e.file(), e.line(), e.path(), e.getMessage());
        }
    }
}
