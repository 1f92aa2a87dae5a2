package dev.kaiko.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The import API over the real corpora: every format, idempotency, export round trip, located errors. */
@QuarkusTest
class ArchiveImportTest {

    @Inject
    TestData data;

    @BeforeEach
    void empty() {
        data.clear();
    }

    private static List<Path> files(String dir, String ext) throws IOException {
        try (Stream<Path> s = Files.list(Corpora.root().resolve(dir))) {
            return s.filter(p -> p.toString().endsWith(ext)).sorted().toList();
        }
    }

    private static JsonPath importAll(List<Path> paths) {
        RequestSpecification req = given().header("Authorization", "Bearer " + Corpora.TOKEN);
        for (Path p : paths) {
            req = req.multiPart("file", p.getFileName().toString(), Corpora.bytes(p), "application/octet-stream");
        }
        return req.post("/api/imports").then().statusCode(200).extract().jsonPath();
    }

    private static List<Path> allCorpora() throws IOException {
        List<Path> all = new java.util.ArrayList<>(files("twir-2023", ".md"));
        all.addAll(files("jser-2023", ".json"));
        all.add(Corpora.seed());
        return all;
    }

    @Test
    void twirImportsAs52NumberedIssuesWithBulletTopics() throws IOException {
        JsonPath report = importAll(files("twir-2023", ".md"));
        assertEquals(52, report.getList("files").size());
        assertTrue(report.getList("files.format").stream().allMatch("markdown"::equals));
        assertEquals(52, data.count("Issue"));
        given().queryParam("q", "\"State of Rust Survey\"")
                .queryParam("year", "2023")
                .get("/api/search")
                .then()
                .statusCode(200)
                .body("hits.title", hasItem("Launching the 2023 State of Rust Survey"));
        given().queryParam("q", "\"Launching the 2023 State of Rust Survey\"")
                .get("/api/search")
                .then()
                .body("hits[0].section", equalTo("Official"))
                .body("hits[0].issue.number", equalTo(526));
        JsonPath numbers = given().queryParam("size", 100)
                .queryParam("section", "Official")
                .get("/api/search")
                .then()
                .extract()
                .jsonPath();
        List<Integer> issueNumbers = numbers.getList("hits.issue.number", Integer.class);
        assertTrue(issueNumbers.stream().allMatch(n -> n >= 476 && n <= 527), issueNumbers.toString());
    }

    @Test
    void jserItemsBecome738TopicsInIsoWeekIssuesWithTheirTags() throws IOException {
        importAll(files("jser-2023", ".json"));
        assertEquals(738, data.count("Topic"));
        given().get("/api/search").then().body("total", equalTo(738));
        // issues are ISO weeks of 2023 (plus weeks split across two monthly files are merged into one issue)
        long issues = data.count("Issue");
        assertTrue(issues >= 50 && issues <= 54, "ISO-week issues: " + issues);
        List<String> dump = data.dump();
        assertTrue(dump.stream().anyMatch(l -> l.contains("/archive")), "archive tags are kept");
    }

    @Test
    void importingEverythingThreeTimesGivesTheSameArchive() throws IOException {
        List<Path> all = allCorpora();
        long start = System.nanoTime();
        JsonPath first = importAll(all);
        double seconds = (System.nanoTime() - start) / 1e9;
        int added = first.getList("files.topics_added", Integer.class).stream()
                .mapToInt(Integer::intValue)
                .sum();
        System.out.printf(
                "Imported %d topics from %d files in %.1f s (%.0f topics/s, end to end with indexing)%n",
                added, all.size(), seconds, added / seconds);
        List<String> once = data.dump();
        for (int i = 0; i < 2; i++) {
            JsonPath again = importAll(all);
            assertEquals(
                    0,
                    again.getList("files.topics_added", Integer.class).stream()
                            .mapToInt(x -> x)
                            .sum());
            assertEquals(
                    0,
                    again.getList("files.topics_updated", Integer.class).stream()
                            .mapToInt(x -> x)
                            .sum(),
                    () -> "updated: " + again.getList("files.findAll { it.topics_updated > 0 }.file"));
            assertEquals(
                    added,
                    again.getList("files.topics_unchanged", Integer.class).stream()
                            .mapToInt(x -> x)
                            .sum());
        }
        TestData.assertSameArchive(once, data.dump());
        given().get("/api/search").then().body("total", equalTo(added));
    }

