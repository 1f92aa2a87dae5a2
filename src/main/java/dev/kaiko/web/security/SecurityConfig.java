package dev.kaiko.web.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kaiko.security")
public interface SecurityConfig {

    /** Whether reading (search, pages, the JSON API's GETs) needs no credentials. Writes always need them. */
    @WithDefault("true")
    boolean publicRead();
}
