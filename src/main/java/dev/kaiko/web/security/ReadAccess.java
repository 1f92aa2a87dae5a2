package dev.kaiko.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Whether reading needs the admin credentials ({@code kaiko.security.public-read}). */
@ApplicationScoped
public class ReadAccess {

    /** Set only by tests, to check the private mode in the one test application of a run; null: the config. */
    private static volatile Boolean testOverride;

    @Inject
    SecurityConfig config;

    public boolean isPublic() {
        Boolean override = testOverride;
        return override != null ? override : config.publicRead();
    }

    static void overrideForTests(Boolean publicRead) {
        testOverride = publicRead;
    }
}
