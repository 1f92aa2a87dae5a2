package dev.kaiko.tagging;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A topic's tags told apart: technologies and labels. The one rule: a tag name is a technology iff
 * {@code taxonomy.find(name).isPresent()}, and then it counts under the technology's canonical name; every other tag
 * (an archive's "ReleaseNote", "article", "Tools") is a label. So an alias added to the taxonomy, or to its
 * extension, promotes a stored label to a technology without touching the stored tags.
 *
 * @param technologies canonical names, sorted case-insensitively, no duplicates
 * @param labels the other tags as stored, sorted case-insensitively, no duplicates
 */
public record TagKinds(List<String> technologies, List<String> labels) {

    public static TagKinds of(Taxonomy taxonomy, Collection<String> names) {
        TreeSet<String> technologies = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        TreeSet<String> labels = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : names) {
            Optional<String> technology = technology(taxonomy, name);
            if (technology.isPresent()) {
                technologies.add(technology.get());
            } else if (name != null && !name.isBlank()) {
                labels.add(name);
            }
        }
        return new TagKinds(List.copyOf(technologies), List.copyOf(labels));
    }

    /** The canonical technology a tag name stands for; empty when the name is a label. */
    public static Optional<String> technology(Taxonomy taxonomy, String name) {
        return taxonomy.find(name).map(Technology::name);
    }
}
