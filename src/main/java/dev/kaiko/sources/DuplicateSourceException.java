package dev.kaiko.sources;

/** The URL is already followed. */
public class DuplicateSourceException extends Exception {

    private final long existing;

    DuplicateSourceException(String url, long existing) {
        super(url + " is already followed (source " + existing + ")");
        this.existing = existing;
    }

    public long existing() {
        return existing;
    }
}
