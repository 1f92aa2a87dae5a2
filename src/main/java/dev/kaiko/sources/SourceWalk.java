package dev.kaiko.sources;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import dev.kaiko.archive.ArchiveImporter;
import dev.kaiko.archive.ArchiveImporter.Upload;
import dev.kaiko.archive.FeedReader;
import dev.kaiko.archive.HtmlPageReader;
import dev.kaiko.archive.ImportReport;
import dev.kaiko.sources.SafeFetcher.Fetched;
import dev.kaiko.sources.SourceStore.Item;

/**
 * One fetch of one source: walks from the source's URL through its older pages (feed paging links, or an archive's
 * next pages), imports new and changed entries, and remembers validators and digests so that nothing unchanged is
 * fetched or imported again.
 *
 * <p>Until the whole history has been walked once (backfill), every fetch goes on to the oldest page, a page that
 * answers 304 being passed by its remembered link to older history. Once backfilled, a fetch stops at the first page
 * that answers 304 or holds nothing new or changed: new entries appear on the first pages, and archived pages are
 * not expected to change ({@code full} walks everything again, still importing only what changed).
 */
final class SourceWalk {

    private static final Logger LOG = Logger.getLogger(SourceWalk.class);

    private final Source source;
    private final boolean full;
    private final SafeFetcher fetcher;
    private final SourceStore store;
    private final ArchiveImporter importer;
    private final int maxPages;

    private String kind;
    private boolean reachedEnd;
    private boolean pageFailed;
    private String error;
    private boolean sourceFailed;
    private boolean indexingPending;
    private int pages;
    private int pagesNotModified;
    private int itemsSeen;
    private int imported;
    private int unchanged;
    private int skipped;
    private int failed;
    private int topicsAdded;
    private int topicsUpdated;
    private int topicsUnchanged;
    private int topicsRemoved;
    private final List<FetchReport.Problem> problems = new ArrayList<>();

    /** An item whose upload is being imported, and what to remember of it once it is. */
    private record Pending(String kind, String key, String url, String hash, String etag, String lastModified) {}

    SourceWalk(
            Source source,
            boolean full,
            SafeFetcher fetcher,
            SourceStore store,
            ArchiveImporter importer,
            int maxPages) {
        this.source = source;
        this.full = full;
        this.fetcher = fetcher;
        this.store = store;
        this.importer = importer;
        this.maxPages = maxPages;
    }

    String kind() {
        return kind;
    }

    /** The whole history has now been read once. */
    boolean backfilled() {
        return reachedEnd && !pageFailed;
    }

    FetchReport run() {
        Instant started = Instant.now();
        try {
            walk();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Fetching source %d (%s) failed", source.id, source.url);
            fail(source.url, source.url + " could not be processed: " + e.getMessage());
        }
        String status = sourceFailed ? Source.ERROR : pageFailed || failed > 0 ? Source.PARTIAL : Source.OK;
        FetchReport report = new FetchReport(
                source.id,
                source.url,
                status,
                started,
                Instant.now(),
                pages,
                pagesNotModified,
                itemsSeen,
                imported,
                unchanged,
                skipped,
                failed,
                topicsAdded,
                topicsUpdated,
                topicsUnchanged,
                topicsRemoved,
                backfilled() || source.backfilled,
                indexingPending ? "pending" : "done",
                error,
                List.copyOf(problems));
        LOG.infof(
                "Fetched source %d (%s): %s, %d pages (%d not modified), %d items: %d imported, %d unchanged, "
                        + "%d skipped, %d failed; topics +%d ~%d =%d -%d%s",
                source.id,
                source.url,
                status,
                pages,
                pagesNotModified,
                itemsSeen,
                imported,
                unchanged,
                skipped,
                failed,
                topicsAdded,
                topicsUpdated,
                topicsUnchanged,
                topicsRemoved,
                error == null ? "" : "; " + error);
        return report;
    }

