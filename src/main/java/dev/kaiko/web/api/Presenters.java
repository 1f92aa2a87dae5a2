package dev.kaiko.web.api;

import java.util.Map;

import jakarta.ws.rs.core.Response;

/** The body of a presenter edit, {"presenter": "..."}, and its checks: a name, not blank, of reasonable length. */
record Presenters(String presenter) {

    static final int MAX_LENGTH = 200;

    /** The trimmed name, or null when the body is not acceptable (then {@link #invalid()} is the answer). */
    static String valid(Presenters body) {
        if (body == null || body.presenter() == null) {
            return null;
        }
        String name = body.presenter().strip().replaceAll("\\s+", " ");
        return name.isEmpty() || name.length() > MAX_LENGTH || name.chars().anyMatch(Character::isISOControl)
                ? null
                : name;
    }

    static Response invalid() {
        return ApiError.response(
                        400,
                        "Send {\"presenter\": \"name\"}: a name that is not blank, at most " + MAX_LENGTH
                                + " characters (DELETE clears the presenter)",
                        Map.of("parameter", "presenter"))
                .build();
    }

    static Response notFound(String what, long id) {
        return ApiError.response(404, "No " + what + " " + id, Map.of()).build();
    }
}
