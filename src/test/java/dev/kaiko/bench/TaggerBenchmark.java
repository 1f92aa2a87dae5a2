package dev.kaiko.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kaiko.tagging.Taxonomy;
import dev.kaiko.tagging.TechnologyTagger;

/**
 * Throughput of {@link TechnologyTagger} (prints figures; asserts nothing about time):
 * {@code ./mvnw test -Dtest=TaggerBenchmark -Dkaiko.bench=true}. One synthetic topic repeated with varying titles,
 * then the JSer.info 2023 items (title + summary), each after a warm-up.
 */
@EnabledIfSystemProperty(named = "kaiko.bench", matches = "true")
class TaggerBenchmark {

    static final TechnologyTagger TAGGER = new TechnologyTagger(Taxonomy.loadDefault());

    @Test
    void syntheticTopic() {
        String title = "eBPFを使ったOpenTelemetryのGo自動計装ライブラリを調べる";
        String body = "アプリケーションの分散トレーシングをする際、Java や Python などでは言語ランタイムのサポートがありますが、"
                + "Go では通常、ソースコードに手を入れる必要があります。この記事では、opentelemetry-go-instrumentation を使い、"
                + "eBPF の uretprobe を用いて Go の自動計装を行う方法が紹介されています。Kubernetes 上で動かす方法も書かれています。";
        for (int i = 0; i < 5_000; i++) {
            TAGGER.tag(title, body);
        }
        int n = 50_000;
        long t0 = System.nanoTime();
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += TAGGER.tag(title + i, body).size();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "TechnologyTagger throughput: %,.0f topics/s (%d topics of %d chars in %.2fs, %d tags)%n",
                n / secs, n, title.length() + body.length(), secs, total);
    }

    @Test
    void jserItems() throws IOException {
        Path dir = Path.of(System.getProperty("kaiko.corpora", "../shared/corpora"), "jser-2023");
        List<String[]> items = new ArrayList<>();
        ObjectMapper om = new ObjectMapper();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "2023-*.json")) {
            for (Path f : ds) {
                for (JsonNode it : om.readTree(f.toFile()).path("list")) {
                    items.add(new String[] {
                        it.path("title").asText(), it.path("content").asText()
                    });
                }
            }
        }
        for (int r = 0; r < 20; r++) {
            items.forEach(it -> TAGGER.tag(it[0], it[1]));
        }
        int rounds = 100;
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            items.forEach(it -> TAGGER.tag(it[0], it[1]));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "TechnologyTagger throughput on JSer items: %,.0f topics/s (%d topics)%n",
                rounds * items.size() / secs, rounds * items.size());
    }
}