    private void walk() {
        Set<String> visited = new HashSet<>();
        String url = source.url;
        boolean first = true;
        while (url != null) {
            if (!visited.add(url)) {
                reachedEnd = true; // a loop in the paging links: nothing older to read
                return;
            }
            if (pages >= maxPages) {
                LOG.infof(
                        "Source %d: stopped after %d pages (kaiko.sources.max-pages); the next fetch goes on",
                        source.id, maxPages);
                return;
            }
            pages++;
            Optional<Item> known = store.item(source.id, SourceStore.PAGE, url);
            Fetched page;
            try {
                page = fetcher.get(
                        url,
                        full
                                ? SafeFetcher.Validators.NONE
                                : known.map(Item::validators).orElse(SafeFetcher.Validators.NONE));
            } catch (FetchException e) {
                pageFailure(first, url, e.getMessage());
                return;
            }
            if (page.notModified()) {
                pagesNotModified++;
                if (source.backfilled && !full) {
                    return;
                }
                url = known.map(Item::nextUrl).orElse(null);
                reachedEnd = url == null;
                first = false;
                continue;
            }
            String text = page.text();
            String base = page.url().toString();
            int changes;
            String older;
            try {
                if (FeedPager.isFeed(base, text)) {
                    kind = first ? "feed" : kind;
                    FeedPager.Page feed = FeedPager.parse(base, text);
                    older = feed.older();
                    changes = entries(feed);
                } else {
                    kind = first ? "page" : kind;
                    ArchivePager.Page archive = ArchivePager.parse(base, text);
                    if (first && archive.articles().isEmpty() && archive.older() == null) {
                        throw new FetchException(
                                url,
                                "holds neither a feed nor links to articles (expected an RSS or"
                                        + " Atom feed, or an archive page of a blog listing its posts)");
                    }
                    older = archive.older();
                    changes = articles(archive);
                }
            } catch (FetchException e) {
                pageFailure(first, url, e.getMessage());
                return;
            }
            store.saveItem(
                    source.id,
                    SourceStore.PAGE,
                    url,
                    url,
                    new Item(page.etag(), page.lastModified(), Digests.sha256(text), older, null, null));
            if (source.backfilled && !full && changes == 0) {
                return;
            }
            url = older;
            reachedEnd = url == null;
            first = false;
        }
    }

    /** Imports a feed page's new and changed entries; answers how many were new or changed. */
    private int entries(FeedPager.Page feed) {
        List<Upload> feeds = new ArrayList<>();
        List<Upload> articles = new ArrayList<>();
        Map<String, Pending> pending = new LinkedHashMap<>();
        int changes = 0;
        for (FeedPager.Entry entry : feed.entries()) {
            itemsSeen++;
            Optional<Item> known = store.item(source.id, SourceStore.ENTRY, entry.key());
            if (known.isPresent() && entry.hash().equals(known.get().hash())) {
                unchanged++;
                continue;
            }
            changes++;
            if (entry.inline()) {
                String name = uniqueName(entry.link() != null ? entry.link() : source.url + "#" + entry.key(), pending);
                feeds.add(new Upload(name, entry.document().getBytes(StandardCharsets.UTF_8)));
                pending.put(name, new Pending(SourceStore.ENTRY, entry.key(), entry.link(), entry.hash(), null, null));
                continue;
            }
            // A summary with a link: the topics are on the article page.
            Fetched article;
            try {
                article = fetcher.get(entry.link(), known.map(Item::validators).orElse(SafeFetcher.Validators.NONE));
            } catch (FetchException e) {
                itemFailed(SourceStore.ENTRY, entry.key(), entry.link(), e.getMessage());
                continue;
            }
            if (article.notModified() && known.isEmpty()) {
                itemFailed(
                        SourceStore.ENTRY,
                        entry.key(),
                        entry.link(),
                        entry.link() + " answered 304 to a request" + " that was not conditional");
                continue;
            }
            if (article.notModified()) {
                unchanged++;
                Item k = known.get();
                store.saveItem(
                        source.id,
                        SourceStore.ENTRY,
                        entry.key(),
                        entry.link(),
                        new Item(k.etag(), k.lastModified(), entry.hash(), null, k.outcome(), k.error()));
                continue;
            }
            String name = uniqueName(entry.link(), pending);
            articles.add(new Upload(name, article.utf8Body()));
            pending.put(
                    name,
                    new Pending(
                            SourceStore.ENTRY,
                            entry.key(),
                            entry.link(),
                            entry.hash(),
                            article.etag(),
                            article.lastModified()));
        }
        importAll(feeds, FeedReader.FORMAT, pending);
        importAll(articles, HtmlPageReader.FORMAT, pending);
        return changes;
    }

