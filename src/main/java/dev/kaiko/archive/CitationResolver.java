package dev.kaiko.archive;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import dev.kaiko.tagging.TopicTagsChanged;

/**
 * Back-references between issues, derived when issues are stored. A topic body may cite earlier issues in a
 * parenthesised list, as the weekly's own retrospectives do: {@code (Neco Weekly 2023-03-17号、Neco Weekly
 * 2023-09-22号)}; an item without a series ({@code (2023-03-17号)}) cites the citing topic's own series.
 *
 * <p>The rule that turns a citation into a <em>referenced topic</em>: the citation names an issue by series
 * (case-insensitive) and publication date, published before the citing issue. Of that issue's topics, those that
 * share a technology tag with the citing topic are referenced; when none does and the cited issue has a single
 * topic, that topic is. Otherwise only the issue is cited, and no topic counts as referenced.
 *
 * <p>Citations are parsed into {@code topic_citation} and resolved into {@code topic_reference} incrementally, in the
 * transaction that stores an issue: the issue's own citations, and the citations elsewhere that point at it or at
 * its topics (so citing an issue imported later still counts). Callers hold the archive write lock
 * ({@link dev.kaiko.model.ArchiveWrites}), which is what keeps two imports from resolving against each other's
 * uncommitted rows.
 */
@ApplicationScoped
public class CitationResolver {

    /** One citation: the series (null when the item names none) and the cited issue's date. */
    public record Citation(String series, LocalDate date) {}

    private static final Pattern GROUP = Pattern.compile("[(（]([^()（）]*?号)\\s*[)）]");
    private static final Pattern ITEM = Pattern.compile("^\\s*(.*?)\\s*(\\d{4}-\\d{2}-\\d{2})\\s*号\\s*$");

    /** issue.series compared as topic_citation.series_key is stored (see {@link #seriesKey}). */
    private static final String ISSUE_SERIES_KEY = "lower(regexp_replace(btrim(i.series), '\\s+', ' ', 'g'))";

    @Inject
    EntityManager em;

    /** The citations in a text, in order, without duplicates. */
    public static List<Citation> parse(String text) {
        Set<Citation> out = new LinkedHashSet<>();
        if (text == null || text.indexOf('号') < 0) {
            return List.of();
        }
        Matcher group = GROUP.matcher(text);
        while (group.find()) {
            for (String item : group.group(1).split("[、,，]")) {
                Matcher m = ITEM.matcher(item);
                if (!m.matches()) {
                    continue;
                }
                try {
                    String series = m.group(1).isBlank() ? null : m.group(1);
                    out.add(new Citation(series, LocalDate.parse(m.group(2))));
                } catch (DateTimeParseException e) {
                    // "2023-13-45号" is no date: not a citation
                }
            }
        }
        return List.copyOf(out);
    }

    /** How series names are compared: case-insensitive, whitespace collapsed. */
    static String seriesKey(String series) {
        return series.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * Re-derives the citations of the given issues' topics and re-resolves every citation that involves them,
     * as citing or as cited. Runs in the caller's transaction, under the archive write lock.
     */
    public void issuesChanged(Collection<Long> issueIds) {
        issuesChanged(issueIds, true);
    }

    /**
     * @param mayCite false when the caller knows that no topic of these issues contains a citation now (no 号 in
     *                their bodies): then, when nothing cited them and they cited nothing before, there is nothing
     *                to do, found in one query (most imports: archives that never cite)
     */
    void issuesChanged(Collection<Long> issueIds, boolean mayCite) {
        if (issueIds.isEmpty()) {
            return;
        }
        em.flush();
        Long[] issues = issueIds.toArray(Long[]::new);
        // Citing topics whose references may change: the issues' own topics that cite (or cited); topics
        // referring to the issues' topics today (an issue's date or topics may have changed); topics citing the
        // issues' series and date.
        @SuppressWarnings("unchecked")
        List<Number> affected = em.createNativeQuery("""
                select c.citing_topic_id from topic_citation c join topic t on t.id = c.citing_topic_id
                where t.issue_id = any(cast(?1 as bigint[]))
                union
                select r.citing_topic_id from topic_reference r join topic t on t.id = r.cited_topic_id
                where t.issue_id = any(cast(?1 as bigint[]))
                union
                select c.citing_topic_id from topic_citation c join issue i
                    on i.published = c.cited_date and %s = c.series_key
                where i.id = any(cast(?1 as bigint[]))""".formatted(ISSUE_SERIES_KEY))
                .setParameter(1, issues)
                .getResultList();
        if (affected.isEmpty() && !mayCite) {
            return;
        }
        em.createNativeQuery("""
                delete from topic_citation c using topic t
                where t.id = c.citing_topic_id and t.issue_id = any(cast(?1 as bigint[]))""").setParameter(1, issues).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select t.id, t.body, i.series from topic t join issue i on i.id = t.issue_id
                where t.issue_id = any(cast(?1 as bigint[])) and t.body like '%号%'""").setParameter(1, issues).getResultList();
        insertCitations(rows);
        Set<Long> citing = new LinkedHashSet<>();
        affected.forEach(n -> citing.add(n.longValue()));
        rows.forEach(r -> citing.add(((Number) r[0]).longValue()));
        Long[] citingIds = citing.toArray(Long[]::new);
        em.createNativeQuery("delete from topic_reference where citing_topic_id = any(cast(?1 as bigint[]))")
                .setParameter(1, citingIds)
                .executeUpdate();
        resolve("where c.citing_topic_id = any(cast(?1 as bigint[]))", citingIds);
    }

    /** Tags decide which topics of a cited issue are referenced: re-resolve the issues of re-tagged topics. */
    void onTagsChanged(@Observes TopicTagsChanged changed) {
        @SuppressWarnings("unchecked")
        List<Number> issues = em.createNativeQuery(
                        "select distinct issue_id from topic where id = any(cast(?1 as bigint[]))")
                .setParameter(1, changed.topicIds().toArray(Long[]::new))
                .getResultList();
        issuesChanged(issues.stream().map(Number::longValue).toList());
    }

    /** Re-derives every citation from the topics' bodies (start-up: an archive restored by hand, or older). */
    public void rebuildAll() {
        em.createNativeQuery("delete from topic_reference").executeUpdate();
        em.createNativeQuery("delete from topic_citation").executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select t.id, t.body, i.series from topic t join issue i on i.id = t.issue_id
                where t.body like '%号%'""").getResultList();
        insertCitations(rows);
        resolve("", null);
    }

