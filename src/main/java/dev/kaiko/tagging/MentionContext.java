package dev.kaiko.tagging;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a mention stands, as the tagging decision weighs it: a site name after a page title, the first sentence
 * of the body, a release note, the subject of a clause, a mere comparison ("X のような", "alternative to X").
 * Pure functions over normalised text.
 */
final class MentionContext {

    private MentionContext() {}

    private static final String[] SITE_SEPARATORS = {" | ", " - ", " – ", " — ", " · ", " :: "};
    private static final int MAX_SITE_SUFFIX = 40;

    /**
     * Web page titles often end in a site name ("… | WebKit", "… - Chrome Developers", "… · owner/repo").
     * The part after the last separator, if short, is split off: its mentions count like a body mention
     * outside the first sentence (weak evidence), not like a title mention. Returns {head, suffix}.
     */
    static String[] splitSiteSuffix(String title) {
        int best = -1;
        int sepLen = 0;
        for (String sep : SITE_SEPARATORS) {
            int i = title.lastIndexOf(sep);
            if (i > best) {
                best = i;
                sepLen = sep.length();
            }
        }
        if (best <= 0) {
            return new String[] {title, ""};
        }
        String head = title.substring(0, best).strip();
        String tail = title.substring(best + sepLen).strip();
        if (head.isEmpty() || tail.length() > MAX_SITE_SUFFIX) {
            return new String[] {title, ""};
        }
        return new String[] {head, tail};
    }

    private static final Pattern REPOSITORY_TITLE =
            Pattern.compile("^\\s*([\\w.@-]+/[\\w.-]+):\\s+(\\S.*)$", Pattern.DOTALL);

    /**
     * A repository page title "owner/repo: description": the description is the project's own blurb ("… for
     * Node.js", "… in JavaScript or TypeScript"), not the editor's headline; what it names is weak evidence like a
     * site name (on the JSer tune split a technology named only there agreed with the human tags 9 times in 28).
     * Returns {head, description}; the description is empty for any other title.
     */
    static String[] splitRepositoryDescription(String title) {
        Matcher m = REPOSITORY_TITLE.matcher(title);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {title, ""};
    }

