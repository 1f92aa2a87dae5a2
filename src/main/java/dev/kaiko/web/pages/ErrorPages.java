package dev.kaiko.web.pages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** Errors met by a browser on a page (not the JSON API) are answered with a page, in the reader's language. */
@ApplicationScoped
public class ErrorPages {

    @Inject
    Pages pages;

    @Inject
    @Location("error.html")
    Template error;

    /** True for a request to a page (not /api/, not /q/) from something that reads HTML. */
    public boolean wanted(UriInfo uri, HttpHeaders headers) {
        String path = uri.getPath();
        if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/q/")) {
            return false;
        }
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE) && !m.isWildcardType());
    }

    public Response render(int status, UriInfo uri, HttpHeaders headers) {
        return pages.render(error.data("status", status), status, uri, headers);
    }
}
