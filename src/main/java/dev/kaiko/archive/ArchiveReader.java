package dev.kaiko.archive;

import java.util.List;

/** A reader of one archive format. Readers are pure: text in, parsed issues out, nothing stored. */
public interface ArchiveReader {

    /** Short format name used in import reports and the {@code format} parameter ("text", "markdown", ...). */
    String format();

    /**
     * How sure this reader is that it can read the file, from its name and content: 0 = not at all, 100 = certain.
     * Detection picks the most confident reader.
     */
    int confidence(String filename, String text);

    /** Reads every issue in the file, or fails naming file, line or JSON path. */
    List<ParsedIssue> read(String filename, String text) throws ArchiveFormatException;
}
