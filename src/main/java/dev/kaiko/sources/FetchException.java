package dev.kaiko.sources;

/**
 * A URL that was refused or could not be fetched. The message names the URL and the problem, ready for a person:
 * "http://127.0.0.1:1/ is a loopback address", "https://blog.example/feed timed out after 10 s".
 */
public class FetchException extends Exception {

    private final String url;
    private final String problem;

    FetchException(String url, String problem) {
        super(url + " " + problem);
        this.url = url;
        this.problem = problem;
    }

    /** The problem without the URL ("is a loopback address"). */
    public String problem() {
        return problem;
    }

    /** The URL the problem is about (for a refused redirect, the URL that was asked for). */
    public String url() {
        return url;
    }
}
