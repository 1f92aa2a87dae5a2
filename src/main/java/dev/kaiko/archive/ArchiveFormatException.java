package dev.kaiko.archive;

/**
 * A file that cannot be read as an archive, located as precisely as the format allows:
 * a line for text formats, a JSON path for JSON, a member name inside a zip.
 */
public class ArchiveFormatException extends Exception {

    private final String file;
    private final Integer line;
    private final String path;

    public ArchiveFormatException(String file, Integer line, String path, String message) {
        super(message);
        this.file = file;
        this.line = line;
        this.path = path;
    }

    public static ArchiveFormatException atLine(String file, int line, String message) {
        return new ArchiveFormatException(file, line, null, message);
    }

    public static ArchiveFormatException atPath(String file, String jsonPath, String message) {
        return new ArchiveFormatException(file, null, jsonPath, message);
    }

    public static ArchiveFormatException inFile(String file, String message) {
        return new ArchiveFormatException(file, null, null, message);
    }

    /** The file name, for a zip member "archive.zip!/member.md". */
    public String file() {
        return file;
    }

    /** 1-based line number, or null. */
    public Integer line() {
        return line;
    }

    /** JSON path such as "$.list[3].date", or null. */
    public String path() {
        return path;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file == null ? "(unnamed)" : file);
        if (line != null) {
            s.append(':').append(line);
        }
        if (path != null) {
            s.append(' ').append(path);
        }
        return s.append(": ").append(getMessage()).toString();
    }
}
