package dev.kaiko.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Judgement tables of the tagger: {@code title ; body ; technology ; tagged}. Every technology named is a canonical
 * name of the shipped taxonomy (checked), so a "not tagged" row can only pass because of the rule it is about, and
 * most "not tagged" rows have a "tagged" row next to them that shows the same name is found in the right context.
 * Throughput is measured by {@code dev.kaiko.bench.TaggerBenchmark}, not here.
 */
class TechnologyTaggerTest {

    static final Taxonomy TAXONOMY = Taxonomy.loadDefault();
    static final TechnologyTagger TAGGER = new TechnologyTagger(TAXONOMY);

    static void check(String title, String body, String technology, boolean tagged) {
        assertThat(TAXONOMY.isCanonical(technology))
                .as(
                        "'%s' is a canonical name of the taxonomy (a row about an unknown name could never fail)",
                        technology)
                .isTrue();
        var tags = TAGGER.tag(title, body);
        if (tagged) {
            assertThat(tags).as("tags of '%s' / '%s'", title, body).contains(technology);
        } else {
            assertThat(tags).as("tags of '%s' / '%s'", title, body).doesNotContain(technology);
        }
    }

    // ------------------------------------------------------------ false-positive guards

    @ParameterizedTest(name = "[{index}] {0} / {1} -> {2}: {3}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            # a short name inside a longer Latin word is no mention
            Google announces new Trust and Safety features ;  ; Go          ; false
            Google announces new Trust and Safety features ;  ; Rust        ; false
            Google Trust Services and Rust                 ;  ; Rust        ; true
            Googleの新しいツール                             ;  ; Go          ; false
            Goの新しいツール                                 ;  ; Go          ; true
            Trustworthy builds                             ;  ; Rust        ; false
            TrustedTypes の解説                             ;  ; Rust        ; false
            Rust 1.74 released                             ;  ; Rust        ; true
            Hugo static site generator                     ;  ; Go          ; false
            Argo CD 2.9                                    ;  ; Go          ; false
            Bundle size matters: a bundler comparison      ;  ; Bun         ; false
            Bun build vs esbuild                           ;  ; Bun         ; true
            Vaultwarden 1.30 released                      ;  ; Vault       ; false
            Vaultwarden vs HashiCorp Vault                 ;  ; Vault       ; true
            CSSOM and the cascade                          ;  ; CSS         ; false
            CSS Grid の解説                                 ;  ; CSS         ; true
            Javalin is not JavaScript                      ;  ; Java        ; false
            JavaScript の新機能                              ;  ; Java        ; false
            Java 21 released                               ;  ; Java        ; true
            Helmet middleware for Express security headers ;  ; Helm        ; false
            Helmet and Helm chart                          ;  ; Helm        ; true
            Nextcloud Hub 7                                ;  ; Next.js     ; false
            Nextflow pipeline                              ;  ; Next.js     ; false
            Nextcloud Hub 7 and Next.js 14                 ;  ; Next.js     ; true
            ESLint v8.41.0 released                        ;  ; V8          ; false
            ESLint v8.41.0 released                        ;  ; ESLint      ; true
            V8 11.9 released                               ;  ; V8          ; true
            Linux Foundation starts a new project          ;  ; Linux       ; false
            Linux Foundation starts a new project          ;  ; Linux Foundation ; true
            Linux 6.6 released                             ;  ; Linux       ; true
            # a parent is implied by a child, not by a sibling that merely sounds related
            eBPFを使う                                       ;  ; Linux kernel ; false
            eBPFを使う                                       ;  ; eBPF        ; true
            BPF                                            ;  ; Linux kernel ; false
            BPF                                            ;  ; eBPF        ; true
            """)
    void latinTermsRespectWordBoundaries(String title, String body, String technology, boolean tagged) {
        check(title, body, technology, tagged);
    }

    @ParameterizedTest(name = "[{index}] {0} / {1} -> {2}: {3}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            # ambiguous names used as plain words are not technologies
            Let's go to the conference ; We go there and we bun the hotdog. ; Go   ; false
            Let's go to the conference ; We go there and we bun the hotdog. ; Bun  ; false
            We go to Rust meetups       ;                                    ; Go   ; false
            We go to Rust meetups       ;                                    ; Rust ; true
            Next steps for the project  ;                                    ; Next.js ; false
            Next generation tooling     ;                                    ; Next.js ; false
            At the helm of the team     ;                                    ; Helm ; false
            The vault of secrets in the castle ;                             ; Vault ; false
            Obsidian vault sync         ;                                    ; Vault ; false
            Go ahead and try it         ;                                    ; Go   ; false
            Go ahead with Go 1.22       ;                                    ; Go   ; true
            Pokémon GO                  ;                                    ; Go   ; false
            Steamed bun recipes         ;                                    ; Bun  ; false
            A fail-in-place approach for sustainable server operations ;   ; C    ; false
            C言語のポインタ               ;                                    ; C    ; true
            # the bare ambiguous name, without any context, is not enough
            Go                          ;                                    ; Go   ; false
            Bun                         ;                                    ; Bun  ; false
            Vault                       ;                                    ; Vault ; false
            Helm                        ;                                    ; Helm ; false
            """)
    void ambiguousWordsAsPlainEnglishAreIgnored(String title, String body, String technology, boolean tagged) {
        check(title, body, technology, tagged);
    }

