package dev.kaiko.archive;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/** Turns Jackson's failures into errors located by line and JSON path ("$.list[3].date"). */
final class JsonErrors {

    private JsonErrors() {}

    static ArchiveFormatException located(String filename, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        Integer line = location == null || location.getLineNr() < 1 ? null : location.getLineNr();
        String path = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder p = new StringBuilder("$");
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                p.append(ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]" : "." + ref.getFieldName());
            }
            path = p.toString();
        } else if (e.getProcessor() instanceof JsonParser parser) {
            path = jsonPath(parser.getParsingContext().pathAsPointer());
        }
        return new ArchiveFormatException(filename, line, path, "invalid JSON: " + e.getOriginalMessage());
    }

    /** "/list/3/date" → "$.list[3].date"; null for the root. */
    static String jsonPath(JsonPointer pointer) {
        if (pointer == null || pointer.matches()) {
            return null;
        }
        StringBuilder p = new StringBuilder("$");
        for (JsonPointer ptr = pointer; !ptr.matches(); ptr = ptr.tail()) {
            p.append(
                    ptr.mayMatchElement() && ptr.getMatchingProperty().matches("\\d+")
                            ? "[" + ptr.getMatchingIndex() + "]"
                            : "." + ptr.getMatchingProperty());
        }
        return p.toString();
    }
}
