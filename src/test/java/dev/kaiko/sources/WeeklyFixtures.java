package dev.kaiko.sources;

import java.util.ArrayList;
import java.util.List;

/**
 * Small made-up weeklies (Japanese and English) for the sources tests: an Atom feed with RFC 5005 archive pages, and
 * a Hatena-Blog-like site whose archive is paginated. Every topic names a made-up product, so a search for it finds
 * exactly that topic.
 */
final class WeeklyFixtures {

    private WeeklyFixtures() {}

    record Topic(String title, String body) {
        /** The made-up product name the topic is about: its first word. */
        String word() {
            return title.split(" ")[0];
        }
    }

    record Issue(int number, String date, List<Topic> topics) {
        String title(String series) {
            return series + " #" + number + " (" + date + ")";
        }
    }

    static final String FEED_SERIES = "Kaiko Sources Weekly";
    static final String SITE_SERIES = "Kaiko Site Weekly";

    static final List<Issue> FEED_ISSUES = List.of(
            new Issue(
                    1,
                    "2024-01-05",
                    List.of(
                            new Topic(
                                    "Hanabira DB 2.0 がリリース", "Hanabira DB 2.0 が出ました。ベクトル検索に対応し、replication も速くなりました。"),
                            new Topic(
                                    "Orchidmesh でサイドカーなしのサービスメッシュ",
                                    "Orchidmesh uses eBPF to give mTLS without sidecars. 導入手順を紹介しました。"))),
            new Issue(
                    2,
                    "2024-01-12",
                    List.of(
                            new Topic(
                                    "Kumoletter で週報を自動生成",
                                    "Kumoletter はチャットの発言から週報の下書きを作ります。A small LLM runs locally."),
                            new Topic(
                                    "Sakuraproxy の HTTP/3 対応",
                                    "Sakuraproxy 3.1 adds HTTP/3 and QUIC. ベンチマークでは遅延が 2 割減りました。"))),
            new Issue(
                    3,
                    "2024-01-19",
                    List.of(
                            new Topic(
                                    "Yuzulint 0.9 の新ルール",
                                    "Yuzulint 0.9 は未使用の import を自動で削除します。New rules for async code."),
                            new Topic(
                                    "Momijiqueue を本番投入した話",
                                    "Momijiqueue をジョブキューとして本番に入れました。Retries and dead letters work well."))),
            new Issue(
                    4,
                    "2024-01-26",
                    List.of(
                            new Topic(
                                    "Tanukicache のベンチマーク",
                                    "Tanukicache を Redis と比べました。読み込みが 3 倍速く、memory usage is lower."),
                            new Topic("Kitsunebuild でビルド高速化", "Kitsunebuild のリモートキャッシュでビルド時間が半分になりました。"))),
            new Issue(
                    5,
                    "2024-02-02",
                    List.of(
                            new Topic(
                                    "Ayameview コンポーネント集",
                                    "Ayameview is a set of accessible UI components. 日本語の組版にも配慮しています。"),
                            new Topic("Fujitrace で分散トレーシング", "Fujitrace で OpenTelemetry のトレースを可視化しました。"))),
            new Issue(
                    6,
                    "2024-02-09",
                    List.of(
                            new Topic("Nagisa CLI の設計", "Nagisa CLI のサブコマンド設計を見直しました。Flags follow POSIX conventions."),
                            new Topic("Hotarujs の SSR 入門", "Hotarujs で server-side rendering を試しました。ハイドレーションが速いです。"))));

