package dev.kaiko.tagging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Aho–Corasick automaton over char strings: finds every alias of every technology in one pass over a text. */
final class AhoCorasick {

    interface Hit {
        void at(int end, int pattern);
    }

    private final int[] rootNext = new int[65536];
    private char[][] keys;
    private int[][] next;
    private int[] fail;
    private int[][] out;

    AhoCorasick(List<String> patterns) {
        List<Map<Character, Integer>> trie = new ArrayList<>();
        List<List<Integer>> outs = new ArrayList<>();
        trie.add(new HashMap<>());
        outs.add(new ArrayList<>());
        for (int p = 0; p < patterns.size(); p++) {
            int s = 0;
            for (char ch : patterns.get(p).toCharArray()) {
                Integer nx = trie.get(s).get(ch);
                if (nx == null) {
                    nx = trie.size();
                    trie.get(s).put(ch, nx);
                    trie.add(new HashMap<>());
                    outs.add(new ArrayList<>());
                }
                s = nx;
            }
            outs.get(s).add(p);
        }
        int n = trie.size();
        keys = new char[n][];
        next = new int[n][];
        fail = new int[n];
        for (int s = 0; s < n; s++) {
            List<Character> cs = new ArrayList<>(trie.get(s).keySet());
            Collections.sort(cs);
            keys[s] = new char[cs.size()];
            next[s] = new int[cs.size()];
            for (int i = 0; i < cs.size(); i++) {
                keys[s][i] = cs.get(i);
                next[s][i] = trie.get(s).get(cs.get(i));
            }
        }
        for (int i = 0; i < keys[0].length; i++) {
            rootNext[keys[0][i]] = next[0][i];
        }
        // BFS for failure links; merge outputs along failure links
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < next[0].length; i++) {
            fail[next[0][i]] = 0;
            queue[tail++] = next[0][i];
        }
        while (head < tail) {
            int s = queue[head++];
            for (int i = 0; i < keys[s].length; i++) {
                char ch = keys[s][i];
                int u = next[s][i];
                int f = fail[s];
                while (f != 0 && step(f, ch) < 0) {
                    f = fail[f];
                }
                int g = f == 0 ? rootNext[ch] : step(f, ch);
                fail[u] = g == u ? 0 : g;
                outs.get(u).addAll(outs.get(fail[u]));
                queue[tail++] = u;
            }
        }
        out = new int[n][];
        for (int s = 0; s < n; s++) {
            out[s] = outs.get(s).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private int step(int s, char ch) {
        int i = Arrays.binarySearch(keys[s], ch);
        return i >= 0 ? next[s][i] : -1;
    }

    void scan(String text, Hit hit) {
        int s = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            int nx;
            while (true) {
                if (s == 0) {
                    nx = rootNext[ch];
                    break;
                }
                nx = step(s, ch);
                if (nx >= 0) {
                    break;
                }
                s = fail[s];
            }
            s = nx;
            for (int p : out[s]) {
                hit.at(i + 1, p);
            }
        }
    }
}
