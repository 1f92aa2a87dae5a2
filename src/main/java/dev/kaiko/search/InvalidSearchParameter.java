package dev.kaiko.search;

/** A search parameter that cannot be honoured; the web layer answers 400 naming {@link #parameter()}. */
public class InvalidSearchParameter extends RuntimeException {

    private final String parameter;

    public InvalidSearchParameter(String parameter, String problem) {
        super("Parameter '" + parameter + "' " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
