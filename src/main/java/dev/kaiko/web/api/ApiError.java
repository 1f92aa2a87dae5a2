package dev.kaiko.web.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The one error shape of the API: {"error": "...", plus "parameter", "file", "line" or "path" where known}. */
public final class ApiError {

    private ApiError() {}

    public static Response.ResponseBuilder response(Response.Status status, String message) {
        return response(status.getStatusCode(), message, Map.of());
    }

    public static Response.ResponseBuilder response(int status, String message, Map<String, ?> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        details.forEach((k, v) -> {
            if (v != null) {
                body.put(k, v);
            }
        });
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }
}
