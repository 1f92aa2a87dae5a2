package dev.kaiko.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class PlainTextIssueReaderTest {

    private static final String SEED = "neco-weekly-2023-12-22.txt";
    private final PlainTextIssueReader reader = new PlainTextIssueReader();

    @Test
    void readsTheSeedIssue() throws Exception {
        List<ParsedIssue> issues = reader.read(SEED, Corpora.text(SEED));

        assertEquals(1, issues.size());
        ParsedIssue issue = issues.get(0);
        assertEquals("Neco Weekly", issue.series());
        assertEquals(47, issue.number());
        assertEquals(LocalDate.of(2023, 12, 22), issue.date());
        assertEquals(
                List.of(
                        "大規模Kubernetesクラスタにおけるコンテナレジストリの高速化",
                        "CiliumにおけるGeneveプロトコルを用いたDSRの実装と導入",
                        "Kubernetes 1.28でFeatureGateになったSidecar containersをJobで試す",
                        "CVSSとその限界",
                        "A fail-in-place approach for sustainable server operations",
                        "入門 eBPF",
                        "BPF Programmable Netdevice",
                        "HashiCorp Vaultもフォークへ、「OpenBao」がLinux Foundation傘下で進行中",
                        "eBPFを使ったOpenTelemetryのGo自動計装ライブラリを調べる"),
                issue.topics().stream().map(ParsedTopic::title).toList());
        assertEquals(
                List.of(
                        "今年紹介したトピックの振り返り",
                        "今年紹介したトピックの振り返り",
                        "今年紹介したトピックの振り返り",
                        "今年紹介したトピックの振り返り",
                        "今年紹介したトピックの振り返り",
                        "👀 Notable Articles",
                        "👀 Notable Articles",
                        "👀 Notable Articles",
                        "👀 Notable Articles"),
                issue.topics().stream().map(ParsedTopic::section).toList());
    }

    @Test
    void keepsBodiesBackReferencesAndSubtitlesButNotAfterword() throws Exception {
        ParsedIssue issue = reader.read(SEED, Corpora.text(SEED)).get(0);
        ParsedTopic registry = issue.topics().get(0);
        assertTrue(registry.body().startsWith("3月のNeco Weeklyで"), registry.body());
        assertTrue(registry.body().endsWith("(Neco Weekly 2023-03-17号、Neco Weekly 2023-09-22号)"), registry.body());
        assertNull(registry.bodyHtml());
        assertNull(registry.presenter());

        ParsedTopic netdevice = issue.topics().get(6);
        assertTrue(netdevice.body().startsWith("BPF Programmable Netdevice (LPC 2023)\n"), netdevice.body());

        ParsedTopic last = issue.topics().get(8);
        assertFalse(last.body().contains("年内最後"), "the afterword is not part of the last topic");
        assertFalse(last.body().contains("Discussion"));
        issue.topics().forEach(t -> assertFalse(t.body().isBlank(), t.title()));
    }

    @Test
    void presenterMarkersSetThePresenterAndLeaveTheBody() throws Exception {
        String text = """
                Team Weekly #3 (2024-05-10)
                はじめに
                今週のトピック
                Argo CD 3.0
                紹介者: akira
                Argo CD の新しいメジャーバージョンが出ました。
                Rust 1.80
                新しい Rust がリリースされました。
                (presented by @mika)
                Go 1.23
                Presenter: Ken Tanaka
                Go のリリースです。https://go.dev/blog/go1.23 を参照。
                """;
        ParsedIssue issue = reader.read("team.txt", text).get(0);
        assertEquals("Team Weekly", issue.series());
        assertEquals(3, issue.number());
        assertEquals(LocalDate.of(2024, 5, 10), issue.date());
        assertEquals(
                List.of("akira", "mika", "Ken Tanaka"),
                issue.topics().stream().map(ParsedTopic::presenter).toList());
        assertEquals("Argo CD の新しいメジャーバージョンが出ました。", issue.topics().get(0).body());
        assertEquals("新しい Rust がリリースされました。", issue.topics().get(1).body());
        assertEquals("https://go.dev/blog/go1.23", issue.topics().get(2).url());
        assertEquals("今週のトピック", issue.topics().get(0).section());
    }

    @Test
    void emptyFileIsALocatedError() {
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> reader.read("empty.txt", "  \n\n"));
        assertEquals("empty.txt", e.file());
        assertEquals(1, e.line());
    }

    @Test
    void fileWithoutSectionsIsALocatedError() {
        ArchiveFormatException e = assertThrows(
                ArchiveFormatException.class, () -> reader.read("prose.txt", "タイトル 2024-01-01\n\n本文です。\nもう一文です。\n"));
        assertEquals("prose.txt", e.file());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("no section heading"), e.getMessage());
    }
}
