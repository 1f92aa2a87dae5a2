package dev.kaiko.archive;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The metadata block at the top of a Markdown post: YAML between {@code ---} lines (Jekyll, Hugo, Zenn) or
 * Pelican-style {@code Key: value} lines up to the first blank line (This Week in Rust).
 *
 * @param fields    field names lower-cased; values as YAML gave them (String, Number, Date, List...) or strings
 * @param body      the text after the block
 * @param bodyLine  1-based line number in the file of the first line of {@code body}
 */
record FrontMatter(Map<String, Object> fields, String body, int bodyLine) {

    private static final Pattern PELICAN_FIELD = Pattern.compile("^([A-Za-z][A-Za-z _-]{0,30}):\\s+(\\S.*)$");
    /** Pelican metadata always starts with one of these; a first line "Note: ..." is prose, not metadata. */
    private static final java.util.Set<String> PELICAN_FIRST_KEYS = java.util.Set.of(
            "title", "date", "number", "slug", "category", "tags", "author", "authors", "summary", "series");

    static FrontMatter none(String text) {
        return new FrontMatter(Map.of(), text, 1);
    }

    /** Whether the text starts with Pelican {@code Title: ...}-style metadata. */
    static boolean startsWithPelicanFields(String text) {
        String first = text.stripLeading().lines().findFirst().orElse("");
        Matcher m = PELICAN_FIELD.matcher(first);
        return m.matches() && PELICAN_FIRST_KEYS.contains(m.group(1).strip().toLowerCase(Locale.ROOT));
    }

    static boolean startsWithYaml(String text) {
        return text.startsWith("---\n") || text.startsWith("---\r\n") || text.startsWith("\uFEFF---");
    }

    /** Splits the front matter off the text; a text without any is returned whole with no fields. */
    static FrontMatter parse(String filename, String text) throws ArchiveFormatException {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (startsWithYaml(t)) {
            return yaml(filename, t);
        }
        if (startsWithPelicanFields(t)) {
            return pelican(t);
        }
        return none(t);
    }

    private static FrontMatter yaml(String filename, String text) throws ArchiveFormatException {
        String[] lines = text.split("\r?\n", -1);
        int close = -1;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---") || lines[i].strip().equals("...")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            throw ArchiveFormatException.atLine(
                    filename,
                    1,
                    "YAML front matter opened with '---' on line 1 is never closed (no second '---' line)");
        }
        String yaml = String.join("\n", java.util.Arrays.asList(lines).subList(1, close));
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 2 : mark.getLine() + 2; // +1 for 1-based, +1 for the opening '---'
            throw ArchiveFormatException.atLine(
                    filename, line, "invalid YAML front matter: " + firstLine(e.getProblem()));
        } catch (YAMLException e) {
            throw ArchiveFormatException.atLine(filename, 2, "invalid YAML front matter: " + firstLine(e.getMessage()));
        }
        if (loaded != null && !(loaded instanceof Map)) {
            throw ArchiveFormatException.atLine(
                    filename,
                    2,
                    "YAML front matter must be a mapping of fields, not a "
                            + loaded.getClass().getSimpleName());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        if (loaded != null) {
            ((Map<?, ?>) loaded).forEach((k, v) -> fields.put(String.valueOf(k).toLowerCase(Locale.ROOT), v));
        }
        String body = String.join("\n", java.util.Arrays.asList(lines).subList(close + 1, lines.length));
        return new FrontMatter(Collections.unmodifiableMap(fields), body, close + 2);
    }

    private static FrontMatter pelican(String text) {
        String[] lines = text.split("\r?\n", -1);
        Map<String, Object> fields = new LinkedHashMap<>();
        int i = 0;
        for (; i < lines.length; i++) {
            Matcher m = PELICAN_FIELD.matcher(lines[i].strip());
            if (!m.matches()) {
                break;
            }
            fields.put(m.group(1).strip().toLowerCase(Locale.ROOT), m.group(2).strip());
        }
        String body = String.join("\n", java.util.Arrays.asList(lines).subList(i, lines.length));
        return new FrontMatter(Collections.unmodifiableMap(fields), body, i + 1);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** A field as text, or null when absent or blank. */
    String text(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return null;
        }
        String s = (v instanceof java.util.Date d)
                ? d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString()
                : String.valueOf(v).strip();
        return s.isEmpty() ? null : s;
    }

    /** A list field ("tags: [a, b]" or "tags: a, b"), empty when absent. */
    java.util.List<String> list(String key) {
        Object v = fields.get(key);
        if (v instanceof java.util.Collection<?> c) {
            return c.stream()
                    .filter(java.util.Objects::nonNull)
                    .map(o -> String.valueOf(o).strip())
                    .filter(s -> !s.isEmpty())
                    .toList();
        }
        String s = text(key);
        return s == null
                ? java.util.List.of()
                : java.util.Arrays.stream(s.split(","))
                        .map(String::strip)
                        .filter(x -> !x.isEmpty())
                        .toList();
    }
}
