package dev.kaiko.tagging;

import java.text.Normalizer;
import java.util.Locale;

/** Normalisation shared by taxonomy look-ups and the matcher. */
final class TextNormalizer {
    private TextNormalizer() {}

    /** NFKC, whitespace runs collapsed to one space (a run containing a line break becomes '\n'), trimmed. */
    static String nfkc(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder(n.length());
        int i = 0;
        while (i < n.length()) {
            char c = n.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                boolean newline = false;
                while (i < n.length() && (Character.isWhitespace(n.charAt(i)) || Character.isSpaceChar(n.charAt(i)))) {
                    newline |= n.charAt(i) == '\n' || n.charAt(i) == '\r';
                    i++;
                }
                if (sb.length() > 0 && i < n.length()) {
                    sb.append(newline ? '\n' : ' ');
                }
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    /** Per-char lower-casing: keeps offsets aligned with the input. */
    static String lower(String s) {
        char[] cs = s.toCharArray();
        for (int i = 0; i < cs.length; i++) {
            cs[i] = Character.toLowerCase(cs[i]);
        }
        return new String(cs);
    }

    /** Text-matching key of an alias: NFKC, lower case, single spaces. */
    static String matchKey(String s) {
        return lower(nfkc(s).replace('\n', ' '));
    }

    /** Look-up key: like {@link #matchKey} but also ignoring spaces, '.', '-', '_' (node.js = nodejs = Node JS). */
    static String lookupKey(String s) {
        String k = matchKey(s);
        StringBuilder sb = new StringBuilder(k.length());
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c != ' ' && c != '.' && c != '-' && c != '_') {
                sb.append(c);
            }
        }
        // keep keys such as ".NET" vs "NET" distinct only if nothing else is left
        return sb.length() == 0 ? k : sb.toString().toLowerCase(Locale.ROOT);
    }

    /** Latin letter or digit: the characters word boundaries are about. */
    static boolean isLatinWordChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || (c >= '\u00C0' && c <= '\u024F');
    }
}
