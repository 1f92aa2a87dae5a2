package dev.kaiko.tagging;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What the importer asks of tagging: the automatic tags of a topic and the canonical names of its archive tags.
 * A thin facade over {@link TechnologyTagger} and {@link Taxonomy#mapArchiveTag}.
 */
@ApplicationScoped
public class TopicTagging {

    @Inject
    TaxonomyInUse taxonomies;

    /** Set by plain unit tests; otherwise the tagger of the taxonomy in use at each call. */
    private TechnologyTagger fixed;

    public TopicTagging() {}

    /** For plain unit tests. */
    public TopicTagging(TechnologyTagger tagger) {
        this.fixed = tagger;
    }

    private TechnologyTagger tagger() {
        return fixed != null ? fixed : taxonomies.tagger();
    }

    /** Canonical technology names found in the topic text, ancestors included (provenance AUTO). */
    public Set<String> autoTags(String title, String body) {
        return tagger().tag(title, body);
    }

    /**
     * Archive tags mapped to canonical names where the taxonomy knows them (nodejs → Node.js), otherwise kept
     * as normalised free tags (NFKC, trimmed); blanks dropped, duplicates (case-insensitive) removed.
     */
    public Set<String> archiveTags(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String r : raw == null ? List.<String>of() : raw) {
            String m = tagger().taxonomy().mapArchiveTag(r);
            if (!m.isEmpty() && seen.add(Taxonomy.tagKey(m))) {
                out.add(m);
            }
        }
        return out;
    }
}