    static final List<Issue> SITE_ISSUES = List.of(
            new Issue(
                    1,
                    "2024-03-01",
                    List.of(
                            new Topic("Kamomefs の分散ファイルシステム", "Kamomefs はオブジェクトストレージの上に POSIX ファイルシステムを作ります。"),
                            new Topic(
                                    "Tsubamerpc で gRPC 互換",
                                    "Tsubamerpc speaks the gRPC wire format over plain HTTP/1.1."))),
            new Issue(
                    2,
                    "2024-03-08",
                    List.of(
                            new Topic("Hibarisql のクエリ最適化", "Hibarisql の実行計画を読んでインデックスを追加しました。"),
                            new Topic("Sazanamiui デザインシステム", "Sazanamiui is our design system; トークンで色と余白を管理します。"))),
            new Issue(
                    3,
                    "2024-03-15",
                    List.of(
                            new Topic("Kujakuauth で OIDC 連携", "Kujakuauth で社内の OIDC プロバイダと連携しました。"),
                            new Topic("Uguisulog の構造化ログ", "Uguisulog writes structured JSON logs. ログ検索が楽になりました。"))),
            new Issue(
                    4,
                    "2024-03-22",
                    List.of(
                            new Topic("Medakaops の GitOps 運用", "Medakaops で GitOps のデプロイを自動化しました。"),
                            new Topic(
                                    "Shirasagi テスト基盤",
                                    "Shirasagi runs browser tests in parallel. 実行時間が 40% 短くなりました。"))),
            new Issue(
                    5,
                    "2024-03-29",
                    List.of(
                            new Topic("Koinoboriapi の REST 設計", "Koinoboriapi のエンドポイント命名規則を決めました。"),
                            new Topic(
                                    "Tonbocache のキャッシュ戦略",
                                    "Tonbocache uses stale-while-revalidate. キャッシュ無効化の話もしました。"))));

