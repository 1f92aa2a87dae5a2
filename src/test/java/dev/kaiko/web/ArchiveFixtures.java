package dev.kaiko.web;

import static org.hamcrest.Matchers.greaterThan;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.kaiko.support.Corpora;
import dev.kaiko.support.TestData;

/** A small real archive for the page tests: the seed, a few TWiR and JSer files, and hostile archive text. */
final class ArchiveFixtures {

    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMG = "<img src=x onerror=alert(1)>";
    static final String PLAIN_XSS_TITLE = "スクリプト注入の検証";
    static final String MARKDOWN_XSS_TITLE = "Markdown に埋め込まれた HTML の検証";

    /** Plain text: the reader keeps the text as is, Qute must escape it. */
    static final String PLAIN = """
            XSS 検証: Kaiko Weekly (2024-07-05号)
            Kaiko Weekly (2024-07-05号)
            Kaiko プラットフォームチームの共有会のまとめです。今回は第99回目です。
            今週のトピック
            %s
            紹介者: tester
            本文に %s と %s を含むトピックです。
            エスケープされて文字として表示されるはずです。
            Notable Articles
            ふつうのトピック
            紹介者: tester
            ふつうの本文です。
            """.formatted(PLAIN_XSS_TITLE, SCRIPT, IMG);

    /** Markdown: raw HTML in the body reaches bodyHtml unsanitised; the page must sanitise it. */
    static final String MARKDOWN = """
            ---
            title: "Kaiko Weekly (2024-07-12号)"
            series: Kaiko Weekly
            number: 100
            date: 2024-07-12
            ---

            ## 今週のトピック

            ### %s

            紹介者: tester

            本文の HTML: %s と %s と <a href="javascript:alert(1)">危ないリンク</a> と <b style="color:red" onclick="alert(1)">太字</b>。

            <iframe src="https://example.com/"></iframe>
            """.formatted(MARKDOWN_XSS_TITLE, SCRIPT, IMG);

    private ArchiveFixtures() {}

    static void importAll(TestData data) {
        data.clear();
        Corpora.importFile(Corpora.seed()).statusCode(200);
        for (String f : List.of(
                "2023-01-04-this-week-in-rust.md",
                "2023-06-07-this-week-in-rust.md",
                "2023-11-29-this-week-in-rust.md")) {
            Corpora.importFile(Corpora.root().resolve("twir-2023").resolve(f)).statusCode(200);
        }
        Corpora.importFile(Corpora.root().resolve("jser-2023").resolve("2023-06.json"))
                .statusCode(200);
        Corpora.importRaw("xss-weekly-2024-07-05.txt", PLAIN.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("files[0].topics_added", greaterThan(0));
        Corpora.importRaw("xss-weekly-2024-07-12.md", MARKDOWN.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("files[0].topics_added", greaterThan(0));
    }
}
