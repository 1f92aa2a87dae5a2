package dev.kaiko.tagging;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Auto tags vs JSer.info's human tags. Human tags are mapped through the taxonomy's aliases
 * (nodejs / node.js → Node.js); every technology named by both sides is scored, none left out (JavaScript, a
 * tag JSer.info puts on libraries and release notes whatever their text says, included).
 *
 * <p>The corpus is split by month: {@link #TUNE} (2023-01..2023-06) is the part to look at when changing the
 * taxonomy or the rules; {@link #REPORT} (2023-07..2023-12) is the held-out part the figures are reported on.
 */
final class JserEvaluation {

    /** Months of JSer.info 2023, both ends included. */
    record Split(String name, YearMonth from, YearMonth to) {
        boolean contains(YearMonth m) {
            return !m.isBefore(from) && !m.isAfter(to);
        }

        @Override
        public String toString() {
            return name + " split " + from + ".." + to;
        }
    }

    static final Split TUNE = new Split("tune", YearMonth.of(2023, 1), YearMonth.of(2023, 6));
    static final Split REPORT = new Split("report", YearMonth.of(2023, 7), YearMonth.of(2023, 12));
    static final Split ALL = new Split("whole", YearMonth.of(2023, 1), YearMonth.of(2023, 12));

    record Item(String title, String body, Set<String> humanTags, Set<String> rawTags) {}

    static final class Score {
        int tp;
        int fp;
        int fn;
        final List<String> fps = new ArrayList<>();
        final List<String> fns = new ArrayList<>();

        int human() {
            return tp + fn;
        }

        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }
    }

    final Map<String, Score> perTech = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final Score micro = new Score();
    Split split = ALL;
    int items;

    /** The items of the months of {@code split}, from the files {@code 2023-MM.json} of {@code dir}. */
    static List<Item> read(Path dir, Taxonomy taxonomy, Split split) throws IOException {
        ObjectMapper om = new ObjectMapper();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "2023-*.json")) {
            for (Path f : ds) {
                YearMonth month = YearMonth.parse(f.getFileName().toString().replace(".json", ""));
                if (split.contains(month)) {
                    files.add(f);
                }
            }
        }
        files.sort(null);
        List<Item> items = new ArrayList<>();
        for (Path f : files) {
            for (JsonNode it : om.readTree(f.toFile()).path("list")) {
                Set<String> human = new LinkedHashSet<>();
                Set<String> raw = new LinkedHashSet<>();
                for (JsonNode t : it.path("tags")) {
                    raw.add(t.asText());
                    taxonomy.find(t.asText()).ifPresent(x -> human.add(x.name()));
                }
                items.add(new Item(it.path("title").asText(), it.path("content").asText(), human, raw));
            }
        }
        return items;
    }

    static JserEvaluation evaluate(Split split, List<Item> items, TechnologyTagger tagger) {
        JserEvaluation ev = new JserEvaluation();
        ev.split = split;
        ev.items = items.size();
        Set<String> scored = new LinkedHashSet<>();
        for (Item it : items) {
            scored.addAll(it.humanTags());
        }
        for (String s : scored) {
            ev.perTech.put(s, new Score());
        }
        Set<String> vocabulary = new LinkedHashSet<>();
        for (Item it : items) {
            vocabulary.addAll(it.humanTags());
        }
        Taxonomy tx = tagger.taxonomy();
        for (Item it : items) {
            Set<String> auto = projectOntoVocabulary(tagger.explain(it.title(), it.body()), tx, vocabulary);
            for (String s : scored) {
                boolean a = auto.contains(s);
                boolean h = it.humanTags().contains(s);
                Score sc = ev.perTech.get(s);
                String line = it.title() + "  ::  " + it.body().replace('\n', ' ') + "  ::  human=" + it.rawTags()
                        + " auto=" + auto;
                if (a && h) {
                    sc.tp++;
                    ev.micro.tp++;
                } else if (a) {
                    sc.fp++;
                    ev.micro.fp++;
                    sc.fps.add(line);
                } else if (h) {
                    String why = tagger.explain(it.title(), it.body()).stream()
                            .filter(e -> e.technology().equals(s))
                            .map(e -> "[body mentions=" + e.bodyMentions() + "]")
                            .findFirst()
                            .orElse("[not mentioned]");
                    line = why + " " + line;
                    sc.fn++;
                    ev.micro.fn++;
                    sc.fns.add(line);
                }
            }
        }
        return ev;
    }

    /**
     * JSer tags the most specific technology its vocabulary has (Next.js items carry Next.js, not React; Nuxt
     * items carry Vue because there is no Nuxt tag). So an ancestor we only inferred through the hierarchy
     * (not mentioned itself) is not expected when the descendant that implied it is itself a JSer tag.
     */
    static Set<String> projectOntoVocabulary(
            List<TechnologyTagger.Evidence> evidence, Taxonomy tx, Set<String> vocabulary) {
        Set<String> tagged = new LinkedHashSet<>();
        evidence.stream().filter(TechnologyTagger.Evidence::tagged).forEach(e -> tagged.add(e.technology()));
        Set<String> out = new LinkedHashSet<>(tagged);
        for (TechnologyTagger.Evidence e : evidence) {
            if (!e.tagged() || e.titleMentions() + e.bodyMentions() > 0) {
                continue;
            }
            boolean coveredBySpecific = tagged.stream()
                    .anyMatch(d -> vocabulary.contains(d)
                            && tx.ancestors(d).contains(e.technology())
                            && !d.equals(e.technology()));
            if (coveredBySpecific) {
                out.remove(e.technology());
            }
        }
        return out;
    }

    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                "JSer.info 2023, %s: %d items, %d technologies named by both JSer tags and the"
                        + " taxonomy (none excluded)%n",
                split, items, perTech.size()));
        sb.append(String.format(
                "%-26s %6s %5s %5s %5s %9s %7s%n", "technology", "human", "tp", "fp", "fn", "precision", "recall"));
        perTech.entrySet().stream()
                .sorted((a, b) -> Integer.compare(
                        b.getValue().human() + b.getValue().fp, a.getValue().human() + a.getValue().fp))
                .forEach(e -> {
                    Score s = e.getValue();
                    sb.append(String.format(
                            "%-26s %6d %5d %5d %5d %9.2f %7.2f%n",
                            e.getKey(), s.human(), s.tp, s.fp, s.fn, s.precision(), s.recall()));
                });
        sb.append(String.format(
                "%-26s %6d %5d %5d %5d %9.3f %7.3f%n",
                "MICRO-AVERAGE", micro.human(), micro.tp, micro.fp, micro.fn, micro.precision(), micro.recall()));
        return sb.toString();
    }

    String disagreements(int perTechLimit) {
        StringBuilder sb = new StringBuilder();
        perTech.forEach((k, s) -> {
            for (String l : s.fps.subList(0, Math.min(perTechLimit, s.fps.size()))) {
                sb.append("FP ").append(k).append(" | ").append(l).append('\n');
            }
            for (String l : s.fns.subList(0, Math.min(perTechLimit, s.fns.size()))) {
                sb.append("FN ").append(k).append(" | ").append(l).append('\n');
            }
        });
        return sb.toString();
    }

    public static void main(String[] args) throws IOException {
        Taxonomy tx = Taxonomy.loadDefault();
        TechnologyTagger tagger = new TechnologyTagger(tx);
        // tuning looks at the tune split only; the report split stays held out
        List<Item> items = read(Path.of(args.length > 0 ? args[0] : "../shared/corpora/jser-2023"), tx, TUNE);
        JserEvaluation ev = evaluate(TUNE, items, tagger);
        System.out.println(ev.table());
        System.out.println(ev.disagreements(100));
        for (int minHuman : new int[] {1, 2, 3, 5}) {
            Score m = new Score();
            ev.perTech.forEach((k, sc) -> {
                if (sc.human() >= minHuman) {
                    m.tp += sc.tp;
                    m.fp += sc.fp;
                    m.fn += sc.fn;
                }
            });
            System.out.printf("techs with >=%d human items: P=%.3f R=%.3f%n", minHuman, m.precision(), m.recall());
        }
        // where JSer files a topic naming one tool alone (the taxonomy's "ecosystem: JavaScript" is derived here)
        TechnologyTagger noEco = new TechnologyTagger(tx, new TechnologyTagger.Rules(2, true, true, true, false));
        Map<String, int[]> alone = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Item it : items) {
            List<TechnologyTagger.Evidence> why = noEco.explain(it.title(), it.body());
            List<String> named = why.stream()
                    .filter(e -> e.tagged() && e.titleMentions() + e.bodyMentions() > 0)
                    .map(TechnologyTagger.Evidence::technology)
                    .toList();
            for (String t : named) {
                if (named.stream().allMatch(o -> o.equals(t) || tx.ancestors(t).contains(o))) {
                    int[] c = alone.computeIfAbsent(t, k -> new int[2]);
                    c[0]++;
                    c[1] += it.humanTags().contains("JavaScript") ? 1 : 0;
                }
            }
        }
        System.out.println("topics naming one technology alone (with its ancestors): how many JSer tags JavaScript");
        alone.forEach((t, c) -> {
            if (c[0] >= 2) {
                System.out.printf("  %-24s %2d of %2d%s%n", t, c[1], c[0], c[1] >= 0.75 * c[0] ? "  <= ecosystem" : "");
            }
        });
        JserEvaluation noRel =
                evaluate(TUNE, items, new TechnologyTagger(tx, new TechnologyTagger.Rules(2, true, true, false)));
        System.out.printf(
                "variant release-note rule off: P=%.3f R=%.3f%n", noRel.micro.precision(), noRel.micro.recall());
        for (int min : new int[] {1, 2, 3}) {
            for (boolean lead : new boolean[] {true, false}) {
                for (boolean subj : new boolean[] {true, false}) {
                    JserEvaluation v = evaluate(
                            TUNE, items, new TechnologyTagger(tx, new TechnologyTagger.Rules(min, lead, subj, true)));
                    System.out.printf(
                            "variant minBody=%d lead=%s subject=%s: P=%.3f R=%.3f%n",
                            min, lead, subj, v.micro.precision(), v.micro.recall());
                }
            }
        }
    }
}
