package dev.kaiko.review;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/** Where Kaiko is published: exported reviews link there, not to whichever host a request came to. */
@ConfigMapping(prefix = "kaiko.public-url")
public interface ReviewConfig {

    /**
     * The public base address, e.g. {@code https://kaiko.example.org/}; the links of the standalone HTML and the
     * Markdown review start with it. Unset: the address the request came to (fine on the machine that serves it).
     */
    @WithParentName // the property is kaiko.public-url itself
    Optional<URI> publicUrl();

    /** The base for exported links, without a trailing slash. */
    default String exportBase(URI requestBase) {
        String base = publicUrl().orElse(requestBase).toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
