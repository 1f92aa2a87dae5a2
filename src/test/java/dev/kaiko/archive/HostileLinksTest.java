package dev.kaiko.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only absolute http(s) addresses are kept, by every reader of {@link ArchiveFormats#standard()}: a topic's url, its
 * links and an issue's url. Each reader gets a file with hostile addresses next to a good one.
 */
class HostileLinksTest {

    /** Addresses that must never be stored or shown as links. */
    static final List<String> HOSTILE = List.of(
            "javascript:alert(4)",
            "JaVaScRiPt:alert(4)",
            " javascript:alert(4)",
            "java\tscript:alert(4)",
            "java\nscript:alert(4)",
            "&#106;avascript:alert(4)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==",
            "vbscript:msgbox(4)",
            "//evil.example/x",
            "/relative/path",
            "mailto:someone@example.org",
            "https:///no-host",
            "http:\\\\evil.example",
            "https://\\evil.example",
            "http://",
            "http://\u0000evil.example",
            "https://ex ample.org/");

    private static final String GOOD = "https://good.example/post";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:alert(4)",
                "JaVaScRiPt:alert(4)",
                " javascript:alert(4)",
                "\u0001javascript:alert(4)",
                "java\tscript:alert(4)",
                "&#106;avascript:alert(4)",
                "data:text/html,x",
                "vbscript:x",
                "//evil.example/x",
                "mailto:a@b.c",
                "https:///x",
                "http://@/x",
                "http://:80/x",
                "http://a\u200b.example/"
            })
    void theRuleRefusesWhatIsNotAnAbsoluteHttpUrl(String url) {
        assertThat(WebLinks.httpUrl(url)).isNull();
    }

    @Test
    void theRuleKeepsHttpAndHttpsWithAHost() {
        assertThat(WebLinks.httpUrl(" https://kubernetes.io/docs/ ")).isEqualTo("https://kubernetes.io/docs/");
        assertThat(WebLinks.httpUrl("HTTP://Example.org")).isEqualTo("HTTP://Example.org");
        assertThat(WebLinks.httpUrl("https://ja.wikipedia.org/wiki/日本語"))
                .isEqualTo("https://ja.wikipedia.org/wiki/日本語");
        assertThat(WebLinks.httpUrl("https://user@example.org:8443/a?b=c#d"))
                .isEqualTo("https://user@example.org:8443/a?b=c#d");
        assertThat(WebLinks.httpUrls(List.of("javascript:x", GOOD, " " + GOOD))).containsExactly(GOOD);
    }

    private static void assertOnlyHttp(List<ParsedIssue> issues) {
        assertThat(issues).isNotEmpty();
        List<String> all = new ArrayList<>();
        for (ParsedIssue issue : issues) {
            if (issue.url() != null) {
                all.add(issue.url());
            }
            for (ParsedTopic t : issue.topics()) {
                if (t.url() != null) {
                    all.add(t.url());
                }
                all.addAll(t.links());
            }
        }
        assertThat(all).allSatisfy(u -> assertThat(u).startsWith("http").isEqualTo(WebLinks.httpUrl(u)));
        // (a NUL in a host may come out of an HTML parser as U+FFFD: an odd but plain http address)
        assertThat(String.join(" ", all).toLowerCase())
                .doesNotContain("script")
                .doesNotContain("data:")
                .doesNotContain("//evil.example/x");
    }

    private static List<String> allLinks(List<ParsedIssue> issues) {
        return issues.stream()
                .flatMap(i -> i.topics().stream())
                .flatMap(t -> t.links().stream())
                .toList();
    }

    @Test
    void markdown() throws Exception {
        StringBuilder md =
                new StringBuilder("---\ntitle: Kaiko Weekly #9\ndate: 2024-03-01\nurl: \"javascript:alert(1)\"\n---\n"
                        + "## Topics\n\n### Click me\n\n[click](javascript:alert(4))\n\n");
        int n = 0;
        for (String url : HOSTILE) {
            if (url.contains("\n") || url.contains(" ") || url.contains("\u0000")) {
                continue; // not a Markdown link destination at all
            }
            md.append("### Topic ")
                    .append(++n)
                    .append("\n\n[hostile](<")
                    .append(url)
                    .append(">) and [good](")
                    .append(GOOD)
                    .append(")\n\n");
        }
        md.append("## Links\n\n* [bullet](javascript:alert(4)) text\n* [ok](")
                .append(GOOD)
                .append(")\n");
        List<ParsedIssue> issues = new MarkdownIssueReader().read("kaiko-weekly-9.md", md.toString());
        assertOnlyHttp(issues);
        ParsedIssue issue = issues.get(0);
        assertThat(issue.url()).isNull();
        ParsedTopic click = issue.topics().stream()
                .filter(t -> t.title().equals("Click me"))
                .findFirst()
                .orElseThrow();
        assertThat(click.url()).isNull();
        assertThat(click.links()).isEmpty();
        // a heading topic's main link is its first http(s) one
        assertThat(issue.topics().stream().filter(t -> t.title().startsWith("Topic ")))
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.url()).isEqualTo(GOOD));
        assertThat(allLinks(issues)).contains(GOOD);
    }

    @Test
    void plainText() throws Exception {
        String text = "Kaiko Weekly (2024-03-01号)\n第9回です。\nトピック\nリンクの話\n"
                + "javascript:alert(4) を踏まないこと。 data:text/html,x も https:///no-host もだめ。 詳細は " + GOOD + " を参照。\n";
        List<ParsedIssue> issues = new PlainTextIssueReader().read("kaiko-weekly.txt", text);
        assertOnlyHttp(issues);
        assertThat(issues.get(0).topics().get(0).url()).isEqualTo(GOOD);
    }

    private static String htmlBody() {
        StringBuilder html = new StringBuilder(
                "<h2>Topics</h2><h3><a href=\"javascript:alert(4)\">Hostile heading</a></h3>" + "<p>text</p>");
        int n = 0;
        for (String url : HOSTILE) {
            html.append("<h3>Topic ")
                    .append(++n)
                    .append("</h3><p><a href=\"")
                    .append(url.replace("&", "&amp;").replace("\"", "&quot;"))
                    .append("\">hostile</a> <a href=\"")
                    .append(GOOD)
                    .append("\">good</a></p>");
        }
        html.append("<h3>Entity trick</h3><p><a href=\"&#106;avascript:alert(4)\">x</a>"
                + "<a href=\"jav&#x09;ascript:alert(4)\">y</a><a href=\"&#x20;javascript:alert(4)\">z</a></p>");
        return html.toString();
    }

    @Test
    void htmlPage() throws Exception {
        String page = "<html><head><title>Kaiko Weekly #9 (2024-03-01)</title>"
                + "<link rel=\"canonical\" href=\"javascript:alert(1)\"></head><body><article>" + htmlBody()
                + "</article></body></html>";
        List<ParsedIssue> issues = new HtmlPageReader().read("page.html", page);
        assertOnlyHttp(issues);
        assertThat(issues.get(0).url()).isNull();
        assertThat(allLinks(issues)).contains(GOOD);
    }

    @Test
    void htmlPageWithoutCanonicalDropsRelativeLinks() throws Exception {
        String page = "<html><head><title>Kaiko Weekly #9 (2024-03-01)</title></head><body><article>"
                + "<h2>Topics</h2><h3>Relative</h3><p><a href=\"/only/relative\">r</a></p></article></body></html>";
        List<ParsedIssue> issues = new HtmlPageReader().read("page.html", page);
        assertThat(issues.get(0).topics().get(0).links()).isEmpty();
        assertThat(issues.get(0).topics().get(0).url()).isNull();
    }

    @Test
    void rssFeed() throws Exception {
        String rss = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
                + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Kaiko Weekly</title>"
                + "<link>https://weekly.example.net/</link><item><title>Kaiko Weekly #9 (2024-03-01)</title>"
                + "<link>javascript:alert(1)</link><pubDate>Fri, 01 Mar 2024 09:00:00 +0900</pubDate>"
                + "<content:encoded><![CDATA[" + htmlBody() + "]]></content:encoded></item></channel></rss>";
        List<ParsedIssue> issues = new FeedReader().read("kaiko-weekly.rss", rss);
        assertOnlyHttp(issues);
        assertThat(issues.get(0).url()).isNull();
        assertThat(allLinks(issues)).contains(GOOD);
    }

    @Test
    void atomFeed() throws Exception {
        String atom = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                + "<title>Kaiko Weekly</title><entry><title>Kaiko Weekly #9 (2024-03-01)</title>"
                + "<link rel=\"alternate\" href=\"JaVaScRiPt:alert(1)\"/><updated>2024-03-01T09:00:00+09:00</updated>"
                + "<content type=\"html\"><![CDATA[" + htmlBody() + "]]></content></entry></feed>";
        List<ParsedIssue> issues = new FeedReader().read("kaiko-weekly.atom", atom);
        assertOnlyHttp(issues);
        assertThat(issues.get(0).url()).isNull();
        assertThat(allLinks(issues)).contains(GOOD);
    }

    @Test
    void jsonItems() throws Exception {
        StringBuilder json = new StringBuilder("{\"series\": \"Hostile Items\", \"list\": [");
        int n = 0;
        for (String url : HOSTILE) {
            if (n > 0) {
                json.append(',');
            }
            String quoted = url.replace("\\", "\\\\")
                    .replace("\"", "\\\"")
                    .replace("\t", "\\t")
                    .replace("\n", "\\n")
                    .replace("\u0000", "\\u0000");
            json.append("{\"date\": \"2024-03-01T10:00:00Z\", \"title\": \"Item ")
                    .append(++n)
                    .append("\", \"url\": \"")
                    .append(quoted)
                    .append("\", \"relatedLinks\": [{\"title\": \"x\", \"url\": \"")
                    .append(quoted)
                    .append("\"}, \"")
                    .append(GOOD)
                    .append("\"]}");
        }
        json.append("]}");
        List<ParsedIssue> issues = new JsonItemFeedReader().read("items.json", json.toString());
        assertOnlyHttp(issues);
        assertThat(issues.get(0).topics()).allSatisfy(t -> {
            assertThat(t.url()).isNull();
            assertThat(t.links()).containsExactly(GOOD);
        });
    }

    @Test
    void kaikoExport() throws Exception {
        KaikoExport.Topic hostile = new KaikoExport.Topic(
                "t-1",
                "Hostile",
                "",
                null,
                null,
                "javascript:alert(4)",
                List.of("javascript:alert(4)", "data:text/html,x", GOOD, "//evil.example"),
                null,
                List.of(),
                List.of(new KaikoExport.Tag("Kubernetes", "manual")),
                new KaikoExport.Pick(1, "note"),
                null,
                null);
        KaikoExport.Document document = new KaikoExport.Document(
                1,
                Instant.parse("2025-01-31T12:00:00Z"),
                List.of(new KaikoExport.Issue(
                        "Kaiko Weekly",
                        9,
                        "Kaiko Weekly #9",
                        LocalDate.of(2024, 3, 1),
                        "vbscript:x",
                        "kaiko-weekly-9.md",
                        List.of(hostile))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KaikoExport.write(document, out);
        String text = out.toString(StandardCharsets.UTF_8);

        KaikoExportReader reader = new KaikoExportReader();
        assertOnlyHttp(reader.read("backup.json", text));
        // the document the importer stores from (tags, picks) is cleaned too, and keeps the rest
        KaikoExport.Issue issue =
                reader.readDocument("backup.json", text).issues().get(0);
        assertThat(issue.url()).isNull();
        assertThat(issue.topics().get(0).url()).isNull();
        assertThat(issue.topics().get(0).links()).containsExactly(GOOD);
        assertThat(issue.topics().get(0).key()).isEqualTo("t-1");
        assertThat(issue.topics().get(0).pick()).isEqualTo(new KaikoExport.Pick(1, "note"));
        assertThat(issue.topics().get(0).tags()).containsExactly(new KaikoExport.Tag("Kubernetes", "manual"));
    }

    @Test
    void theStandardRegistryReadsEveryFormatThroughTheRule() {
        String md = "# Kaiko Weekly #9 (2024-03-01)\n\n## Topics\n\n### Click\n\n[click](javascript:alert(4))\n";
        ArchiveFormats.ReadFile file = ArchiveFormats.standard()
                .read("kaiko-weekly-9.md", md.getBytes(StandardCharsets.UTF_8), null)
                .get(0);
        assertThat(file.error()).isNull();
        assertThat(file.issues().get(0).topics().get(0).url()).isNull();
        assertThat(file.issues().get(0).topics().get(0).links()).isEmpty();
    }
}
