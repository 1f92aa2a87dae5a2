package dev.kaiko.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Hostile and unlucky input against the running service: generated imports (every format, with fields over their
 * bounds, control characters, hostile link schemes, odd file names, broken syntax, zips) and generated searches (any
 * Unicode, NUL, operators, absurd parameters), plus hand-written cases (truncated multipart, wrong content types, deep
 * JSON). For each: no 5xx, no stack trace or internal detail in the answer, and a refused import stores nothing.
 * Afterwards the service is ready and live; the heap's peak is printed.
 *
 * <p>Generated from a seed ({@code -Dkaiko.hostile.seed=N} replays a run; {@code -Dkaiko.hostile.cases=N} sets how
 * many of each kind): a property-based test without a library, so a failure names the seed and the case.
 */
@QuarkusTest
class HostileInputSuiteTest {

    private static final long SEED = Long.getLong("kaiko.hostile.seed", 20261208L);
    private static final int CASES = Integer.getInteger("kaiko.hostile.cases", 60);

    /** What an answer must never show: a library's words, a stack trace, the database's messages. */
    private static final List<String> INTERNAL = List.of(
            "HSEARCH",
            "org.hibernate",
            "org.postgresql",
            "PSQLException",
            "Exception:",
            "\tat ",
            "at dev.kaiko",
            "at java.",
            "invalid byte sequence",
            "jakarta.",
            "io.vertx",
            "NullPointer",
            "opensearch");

    @Inject
    TestData data;

    private final Random random = new Random(SEED);
    private int checked;

    @BeforeEach
    void empty() {
        data.clear();
    }

    @Test
    void generatedImportsNeverFailTheServiceOrStoreARefusedFile() throws Exception {
        Corpora.importFile(Corpora.seed()).statusCode(200);
        for (int i = 0; i < CASES; i++) {
            List<String> before = data.dump();
            String name = fileName();
            byte[] body = archive();
            String label = "import case " + i + " (seed " + SEED + ", file " + printable(name) + ")";
            Response r = given().header("Authorization", "Bearer " + Corpora.TOKEN)
                    .contentType("application/octet-stream")
                    .queryParam("filename", name)
                    .body(body)
                    .post("/api/imports");
            check(label, r);
            if (r.statusCode() >= 400) {
                assertThat(data.dump())
                        .as("%s was refused (%d) and must store nothing", label, r.statusCode())
                        .isEqualTo(before);
            }
        }
        afterwards();
    }

    @Test
    void generatedSearchesNeverFailTheService() {
        Corpora.importFile(Corpora.seed()).statusCode(200);
        String[] params = {
            "q", "year", "tag", "label", "presenter", "series", "section", "issue", "from", "to", "sort", "page", "size"
        };
        for (int i = 0; i < CASES; i++) {
            RequestSpecification req = given();
            StringBuilder label = new StringBuilder("search case " + i + " (seed " + SEED + "):");
            int n = 1 + random.nextInt(4);
            for (int p = 0; p < n; p++) {
                String param = params[random.nextInt(params.length)];
                String value = p == 0 && random.nextBoolean() ? query() : value();
                req = req.queryParam(param, value);
                label.append(' ').append(param).append('=').append(printable(value));
            }
            String path = random.nextInt(5) == 0 ? "/search" : random.nextInt(4) == 0 ? "/api/suggest" : "/api/search";
            check(label + " on " + path, req.get(path));
        }
        afterwards();
    }

