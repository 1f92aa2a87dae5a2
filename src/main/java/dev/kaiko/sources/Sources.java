package dev.kaiko.sources;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Followed feeds and sites: register, list, fetch now, delete. What the web layer uses. */
@ApplicationScoped
public class Sources {

    private static final int PROBLEMS_SHOWN = 20;

    @Inject
    SourceStore store;

    @Inject
    SourcePoller poller;

    @Inject
    SourceClaims claims;

    @Inject
    SafeFetcher fetcher;

    @Inject
    ObjectMapper json;

    /**
     * Follows a URL (a feed, or an archive page of a blog); it is first fetched by the next poll.
     *
     * @throws FetchException           when the URL may not be fetched (not http/https, a private address, ...)
     * @throws DuplicateSourceException when it is already followed
     */
    public SourceView register(String url) throws FetchException, DuplicateSourceException {
        Source source = store.create(fetcher.check(url));
        return view(source, Set.of());
    }

    public List<SourceView> list() {
        Set<Long> fetching = store.fetching();
        return store.list().stream().map(s -> view(s, fetching)).toList();
    }

    public Optional<SourceView> get(long id) {
        return store.find(id).map(s -> view(s, store.fetching()));
    }

    /**
     * Stops following a source. Its imported issues and topics stay in the archive.
     *
     * @return false when there is no such source
     * @throws SourceBusyException when it is being fetched right now
     */
    public boolean delete(long id) throws SourceBusyException {
        try (SourceClaims.Claim claim = claims.tryClaim(id).orElseThrow(() -> new SourceBusyException(id))) {
            return store.delete(id);
        }
    }

    /**
     * Fetches a source now and answers what it did.
     *
     * @param full walk the whole history again (pages re-read; entries still imported only when changed)
     * @throws NoSuchElementException when there is no such source
     * @throws SourceBusyException    when it is being fetched right now (here or by another instance)
     */
    public FetchReport fetchNow(long id, boolean full) throws SourceBusyException {
        FetchReport report = poller.fetch(id, full, false);
        if (report == null) {
            throw new NoSuchElementException("No source " + id);
        }
        return report;
    }

    /** Starts a fetch in the background; false when there is no such source. */
    public boolean fetchLater(long id, boolean full) {
        if (store.find(id).isEmpty()) {
            return false;
        }
        poller.fetchLater(id, full);
        return true;
    }

    private SourceView view(Source s, Set<Long> fetching) {
        FetchReport last = null;
        if (s.lastReport != null) {
            try {
                last = json.readValue(s.lastReport, FetchReport.class);
            } catch (JsonProcessingException e) {
                last = null; // written by another version: not worth failing a listing for
            }
        }
        return new SourceView(
                s.id,
                s.url,
                s.kind,
                s.status,
                fetching.contains(s.id),
                s.backfilled,
                s.createdAt,
                s.lastFetchAt,
                s.lastSuccessAt,
                s.nextFetchAt,
                s.itemsSeen,
                s.lastError,
                last,
                store.problems(s.id, PROBLEMS_SHOWN));
    }
}