    /** Offsets lying in the first sentence of the body (ends at 。 ！ ？ ! ? a line break, or '. '). */
    static boolean[] leadMask(String s) {
        boolean[] mask = new boolean[s.length() + 1];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                break;
            }
            mask[i] = true;
            if (c == '。'
                    || c == '!'
                    || c == '?'
                    || c == '．'
                    || (c == '.' && (i + 1 == s.length() || s.charAt(i + 1) == ' '))) {
                break;
            }
        }
        return mask;
    }

    private static final Pattern RELEASE = Pattern.compile("リリース|\\breleased?\\b|がリリースされ");

    /**
     * A release note ("Foo v1.2リリース。 …") lists changes touching many technologies; it is about the
     * released product, so only the title and the first sentence (and subject mentions) count.
     */
    static boolean isReleaseNote(String lower, boolean[] inLead) {
        int end = 0;
        while (end < lower.length() && inLead[end]) {
            end++;
        }
        return RELEASE.matcher(lower).region(0, end).find();
    }

    /**
     * Japanese topic/subject markers (は, が, という, とは, って): a technology written right before them is what
     * the clause is about. (Implementation markers such as "で書き直し" were tried and rejected: on JSer they
     * added as many false positives as hits.)
     */
    private static final Pattern SUBJECT_MARKER = Pattern.compile(" ?(は|が|という|とは|って)");

    /** The hit is the grammatical topic/subject of its clause ("EPSS という指標", "OpenTofu が立ち上がり"). */
    static boolean isSubject(String lower, int end) {
        return SUBJECT_MARKER.matcher(lower).region(end, lower.length()).lookingAt();
    }

    private static final int MIN_SLASH_LIST = 3;

    /**
     * The hit [start, end) is one member of a slash-joined list of at least three ("HTML/CSS/JSを最適化",
     * "Vite/Next.js/SvelteKit が設定なしで"): such a list gives examples, so its members are not what the
     * sentence is about. Slashes inside the hit itself (HTTP/2, TCP/IP) do not count.
     */
    static boolean inSlashList(String lower, int start, int end) {
        int slashes = 0;
        for (int i = start - 1; i >= 0 && !isListBreak(lower.charAt(i)); i--) {
            if (lower.charAt(i) == '/') {
                slashes++;
            }
        }
        for (int i = end; i < lower.length() && !isListBreak(lower.charAt(i)); i++) {
            if (lower.charAt(i) == '/') {
                slashes++;
            }
        }
        return slashes + 1 >= MIN_SLASH_LIST;
    }

    private static boolean isListBreak(char c) {
        return Character.isWhitespace(c)
                || c == '、'
                || c == '。'
                || c == ','
                || c == '('
                || c == ')'
                || c == '（'
                || c == '）';
    }

    /** "X のような", "X 的な", "X ライクな", "X をインスパイアした", "X-like": X is a comparison, not the subject. */
    private static final Pattern ANALOGY_AFTER = Pattern.compile(
            "(?:/[^\\s/、。,]{1,20}?)*[`'\"」』)\\]]*\\s?(のよう|のように|的な|的に|ライク|みたいな|風の|をインスパイア|にインスパイア|-like\\b|-inspired\\b| like\\b)");
    /** "alternative to X", "inspired by X", "X の代わり" are comparisons too. */
    private static final Pattern ANALOGY_BEFORE =
            Pattern.compile("(alternative to|alternatives to|inspired by|instead of|like) $");
    /** What may separate the members of an enumeration: "A/B的な", "AやBのような", "A, B, and C-like". */
    private static final Pattern ENUM_GAP = Pattern.compile("\\s?(/|や|、|,|と|and|or|・)?\\s?(and |or )?");

    /**
     * Drops hits that only serve as a comparison (see {@link #ANALOGY_AFTER}), together with the members of
     * an enumeration directly chained to them ("Vue/Riot的な" drops Vue; "ReactやVueなどに対応" keeps both).
     */
    static void dropAnalogies(String text, List<int[]> hits) {
        hits.sort((a, c) -> a[0] != c[0] ? Integer.compare(a[0], c[0]) : Integer.compare(c[1], a[1]));
        boolean[] drop = new boolean[hits.size()];
        boolean any = false;
        for (int i = 0; i < hits.size(); i++) {
            int[] h = hits.get(i);
            boolean after =
                    ANALOGY_AFTER.matcher(text).region(h[1], text.length()).lookingAt();
            boolean before = ANALOGY_BEFORE
                    .matcher(text)
                    .region(Math.max(0, h[0] - 20), h[0])
                    .find();
            if (before) {
                drop[i] = true;
                any = true;
                // "alternative to React, Vue, and Svelte": the following enumeration members too
                for (int j = i + 1, prevEnd = h[1]; j < hits.size(); j++) {
                    int[] n = hits.get(j);
                    if (n[0] < prevEnd) {
                        continue;
                    }
                    if (!ENUM_GAP.matcher(text).region(prevEnd, n[0]).matches()) {
                        break;
                    }
                    drop[j] = true;
                    prevEnd = n[1];
                }
            }
            if (after) {
                drop[i] = true;
                any = true;
                for (int j = i - 1, nextStart = h[0]; j >= 0; j--) {
                    int[] p = hits.get(j);
                    if (p[1] > nextStart) {
                        continue;
                    }
                    if (!ENUM_GAP.matcher(text).region(p[1], nextStart).matches()) {
                        break;
                    }
                    drop[j] = true;
                    nextStart = p[0];
                }
            }
        }
        if (any) {
            List<int[]> keep = new ArrayList<>();
            for (int i = 0; i < hits.size(); i++) {
                if (!drop[i]) {
                    keep.add(hits.get(i));
                }
            }
            hits.clear();
            hits.addAll(keep);
        }
    }
}
