package dev.kaiko.web.api;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.kaiko.index.SearchUnavailableException;
import dev.kaiko.search.InvalidSearchParameter;
import dev.kaiko.web.pages.ErrorPages;

/** Maps failures to the API's JSON error shape (an error page for browsers on pages); never a stack trace. */
public class ApiExceptionMappers {

    @Inject
    ErrorPages errorPages;

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response invalidParameter(InvalidSearchParameter e) {
        return ApiError.response(400, e.getMessage(), Map.of("parameter", e.parameter()))
                .build();
    }

    @ServerExceptionMapper
    public Response unavailable(SearchUnavailableException e, UriInfo uri, HttpHeaders headers) {
        if (errorPages.wanted(uri, headers)) {
            return errorPages.render(503, uri, headers);
        }
        String reason = e.getMessage();
        if (e.getCause() != null) {
            // the engine's or Hibernate Search's own words (HSEARCH codes, hosts) stay in the log
            String errorId = errorId();
            LOG.warnf(e, "Search unavailable (error id %s)", errorId);
            reason = "the search engine did not answer (error id " + errorId + " in the service's log)";
        }
        return ApiError.response(503, "Search is temporarily unavailable: " + reason, Map.of())
                .header("Retry-After", "10")
                .build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (errorPages.wanted(uri, headers)) {
            return errorPages.render(status, uri, headers);
        }
        String message = switch (status) {
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 413 -> "The request body is too large";
            case 415 -> "Unsupported media type";
            default ->
                e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase() : e.getMessage();
        };
        return ApiError.response(status, message, Map.of()).build();
    }

    /**
     * A request body that ends early or does not parse (a multipart upload cut off before its closing boundary) is
     * the client's problem: a 400 that says so, not a 500 with the parser's words.
     */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e, UriInfo uri, HttpHeaders headers) {
        String errorId = errorId();
        LOG.infof("Unreadable request body on %s (error id %s): %s", uri.getPath(), errorId, e.toString());
        if (errorPages.wanted(uri, headers)) {
            return errorPages.render(400, uri, headers);
        }
        return ApiError.response(
                        400,
                        "The request body could not be read: it ended early or is not well formed (error id " + errorId
                                + " in the service's log)",
                        Map.of())
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        String errorId = errorId();
        LOG.errorf(e, "Unexpected error (error id %s)", errorId);
        if (errorPages.wanted(uri, headers)) {
            return errorPages.render(500, uri, headers);
        }
        return ApiError.response(500, "Internal error (error id " + errorId + " in the service's log)", Map.of())
                .build();
    }

    /** A short id that ties an answer to its log entry, so the answer need not carry the internal detail. */
    static String errorId() {
        return java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