    /** rows: topic id, body, the issue's series. One statement for all of them. */
    private void insertCitations(List<Object[]> rows) {
        List<Long> topics = new ArrayList<>();
        List<String> series = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        for (Object[] row : rows) {
            for (Citation c : parse((String) row[1])) {
                topics.add(((Number) row[0]).longValue());
                series.add(seriesKey(c.series() == null ? (String) row[2] : c.series()));
                dates.add(c.date());
            }
        }
        if (topics.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                insert into topic_citation (citing_topic_id, series_key, cited_date)
                select * from unnest(cast(?1 as bigint[]), cast(?2 as text[]), cast(?3 as date[]))
                on conflict do nothing""")
                .setParameter(1, topics.toArray(Long[]::new))
                .setParameter(2, series.toArray(String[]::new))
                .setParameter(3, dates.stream().map(java.sql.Date::valueOf).toArray(java.sql.Date[]::new))
                .executeUpdate();
    }

    /** Resolves the citations selected by {@code filter} (on topic_citation c) into topic_reference. */
    private void resolve(String filter, Long[] citing) {
        var insert = em.createNativeQuery("""
                with cited as (
                    select distinct c.citing_topic_id, ct.issue_id as citing_issue_id, i.id as issue_id,
                           extract(year from i.published)::int as cited_year
                    from topic_citation c
                    join topic ct on ct.id = c.citing_topic_id
                    join issue ci on ci.id = ct.issue_id
                    join issue i on i.published = c.cited_date and %s = c.series_key
                    %s %s i.published < ci.published
                ),
                citing_tags as (
                    select distinct c.citing_topic_id, lower(tt.name) as name
                    from cited c join topic_effective_tag tt on tt.topic_id = c.citing_topic_id
                ),
                sharing as (
                    select distinct t.id as cited_topic_id, c.citing_topic_id, c.issue_id, c.cited_year,
                           c.citing_issue_id
                    from cited c
                    join topic t on t.issue_id = c.issue_id
                    join topic_effective_tag tt on tt.topic_id = t.id
                    join citing_tags g on g.citing_topic_id = c.citing_topic_id and g.name = lower(tt.name)
                )
                insert into topic_reference (cited_topic_id, citing_topic_id, cited_year, citing_issue_id)
                select cited_topic_id, citing_topic_id, cited_year, citing_issue_id from sharing
                union
                select t.id, c.citing_topic_id, c.cited_year, c.citing_issue_id
                from cited c join topic t on t.issue_id = c.issue_id
                where not exists (select 1 from sharing s where s.citing_topic_id = c.citing_topic_id
                                  and s.issue_id = c.issue_id)
                  and (select count(*) from topic x where x.issue_id = c.issue_id) = 1
                on conflict do nothing""".formatted(ISSUE_SERIES_KEY, filter, filter.isEmpty() ? "where" : "and"));
        if (citing != null) {
            insert.setParameter(1, citing);
        }
        insert.executeUpdate();
    }
}
