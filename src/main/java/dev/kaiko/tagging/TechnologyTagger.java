package dev.kaiko.tagging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags a topic (title + body) with canonical technology names of a {@link Taxonomy}, parents included
 * (Sidecar containers ⇒ Kubernetes). Thread-safe and immutable; build once and reuse.
 *
 * <h2>Matching</h2>
 * Title and body are NFKC-normalised and lower-cased, then scanned once with an Aho–Corasick automaton
 * holding every name and alias. A hit is kept when
 * <ul>
 * <li>the alias edge is a Latin letter/digit and the neighbouring text character is not (word boundary:
 * no Go in Google, no Rust in Trust, no CSS in CSSOM); Japanese/other-script edges need no boundary,
 * so サイドカー matches inside サイドカーコンテナ;</li>
 * <li>for an <em>ambiguous</em> spelling (Go, Bun, Vault, Helm, Next …): it is written capitalised in
 * the original text and the technology's {@link Technology.ContextRule context rule} holds;</li>
 * <li>it is not strictly inside a longer kept hit (Linux Foundation is not Linux, Next.js is not Next).</li>
 * </ul>
 *
 * <h2>Decision</h2>
 * A technology is tagged when it is mentioned in the title, or in the first sentence of a body
 * paragraph (line), or at least {@code minBodyMentions} (default 2) times in the body. A single passing mention deep in a body is
 * not enough — this keeps "… like React and Vue" asides out of the facets.
 *
 * <h2>Ecosystem</h2>
 * A topic that names nothing but tools of one ecosystem ({@link Technology#ecosystem()}: an esbuild or Jest
 * release) or a library whose name shows its ecosystem ({@link Technology#libraryNames()}: {@code bay.js},
 * {@code honojs/hono}) is tagged with that ecosystem as well. It is not when the topic names any other
 * technology: that more specific tag is what the topic is filed under (an esbuild plugin for Vite is tagged
 * esbuild and Vite, not JavaScript).
 */
public final class TechnologyTagger {

    /** Tuning knobs of the decision rule. */
    public record Rules(
            int minBodyMentions,
            boolean leadSentenceCounts,
            boolean subjectCounts,
            boolean releaseNotesLeadOnly,
            boolean ecosystems) {
        public static final Rules DEFAULT = new Rules(2, true, true, true, true);

        public Rules(
                int minBodyMentions, boolean leadSentenceCounts, boolean subjectCounts, boolean releaseNotesLeadOnly) {
            this(minBodyMentions, leadSentenceCounts, subjectCounts, releaseNotesLeadOnly, true);
        }
    }

    /**
     * Why a technology was (or was not) tagged: mention counts per field; {@code salient} = mentioned in the
     * body's first sentence or as the topic/subject of a clause (X は / X が / X という).
     */
    public record Evidence(String technology, int titleMentions, int bodyMentions, boolean salient, boolean tagged) {}

    private static final int ADJACENT = 3;

    private final Taxonomy taxonomy;
    private final Rules rules;
    private final String[] techNames;
    private final String[][] ancestors;
    private final Context[] contexts;
    private final AhoCorasick automaton;
    private final int[] patTech;
    private final boolean[] patAmbiguous;
    private final int[] patLength;
    private final boolean[] patLatinStart;
    private final boolean[] patLatinEnd;
    private final int[] ecosystem;
    private final List<LibraryName> libraryNames = new ArrayList<>();

    /** A regex whose match in a title names a library of technology {@code tech}. */
    private record LibraryName(int tech, Pattern pattern) {}

    public TechnologyTagger(Taxonomy taxonomy) {
        this(taxonomy, Rules.DEFAULT);
    }

    public TechnologyTagger(Taxonomy taxonomy, Rules rules) {
        this.taxonomy = taxonomy;
        this.rules = rules;
        List<Technology> techs = taxonomy.technologies();
        techNames = new String[techs.size()];
        ancestors = new String[techs.size()][];
        contexts = new Context[techs.size()];
        ecosystem = new int[techs.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int t = 0; t < techs.size(); t++) {
            index.put(techs.get(t).name(), t);
        }
        Map<String, int[]> patterns = new LinkedHashMap<>(); // key -> {tech, ambiguous}
        for (int t = 0; t < techs.size(); t++) {
            Technology tech = techs.get(t);
            techNames[t] = tech.name();
            ancestors[t] = taxonomy.ancestors(tech.name()).toArray(new String[0]);
            contexts[t] = tech.ambiguous().isEmpty() ? null : new Context(tech.context());
            ecosystem[t] = tech.ecosystem() == null ? -1 : index.get(tech.ecosystem());
            for (String re : tech.libraryNames()) {
                libraryNames.add(new LibraryName(t, Pattern.compile(re)));
            }
            Set<String> ambiguousKeys = new TreeSet<>();
            for (String a : tech.ambiguous()) {
                ambiguousKeys.add(TextNormalizer.matchKey(a));
            }
            List<String> plain = new ArrayList<>();
            plain.add(tech.name());
            plain.addAll(tech.aliases());
            for (String a : plain) {
                String k = TextNormalizer.matchKey(a);
                if (!k.isEmpty() && !ambiguousKeys.contains(k)) {
                    patterns.putIfAbsent(k, new int[] {t, 0});
                }
            }
            for (String k : ambiguousKeys) {
                patterns.putIfAbsent(k, new int[] {t, 1});
            }
        }
        int n = patterns.size();
        patTech = new int[n];
        patAmbiguous = new boolean[n];
        patLength = new int[n];
        patLatinStart = new boolean[n];
        patLatinEnd = new boolean[n];
        List<String> keys = new ArrayList<>(patterns.keySet());
        for (int p = 0; p < n; p++) {
            String k = keys.get(p);
            int[] v = patterns.get(k);
            patTech[p] = v[0];
            patAmbiguous[p] = v[1] == 1;
            patLength[p] = k.length();
            patLatinStart[p] = TextNormalizer.isLatinWordChar(k.charAt(0));
            patLatinEnd[p] = TextNormalizer.isLatinWordChar(k.charAt(k.length() - 1));
        }
        automaton = new AhoCorasick(keys);
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** Canonical technology names for a topic, ancestors included, sorted. Either argument may be null. */
    public Set<String> tag(String title, String body) {
        Set<String> result = new TreeSet<>();
        for (Evidence e : explain(title, body)) {
            if (e.tagged()) {
                result.add(e.technology());
            }
        }
        return Collections.unmodifiableSet(result);
    }

    /** Per-technology mention counts behind {@link #tag}; ancestors added by the hierarchy appear with zero counts. */
    public List<Evidence> explain(String title, String body) {
        String[] parts = MentionContext.splitSiteSuffix(TextNormalizer.nfkc(title));
        String[] repo = MentionContext.splitRepositoryDescription(parts[0]);
        Field t = new Field(repo[0]);
        // site name and repository description: weak evidence, counted like body mentions
        Field suffix = new Field(repo[1].isEmpty() ? parts[1] : repo[1] + "\n" + parts[1]);
        Field b = new Field(body);
        String whole = t.lower + "\n" + suffix.lower + "\n" + b.lower;
        int[] titleCount = new int[techNames.length];
        int[] bodyCount = new int[techNames.length];
        boolean[] lead = new boolean[techNames.length];
        Map<Integer, Boolean> contextCache = new HashMap<>();
        for (int[] m : hits(t, whole, contextCache)) {
            titleCount[patTech[m[2]]]++;
        }
        for (int[] m : hits(suffix, whole, contextCache)) {
            bodyCount[patTech[m[2]]]++;
        }
        boolean[] inLead = MentionContext.leadMask(b.lower);
        boolean releaseNote = rules.releaseNotesLeadOnly() && MentionContext.isReleaseNote(b.lower, inLead);
        for (int[] m : hits(b, whole, contextCache)) {
            bodyCount[patTech[m[2]]]++;
            if (((rules.leadSentenceCounts() && inLead[m[0]])
                            || (rules.subjectCounts() && MentionContext.isSubject(b.lower, m[1])))
                    && !MentionContext.inSlashList(b.lower, m[0], m[1])) {
                lead[patTech[m[2]]] = true;
            }
        }
        Map<String, Evidence> out = new LinkedHashMap<>();
        List<String> implied = new ArrayList<>();
        boolean[] tagged = new boolean[techNames.length];
        for (int i = 0; i < techNames.length; i++) {
            if (titleCount[i] == 0 && bodyCount[i] == 0) {
                continue;
            }
            tagged[i] = titleCount[i] > 0 || (!releaseNote && bodyCount[i] >= rules.minBodyMentions()) || lead[i];
            out.put(techNames[i], new Evidence(techNames[i], titleCount[i], bodyCount[i], lead[i], tagged[i]));
            if (tagged[i]) {
                implied.addAll(Arrays.asList(ancestors[i]));
            }
        }
        int eco = rules.ecosystems() ? ecosystemOf(tagged, t.lower + "\n" + suffix.lower) : -1;
        if (eco >= 0 && !tagged[eco]) {
            Evidence e = out.get(techNames[eco]);
            out.put(
                    techNames[eco],
                    e == null
                            ? new Evidence(techNames[eco], 0, 0, false, true)
                            : new Evidence(techNames[eco], e.titleMentions(), e.bodyMentions(), e.salient(), true));
            implied.addAll(Arrays.asList(ancestors[eco]));
        }
        for (String a : implied) {
            Evidence e = out.get(a);
            if (e == null) {
                out.put(a, new Evidence(a, 0, 0, false, true));
            } else if (!e.tagged()) {
                out.put(a, new Evidence(a, e.titleMentions(), e.bodyMentions(), e.salient(), true));
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * The ecosystem the tagged technologies leave the topic in, or -1: every tagged technology is a tool of one
     * ecosystem (or an ancestor of such a tool, Monorepo of Lerna), or none is tagged and the title names an
     * unknown library of it. Any other tagged technology is more specific than the ecosystem and wins.
     */
    private int ecosystemOf(boolean[] tagged, String title) {
        int eco = -1;
        boolean any = false;
        for (int i = 0; i < tagged.length; i++) {
            if (!tagged[i]) {
                continue;
            }
            any = true;
            if (ecosystem[i] >= 0) {
                if (eco >= 0 && eco != ecosystem[i]) {
                    return -1;
                }
                eco = ecosystem[i];
            }
        }
        for (int i = 0; i < tagged.length; i++) {
            if (tagged[i] && ecosystem[i] < 0 && !isAncestorOfEcosystemTool(i, tagged)) {
                return -1; // a more specific technology, or the ecosystem itself already named
            }
        }
        if (eco >= 0 || any) {
            return eco;
        }
        for (LibraryName ln : libraryNames) {
            Matcher m = ln.pattern().matcher(title);
            while (m.find()) {
                if (!namesKnownTechnology(m.group())) {
                    return ln.tech();
                }
            }
        }
        return -1;
    }

    private boolean isAncestorOfEcosystemTool(int a, boolean[] tagged) {
        for (int i = 0; i < tagged.length; i++) {
            if (tagged[i] && ecosystem[i] >= 0 && Arrays.asList(ancestors[i]).contains(techNames[a])) {
                return true;
            }
        }
        return false;
    }

    /** "node.js", "reactjs/react.dev": a library name the taxonomy knows is that technology, not an unknown one. */
    private boolean namesKnownTechnology(String name) {
        for (String part : name.split("/")) {
            if (taxonomy.find(part).isPresent()) {
                return true;
            }
        }
        return taxonomy.find(name).isPresent();
    }

    /** Valid, maximal hits in one field: {start, end, pattern}. */
    private List<int[]> hits(Field f, String whole, Map<Integer, Boolean> contextCache) {
        List<int[]> raw = new ArrayList<>();
        String text = f.lower;
        automaton.scan(text, (end, p) -> {
            int start = end - patLength[p];
            if (patLatinStart[p] && start > 0 && TextNormalizer.isLatinWordChar(text.charAt(start - 1))) {
                return;
            }
            if (patLatinEnd[p] && end < text.length() && TextNormalizer.isLatinWordChar(text.charAt(end))) {
                return;
            }
            // ".NET" in "lwn.net": an alias starting with punctuation still needs a boundary before it
            if (!patLatinStart[p]
                    && start > 0
                    && !TextNormalizer.isLatinWordChar(text.charAt(start))
                    && TextNormalizer.isLatinWordChar(text.charAt(start - 1))
                    && end - start > 1
                    && TextNormalizer.isLatinWordChar(text.charAt(start + 1))) {
                return;
            }
            // "--html", "-webkit-": a command-line flag or vendor prefix, not the technology
            if (patLatinStart[p]
                    && start >= 1
                    && text.charAt(start - 1) == '-'
                    && (start == 1
                            || text.charAt(start - 2) == '-'
                            || text.charAt(start - 2) == ' '
                            || text.charAt(start - 2) == '`')) {
                return;
            }
            // "package.json", ".module.css", "foo.rs": a file extension or member, not the technology
            if (patLatinStart[p]
                    && start >= 2
                    && text.charAt(start - 1) == '.'
                    && TextNormalizer.isLatinWordChar(text.charAt(start - 2))) {
                return;
            }
            // a term ending (starting) in a digit must not be part of a longer version number: v8.1.0 is not V8
            if (Character.isDigit(text.charAt(end - 1))
                    && end + 1 < text.length()
                    && text.charAt(end) == '.'
                    && Character.isDigit(text.charAt(end + 1))) {
                return;
            }
            if (Character.isDigit(text.charAt(start))
                    && start >= 2
                    && text.charAt(start - 1) == '.'
                    && Character.isDigit(text.charAt(start - 2))) {
                return;
            }
            if (patAmbiguous[p] && !ambiguousOk(f, start, end, patTech[p], whole, contextCache)) {
                return;
            }
            raw.add(new int[] {start, end, p});
        });
        if (raw.isEmpty()) {
            return raw;
        }
        MentionContext.dropAnalogies(text, raw);
        List<int[]> kept = new ArrayList<>(raw.size());
        int maxEnd = -1;
        Map<Integer, Integer> lastEnd = new HashMap<>();
        for (int[] m : raw) {
            if (m[1] > maxEnd) {
                maxEnd = m[1];
                // adjacent spellings of one technology ("ECMAScript Stage 3") are one mention
                Integer prev = lastEnd.put(patTech[m[2]], m[1]);
                if (prev == null || m[0] - prev > ADJACENT) {
                    kept.add(m);
                }
            }
        }
        return kept;
    }

    private boolean ambiguousOk(Field f, int start, int end, int tech, String whole, Map<Integer, Boolean> cache) {
        if (!Character.isUpperCase(f.cased.charAt(start))) {
            return false;
        }
        Context c = contexts[tech];
        if (c == null) {
            return false;
        }
        if (c.after != null) {
            int p = end;
            while (p < f.lower.length() && f.lower.charAt(p) == ' ') {
                p++;
            }
            Matcher m = c.after.matcher(f.lower).region(p, f.lower.length());
            if (m.lookingAt()) {
                return true;
            }
        }
        if (c.before != null) {
            Matcher m = c.before.matcher(f.lower).region(Math.max(0, start - 40), start);
            if (m.find()) {
                return true;
            }
        }
        if (c.near != null) {
            return cache.computeIfAbsent(tech, k -> c.near.matcher(whole).find());
        }
        return false;
    }

    /** One normalised field: {@code cased} and {@code lower} have identical offsets. */
    private static final class Field {
        final String cased;
        final String lower;

        Field(String s) {
            // URLs are addresses, not mentions (github.com, lwn.net, http://); Markdown code-span backticks are
            // formatting: "`popover`属性" reads as "popover属性"
            cased = s == null
                    ? ""
                    : URL.matcher(TextNormalizer.nfkc(s)).replaceAll(" ").replace("`", "");
            lower = TextNormalizer.lower(cased);
        }
    }

    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s)\\]>\"'」）]*");

    /** Compiled context rule of one technology. */
    private static final class Context {
        final Pattern after;
        final Pattern before;
        final Pattern near;

        Context(Technology.ContextRule r) {
            after = r.after().isEmpty() ? null : Pattern.compile("(?:" + String.join(")|(?:", r.after()) + ")");
            before = r.before().isEmpty() ? null : Pattern.compile("(?:" + String.join(")|(?:", r.before()) + ")");
            if (r.near().isEmpty()) {
                near = null;
            } else {
                List<String> alts = new ArrayList<>();
                for (String term : r.near()) {
                    String k = TextNormalizer.matchKey(term);
                    if (k.isEmpty()) {
                        continue;
                    }
                    String lb = TextNormalizer.isLatinWordChar(k.charAt(0)) ? "(?<![a-z0-9\\u00e0-\\u024f])" : "";
                    String rb = TextNormalizer.isLatinWordChar(k.charAt(k.length() - 1))
                            ? "(?![a-z0-9\\u00e0-\\u024f])"
                            : "";
                    alts.add(lb + Pattern.quote(k) + rb);
                }
                near = Pattern.compile(String.join("|", alts));
            }
        }
    }
}
