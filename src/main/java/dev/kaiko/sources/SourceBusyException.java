package dev.kaiko.sources;

/** The source is being fetched right now (by this instance or another one). */
public class SourceBusyException extends Exception {

    SourceBusyException(long id) {
        super("Source " + id + " is being fetched right now; try again when it is done");
    }
}