    // ------------------------------------------------------------ context rules of ambiguous names

    @ParameterizedTest(name = "[{index}] {0} / {1} -> {2}: {3}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            Go言語でCLIを書く              ;                          ; Go      ; true
            Golang generics               ;                          ; Go      ; true
            Go 1.21 リリース               ;                          ; Go      ; true
            Go の自動計装                  ;                          ; Go      ; true
            Goで書かれたツール              ;                          ; Go      ; true
            Go modules and workspaces     ;                          ; Go      ; true
            Go tips                       ; goroutine のリークを防ぐ   ; Go      ; true
            Go tips                       ; 旅行の持ち物リスト          ; Go      ; false
            A tool written in Go          ;                          ; Go      ; true
            Django と Go の比較            ;                          ; Go      ; true
            Bun v1.0.2                    ;                          ; Bun     ; true
            Bun 1.0リリース                ;                          ; Bun     ; true
            Bunのテストランナー             ;                          ; Bun     ; true
            bun install is fast           ;                          ; Bun     ; true
            Node.js, Deno, Bun の比較      ;                          ; Bun     ; true
            Node.js, Deno, Bun の比較      ;                          ; Deno    ; true
            Node.js, Deno, Bun の比較      ;                          ; Node.js ; true
            Steamed bun, Bun 1.1 and Deno ;                          ; Bun     ; true
            HashiCorp Vault 1.15          ;                          ; Vault   ; true
            Vault 1.15 released           ;                          ; Vault   ; true
            Vault Agent でシークレットを注入 ;                          ; Vault   ; true
            Vault and OpenBao             ;                          ; Vault   ; true
            Vault and OpenBao             ;                          ; OpenBao ; true
            Helm 3.13 released            ;                          ; Helm    ; true
            Helm chart best practices     ;                          ; Helm    ; true
            Helm で Kubernetes にデプロイ    ;                          ; Helm    ; true
            Helm で Kubernetes にデプロイ    ;                          ; Kubernetes ; true
            Next.js 14                    ;                          ; Next.js ; true
            Next 13 app directory         ;                          ; Next.js ; true
            Next and React Server Components ;                       ; Next.js ; true
            Next and React Server Components ;                       ; React   ; true
            nextjs の App Router          ;                          ; Next.js ; true
            Next up: Next.js 14           ;                          ; Next.js ; true
            """)
    void ambiguousNamesCountInTheirContext(String title, String body, String technology, boolean tagged) {
        check(title, body, technology, tagged);
    }

    // ------------------------------------------------------------ normalisation & Japanese

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = ';', textBlock = """
            ｅＢＰＦ入門                      ; eBPF
            ＫＵＢＥＲＮＥＴＥＳ の新機能        ; Kubernetes
            NODE.JS 20                      ; Node.js
            nodejs のストリーム               ; Node.js
            ＴｙｐｅＳｃｒｉｐｔ ５．３          ; TypeScript
            サイドカーコンテナを使ったログ収集   ; Sidecar containers
            サイドカーコンテナを使ったログ収集   ; Kubernetes
            クバネティスの運用                 ; Kubernetes
            コンテナレジストリの高速化          ; Container registry
            分散トレーシングを始める            ; Distributed tracing
            Linuxカーネルのネットワーク          ; Linux kernel
            Linuxカーネルのネットワーク          ; Linux
            Sidecar containers in Kubernetes 1.28 ; Kubernetes
            Hubble で可視化                  ; Cilium
            Fresh 1.6 released              ; Deno
            """)
    void widthCaseJapaneseAliasesAndParents(String title, String technology) {
        check(title, "", technology, true);
    }

    @Test
    void parentsComeFromTheTaxonomy() {
        assertThat(TAXONOMY.ancestors("Sidecar containers")).containsExactly("Kubernetes");
        assertThat(TAXONOMY.ancestors("netkit")).startsWith("Linux kernel").endsWith("Linux");
    }

    // ------------------------------------------------------------ decision rule

    static final String FORM_LIB = "このライブラリはフォームのバリデーションを提供する。型安全に書ける。" + "内部実装はReactのフックに影響を受けている。";

    @ParameterizedTest(name = "[{index}] {0} / {1} -> {2}: {3}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            # one passing mention late in a long body is not enough; a second one, or one in the first sentence, is
            form-lib 2.0 ; FORM_LIB                                     ; React ; false
            form-lib 2.0 ; FORM_LIB Reactのコンポーネントとして使える。    ; React ; true
            form-lib 2.0 ; Reactのためのフォームライブラリ。型安全に書ける。 ; React ; true
            # a trailing site name in the title is weak; the same name in the title's subject counts
            Badging for Home Screen Web Apps | WebKit ; `navigator.setAppBadge` APIでのバッジの追加について ; WebKit ; false
            WebKit Features in Safari 17.0 | WebKit   ;                                                  ; WebKit ; true
            WebKit Features in Safari 17.0 | WebKit   ;                                                  ; Safari ; true
            # addresses and generic words are no mentions
            Release notes ; See https://github.com/rust-lang/rust/pull/1 and lwn.net for details ; GitHub ; false
            Release notes ; See https://github.com/rust-lang/rust/pull/1 and lwn.net for details ; Rust   ; false
            Release notes ; See https://github.com/rust-lang/rust/pull/1 and lwn.net for details ; .NET   ; false
            Release notes ; See https://github.com/rust-lang/rust/pull/1 and lwn.net for details ; HTTP   ; false
            Spreading Rust to the rest of the company ;          ; REST          ; false
            REST API design guide                     ;          ; REST          ; true
            add `never_patterns` feature gate         ;          ; Feature gates ; false
            add `never_patterns` feature gate         ;          ; Kubernetes    ; false
            Feature gates in Kubernetes 1.28          ;          ; Feature gates ; true
            portable network ingress to your apps     ;          ; Ingress       ; false
            portable network ingress to your apps     ;          ; Kubernetes    ; false
            Ingress の設定                             ; Kubernetes クラスタで使う ; Ingress ; true
            have the cronjob link to the failed run   ;          ; CronJob       ; false
            CronJob の設定                             ; Kubernetes の Pod を定期実行する ; CronJob ; true
            # analogies name a technology without being about it
            ReactライクなUIライブラリ                   ;          ; React   ; false
            A React-like library for the terminal     ;          ; React   ; false
            Reactのフックを使う                          ;          ; React   ; true
            An alternative to React, Vue, and Svelte  ;          ; React   ; false
            An alternative to React, Vue, and Svelte  ;          ; Vue.js  ; false
            An alternative to React, Vue, and Svelte  ;          ; Svelte  ; false
            Vue/Riot的なUIフレームワーク                 ;          ; Vue.js  ; false
            Vue 3.4 released                          ;          ; Vue.js  ; true
            An alternative to webpack                 ;          ; webpack ; false
            webpackのようなバンドラ                      ;          ; webpack ; false
            webpack 5.90 released                     ;          ; webpack ; true
            """)
    void decisionRules(String title, String body, String technology, boolean tagged) {
        check(title, body == null ? "" : body.replace("FORM_LIB", FORM_LIB), technology, tagged);
    }

