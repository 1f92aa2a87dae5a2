package dev.kaiko.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class TechnologyTaggerTest {

    static final Taxonomy TAXONOMY = Taxonomy.loadDefault();
    static final TechnologyTagger TAGGER = new TechnologyTagger(TAXONOMY);

    static Set<String> title(String t) {
        return TAGGER.tag(t, "");
    }

    static void has(Set<String> tags, String... names) {
        for (String n : names) {
            assertTrue(tags.contains(n), "expected " + n + " in " + tags);
        }
    }

    static void hasNot(Set<String> tags, String... names) {
        for (String n : names) {
            assertFalse(tags.contains(n), "unexpected " + n + " in " + tags);
        }
    }

    // ------------------------------------------------------------ false-positive guards

    @Test
    void latinTermsRespectWordBoundaries() {
        hasNot(title("Google announces new Trust and Safety features"), "Go", "Rust");
        hasNot(title("Bundle size matters: a bundler comparison"), "Bun");
        hasNot(title("Vaultwarden 1.30 released"), "Vault");
        hasNot(title("CSSOM and the cascade"), "CSS");
        hasNot(title("Javalin is not JavaScript"), "Java");
        hasNot(title("Helmet middleware for Express security headers"), "Helm");
        hasNot(title("Nextcloud Hub 7"), "Next.js");
        hasNot(title("eBPFを使う"), "Linux kernel");
        has(title("eBPFを使う"), "eBPF");
        hasNot(title("BPF"), "Linux kernel");
        hasNot(title("ESLint v8.41.0 released"), "V8");
        hasNot(title("Linux Foundation starts a new project"), "Linux");
    }

    @Test
    void ambiguousWordsAsPlainEnglishAreIgnored() {
        hasNot(TAGGER.tag("Let's go to the conference", "We go there and we bun the hotdog."), "Go", "Bun");
        hasNot(title("Next steps for the project"), "Next.js");
        hasNot(title("At the helm of the team"), "Helm");
        hasNot(title("The vault of secrets in the castle"), "Vault");
        hasNot(title("Go ahead and try it"), "Go");
        hasNot(title("A fail-in-place approach for sustainable server operations"), "Go", "Rust", "C");
    }

    // ------------------------------------------------------------ context rules

    @Test
    void goNeedsContext() {
        has(title("Go言語でCLIを書く"), "Go");
        has(title("Golang generics"), "Go");
        has(title("Go 1.21 リリース"), "Go");
        has(title("Go の自動計装"), "Go");
        has(title("Goで書かれたツール"), "Go");
        has(title("Go modules and workspaces"), "Go");
        has(TAGGER.tag("Go tips", "goroutine のリークを防ぐ"), "Go");
        has(title("A tool written in Go"), "Go");
        hasNot(title("Go ahead"), "Go");
        hasNot(title("Pokémon GO"), "Go");
    }

    @Test
    void bunNeedsContext() {
        has(title("Bun v1.0.2"), "Bun");
        has(title("Bun 1.0リリース"), "Bun");
        has(title("Bunのテストランナー"), "Bun");
        has(title("bun install is fast"), "Bun");
        has(title("Node.js, Deno, Bun の比較"), "Bun", "Node.js", "Deno");
        hasNot(title("Bun"), "Bun");
        hasNot(title("Steamed bun recipes"), "Bun");
    }

    @Test
    void vaultNeedsContext() {
        has(title("HashiCorp Vault 1.15"), "Vault");
        has(title("Vault 1.15 released"), "Vault");
        has(TAGGER.tag("Vault Agent でシークレットを注入", ""), "Vault");
        has(TAGGER.tag("Vault and OpenBao", ""), "Vault", "OpenBao");
        hasNot(title("Vault"), "Vault");
        hasNot(title("Obsidian vault sync"), "Vault");
    }

    @Test
    void helmNeedsContext() {
        has(title("Helm 3.13 released"), "Helm");
        has(title("Helm chart best practices"), "Helm");
        has(TAGGER.tag("Helm で Kubernetes にデプロイ", ""), "Helm", "Kubernetes");
        hasNot(title("Helm"), "Helm");
    }

    @Test
    void nextNeedsContext() {
        has(title("Next.js 14"), "Next.js");
        has(title("Next 13 app directory"), "Next.js");
        has(TAGGER.tag("Next and React Server Components", ""), "Next.js", "React");
        has(title("nextjs の App Router"), "Next.js");
        hasNot(title("Next generation tooling"), "Next.js");
    }

    // ------------------------------------------------------------ normalisation & Japanese

    @Test
    void widthAndCaseInsensitive() {
        has(title("ｅＢＰＦ入門"), "eBPF");
        has(title("ＫＵＢＥＲＮＥＴＥＳ の新機能"), "Kubernetes");
        has(title("NODE.JS 20"), "Node.js");
        has(title("nodejs のストリーム"), "Node.js");
        has(title("ＴｙｐｅＳｃｒｉｐｔ ５．３"), "TypeScript");
    }

    @Test
    void japaneseAliasesInsideUnsegmentedText() {
        Set<String> t = title("サイドカーコンテナを使ったログ収集");
        has(t, "Sidecar containers", "Kubernetes");
        has(title("クバネティスの運用"), "Kubernetes");
        has(title("コンテナレジストリの高速化"), "Container registry");
        has(title("分散トレーシングを始める"), "Distributed tracing");
        has(title("Linuxカーネルのネットワーク"), "Linux kernel", "Linux");
    }

    @Test
    void parentsAreAdded() {
        has(title("Sidecar containers in Kubernetes 1.28"), "Sidecar containers", "Kubernetes");
        has(title("Hubble で可視化"), "Hubble", "Cilium");
        has(title("Fresh 1.6 released"), "Fresh", "Deno");
        assertEquals(java.util.List.of("Kubernetes"), TAXONOMY.ancestors("Sidecar containers"));
    }

    // ------------------------------------------------------------ decision rule

    @Test
    void passingMentionInLongBodyIsNotEnough() {
        String body = "このライブラリはフォームのバリデーションを提供する。型安全に書ける。内部実装はReactのフックに影響を受けている。";
        hasNot(TAGGER.tag("form-lib 2.0", body), "React");
        has(TAGGER.tag("form-lib 2.0", body + "Reactのコンポーネントとして使える。"), "React");
        has(TAGGER.tag("form-lib 2.0", "Reactのためのフォームライブラリ。型安全に書ける。"), "React");
    }

    @Test
    void siteNameSuffixOfTitleIsWeak() {
        hasNot(TAGGER.tag("Badging for Home Screen Web Apps | WebKit", "`navigator.setAppBadge` APIでのバッジの追加について"),
                "WebKit");
        has(TAGGER.tag("WebKit Features in Safari 17.0 | WebKit", ""), "WebKit", "Safari");
    }

    @Test
    void urlsAndGenericWordsAreNotMentions() {
        hasNot(TAGGER.tag("Release notes", "See https://github.com/rust-lang/rust/pull/1 and lwn.net for details"),
                "GitHub", "Rust", ".NET", "HTTP");
        hasNot(title("Spreading Rust to the rest of the company"), "REST");
        hasNot(title("add `never_patterns` feature gate"), "Feature gates", "Kubernetes");
        hasNot(title("portable network ingress to your apps"), "Ingress", "Kubernetes");
        hasNot(title("have the cronjob link to the failed run"), "CronJob", "Kubernetes");
        has(title("REST API design guide"), "REST");
        has(TAGGER.tag("Ingress の設定", "Kubernetes クラスタで使う"), "Ingress", "Kubernetes");
    }

    @Test
    void analogiesAreNotMentions() {
        hasNot(title("ImmerライクなImmutable処理のライブラリ"), "Immer");
        hasNot(title("Vue/Riot的なUIフレームワーク"), "Vue.js");
        hasNot(title("An alternative to React, Vue, and Svelte"), "React", "Vue.js", "Svelte");
        has(title("Vue 3.4 released"), "Vue.js");
    }

    @Test
    void nullAndEmptyInputs() {
        assertTrue(TAGGER.tag(null, null).isEmpty());
        assertTrue(TAGGER.tag("", "").isEmpty());
    }

    // ------------------------------------------------------------ throughput

    @Test
    void throughput() {
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
        System.out.printf("TechnologyTagger throughput: %,.0f topics/s (%d topics of %d chars in %.2fs, %d tags)%n",
                n / secs, n, title.length() + body.length(), secs, total);
        assertTrue(n / secs > 2_000, "tagger too slow");
    }
}