    /** Imports an archive page's new and changed articles; answers how many were new or changed. */
    private int articles(ArchivePager.Page archive) {
        List<Upload> uploads = new ArrayList<>();
        Map<String, Pending> pending = new LinkedHashMap<>();
        int changes = 0;
        for (String link : archive.articles()) {
            itemsSeen++;
            Optional<Item> known = store.item(source.id, SourceStore.ARTICLE, link);
            Fetched article;
            try {
                article = fetcher.get(link, known.map(Item::validators).orElse(SafeFetcher.Validators.NONE));
            } catch (FetchException e) {
                changes++;
                itemFailed(SourceStore.ARTICLE, link, link, e.getMessage());
                continue;
            }
            if (article.notModified()) {
                unchanged++;
                continue;
            }
            String hash = Digests.sha256(article.body());
            if (known.isPresent() && hash.equals(known.get().hash())) {
                unchanged++; // the server sent it again, but it is the same
                Item k = known.get();
                store.saveItem(
                        source.id,
                        SourceStore.ARTICLE,
                        link,
                        link,
                        new Item(article.etag(), article.lastModified(), hash, null, k.outcome(), k.error()));
                continue;
            }
            changes++;
            uploads.add(new Upload(link, article.utf8Body()));
            pending.put(
                    link, new Pending(SourceStore.ARTICLE, link, link, hash, article.etag(), article.lastModified()));
        }
        importAll(uploads, HtmlPageReader.FORMAT, pending);
        return changes;
    }

    private void importAll(List<Upload> uploads, String format, Map<String, Pending> pending) {
        if (uploads.isEmpty()) {
            return;
        }
        ImportReport report = importer.importFiles(uploads, format, ArchiveImporter.Progress.NONE);
        indexingPending |= "pending".equals(report.indexing());
        Map<Pending, List<ImportReport.FileReport>> byItem = new LinkedHashMap<>();
        for (ImportReport.FileReport file : report.files()) {
            Pending p = pending.get(file.file());
            if (p == null) { // a zip's member: "name!/member"
                p = pending.entrySet().stream()
                        .filter(e -> file.file().startsWith(e.getKey() + "!/"))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(null);
            }
            if (p != null) {
                byItem.computeIfAbsent(p, k -> new ArrayList<>()).add(file);
            }
        }
        byItem.forEach((p, files) -> {
            String problem = files.stream()
                    .flatMap(f -> f.errors().stream())
                    .map(ImportReport.ImportError::message)
                    .findFirst()
                    .orElse(null);
            for (ImportReport.FileReport f : files) {
                topicsAdded += f.topicsAdded();
                topicsUpdated += f.topicsUpdated();
                topicsUnchanged += f.topicsUnchanged();
                topicsRemoved += f.topicsRemoved();
            }
            String url = p.url() != null ? p.url() : p.key();
            if (problem == null) {
                imported++;
            } else {
                // not a weekly (an ordinary post without topics) or not readable as one: remembered, not retried
                // until it changes
                skipped++;
                problems.add(new FetchReport.Problem(url, problem));
            }
            store.saveItem(
                    source.id,
                    p.kind(),
                    p.key(),
                    url,
                    new Item(
                            p.etag(),
                            p.lastModified(),
                            p.hash(),
                            null,
                            problem == null ? "imported" : "skipped",
                            problem));
        });
    }

    private static String uniqueName(String name, Map<String, Pending> taken) {
        String unique = name;
        for (int i = 2; taken.containsKey(unique); i++) {
            unique = name + "#" + i;
        }
        return unique;
    }

    private void itemFailed(String kind, String key, String url, String message) {
        failed++;
        problems.add(new FetchReport.Problem(url, message));
        if (error == null) {
            error = message;
        }
        // no digest: it is tried again whenever its page is read again
        store.saveItem(source.id, kind, key, url, new Item(null, null, null, null, "failed", message));
    }

    private void pageFailure(boolean first, String url, String message) {
        pageFailed = true;
        // no validators: the page is read in full next time
        store.saveItem(source.id, SourceStore.PAGE, url, url, new Item(null, null, null, null, "failed", message));
        if (first) {
            fail(url, message);
        } else {
            problems.add(new FetchReport.Problem(url, message));
            if (error == null) {
                error = message;
            }
        }
    }

    private void fail(String url, String message) {
        sourceFailed = true;
        pageFailed = true;
        error = message;
        problems.add(new FetchReport.Problem(url, message));
    }
}
