package dev.kaiko.tagging;

/**
 * An alias that cannot be stored: {@link #conflict()} when the spelling already belongs to a technology (409),
 * otherwise a bad value of {@link #parameter()} (400).
 */
public class AliasException extends RuntimeException {

    private final String parameter;
    private final boolean conflict;

    private AliasException(String message, String parameter, boolean conflict) {
        super(message);
        this.parameter = parameter;
        this.conflict = conflict;
    }

    static AliasException invalid(String parameter, String problem) {
        return new AliasException("Parameter '" + parameter + "' " + problem, parameter, false);
    }

    static AliasException conflict(String message) {
        return new AliasException(message, "alias", true);
    }

    public String parameter() {
        return parameter;
    }

    public boolean conflict() {
        return conflict;
    }
}
