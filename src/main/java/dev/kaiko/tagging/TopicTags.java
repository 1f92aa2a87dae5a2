package dev.kaiko.tagging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the tag sources of one topic.
 *
 * <p>Rule: the result is AUTO ∪ ARCHIVE ∪ MANUAL-added, minus MANUAL-removed. Each tag carries its
 * strongest provenance (MANUAL &gt; ARCHIVE &gt; AUTO). Archive and manual names are mapped to canonical
 * names through the taxonomy (unknown ones stay free tags); ancestors of canonical ARCHIVE/MANUAL tags are
 * added as AUTO (derived from the taxonomy), like the tagger does. Manual removals are stored as such by the
 * caller, so a re-tag run that finds the technology again does not bring it back. Ancestors implied by a
 * removed tag stay unless they are removed themselves. Adding and removing the same tag is a contradiction and is rejected.
 */
public final class TopicTags {

    private TopicTags() {
    }

    /** A person's edits of a topic's tags. */
    public record ManualEdits(Set<String> added, Set<String> removed) {
        public static final ManualEdits NONE = new ManualEdits(Set.of(), Set.of());

        public ManualEdits {
            added = added == null ? Set.of() : Set.copyOf(added);
            removed = removed == null ? Set.of() : Set.copyOf(removed);
        }
    }

    /** One resulting tag: canonical name (or free tag), its provenance, and whether the taxonomy knows it. */
    public record Tag(String name, TagProvenance provenance, boolean canonical) {
    }

    public static List<Tag> merge(Taxonomy taxonomy, Collection<String> auto, Collection<String> archive,
                                  ManualEdits manual) {
        ManualEdits m = manual == null ? ManualEdits.NONE : manual;
        Set<String> removedKeys = new HashSet<>();
        for (String r : m.removed()) {
            removedKeys.add(Taxonomy.tagKey(taxonomy.mapArchiveTag(r)));
        }
        for (String a : m.added()) {
            if (removedKeys.contains(Taxonomy.tagKey(taxonomy.mapArchiveTag(a)))) {
                throw new IllegalArgumentException("Tag '" + a + "' is both added and removed manually");
            }
        }
        Map<String, Tag> out = new LinkedHashMap<>();
        if (auto != null) {
            for (String a : auto) {
                put(out, taxonomy, taxonomy.mapArchiveTag(a), TagProvenance.AUTO);
            }
        }
        if (archive != null) {
            for (String a : archive) {
                put(out, taxonomy, taxonomy.mapArchiveTag(a), TagProvenance.ARCHIVE);
            }
        }
        for (String a : m.added()) {
            put(out, taxonomy, taxonomy.mapArchiveTag(a), TagProvenance.MANUAL);
        }
        for (Tag t : new ArrayList<>(out.values())) {
            if (t.canonical() && t.provenance() != TagProvenance.AUTO) {
                for (String anc : taxonomy.ancestors(t.name())) {
                    put(out, taxonomy, anc, TagProvenance.AUTO);
                }
            }
        }
        out.keySet().removeAll(removedKeys);
        return List.copyOf(out.values());
    }

    private static void put(Map<String, Tag> out, Taxonomy taxonomy, String name, TagProvenance p) {
        if (name.isEmpty()) {
            return;
        }
        String key = Taxonomy.tagKey(name);
        Tag old = out.get(key);
        if (old == null) {
            out.put(key, new Tag(name, p, taxonomy.isCanonical(name)));
        } else if (p.outranks(old.provenance())) {
            out.put(key, new Tag(old.name(), p, old.canonical()));
        }
    }
}
