package dev.kaiko.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/** The shared real corpora beside the project, and importing them through the real API. */
public final class Corpora {

    public static final String TOKEN = "test-admin-token";

    private Corpora() {}

    public static Path root() {
        return Path.of(System.getProperty("kaiko.corpora", "../shared/corpora"));
    }

    public static Path seed() {
        return root().resolve("neco-weekly-2023-12-22.txt");
    }

    /**
     * A corpus file's bytes. JSer.info's own item files name no series (an import without one is refused), so they
     * are given the one their site is known by, as a user who downloads them would do with {@code ?series=}.
     */
    public static byte[] bytes(Path p) {
        try {
            if (isJser(p)) {
                return withJserSeries(Files.readString(p)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs one file as a raw body, authenticated. */
    public static ValidatableResponse importRaw(String filename, byte[] content) {
        return RestAssured.given()
                .header("Authorization", "Bearer " + TOKEN)
                .contentType("application/octet-stream")
                .queryParam("filename", filename)
                .body(content)
                .post("/api/imports")
                .then();
    }

    /** The 52 TWiR and 12 JSer.info files, in name order. */
    public static java.util.List<Path> twirAndJser() {
        try (var twir = Files.list(root().resolve("twir-2023"));
                var jser = Files.list(root().resolve("jser-2023"))) {
            return java.util.stream.Stream.concat(twir, jser).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An authenticated multipart import request carrying these files (send it with .post("/api/imports")). */
    public static io.restassured.specification.RequestSpecification multipart(java.util.List<Path> files) {
        var req = RestAssured.given().header("Authorization", "Bearer " + TOKEN);
        for (Path p : files) {
            req = req.multiPart("file", p.getFileName().toString(), bytes(p), "application/octet-stream");
        }
        return req;
    }

    public static ValidatableResponse importFile(Path p) {
        return importRaw(p.getFileName().toString(), bytes(p));
    }

    /** The seed, TWiR 2023, JSer.info 2023 and the bundled demo archive, imported one file at a time, all 200. */
    public static void importAllWithDemo() {
        importFile(seed()).statusCode(200);
        files(root().resolve("twir-2023"), ".md").forEach(f -> importFile(f).statusCode(200));
        files(root().resolve("jser-2023"), ".json").forEach(f -> importFile(f).statusCode(200));
        files(Path.of("src/main/resources/demo"), "").stream()
                .filter(f -> f.getFileName().toString().startsWith("kaiko-"))
                .forEach(f -> importFile(f).statusCode(200));
    }

    /** The files of a directory whose names end with {@code suffix}, in name order. */
    public static java.util.List<Path> files(Path dir, String suffix) {
        try (var s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isJser(Path p) {
        return p.getFileName().toString().endsWith(".json")
                && p.getParent() != null
                && p.getParent().getFileName().toString().startsWith("jser-");
    }

    /** An item file of JSer.info with its series named at the top (the file itself names none). */
    public static String withJserSeries(String json) {
        int brace = json.indexOf('{');
        return json.substring(0, brace + 1) + "\"series\": \"JSer.info\", " + json.substring(brace + 1);
    }
}
