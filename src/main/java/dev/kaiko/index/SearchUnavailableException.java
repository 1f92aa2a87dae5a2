package dev.kaiko.index;

/** Search cannot answer now (engine starting, down or unreachable); the web layer answers 503. */
public class SearchUnavailableException extends RuntimeException {

    public SearchUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