    @Test
    void editedIssueUpdatesInPlaceAndKeepsIdentity() {
        String v1 = "Weekly X (2024-05-10号)\n第3回です。\nトピック\nKubernetes の話\nKubernetes 1.30 が出ました。\n"
                + "Rust の話\nRust 1.78 が出ました。\n";
        String v2 = "Weekly X (2024-05-10号)\n第3回です。\nトピック\nKubernetes の話\nKubernetes 1.30 が出ました。詳しく見ました。\n";
        Corpora.importRaw("x.txt", v1.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("files[0].topics_added", equalTo(2));
        long id = given().queryParam("q", "Kubernetes の話")
                .get("/api/search")
                .then()
                .extract()
                .jsonPath()
                .getLong("hits[0].id");
        Corpora.importRaw("x.txt", v2.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("files[0].topics_updated", equalTo(1))
                .body("files[0].topics_removed", equalTo(1));
        given().queryParam("q", "詳しく")
                .get("/api/search")
                .then()
                .body("total", equalTo(1))
                .body("hits[0].id", equalTo((int) id));
        given().queryParam("q", "Rust").get("/api/search").then().body("total", equalTo(0));
    }

    @Test
    void exportThenImportIntoAnEmptyInstanceRoundTrips() throws IOException {
        importAll(List.of(
                Corpora.seed(),
                files("twir-2023", ".md").get(0),
                files("jser-2023", ".json").get(0)));
        List<String> before = data.dump();
        given().get("/api/export").then().statusCode(401);
        byte[] export = given().header("Authorization", "Bearer " + Corpora.TOKEN)
                .get("/api/export")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        data.clear();
        Corpora.importRaw("backup.json", export).statusCode(200).body("files[0].format", equalTo("kaiko-export"));
        TestData.assertSameArchive(before, data.dump());
    }

    @Test
    void brokenInputsGetLocatedErrorsAndChangeNothing() throws IOException {
        importAll(List.of(Corpora.seed()));
        List<String> before = data.dump();

        Corpora.importRaw(
                        "truncated.json",
                        "{\"list\": [{\"date\": \"2023-01-02T00:00:00Z\", \"title\": \"x\""
                                .getBytes(StandardCharsets.UTF_8))
                .statusCode(400)
                .body("file", equalTo("truncated.json"))
                .body("line", equalTo(1));
        Corpora.importRaw(
                        "open.md",
                        "---\ntitle: Never closed\ndate: 2024-01-01\n\n## Section\n\n### Topic\n\ntext\n"
                                .getBytes(StandardCharsets.UTF_8))
                .statusCode(400)
                .body("file", equalTo("open.md"))
                .body("line", equalTo(1))
                .body("error", containsString("closed"));
        byte[] badUtf8 = "Weekly (2024-01-01号)\nセクション\n題\n本文\n".getBytes(StandardCharsets.UTF_8);
        byte[] broken = java.util.Arrays.copyOf(badUtf8, badUtf8.length + 2);
        broken[broken.length - 2] = (byte) 0xC3;
        broken[broken.length - 1] = (byte) 0x28;
        Corpora.importRaw("latin1.txt", broken)
                .statusCode(400)
                .body("file", equalTo("latin1.txt"))
                .body("error", containsString("UTF-8"));
        Corpora.importRaw("empty.md", new byte[0]).statusCode(400).body("error", containsString("empty"));

        // a zip with one good and one bad member: the good one imports, the bad one is named
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("good.md"));
            z.write(Files.readAllBytes(files("twir-2023", ".md").get(0)));
            z.putNextEntry(new ZipEntry("bad.json"));
            z.write("{\"list\": [".getBytes(StandardCharsets.UTF_8));
        }
        JsonPath zipReport = Corpora.importRaw("mixed.zip", zip.toByteArray())
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("mixed.zip!/bad.json", zipReport.getString("files.find { it.errors.size() > 0 }.file"));
        assertEquals(1, data.count("Issue") - 1, "only the good member was added");

        // 60 MB is over the upload limit: refused from its Content-Length, before the body is read
        assertEquals(413, statusOfUploadDeclaring(60L * 1024 * 1024));

        List<String> after = data.dump();
        assertTrue(after.containsAll(before) && after.size() > before.size());
        assertEquals(before, after.stream().filter(before::contains).toList(), "nothing stored before was changed");
    }

    /** Sends only the head of an upload of the given size and returns the status the server answers with. */
    private static int statusOfUploadDeclaring(long bytes) throws IOException {
        int port = io.restassured.RestAssured.port;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String head = "POST /api/imports?filename=huge.txt HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + Corpora.TOKEN + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + bytes + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(
                            new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void asyncImportReportsProgressAndTheFinalReport() throws Exception {
        RequestSpecification req =
                given().header("Authorization", "Bearer " + Corpora.TOKEN).queryParam("async", true);
        for (Path p : files("twir-2023", ".md").subList(0, 10)) {
            req = req.multiPart("file", p.getFileName().toString(), Corpora.bytes(p), "text/markdown");
        }
        String id = req.post("/api/imports")
                .then()
                .statusCode(202)
                .body("files_total", equalTo(10))
                .extract()
                .path("id");
        JsonPath status = await("import job " + id)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> given().header("Authorization", "Bearer " + Corpora.TOKEN)
                                .get("/api/imports/" + id)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        s -> "done".equals(s.getString("state")) || "failed".equals(s.getString("state")));
        assertThat(status.getString("state")).isEqualTo("done");
        assertThat(status.getInt("files_done")).isEqualTo(10);
        assertThat(status.getList("report.files")).hasSize(10);
        assertThat((long) status.getInt("topics_done")).isEqualTo(data.count("Topic"));
    }
}
