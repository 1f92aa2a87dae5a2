package dev.kaiko.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class HtmlAndFeedReaderTest {

    private final HtmlPageReader html = new HtmlPageReader();
    private final FeedReader feed = new FeedReader();

    private static List<String> titles(ParsedIssue issue) {
        return issue.topics().stream().map(ParsedTopic::title).toList();
    }

    @Test
    void hatenaPageSplitsSectionsAndTopicsWithoutFurniture() throws Exception {
        String name = "hatena-kaiko-weekly-2024-06-14.html";
        ParsedIssue issue = html.read(name, Corpora.fixture(name)).get(0);

        assertEquals("Kaiko Weekly (2024-06-14号)", issue.title());
        assertEquals("Kaiko Weekly", issue.series());
        assertEquals(23, issue.number());
        assertEquals(LocalDate.of(2024, 6, 14), issue.date());
        assertEquals("https://platform-team.example.jp/entry/2024/06/14/kaiko-weekly", issue.url());
        assertEquals(
                List.of(
                        "Cilium 1.16 のリリース",
                        "OpenTelemetry Collector の Processor を自作する",
                        "Web UI の XSS 検証メモ",
                        "Terraform と OpenTofu の互換性",
                        "PostgreSQL 17 Beta 1"),
                titles(issue));
        assertEquals(
                List.of("今週のトピック", "今週のトピック", "今週のトピック", "Notable Articles", "Notable Articles"),
                issue.topics().stream().map(ParsedTopic::section).toList());
        assertEquals(
                List.of("yamada", "suzuki", "tanaka"),
                issue.topics().subList(0, 3).stream()
                        .map(ParsedTopic::presenter)
                        .toList());
        assertNull(issue.topics().get(3).presenter());

        ParsedTopic cilium = issue.topics().get(0);
        assertEquals("https://cilium.io/blog/2024/06/cilium-1-16", cilium.url(), "the heading's link is the main link");
        assertEquals(
                List.of(
                        "https://cilium.io/blog/2024/06/cilium-1-16",
                        "https://docs.cilium.io/en/stable/operations/upgrade/"),
                cilium.links());
        assertEquals("Cilium 1.16 で Netkit デバイスのサポートが入りました。\nPod 間通信のオーバーヘッドがさらに減るそうです。\nUpgrade Guide", cilium.body());
        assertFalse(cilium.bodyHtml().contains("紹介者"), "the presenter marker is not part of the body");

        String all = issue.topics().toString();
        for (String furniture :
                List.of("記事一覧", "最新記事", "プロフィール", "参考になりました", "コメントを書く", "来週もお楽しみに", "Powered by", "はてなブックマーク")) {
            assertFalse(all.contains(furniture), furniture);
        }
    }

    @Test
    void scriptTextStaysTextAndBodyHtmlIsUnsanitised() throws Exception {
        String name = "hatena-kaiko-weekly-2024-06-14.html";
        ParsedTopic xss = html.read(name, Corpora.fixture(name)).get(0).topics().get(2);
        assertTrue(xss.body().contains("<script>alert(1)</script>"), xss.body());
        assertTrue(xss.bodyHtml().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), xss.bodyHtml());
        assertTrue(
                xss.bodyHtml().contains("onerror=\"alert(1)\""), "sanitising is the display's job: " + xss.bodyHtml());
    }

    @Test
    void wordpressPageWithOnlyH2HasTopicsWithoutSectionAndNoComments() throws Exception {
        String name = "wordpress-kaiko-weekly-2025-02-07.html";
        ParsedIssue issue = html.read(name, Corpora.fixture(name)).get(0);
        assertEquals("Kaiko Weekly #58", issue.title());
        assertEquals("Kaiko Weekly", issue.series());
        assertEquals(58, issue.number());
        assertEquals(LocalDate.of(2025, 2, 7), issue.date());
        assertEquals(
                List.of("Go 1.24 の Swiss Table map", "Argo CD の ApplicationSet を整理した話", "Rust 2024 Edition"),
                titles(issue));
        issue.topics().forEach(t -> assertNull(t.section()));
        assertEquals(
                java.util.Arrays.asList("kobayashi", "ito", null),
                issue.topics().stream().map(ParsedTopic::presenter).toList());
        ParsedTopic argo = issue.topics().get(1);
        assertEquals(
                List.of("https://infra.example.com/2025/01/31/kaiko-weekly-57/"),
                argo.links(),
                "resolved against the canonical address");
        assertTrue(argo.body().contains("(Kaiko Weekly") || argo.body().contains("前回の Kaiko Weekly"));
        ParsedTopic rust = issue.topics().get(2);
        assertFalse(rust.body().contains("tracking"), "script contents are not words: " + rust.body());
        String all = issue.topics().toString();
        for (String furniture : List.of("フィードバック", "わかりやすかった", "コメントを残す", "最近の投稿", "アーカイブ", "お問い合わせ", "前の投稿", "投稿者")) {
            assertFalse(all.contains(furniture), furniture);
        }
    }

    @Test
    void pageWithoutKnownContainerUsesTheLargestTextBlock() throws Exception {
        String page = """
                <html><head><title>Weekly 2024年5月3日</title></head><body>
                <div class="menu"><h2>Menu</h2><p>Home</p></div>
                <div class="post"><p>intro</p><h2>Kubernetes 1.30</h2><p>Kubernetes 1.30 がリリースされました。長い本文です。</p>
                <h2>Rust 1.78</h2><p>Rust 1.78 のリリースです。こちらも長めの本文があります。</p></div>
                </body></html>""";
        ParsedIssue issue = html.read("page.html", page).get(0);
        assertEquals(LocalDate.of(2024, 5, 3), issue.date());
        assertEquals(List.of("Kubernetes 1.30", "Rust 1.78"), titles(issue));
    }

    @Test
    void pageWithoutHeadingsIsAnError() {
        ArchiveFormatException e = assertThrows(
                ArchiveFormatException.class,
                () -> html.read(
                        "flat.html",
                        "<html><body><article><time datetime=\"2024-01-01\"></time><p>only text</p></article></body></html>"));
        assertEquals("flat.html", e.file());
        assertTrue(e.getMessage().contains("no topics"), e.getMessage());
    }

    @Test
    void rssItemsAreIssuesSplitLikePages() throws Exception {
        List<ParsedIssue> issues = feed.read("kaiko-weekly.rss", Corpora.fixture("kaiko-weekly.rss"));
        assertEquals(2, issues.size(), "the announcement without topics is skipped");
        ParsedIssue first = issues.get(0);
        assertEquals("Kaiko Weekly", first.series());
        assertEquals(31, first.number());
        assertEquals(LocalDate.of(2024, 8, 9), first.date());
        assertEquals("https://weekly.example.net/2024/08/09/", first.url());
        assertEquals(
                List.of("Kubernetes 1.31 の AppArmor サポート GA", "kubectl debug のプロファイル", "bpftrace 0.21"), titles(first));
        assertEquals(
                List.of("Kubernetes", "Kubernetes", "eBPF"),
                first.topics().stream().map(ParsedTopic::section).toList());
        assertEquals(
                List.of("sato", "kato"),
                first.topics().stream()
                        .map(ParsedTopic::presenter)
                        .filter(p -> p != null)
                        .toList());
        ParsedIssue second = issues.get(1);
        assertEquals(32, second.number());
        assertEquals(
                List.of("Terraform の moved ブロック", "Go の range over func"), titles(second), "escaped HTML description");
        assertEquals("sato", second.topics().get(0).presenter());
    }

    @Test
    void atomEntriesAreIssuesWithHtmlAndXhtmlContent() throws Exception {
        List<ParsedIssue> issues = feed.read("kaiko-weekly.atom", Corpora.fixture("kaiko-weekly.atom"));
        assertEquals(2, issues.size());
        ParsedIssue first = issues.get(0);
        assertEquals(85, first.number());
        assertEquals(LocalDate.of(2025, 3, 14), first.date(), "published, not updated");
        assertEquals("https://weekly.example.net/2025/03/14/", first.url());
        assertEquals(
                List.of("PostgreSQL 17 の incremental backup を試す", "Grafana Beyla で eBPF 計装"),
                titles(first),
                "おわりに ends the topics");
        assertEquals(
                List.of("mori", "hayashi"),
                first.topics().stream().map(ParsedTopic::presenter).toList());
        ParsedIssue second = issues.get(1);
        assertEquals(LocalDate.of(2025, 3, 21), second.date(), "updated when there is no published");
        assertEquals(List.of("Rust の async closures"), titles(second));
        assertEquals(
                "Rust 1.85 で async closure が安定化されました。", second.topics().get(0).body());
    }

    @Test
    void detectionTellsPagesAndFeedsApart() throws Exception {
        ArchiveFormats formats = ArchiveFormats.standard();
        assertEquals(
                "feed",
                formats.detect("feed.xml", Corpora.fixture("kaiko-weekly.rss")).format());
        assertEquals(
                "feed",
                formats.detect("upload", Corpora.fixture("kaiko-weekly.atom")).format());
        assertEquals(
                "html",
                formats.detect("upload", Corpora.fixture("wordpress-kaiko-weekly-2025-02-07.html"))
                        .format());
    }
}
