package dev.kaiko.review;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Back-references between issues. A topic body may cite earlier issues in a parenthesised list, as the weekly's own
 * retrospectives do: {@code (Neco Weekly 2023-03-17号、Neco Weekly 2023-09-22号)}; an item without a series
 * ({@code (2023-03-17号)}) cites the citing topic's own series.
 *
 * <p>The rule that turns a citation into a <em>referenced topic</em>: the citation names an issue by series
 * (case-insensitive) and publication date, published before the citing issue. Of that issue's topics, those that
 * share a technology tag with the citing topic are referenced; when none does and the cited issue has a single
 * topic, that topic is. Otherwise only the issue is cited, and no topic counts as referenced.
 *
 * <p>Both are derived at import time: citations parsed into {@code topic_citation} (a pass over the topics whose body
 * contains 号) and resolved into {@code topic_reference}, rebuilt whole after each import so that citing an issue
 * imported later still counts; reviewing a year then only reads the small reference table.
 */
@ApplicationScoped
public class Citations {

    /** One citation: the series (null when the item names none) and the cited issue's date. */
    public record Citation(String series, LocalDate date) {
    }

    private static final Pattern GROUP = Pattern.compile("[(（]([^()（）]*?号)\\s*[)）]");
    private static final Pattern ITEM = Pattern.compile("^\\s*(.*?)\\s*(\\d{4}-\\d{2}-\\d{2})\\s*号\\s*$");

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

    /** Re-derives every citation from the topics' bodies, and resolves them to topics. */
    public void rebuild() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from topic_reference").executeUpdate();
            em.createNativeQuery("delete from topic_citation").executeUpdate();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    select t.id, t.body, i.series from topic t join issue i on i.id = t.issue_id
                    where t.body like '%号%'""").getResultList();
            var insert = em.createNativeQuery("""
                    insert into topic_citation (citing_topic_id, series_key, cited_date) values (?1, ?2, ?3)
                    on conflict do nothing""");
            for (Object[] row : rows) {
                for (Citation c : parse((String) row[1])) {
                    insert.setParameter(1, ((Number) row[0]).longValue())
                            .setParameter(2, seriesKey(c.series() == null ? (String) row[2] : c.series()))
                            .setParameter(3, c.date()).executeUpdate();
                }
            }
            // Effective tags: the manual ones once a topic's tags were edited, else the others (as Topic does).
            em.createNativeQuery("""
                    with cited as (
                        select distinct c.citing_topic_id, ct.issue_id as citing_issue_id, i.id as issue_id,
                               extract(year from i.published)::int as cited_year
                        from topic_citation c
                        join topic ct on ct.id = c.citing_topic_id
                        join issue ci on ci.id = ct.issue_id
                        join issue i on i.published = c.cited_date
                            and lower(regexp_replace(btrim(i.series), '\\s+', ' ', 'g')) = c.series_key
                        where i.published < ci.published
                    ),
                    citing_tags as (
                        select distinct c.citing_topic_id, lower(tt.name) as name
                        from cited c join topic t on t.id = c.citing_topic_id join topic_tag tt on tt.topic_id = t.id
                        where (tt.provenance = 'manual') = t.tags_edited
                    ),
                    sharing as (
                        select distinct t.id as cited_topic_id, c.citing_topic_id, c.issue_id, c.cited_year,
                               c.citing_issue_id
                        from cited c
                        join topic t on t.issue_id = c.issue_id
                        join topic_tag tt on tt.topic_id = t.id and (tt.provenance = 'manual') = t.tags_edited
                        join citing_tags g on g.citing_topic_id = c.citing_topic_id and g.name = lower(tt.name)
                    )
                    insert into topic_reference (cited_topic_id, citing_topic_id, cited_year, citing_issue_id)
                    select cited_topic_id, citing_topic_id, cited_year, citing_issue_id from sharing
                    union
                    select t.id, c.citing_topic_id, c.cited_year, c.citing_issue_id
                    from cited c join topic t on t.issue_id = c.issue_id
                    where not exists (select 1 from sharing s where s.citing_topic_id = c.citing_topic_id
                                      and s.issue_id = c.issue_id)
                      and (select count(*) from topic x where x.issue_id = c.issue_id) = 1""").executeUpdate();
        });
    }

    /** The topics of {@code year} that later issues refer to (see the class comment for the rule). */
    public Set<Long> referencedIn(int year) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery(
                "select distinct cited_topic_id from topic_reference where cited_year = ?1 order by 1")
                .setParameter(1, year).getResultList();
        Set<Long> out = new LinkedHashSet<>();
        ids.forEach(id -> out.add(id.longValue()));
        return out;
    }

    /** For each of the given topics, the later issues referring to it, oldest first. */
    public Map<Long, List<YearReview.IssueRef>> citingIssues(Collection<Long> topicIds) {
        Map<Long, List<YearReview.IssueRef>> out = new LinkedHashMap<>();
        if (topicIds.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select distinct r.cited_topic_id, ci.id, ci.series, ci.number, ci.title, ci.published, ci.url
                from topic_reference r join issue ci on ci.id = r.citing_issue_id
                where r.cited_topic_id in (?1) order by ci.published, ci.id""")
                .setParameter(1, topicIds).getResultList();
        for (Object[] r : rows) {
            out.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
                    .add(new YearReview.IssueRef(((Number) r[1]).longValue(), (String) r[2],
                            r[3] == null ? null : ((Number) r[3]).intValue(), (String) r[4],
                            YearReview.toLocalDate(r[5]), (String) r[6], null));
        }
        return out;
    }
}
