package dev.kaiko.model;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When two topic titles are <em>near-identical</em> (the draft check): their normalised forms ({@link #normalise}:
 * NFKC, lower case, only letters and digits kept) are equal, or
 * <ul>
 * <li>the Dice coefficient of their character bigrams (counted with repetition) is at least {@link #THRESHOLD}, and
 * <li>they contain the same numbers, in the same order.</li>
 * </ul>
 * The number rule keeps a series of posts apart ("rust-analyzer changelog #162" and "#163", "Rust 1.70" and "1.71"):
 * those titles differ by one or two characters but are different articles. Bigrams rather than words, so that the
 * rule works alike for Japanese (unsegmented) and English titles.
 */
public final class TitleKey {

    public static final double THRESHOLD = 0.8;

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}\\p{M}]+");
    private static final Pattern DIGITS = Pattern.compile("\\p{Nd}+");

    private TitleKey() {}

    /** NFKC, lower case, punctuation, symbols and whitespace removed; never null. */
    public static String normalise(String title) {
        String s = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT);
        return NOT_WORD.matcher(s).replaceAll("");
    }

    /** Dice coefficient of the bigram multisets of two normalised titles (1 for equal ones, 0 when either is empty). */
    public static double similarity(String a, String b) {
        if (a.equals(b)) {
            return a.isEmpty() ? 0 : 1;
        }
        if (a.codePointCount(0, a.length()) < 2 || b.codePointCount(0, b.length()) < 2) {
            return 0;
        }
        Map<Long, Integer> counts = new HashMap<>();
        int[] ca = a.codePoints().toArray();
        int[] cb = b.codePoints().toArray();
        for (int i = 0; i + 1 < ca.length; i++) {
            counts.merge(bigram(ca, i), 1, Integer::sum);
        }
        int common = 0;
        for (int i = 0; i + 1 < cb.length; i++) {
            Integer n = counts.get(bigram(cb, i));
            if (n != null && n > 0) {
                common++;
                counts.put(bigram(cb, i), n - 1);
            }
        }
        return 2.0 * common / ((ca.length - 1) + (cb.length - 1));
    }

    /** Whether two normalised titles are near-identical (see the class comment). */
    public static boolean nearIdentical(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        // Dice can reach the threshold only for bigram counts within a ratio of 2/3: skip the rest cheaply
        int na = a.codePointCount(0, a.length()) - 1;
        int nb = b.codePointCount(0, b.length()) - 1;
        if (2.0 * Math.min(na, nb) / (na + nb) < THRESHOLD) {
            return false;
        }
        return similarity(a, b) >= THRESHOLD && numbers(a).equals(numbers(b));
    }

    static List<String> numbers(String key) {
        List<String> out = new ArrayList<>();
        Matcher m = DIGITS.matcher(key);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static long bigram(int[] cps, int i) {
        return ((long) cps[i] << 32) | cps[i + 1];
    }
}
