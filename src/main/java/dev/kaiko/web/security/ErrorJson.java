package dev.kaiko.web.security;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The API's error body, {@code {"error": ..., "parameter": ...}} (as web.api.ApiError writes it), for the answers of
 * the security layer, which sits below the resources and so does not use theirs.
 */
final class ErrorJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorJson() {}

    static String of(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    static String of(String message, String parameter) {
        ObjectNode node = JSON.createObjectNode().put("error", message);
        return node.put("parameter", parameter).toString();
    }

    static Response.ResponseBuilder response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(of(message));
    }

    static Response.ResponseBuilder response(int status, String message, String parameter) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(of(message, parameter));
    }
}