    @Test
    void handWrittenHostileRequests() {
        List<Supplier<Response>> cases = new ArrayList<>();
        String token = "Bearer " + Corpora.TOKEN;
        // a multipart body cut off before its closing boundary
        cases.add(() -> given().header("Authorization", token)
                .contentType("multipart/form-data; boundary=XyZ")
                .body("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.md\"\r\n\r\n# half"
                        .getBytes())
                .post("/api/imports"));
        // a multipart body with no parts and a boundary that never appears
        cases.add(() -> given().header("Authorization", token)
                .contentType("multipart/form-data; boundary=nothing")
                .body("garbage".getBytes())
                .post("/api/imports"));
        cases.add(() -> given().header("Authorization", token)
                .contentType("multipart/form-data")
                .body("--a\r\n".getBytes())
                .post("/api/imports"));
        // deeply nested JSON, as bytes (REST Assured itself runs out of memory formatting such a body as JSON)
        cases.add(() -> given().header("Authorization", token)
                .contentType("application/octet-stream")
                .body("[".repeat(100_000).getBytes(StandardCharsets.UTF_8))
                .queryParam("filename", "deep.json")
                .queryParam("format", "json-items")
                .post("/api/imports"));
        cases.add(() -> given().header("Authorization", token)
                .contentType("application/octet-stream")
                .body(("{\"series\":\"Deep\",\"list\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}")
                        .getBytes(StandardCharsets.UTF_8))
                .queryParam("filename", "deep2.json")
                .post("/api/imports"));
        cases.add(() -> given().header("Authorization", token)
                .queryParam("filename", "x.md")
                .queryParam("format", "../../etc/passwd")
                .body("# x".getBytes())
                .post("/api/imports"));
        cases.add(() -> given().header("Authorization", token)
                .queryParam("filename", "x.json")
                .queryParam("series", "a\u0000b")
                .body("{\"list\":[]}".getBytes())
                .post("/api/imports"));
        cases.add(() -> given().header("Authorization", token)
                .queryParam("series", "s".repeat(10_000))
                .queryParam("filename", "x.json")
                .body("{\"list\":[]}".getBytes())
                .post("/api/imports"));
        cases.add(() -> given().header("Authorization", token)
                .queryParam("url", "file:///etc/passwd")
                .post("/api/imports"));
        cases.add(() -> given().header("Authorization", token)
                .queryParam("url", "javascript:alert(1)")
                .post("/api/imports"));
        cases.add(() -> given().header("Authorization", token).get("/api/imports/../../etc"));
        cases.add(() -> given().header("Authorization", token).get("/api/imports/" + "x".repeat(5000)));
        cases.add(() -> given().header("Authorization", token).get("/api/issues/-1"));
        cases.add(() -> given().header("Authorization", token).get("/api/topics/99999999999999999999"));
        cases.add(() -> given().header("Authorization", token).get("/api/years/0/review"));
        cases.add(() -> given().header("Authorization", token).get("/api/years/2147483648/review"));
        cases.add(() -> given().get("/years/-5"));
        cases.add(() -> given().get("/years/2024/review.md?series=" + "%00"));
        cases.add(() -> given().header("Authorization", token)
                .contentType("application/json")
                .body("{\"tags\": [\"a\u0000b\"]}")
                .put("/api/topics/1/tags"));
        cases.add(() -> given().header("Authorization", token)
                .contentType("application/json")
                .body(("{\"tags\": " + "[".repeat(3000) + "]".repeat(3000) + "}").getBytes(StandardCharsets.UTF_8))
                .put("/api/topics/1/tags"));
        cases.add(() -> given().header("Authorization", token)
                .contentType("application/json")
                .body("not json")
                .put("/api/years/2023/picks"));
        cases.add(
                () -> given().header("Authorization", "Bearer \r\nX-Forged: 1").get("/api/admin/queries"));
        cases.add(() ->
                given().header("Authorization", "Bearer " + "t".repeat(8000)).get("/api/admin/queries"));
        cases.add(() -> given().queryParam("q", "a".repeat(6000)).get("/api/search"));
        cases.add(() -> given().queryParam("q", "\"unclosed (phrase *").get("/api/search"));
        cases.add(() -> given().queryParam("q", "\uD800\uDC00\uD800").get("/api/search"));
        cases.add(() -> given().queryParam("page", "999999999999").get("/api/search"));
        cases.add(() -> given().queryParam("size", "-1").get("/api/search"));
        cases.add(() -> given().queryParam("from", "2024-02-30").get("/api/search"));
        cases.add(() -> given().queryParam("q", "rust%00async").get("/search"));
        for (int i = 0; i < cases.size(); i++) {
            System.out.println("hostile: hand-written case " + i);
            check("hand-written case " + i, cases.get(i).get());
        }
        afterwards();
    }

