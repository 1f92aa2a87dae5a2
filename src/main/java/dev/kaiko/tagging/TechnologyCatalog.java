package dev.kaiko.tagging;

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
    Taxonomy taxonomy;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            String name,
            String category,
            String parent,
            long topics,
            @JsonProperty("first_year") int firstYear,
            @JsonProperty("last_year") int lastYear,
            boolean canonical) {}

    /** Every tag people see on topics (the manual set where edited), most used first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Entry> entries() {
        List<Object[]> rows = em.createNativeQuery("""
                select tt.name, count(distinct t.id), min(extract(year from i.published)), max(extract(year from i.published))
                from topic_effective_tag tt join topic t on t.id = tt.topic_id join issue i on i.id = t.issue_id
                group by tt.name order by 2 desc, 1""").getResultList();
        return rows.stream()
                .map(r -> {
                    String name = (String) r[0];
                    var tech = taxonomy.find(name).filter(t -> t.name().equals(name));
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
}
