package dev.kaiko.sources;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Sources and what was fetched of them, each call in a short transaction of its own (never around a fetch). */
@ApplicationScoped
class SourceStore {

    static final String PAGE = "page";
    static final String ENTRY = "entry";
    static final String ARTICLE = "article";

    @Inject
    EntityManager em;

    /** What is remembered of a page or item: validators for conditional GET, the digest of what was imported. */
    record Item(String etag, String lastModified, String hash, String nextUrl, String outcome, String error) {
        SafeFetcher.Validators validators() {
            return new SafeFetcher.Validators(etag, lastModified);
        }
    }

    @Transactional
    Source create(String url) throws DuplicateSourceException {
        Optional<Source> existing = em.createQuery("from Source s where s.url = :u", Source.class)
                .setParameter("u", url)
                .getResultStream()
                .findFirst();
        if (existing.isPresent()) {
            throw new DuplicateSourceException(url, existing.get().id);
        }
        Source s = new Source();
        s.url = url;
        em.persist(s);
        return s;
    }

    @Transactional
    List<Source> list() {
        return em.createQuery("from Source s order by s.id", Source.class).getResultList();
    }

    @Transactional
    Optional<Source> find(long id) {
        return Optional.ofNullable(em.find(Source.class, id));
    }

    @Transactional
    boolean delete(long id) {
        return em.createQuery("delete from Source s where s.id = :id")
                        .setParameter("id", id)
                        .executeUpdate()
                > 0;
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<Long> due() {
        return ((List<Number>) em.createNativeQuery(
                                "select id from source where next_fetch_at <= now() order by next_fetch_at")
                        .getResultList())
                .stream().map(Number::longValue).toList();
    }

    @Transactional
    Optional<Item> item(long source, String kind, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select etag, last_modified, content_hash, next_url, outcome, error "
                        + "from source_item where source_id = ?1 and kind = ?2 and item_key = ?3")
                .setParameter(1, source)
                .setParameter(2, kind)
                .setParameter(3, key)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> new Item(
                        (String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5]));
    }

    @Transactional
    void saveItem(long source, String kind, String key, String url, Item item) {
        em.createNativeQuery("""
                insert into source_item (source_id, kind, item_key, url, etag, last_modified, content_hash, next_url,
                                         outcome, error, fetched_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, now())
                on conflict (source_id, kind, item_key) do update set url = excluded.url, etag = excluded.etag,
                    last_modified = excluded.last_modified, content_hash = excluded.content_hash,
                    next_url = excluded.next_url, outcome = excluded.outcome, error = excluded.error,
                    fetched_at = excluded.fetched_at""")
                .setParameter(1, source)
                .setParameter(2, kind)
                .setParameter(3, key)
                .setParameter(4, url)
                .setParameter(5, item.etag())
                .setParameter(6, item.lastModified())
                .setParameter(7, item.hash())
                .setParameter(8, item.nextUrl())
                .setParameter(9, item.outcome())
                .setParameter(10, item.error())
                .executeUpdate();
    }

    /** Items of a source that were skipped or failed, newest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    List<FetchReport.Problem> problems(long source, int max) {
        List<Object[]> rows = em.createNativeQuery("select coalesce(url, item_key), error from source_item "
                        + "where source_id = ?1 and error is not null order by fetched_at desc, item_key limit ?2")
                .setParameter(1, source)
                .setParameter(2, max)
                .getResultList();
        return rows.stream()
                .map(r -> new FetchReport.Problem((String) r[0], (String) r[1]))
                .toList();
    }

    /** Records a finished fetch: status, error, counters, when to fetch next. */
    @Transactional
    void finish(long id, String kind, FetchReport report, boolean backfilled, Instant next, String json) {
        Source s = em.find(Source.class, id);
        if (s == null) {
            return; // deleted while it was being fetched
        }
        if (kind != null) {
            s.kind = kind;
        }
        s.status = report.status();
        s.lastError = report.error();
        s.lastFetchAt = report.finishedAt();
        if (!Source.ERROR.equals(report.status())) {
            s.lastSuccessAt = report.finishedAt();
        }
        s.backfilled = s.backfilled || backfilled;
        s.nextFetchAt = next;
        s.lastReport = json;
        s.itemsSeen = ((Number)
                        em.createNativeQuery("select count(*) from source_item where source_id = ?1 and kind <> 'page'")
                                .setParameter(1, id)
                                .getSingleResult())
                .intValue();
    }

    /** Sources being fetched right now by any instance: their advisory locks are held (see {@link SourceClaims}). */
    @Transactional
    @SuppressWarnings("unchecked")
    Set<Long> fetching() {
        return new HashSet<>(((List<Number>) em.createNativeQuery("select objid::bigint from pg_locks "
                                + "where locktype = 'advisory' and objsubid = 2 and granted and classid::bigint = "
                                + SourceClaims.LOCK_CLASS + " and database = (select oid from pg_database "
                                + "where datname = current_database())")
                        .getResultList())
                .stream().map(Number::longValue).toList());
    }
}
