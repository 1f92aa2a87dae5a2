package dev.kaiko.tagging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The curated technology taxonomy (immutable, validated).
 *
 * <p>File format (YAML): a top-level {@code technologies:} list; each entry has {@code name},
 * {@code category}, optional {@code aliases}, {@code parent}, {@code ambiguous} and {@code context}
 * ({@code after}/{@code before}/{@code near}) — see {@code tagging/taxonomy.yaml} and {@link Technology}.
 *
 * <p>Validation ({@link TaxonomyException} naming the entry): missing name/category, duplicate names,
 * an alias used by two technologies (compared with {@link #find} semantics: NFKC, case-insensitive,
 * ignoring spaces, '.', '-', '_'), unknown parent, parent cycles, invalid context regexes.
 */
public final class Taxonomy {

    public static final String DEFAULT_RESOURCE = "tagging/taxonomy.yaml";

    private final List<Technology> technologies;
    private final Map<String, Technology> byName;
    private final Map<String, Technology> byKey;

    private Taxonomy(List<Technology> technologies) {
        this.technologies = List.copyOf(technologies);
        Map<String, Technology> names = new LinkedHashMap<>();
        Map<String, Technology> keys = new HashMap<>();
        for (Technology t : technologies) {
            if (names.putIfAbsent(t.name(), t) != null) {
                throw new TaxonomyException("Duplicate technology name '" + t.name() + "'");
            }
        }
        for (Technology t : technologies) {
            List<String> spellings = new ArrayList<>();
            spellings.add(t.name());
            spellings.addAll(t.aliases());
            spellings.addAll(t.ambiguous());
            for (String s : spellings) {
                String key = TextNormalizer.lookupKey(s);
                if (key.isEmpty()) {
                    throw new TaxonomyException("Technology '" + t.name() + "' has an empty alias");
                }
                Technology other = keys.putIfAbsent(key, t);
                if (other != null && other != t) {
                    throw new TaxonomyException("Duplicate alias '" + s + "': used by technology '" + t.name()
                            + "' and by '" + other.name() + "'");
                }
            }
        }
        for (Technology t : technologies) {
            if (t.parent() != null && !names.containsKey(t.parent())) {
                throw new TaxonomyException("Technology '" + t.name() + "' has unknown parent '" + t.parent() + "'");
            }
            for (String re : concat(t.context().after(), t.context().before())) {
                try {
                    Pattern.compile(re);
                } catch (PatternSyntaxException e) {
                    throw new TaxonomyException(
                            "Technology '" + t.name() + "' has an invalid context regex '" + re + "': "
                                    + e.getDescription(),
                            e);
                }
            }
            if (t.ecosystem() != null && !names.containsKey(t.ecosystem())) {
                throw new TaxonomyException(
                        "Technology '" + t.name() + "' has unknown ecosystem '" + t.ecosystem() + "'");
            }
            for (String re : t.libraryNames()) {
                try {
                    Pattern.compile(re);
                } catch (PatternSyntaxException e) {
                    throw new TaxonomyException(
                            "Technology '" + t.name() + "' has an invalid libraryNames regex '" + re + "': "
                                    + e.getDescription(),
                            e);
                }
            }
            if (!t.ambiguous().isEmpty() && t.context().isEmpty()) {
                throw new TaxonomyException(
                        "Technology '" + t.name() + "' lists ambiguous spellings but no context rule");
            }
        }
        for (Technology t : technologies) {
            Set<String> seen = new LinkedHashSet<>();
            seen.add(t.name());
            for (String p = t.parent(); p != null; p = names.get(p).parent()) {
                if (!seen.add(p)) {
                    throw new TaxonomyException(
                            "Parent cycle at technology '" + t.name() + "': " + String.join(" -> ", seen) + " -> " + p);
                }
            }
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byKey = keys;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> r = new ArrayList<>(a);
        r.addAll(b);
        return r;
    }

    // ------------------------------------------------------------------ loading

    /** Builds and validates a taxonomy from entries. */
    public static Taxonomy of(Collection<Technology> technologies) {
        return new Taxonomy(new ArrayList<>(technologies));
    }

    /** The default taxonomy shipped on the classpath ({@value #DEFAULT_RESOURCE}). */
    public static Taxonomy loadDefault() {
        return of(parseResource(DEFAULT_RESOURCE));
    }

    public static Taxonomy load(InputStream in) {
        return of(parse(in, "<stream>"));
    }

    public static Taxonomy load(Path file) {
        return of(parse(file));
    }

    /**
     * This taxonomy extended by the entries of another file: an entry whose name already exists adds its
     * aliases / ambiguous spellings / context terms to the existing entry and overrides category and parent
     * when given; other entries are appended. The result is validated as a whole.
     */
    public Taxonomy extendWith(InputStream extension) {
        return extend(parse(extension, "<extension>", true));
    }

    public Taxonomy extendWith(Path extension) {
        return extend(parse(extension, true));
    }

    /**
     * This taxonomy with extra aliases (technology name → spellings), as added by admins ({@link TaxonomyAliases}).
     * Validated as a whole like a file extension; the technologies must exist.
     */
    public Taxonomy withAliases(Map<String, List<String>> aliases) {
        if (aliases.isEmpty()) {
            return this;
        }
        List<Technology> ext = new ArrayList<>();
        aliases.forEach((name, spellings) -> {
            if (!byName.containsKey(name)) {
                throw new TaxonomyException("Alias of unknown technology '" + name + "'");
            }
            ext.add(new Technology(name, "", List.copyOf(spellings), null, List.of(), Technology.ContextRule.NONE));
        });
        return extend(ext);
    }

    /** The key under which {@link #find} looks a spelling up: two spellings with one key are the same alias. */
    public static String spellingKey(String spelling) {
        return TextNormalizer.lookupKey(spelling);
    }

    private Taxonomy extend(List<Technology> ext) {
        Map<String, Technology> merged = new LinkedHashMap<>();
        for (Technology t : technologies) {
            merged.put(t.name(), t);
        }
        for (Technology e : ext) {
            Technology base = merged.get(e.name());
            if (base == null) {
                if (e.category().isBlank()) {
                    throw new TaxonomyException(
                            "Taxonomy extension: new technology '" + e.name() + "' has no category");
                }
                merged.put(e.name(), e);
                continue;
            }
            Technology.ContextRule bc = base.context();
            Technology.ContextRule ec = e.context();
            merged.put(
                    e.name(),
                    new Technology(
                            e.name(),
                            e.category() != null && !e.category().isBlank() ? e.category() : base.category(),
                            union(base.aliases(), e.aliases()),
                            e.parent() != null ? e.parent() : base.parent(),
                            union(base.ambiguous(), e.ambiguous()),
                            new Technology.ContextRule(
                                    union(bc.after(), ec.after()),
                                    union(bc.before(), ec.before()),
                                    union(bc.near(), ec.near())),
                            e.ecosystem() != null ? e.ecosystem() : base.ecosystem(),
                            union(base.libraryNames(), e.libraryNames())));
        }
        return of(merged.values());
    }

    private static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return new ArrayList<>(s);
    }

    static List<Technology> parseResource(String resource) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl == null) {
            cl = Taxonomy.class.getClassLoader();
        }
        try (InputStream in = cl.getResourceAsStream(resource)) {
            if (in == null) {
                throw new TaxonomyException("Taxonomy resource not found on classpath: " + resource);
            }
            return parse(in, "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Technology> parse(Path file) {
        return parse(file, false);
    }

    static List<Technology> parse(Path file, boolean extension) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString(), extension);
        } catch (IOException e) {
            throw new TaxonomyException("Cannot read taxonomy file " + file + ": " + e.getMessage(), e);
        }
    }

    static List<Technology> parse(InputStream in, String source) {
        return parse(in, source, false);
    }

    /** In an extension, category may be omitted for entries that extend an existing technology. */
    static List<Technology> parse(InputStream in, String source, boolean extension) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (YAMLException e) {
            throw new TaxonomyException("Invalid YAML in taxonomy " + source + ": " + e.getMessage(), e);
        }
        Object list = root instanceof Map<?, ?> m ? m.get("technologies") : root;
        if (!(list instanceof List<?> entries)) {
            throw new TaxonomyException("Taxonomy " + source + " must contain a 'technologies:' list");
        }
        List<Technology> result = new ArrayList<>();
        int index = 0;
        for (Object o : entries) {
            index++;
            if (!(o instanceof Map<?, ?> e)) {
                throw new TaxonomyException("Taxonomy " + source + ": entry #" + index + " is not a mapping");
            }
            String name = str(e.get("name"));
            String where = "Taxonomy " + source + ": entry #" + index + (name == null ? "" : " '" + name + "'");
            if (name == null || name.isBlank()) {
                throw new TaxonomyException(where + " has no name");
            }
            String category = str(e.get("category"));
            if (extension && category == null) {
                category = "";
            } else if (category == null || category.isBlank()) {
                throw new TaxonomyException(where + " has no category");
            }
            Technology.ContextRule ctx = Technology.ContextRule.NONE;
            Object c = e.get("context");
            if (c instanceof Map<?, ?> cm) {
                ctx = new Technology.ContextRule(
                        strings(cm.get("after"), where),
                        strings(cm.get("before"), where),
                        strings(cm.get("near"), where));
            } else if (c != null) {
                throw new TaxonomyException(where + ": 'context' must be a mapping with after/before/near");
            }
            for (Object k : e.keySet()) {
                if (!List.of(
                                "name",
                                "category",
                                "aliases",
                                "parent",
                                "ambiguous",
                                "context",
                                "ecosystem",
                                "libraryNames")
                        .contains(String.valueOf(k))) {
                    throw new TaxonomyException(where + ": unknown field '" + k + "'");
                }
            }
            String parent = str(e.get("parent"));
            String ecosystem = str(e.get("ecosystem"));
            List<String> aliases = new ArrayList<>(strings(e.get("aliases"), where));
            aliases.removeIf(a -> a.equals(name));
            result.add(new Technology(
                    name.trim(),
                    category.trim(),
                    aliases,
                    parent == null || parent.isBlank() ? null : parent.trim(),
                    strings(e.get("ambiguous"), where),
                    ctx,
                    ecosystem == null || ecosystem.isBlank() ? null : ecosystem.trim(),
                    strings(e.get("libraryNames"), where)));
        }
        return result;
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static List<String> strings(Object o, String where) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> l)) {
            throw new TaxonomyException(where + ": expected a list but got '" + o + "'");
        }
        List<String> r = new ArrayList<>();
        for (Object x : l) {
            if (x != null && !String.valueOf(x).isBlank()) {
                r.add(String.valueOf(x).trim());
            }
        }
        return r;
    }

    // ------------------------------------------------------------------ queries

    public List<Technology> technologies() {
        return technologies;
    }

    /** Technology by canonical name or any alias (NFKC, case-insensitive, ignoring spaces . - _). */
    public Optional<Technology> find(String nameOrAlias) {
        if (nameOrAlias == null || nameOrAlias.isBlank()) {
            return Optional.empty();
        }
        Technology exact = byName.get(nameOrAlias);
        return exact != null
                ? Optional.of(exact)
                : Optional.ofNullable(byKey.get(TextNormalizer.lookupKey(nameOrAlias)));
    }

    /** Canonical names of the ancestors of a technology (given by name or alias), nearest first; empty if unknown. */
    public List<String> ancestors(String nameOrAlias) {
        List<String> r = new ArrayList<>();
        Optional<Technology> t = find(nameOrAlias);
        for (String p = t.map(Technology::parent).orElse(null);
                p != null;
                p = byName.get(p).parent()) {
            r.add(p);
        }
        return r;
    }

    /**
     * Maps a tag that came with imported archive data: the canonical name if the taxonomy knows it
     * ({@code "nodejs"} → {@code "Node.js"}), otherwise a normalised free tag (NFKC, whitespace collapsed,
     * trimmed; case kept). Returns {@code ""} for a blank tag. Use {@link #isCanonical} to tell them apart.
     */
    public String mapArchiveTag(String raw) {
        return find(raw)
                .map(Technology::name)
                .orElseGet(() -> TextNormalizer.nfkc(raw).replace('\n', ' '));
    }

    /** True if {@code name} is a canonical technology name of this taxonomy. */
    public boolean isCanonical(String name) {
        return byName.containsKey(name);
    }

    /** Case/width-insensitive key for de-duplicating free tags ("Tools" = "tools" = "ｔｏｏｌｓ"). */
    public static String tagKey(String tag) {
        return TextNormalizer.matchKey(tag);
    }

    @Override
    public String toString() {
        return "Taxonomy[" + technologies.size() + " technologies]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Taxonomy t && t.technologies.equals(technologies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(technologies);
    }
}