    private void check(String label, Response r) {
        checked++;
        String body = r.asString();
        assertThat(r.statusCode())
                .as("%s answered %d: %s", label, r.statusCode(), abbreviate(body))
                .isLessThan(500);
        for (String internal : INTERNAL) {
            assertThat(body).as("%s: the answer shows %s", label, internal).doesNotContainIgnoringCase(internal);
        }
    }

    private void afterwards() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        System.out.printf(
                "Hostile inputs: %d requests checked (seed %d), ready and live afterwards; heap pools' peak %d MB%n",
                checked, SEED, peak / (1024 * 1024));
    }

    // ---- generators ------------------------------------------------------------------------------------------------

    private static final String[] SCHEMES = {
        "https://example.org/", "http://example.org/", "javascript:alert(1)//", "JaVaScRiPt:alert(1)//",
        " javascript:alert(1)//", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)//", "//evil.example/",
        "file:///etc/passwd#", "java\tscript:alert(1)//", "ftp://example.org/"
    };

    private String fileName() {
        return switch (random.nextInt(8)) {
            case 0 -> "weekly-" + random.nextInt(1000) + ".md";
            case 1 -> "a\r\nforged log line.md";
            case 2 -> "../../../etc/passwd";
            case 3 -> "x".repeat(300 + random.nextInt(2000)) + ".json";
            case 4 -> "名前 " + random.nextInt(100) + ".txt";
            case 5 -> "nul\u0000byte.md";
            case 6 -> "";
            default -> "items-" + random.nextInt(100) + ".json";
        };
    }

    private byte[] archive() throws Exception {
        return switch (random.nextInt(9)) {
            case 0 -> markdown().getBytes(StandardCharsets.UTF_8);
            case 1 -> jsonItems().getBytes(StandardCharsets.UTF_8);
            case 2 -> plainText().getBytes(StandardCharsets.UTF_8);
            case 3 -> html().getBytes(StandardCharsets.UTF_8);
            case 4 -> feed().getBytes(StandardCharsets.UTF_8);
            case 5 -> randomBytes();
            case 6 -> zip();
            case 7 -> truncate(markdown() + jsonItems()).getBytes(StandardCharsets.UTF_8);
            default -> text(random.nextInt(300)).getBytes(StandardCharsets.UTF_8);
        };
    }

    private String markdown() {
        StringBuilder s = new StringBuilder("---\nTitle: Hostile Weekly " + random.nextInt(99) + "\nNumber: "
                + (random.nextInt(10) == 0 ? "-" + random.nextInt(9) : random.nextInt(500)) + "\nDate: "
                + date() + "\n---\n");
        int sections = random.nextInt(4);
        for (int i = 0; i < sections; i++) {
            s.append("## ").append(text(1 + random.nextInt(400))).append('\n');
            int bullets = random.nextInt(6);
            for (int b = 0; b < bullets; b++) {
                s.append("* [").append(field()).append("](").append(link()).append(")\n");
            }
        }
        return s.toString();
    }

    private String jsonItems() {
        StringBuilder s = new StringBuilder("{");
        if (random.nextInt(4) != 0) {
            s.append("\"series\": ")
                    .append(json(random.nextInt(8) == 0 ? text(300) : "Hostile Items"))
                    .append(", ");
        }
        s.append("\"list\": [");
        int items = random.nextInt(4);
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append("{\"date\": ")
                    .append(json(random.nextInt(10) == 0 ? "yesterday" : date() + "T10:00:00Z"))
                    .append(", \"title\": ")
                    .append(json(field()))
                    .append(", \"url\": ")
                    .append(json(link()))
                    .append(", \"content\": ")
                    .append(json(field()))
                    .append(", \"tags\": [");
            int tags = random.nextInt(10) == 0 ? 60 + random.nextInt(100) : random.nextInt(5);
            for (int t = 0; t < tags; t++) {
                s.append(t > 0 ? "," : "").append(json(random.nextInt(10) == 0 ? text(150) : "tag" + t));
            }
            s.append("]}");
        }
        return s.append("]}").toString();
    }

    private String plainText() {
        return "Hostile Weekly (" + date() + "号)\n" + text(1 + random.nextInt(50)) + "\n" + field() + "\n" + link()
                + "\n" + field() + "\n";
    }

    private String html() {
        return "<html><head><title>" + field() + "</title></head><body><h2>" + text(20) + "</h2><ul><li><a href=\""
                + link() + "\" onclick=\"alert(1)\">" + field()
                + "</a><script>alert(1)</script></li></ul></body></html>";
    }

    private String feed() {
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + text(10) + "</title><item><title>"
                + field() + "</title><link>" + link() + "</link><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>"
                + "<description><![CDATA[" + field() + "]]></description></item></channel></rss>";
    }

    private byte[] zip() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            int members = random.nextInt(4);
            for (int i = 0; i < members; i++) {
                z.putNextEntry(new ZipEntry(random.nextBoolean() ? "m" + i + ".md" : "../m" + i + ".json"));
                z.write((random.nextBoolean() ? markdown() : jsonItems()).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private byte[] randomBytes() {
        byte[] b = new byte[1 + random.nextInt(4000)];
        random.nextBytes(b);
        return b;
    }

    private String truncate(String s) {
        return s.substring(0, random.nextInt(Math.max(1, s.length())));
    }

    /** A field value: usually ordinary, sometimes over a bound or holding control characters. */
    private String field() {
        return switch (random.nextInt(10)) {
            case 0 -> text(1_001 + random.nextInt(5_000));
            case 1 -> text(5) + (char) random.nextInt(0x20) + text(5);
            case 2 -> "\u202Eevil\u202C " + text(10);
            case 3 -> "<img src=x onerror=alert(1)>" + text(5);
            default -> text(1 + random.nextInt(80));
        };
    }

    private String link() {
        String base = SCHEMES[random.nextInt(SCHEMES.length)];
        return random.nextInt(15) == 0 ? base + "u".repeat(3_000) : base + random.nextInt(1000);
    }

    private String date() {
        return switch (random.nextInt(12)) {
            case 0 -> "20230-01-01";
            case 1 -> "1900-02-30";
            case 2 -> "0001-01-01";
            default ->
                String.format(
                        "%d-%02d-%02d", 2016 + random.nextInt(10), 1 + random.nextInt(12), 1 + random.nextInt(28));
        };
    }

    private String query() {
        String[] bits = {
            "rust",
            "カーネル",
            "\"",
            "(",
            ")",
            "*",
            "\\",
            "-",
            "+",
            "~",
            "AND",
            "OR",
            "NOT",
            "\u0000",
            "\r\n",
            "𝓤𝓷𝓲",
            "\uD800",
            "%",
            "_",
            "'",
            ";--",
            "<script>",
            "  "
        };
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            s.append(bits[random.nextInt(bits.length)]);
            if (random.nextBoolean()) {
                s.append(' ');
            }
        }
        return random.nextInt(12) == 0 ? s + "x".repeat(6_000) : s.toString();
    }

    private String value() {
        return switch (random.nextInt(9)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> "-" + random.nextInt(100);
            case 2 -> "2024-13-45";
            case 3 -> "9".repeat(40);
            case 4 -> text(300);
            case 5 -> "";
            case 6 -> "\u0000";
            case 7 -> Integer.toString(random.nextInt(3000));
            default -> text(1 + random.nextInt(20));
        };
    }

    /** Text from several scripts, with the odd symbol. */
    private String text(int length) {
        String alphabet = "abcxyz ABC 0189 あいうカタカナ漢字 한글 Ωλ ü é —…「」#*_[]()<>&;:/\\\"'`~";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String printable(String s) {
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 60 ? p.substring(0, 60) + "…" : p;
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
