package dev.kaiko.tagging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The technologies the archive mentions, with topic counts and when they were first and last mentioned. */
@ApplicationScoped
public class TechnologyCatalog {

    @Inject
    EntityManager em;

    @Inject
    TaxonomyInUse taxonomies;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            String name,
            String category,
            String parent,
            long topics,
            @JsonProperty("first_year") int firstYear,
            @JsonProperty("last_year") int lastYear,
            boolean canonical) {}

    /**
     * Every technology people see on topics (the manual set where edited), most used first. Labels — tags the
     * taxonomy does not know ({@link TagKinds}) — are not technologies and are left out; a stored alias counts under
     * its canonical name, a topic once however many of its tags name the same technology.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Entry> entries() {
        List<String> names = em.createNativeQuery("select distinct name from topic_effective_tag")
                .getResultList();
        List<String> stored = new ArrayList<>();
        List<String> canonical = new ArrayList<>();
        for (String name : names) {
            TagKinds.technology(taxonomies.taxonomy(), name).ifPresent(c -> {
                stored.add(name);
                canonical.add(c);
            });
        }
        if (stored.isEmpty()) {
            return List.of();
        }
        // the name → technology pairs go in as two strings split on U+001F, which no tag contains (NFKC-normalised
        // text)
        List<Object[]> rows = em.createNativeQuery("""
                select m.canonical, count(distinct t.id), min(extract(year from i.published)), max(extract(year from i.published))
                from topic_effective_tag tt
                join unnest(string_to_array(:names, chr(31)), string_to_array(:canonical, chr(31))) as m(name, canonical)
                  on m.name = tt.name
                join topic t on t.id = tt.topic_id join issue i on i.id = t.issue_id
                group by m.canonical order by 2 desc, 1""")
                .setParameter("names", String.join(SEPARATOR, stored))
                .setParameter("canonical", String.join(SEPARATOR, canonical))
                .getResultList();
        return rows.stream()
                .map(r -> {
                    String name = (String) r[0];
                    var tech = taxonomies
                            .taxonomy()
                            .find(name)
                            .filter(t -> t.name().equals(name));
                    return new Entry(
                            name,
                            tech.map(Technology::category).orElse(null),
                            tech.flatMap(Technology::parentName).orElse(null),
                            ((Number) r[1]).longValue(),
                            ((Number) r[2]).intValue(),
                            ((Number) r[3]).intValue(),
                            tech.isPresent());
                })
                .toList();
    }

    private static final String SEPARATOR = "\u001f";
}
