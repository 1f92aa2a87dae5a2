package dev.kaiko.tagging;

/** Invalid taxonomy file: the message names the offending entry. */
public class TaxonomyException extends RuntimeException {
    public TaxonomyException(String message) {
        super(message);
    }

    public TaxonomyException(String message, Throwable cause) {
        super(message, cause);
    }
}
