package dev.kaiko.web.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The API's error body, {@code {"error": ..., "parameter": ...}}, for answers written below JAX-RS. */
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
}
