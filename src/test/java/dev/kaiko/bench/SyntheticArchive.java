package dev.kaiko.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import dev.kaiko.tagging.Taxonomy;
import dev.kaiko.tagging.Technology;

/**
 * A synthetic archive for benchmarks: weekly issues of ~50 topics from 2010 on, titles of 15–70 characters and
 * bodies of 1–6 sentences mixing Japanese prose with English product names (as the real archives do), 1–4
 * technology tags per topic drawn Zipf-like from the taxonomy (a few very common, a long tail). Deterministic
 * for a seed. Written straight into the tables with JDBC batches; the index is then built by mass indexing.
 */
final class SyntheticArchive {

    static final int TOPICS_PER_ISSUE = 50;

    private static final String[] JA_NOUNS = {
        "コンテナ", "セキュリティ", "パフォーマンス", "データベース", "ブラウザ", "ネットワーク", "監視", "移行", "設計", "運用", "自動化", "障害", "分散システム", "認証",
        "キャッシュ", "テスト", "リリース", "アップデート", "脆弱性", "ライブラリ", "フレームワーク", "クラスタ", "ストレージ", "開発体験", "型システム", "非同期処理", "メモリ管理",
        "ビルド", "デプロイ", "可観測性", "サイドカー", "入門", "ベンチマーク"
    };
    private static final String[] JA_VERBS = {
        "を試す", "を改善した話", "の紹介", "について調べる", "を導入した", "の仕組み", "を比較する", "の設計と実装", "のベストプラクティス", "を振り返る", "入門", "の最新動向"
    };
    private static final String[] JA_SENTENCES = {
        "{n}に関する記事です。",
        "{t}の{n}について詳しく解説されています。",
        "{t}を使って{n}を改善した事例が紹介されています。",
        "新しいバージョンでは{n}が大きく変わりました。",
        "{n}の課題と、その解決方法がまとめられています。",
        "実際に{t}を本番環境で運用した際の知見が共有されています。",
        "{t}と{t2}の違いを{n}の観点から比較しています。",
        "今後の{n}の方向性が議論されています。"
    };
    private static final String[] EN_WORDS = {
        "release",
        "performance",
        "security",
        "observability",
        "service mesh",
        "migration",
        "announcing",
        "deep dive",
        "benchmark",
        "introduction",
        "internals",
        "production",
        "lessons",
        "scaling",
        "debugging",
        "compiler",
        "runtime",
        "async",
        "memory",
        "design"
    };
    private static final String[] PRESENTERS = {
        "sat",
        "ymmt",
        "masa",
        "kfyharukz",
        "zoetro",
        "terassyi",
        "yamatcha",
        "morimoto",
        "cupnes",
        "tkna",
        "naoki",
        "hiro"
    };
    private static final String[] SECTIONS = {"Notable Articles", "Releases", "Talks", "今週のトピック"};

    private final Random random;
    private final List<String> technologies;
    private final double[] cumulative;

    SyntheticArchive(Taxonomy taxonomy, long seed) {
        this.random = new Random(seed);
        this.technologies =
                taxonomy.technologies().stream().map(Technology::name).toList();
        // Zipf, s = 1.1, in taxonomy order
        cumulative = new double[technologies.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += 1 / Math.pow(i + 1, 1.1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    private String technology() {
        double r = random.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < r) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return technologies.get(lo);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String title(List<String> tags) {
        String t = tags.get(0);
        return switch (random.nextInt(4)) {
            case 0 -> t + "の" + pick(JA_NOUNS) + pick(JA_VERBS);
            case 1 -> t + " " + (1 + random.nextInt(5)) + "." + random.nextInt(30) + " " + pick(EN_WORDS);
            case 2 -> pick(JA_NOUNS) + "と" + pick(JA_NOUNS) + ": " + t + pick(JA_VERBS);
            default -> capitalize(pick(EN_WORDS)) + " " + t + ": " + pick(EN_WORDS) + " and " + pick(EN_WORDS);
        };
    }

    private String body(List<String> tags) {
        StringBuilder b = new StringBuilder();
        int sentences = 1 + random.nextInt(6);
        for (int i = 0; i < sentences; i++) {
            String s = pick(JA_SENTENCES)
                    .replace("{n}", pick(JA_NOUNS))
                    .replace("{t2}", tags.get(random.nextInt(tags.size())))
                    .replace("{t}", tags.get(random.nextInt(tags.size())));
            if (random.nextInt(4) == 0) {
                s += " The " + pick(EN_WORDS) + " of " + tags.get(0) + " is covered in " + pick(EN_WORDS) + ".";
            }
            b.append(s);
        }
        return b.toString();
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Inserts {@code topics} topics (and their issues and tags); returns the number of issues. */
    int write(Connection c, int topics) throws SQLException {
        int issues = (topics + TOPICS_PER_ISSUE - 1) / TOPICS_PER_ISSUE;
        LocalDate first = LocalDate.of(2010, 1, 8);
        c.setAutoCommit(false);
        try (PreparedStatement issue = c.prepareStatement(
                        "insert into issue (issue_key, series, number, title, published,"
                                + " source_file, source_format) values (?, 'Synthetic Weekly', ?, ?, ?, 'synthetic', 'text')",
                        Statement.RETURN_GENERATED_KEYS);
                PreparedStatement topic = c.prepareStatement(
                        "insert into topic (issue_id, topic_key, position, title, body,"
                                + " section, url, presenter, source_file, content_hash) values (?, ?, ?, ?, ?, ?, ?, ?, 'synthetic', ?)",
                        Statement.RETURN_GENERATED_KEYS);
                PreparedStatement tag = c.prepareStatement(
                        "insert into topic_tag (topic_id, name, provenance) values (?, ?, 'auto')")) {
            int written = 0;
            for (int n = 1; n <= issues; n++) {
                LocalDate date = first.plusWeeks(n - 1);
                issue.setString(1, "synthetic-" + n);
                issue.setInt(2, n);
                issue.setString(3, "Synthetic Weekly #" + n);
                issue.setObject(4, date);
                issue.executeUpdate();
                long issueId;
                try (ResultSet keys = issue.getGeneratedKeys()) {
                    keys.next();
                    issueId = keys.getLong(1);
                }
                List<List<String>> tagsOf = new ArrayList<>();
                for (int p = 0; p < TOPICS_PER_ISSUE && written < topics; p++, written++) {
                    Set<String> tags = new LinkedHashSet<>();
                    int count = 1 + random.nextInt(4);
                    while (tags.size() < count) {
                        tags.add(technology());
                    }
                    List<String> list = List.copyOf(tags);
                    tagsOf.add(list);
                    topic.setLong(1, issueId);
                    topic.setString(2, "synthetic-" + n + "-" + p);
                    topic.setInt(3, p);
                    topic.setString(4, title(list));
                    topic.setString(5, body(list));
                    topic.setString(6, pick(SECTIONS));
                    topic.setString(7, "https://example.org/" + n + "/" + p);
                    topic.setString(8, pick(PRESENTERS));
                    topic.setString(9, "h" + n + "-" + p);
                    topic.addBatch();
                }
                topic.executeBatch();
                try (ResultSet keys = topic.getGeneratedKeys()) {
                    int i = 0;
                    while (keys.next()) {
                        for (String t : tagsOf.get(i++)) {
                            tag.setLong(1, keys.getLong(1));
                            tag.setString(2, t);
                            tag.addBatch();
                        }
                    }
                }
                tag.executeBatch();
                if (n % 100 == 0) {
                    c.commit();
                }
            }
            c.commit();
        }
        return issues;
    }
}