    @ParameterizedTest(name = "[{index}] {0} / {1} -> {2}: {3}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            # a topic naming only a tool of the JavaScript ecosystem is a JavaScript topic ...
            esbuild v0.99.0 リリース                  ;                        ; JavaScript ; true
            Lerna 99 released                        ;                        ; JavaScript ; true
            Lerna 99 released                        ;                        ; Monorepo   ; true
            # ... unless it names a more specific technology, which is what it is filed under
            esbuild plugin for Vite                  ;                        ; JavaScript ; false
            esbuild plugin for Vite                  ;                        ; Vite       ; true
            Vite 99 released                         ;                        ; JavaScript ; false
            # a library named foo.js or published by a foojs/ owner the taxonomy does not know
            quux.js: a tiny state library            ;                        ; JavaScript ; true
            Release v9.9.9 · quuxjs/quux             ;                        ; JavaScript ; true
            quux.js: a tiny state library for React  ;                        ; JavaScript ; false
            Release v99.0.0 · nodejs/node            ;                        ; JavaScript ; false
            quux-rs: a tiny state library            ;                        ; JavaScript ; false
            See package.json                         ;                        ; JavaScript ; false
            """)
    void ecosystemOfATopicThatNamesNothingMoreSpecific(String title, String body, String technology, boolean tagged) {
        check(title, body == null ? "" : body, technology, tagged);
    }

    @ParameterizedTest(name = "[{index}] {0} / {1} -> {2}: {3}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            # members of an A/B/C list in the first sentence are examples, not the subject
            Quux Optimizer 1.0 ; 画像/HTML/CSS/JSを最適化するツール。   ; CSS  ; false
            Quux Optimizer 1.0 ; CSSを最適化するツール。               ; CSS  ; true
            Quux Optimizer 1.0 ; HTML/CSSを最適化するツール。           ; CSS  ; true
            Quux server 1.0    ; HTTP/3に対応したサーバ。              ; HTTP ; true
            # a repository's own description in its page title ("owner/repo: …") is weak evidence like a site name
            quux/quux: A tiny task runner for Rust projects ; タスクランナー。        ; Rust ; false
            quux/quux: A tiny task runner for Rust projects ; Rustで書かれたタスクランナー。 ; Rust ; true
            A tiny task runner for Rust projects            ; タスクランナー。        ; Rust ; true
            """)
    void listMembersAndRepositoryBlurbsAreWeakEvidence(String title, String body, String technology, boolean tagged) {
        check(title, body, technology, tagged);
    }

    @Test
    void nullAndEmptyInputs() {
        assertThat(TAGGER.tag(null, null)).isEmpty();
        assertThat(TAGGER.tag("", "")).isEmpty();
        assertThat(TAGGER.explain(null, null)).isEqualTo(List.of());
    }
}
