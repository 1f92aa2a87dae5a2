package dev.kaiko.sources;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * One archive (index) page of a blog as a source sees it: the article pages it links to, and the link to the next
 * (older) page.
 *
 * <p>Articles are the links of the first of {@link #ARTICLE_LINKS} that finds any on the same host: Hatena Blog's
 * entry titles, WordPress's entry titles and bookmarks, headings inside {@code article}, Zenn's
 * {@code /articles/} paths, then list items of the main content (static sites). Links to the page itself, to
 * category and tag listings and to other pages of the archive are not articles. The next page is
 * {@code rel=next}, else a theme's pager ("pager-next", "next page-numbers", "nav-previous"), else a link whose whole
 * text says next/older ("次のページ", "Older posts", "»").
 */
final class ArchivePager {

    static final List<String> ARTICLE_LINKS = List.of(
            "a.entry-title-link",
            ".archive-entry-header a",
            ".entry-title a",
            "a[rel*=bookmark]",
            "article h1 a, article h2 a, article h3 a",
            "a[href*=/articles/]",
            "main li a, [role=main] li a, #content li a, #main li a");

    private static final List<String> NEXT_LINKS = List.of(
            "link[rel*=next][href], a[rel*=next][href]",
            ".pager-next a[href], a.pager-next[href]",
            "a.next.page-numbers[href]",
            ".nav-previous a[href]",
            ".pagination .next a[href], .pagination a.next[href]");

    private static final Pattern NEXT_TEXT =
            Pattern.compile("(?i)(次のページ|次へ|次の\\d*件|過去の記事|以前の記事|古い記事|もっと読む|next( page)?|older( posts| entries)?)"
                    + "\\s*[›»>→]*|[›»→]+");

    private static final Pattern NOT_ARTICLE = Pattern.compile(
            "(?i).*/(category|categories|tag|tags|archive/category|author|page|search|about|feed|rss)(/.*|\\.html?)?$");

    private ArchivePager() {}

    record Page(List<String> articles, String older) {}

    static Page parse(String pageUrl, String html) {
        Document doc = Jsoup.parse(html, pageUrl);
        String older = older(doc, pageUrl);
        for (String selector : ARTICLE_LINKS) {
            Set<String> links = new LinkedHashSet<>();
            for (Element a : doc.select(selector)) {
                if (a.closest("nav, header, footer, aside, .pager, .pagination, .sidebar, #sidebar") != null) {
                    continue;
                }
                String href = sameSite(a.absUrl("href"), pageUrl);
                if (href != null
                        && !href.equals(older)
                        && !isPaging(href, pageUrl)
                        && !NOT_ARTICLE.matcher(URI.create(href).getPath()).matches()) {
                    links.add(href);
                }
            }
            if (!links.isEmpty()) {
                return new Page(new ArrayList<>(links), older);
            }
        }
        return new Page(List.of(), older);
    }

    private static String older(Document doc, String pageUrl) {
        for (String selector : NEXT_LINKS) {
            for (Element a : doc.select(selector)) {
                String href = sameSite(a.absUrl("href"), pageUrl);
                if (href != null) {
                    return href;
                }
            }
        }
        for (Element a : doc.select("a[href]")) {
            if (NEXT_TEXT.matcher(a.text().strip()).matches()) {
                String href = sameSite(a.absUrl("href"), pageUrl);
                if (href != null) {
                    return href;
                }
            }
        }
        return null;
    }

    /** The link without its fragment when it is on the page's host and is not the page itself; else null. */
    private static String sameSite(String href, String pageUrl) {
        if (href == null || href.isEmpty()) {
            return null;
        }
        try {
            URI link = UrlGuard.parse(href);
            URI page = URI.create(pageUrl);
            if (!link.getHost().equalsIgnoreCase(page.getHost())
                    || link.getPort() != page.getPort()
                    || link.toString().equals(UrlGuard.parse(pageUrl).toString())) {
                return null;
            }
            return link.toString();
        } catch (FetchException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Another page of the same archive listing: same path, different query (?page=2). */
    private static boolean isPaging(String href, String pageUrl) {
        URI link = URI.create(href);
        URI page = URI.create(pageUrl);
        boolean pageQuery = link.getRawQuery() != null
                && link.getRawQuery().toLowerCase(Locale.ROOT).matches("(.*[&;])?(page|paged|pg)=.*");
        return pageQuery || link.getPath().equals(page.getPath()) && link.getRawQuery() == null;
    }
}