    static String topicsHtml(Issue issue) {
        StringBuilder html = new StringBuilder("<p>今週のトピックです。This week's topics.</p>\n");
        for (Topic t : issue.topics()) {
            html.append("<h3>")
                    .append(t.title())
                    .append("</h3>\n<p>")
                    .append(t.body())
                    .append("</p>\n");
        }
        return html.toString();
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** An Atom entry with the topics in its content, or (summaryOnly) only a summary and a link to the article. */
    static String atomEntry(String base, Issue issue, boolean summaryOnly) {
        String link = base + articlePath(issue);
        String body = summaryOnly
                ? "<summary type=\"html\">" + xml("<p>今週は " + issue.topics().size() + " 件のトピックを紹介しました。</p>")
                        + "</summary>"
                : "<content type=\"html\">" + xml(topicsHtml(issue)) + "</content>";
        return """
                  <entry>
                    <title>%s</title>
                    <id>tag:kaiko.test,2024:weekly-%d</id>
                    <link rel="alternate" type="text/html" href="%s"/>
                    <published>%sT09:00:00+09:00</published>
                    <updated>%sT09:00:00+09:00</updated>
                    %s
                  </entry>
                """.formatted(xml(issue.title(FEED_SERIES)), issue.number(), link, issue.date(), issue.date(), body);
    }

    static String articlePath(Issue issue) {
        return "/entry/" + issue.date().replace('-', '/') + "/weekly-" + issue.number();
    }

    /** A feed document: entries newest first, and its RFC 5005 links (null: none). */
    static String atomFeed(String base, List<String> entries, String prevArchive, String nextArchive, boolean archive) {
        StringBuilder feed = new StringBuilder("""
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:fh="http://purl.org/syndication/history/1.0">
                  <title>Kaiko Sources Weekly</title>
                  <id>tag:kaiko.test,2024:feed</id>
                  <updated>2024-02-09T09:00:00+09:00</updated>
                  <link rel="current" href="/feed.xml"/>
                """);
        if (archive) {
            feed.append("  <fh:archive/>\n");
        }
        if (prevArchive != null) {
            feed.append("  <link rel=\"prev-archive\" href=\"")
                    .append(prevArchive)
                    .append("\"/>\n");
        }
        if (nextArchive != null) {
            feed.append("  <link rel=\"next-archive\" href=\"")
                    .append(nextArchive)
                    .append("\"/>\n");
        }
        entries.forEach(feed::append);
        return feed.append("</feed>\n").toString();
    }

    /** A blog post page as Hatena Blog renders it (header, entry, footer, sidebar with links to other posts). */
    static String articlePage(String base, String path, String title, String date, String contentHtml) {
        return """
                <!DOCTYPE html>
                <html lang="ja"><head><meta charset="utf-8">
                <title>%1$s - Kaiko Dev Blog</title>
                <link rel="canonical" href="%2$s%3$s">
                <meta property="og:site_name" content="Kaiko Dev Blog">
                </head><body>
                <header id="blog-title"><a href="/blog/">Kaiko Dev Blog</a> <a href="/blog/about">About</a></header>
                <div id="main"><article class="entry">
                  <header class="entry-header"><time datetime="%4$s">%4$s</time>
                    <h1 class="entry-title"><a class="entry-title-link" href="%3$s">%1$s</a></h1></header>
                  <div class="entry-content">%5$s</div>
                  <footer class="entry-footer"><a href="/blog/archive/category/weekly">weekly</a></footer>
                </article></div>
                <aside id="box2"><div class="hatena-module"><a href="/blog/archive">記事一覧</a></div></aside>
                </body></html>
                """.formatted(title, base, path, date, contentHtml);
    }

    static String sitePath(Issue issue) {
        return "/blog/entry/" + issue.date().replace('-', '/') + "/weekly-" + issue.number();
    }

    static final String ORDINARY_POST = "/blog/entry/2024/03/20/office-move";

    /**
     * The archive pages of the site: page 1 links to page 2 with rel=next, page 2 to page 3 only by its text
     * ("次のページ"), page 3 is the oldest. Navigation, categories and the sidebar link elsewhere.
     */
    static List<String> archivePages() {
        List<List<String[]>> pages = List.of(
                List.of(entryLink(SITE_ISSUES.get(4)), entryLink(SITE_ISSUES.get(3))),
                List.of(
                        new String[] {ORDINARY_POST, "オフィス移転のお知らせ"},
                        entryLink(SITE_ISSUES.get(2)),
                        entryLink(SITE_ISSUES.get(1))),
                List.<String[]>of(entryLink(SITE_ISSUES.get(0))));
        List<String> html = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            StringBuilder entries = new StringBuilder();
            for (String[] e : pages.get(i)) {
                entries.append("""
                        <section class="archive-entry">
                          <div class="archive-entry-header"><h1 class="entry-title">
                            <a class="entry-title-link" href="%s">%s</a></h1></div>
                          <div class="archive-entry-body"><a href="/blog/archive/category/weekly">weekly</a></div>
                        </section>
                        """.formatted(e[0], e[1]));
            }
            String pager = i == 0
                    ? "<span class=\"pager-next\"><a href=\"/blog/archive?page=2\" rel=\"next\">次のページ</a></span>"
                    : i == 1
                            ? "<p><a href=\"/blog/archive?page=1\">前のページ</a> <a href=\"/blog/archive?page=3\">次のページ</a></p>"
                            : "<p><a href=\"/blog/archive?page=2\">前のページ</a></p>";
            html.add("""
                    <!DOCTYPE html>
                    <html lang="ja"><head><meta charset="utf-8"><title>記事一覧 - Kaiko Dev Blog</title></head><body>
                    <header id="blog-title"><a href="/blog/">Kaiko Dev Blog</a>
                      <nav><a href="/blog/about">About</a> <a href="/blog/archive/category/weekly">weekly</a></nav></header>
                    <div id="main"><div class="archive-entries">%s</div>
                    <div class="pager">%s</div></div>
                    <aside id="box2"><a href="/blog/about">このブログについて</a></aside>
                    </body></html>
                    """.formatted(entries, pager));
        }
        return html;
    }

    private static String[] entryLink(Issue issue) {
        return new String[] {sitePath(issue), issue.title(SITE_SERIES)};
    }

    static String ordinaryPostPage(String base) {
        return articlePage(
                base,
                ORDINARY_POST,
                "オフィス移転のお知らせ",
                "2024-03-20",
                "<p>来月から新しいオフィスに移ります。We are moving to a new office next month.</p>");
    }
}
