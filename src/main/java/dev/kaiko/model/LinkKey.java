package dev.kaiko.model;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The normalised form of a web address, so that one article linked in two spellings is recognised as one link
 * ("shared before", the draft check). A pure function, used where a topic is written and where a draft is checked.
 *
 * <p>Rule: only {@code http}/{@code https} addresses (scheme case-insensitive, the two treated alike; a missing scheme
 * as in {@code //host/path} too) have a key. The key is {@code host[:port]path[?query]} where
 * <ul>
 * <li>the host is lower-cased, IDN-encoded, without a trailing dot and without a leading {@code www.};
 * user info is dropped; the default port (80 for http, 443 for https) is dropped;</li>
 * <li>the path keeps its case; {@code .}/{@code ..} segments are resolved, a trailing slash is dropped (so the root
 * path is empty), percent-escapes are upper-cased, escaped unreserved characters decoded and non-ASCII characters
 * percent-encoded as UTF-8;</li>
 * <li>query parameters that only track the visitor ({@link #TRACKING}, any {@code utm_*}) and empty ones are removed,
 * the rest sorted;</li>
 * <li>the fragment is dropped, except a hash route ({@code #/docs}, {@code #!/page}): on such single-page sites it
 * names the page.</li>
 * </ul>
 * Keys longer than {@link #MAX_LENGTH} characters are replaced by a digest so they fit a btree index.
 */
public final class LinkKey {

    /** Longer keys become {@code sha256:<hex>}: a btree index entry holds at most about 2,700 bytes. */
    static final int MAX_LENGTH = 1000;

    /** Query parameters (lower-cased) that identify the visitor or the campaign, not the page. */
    static final Set<String> TRACKING = Set.of(
            "fbclid",
            "gclid",
            "dclid",
            "gbraid",
            "wbraid",
            "msclkid",
            "yclid",
            "twclid",
            "ttclid",
            "igshid",
            "mc_cid",
            "mc_eid",
            "_ga",
            "_gl",
            "_hsenc",
            "_hsmi",
            "mkt_tok",
            "ref",
            "ref_src",
            "ref_url",
            "referrer",
            "spm",
            "vero_id",
            "oly_anon_id",
            "oly_enc_id",
            "rb_clickid",
            "s_cid",
            "__s",
            "hsctatracking",
            "wt_mc",
            "cmpid",
            "sr_share",
            "trk");

    // RFC 3986, appendix B
    private static final Pattern URI = Pattern.compile(
            "^(?:([A-Za-z][A-Za-z0-9+.-]*):)?//([^/?#]*)([^?#]*)(?:\\?([^#]*))?(?:#(.*))?$", Pattern.DOTALL);
    /** Host and port; an IPv6 literal's colons are inside its brackets, so only a final ":digits" is a port. */
    private static final Pattern PORT = Pattern.compile("^(.*?)(?::(\\d*))?$");

    private LinkKey() {}

    /**
     * The key of a web address, or null when it is none (empty, relative, mailto:, ftp:, no host).
     */
    public static String normalise(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = webAddress(url);
        if (m == null) {
            return null;
        }
        String scheme = scheme(m);
        String host = host(m.group(2), scheme);
        if (host == null) {
            return null;
        }
        StringBuilder key = new StringBuilder(host).append(path(m.group(3)));
        String query = query(m.group(4));
        if (!query.isEmpty()) {
            key.append('?').append(query);
        }
        String fragment = m.group(5);
        if (fragment != null && (fragment.startsWith("/") || fragment.startsWith("!"))) {
            key.append('#').append(escape(fragment));
        }
        String k = key.toString();
        return k.length() <= MAX_LENGTH ? k : "sha256:" + sha256(k);
    }

    /**
     * The site of a web address: its host as in its key (lower-cased, IDN-encoded, without a leading {@code www.}),
     * without the port; null when it is none (see {@link #normalise}).
     */
    public static String site(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = webAddress(url);
        if (m == null) {
            return null;
        }
        return hostName(hostAndPort(m.group(2)).group(1));
    }

    /** The parts of an http(s) address (RFC 3986 groups), or null when it is none. */
    private static Matcher webAddress(String url) {
        String u = url.strip();
        if (u.startsWith("<") && u.endsWith(">")) {
            u = u.substring(1, u.length() - 1).strip();
        }
        Matcher m = URI.matcher(u);
        if (!m.matches()) {
            return null;
        }
        String scheme = scheme(m);
        return scheme.equals("http") || scheme.equals("https") ? m : null;
    }

    private static String scheme(Matcher m) {
        return m.group(1) == null ? "https" : m.group(1).toLowerCase(Locale.ROOT);
    }

    /**
     * Which link stands for a topic when comparing topics: its {@code url} field when that is a web address (the
     * link the archive itself presents as the topic's: a bullet's link, a feed item's url), else the first web
     * address among its links (readers put the main link first; later ones are usually references).
     */
    public static String ofTopic(String url, List<String> links) {
        String key = normalise(url);
        if (key != null || links == null) {
            return key;
        }
        for (String link : links) {
            key = normalise(link);
            if (key != null) {
                return key;
            }
        }
        return null;
    }

    /** {@link #ofTopic(String, List)} for a stored topic's array of links. */
    public static String ofTopic(String url, String[] links) {
        return ofTopic(url, links == null ? List.of() : List.of(links));
    }

    private static String host(String authority, String scheme) {
        Matcher hp = hostAndPort(authority);
        String host = hostName(hp.group(1));
        String port = hp.group(2);
        if (host == null) {
            return null;
        }
        if (port != null && !port.isEmpty()) {
            String p = port.replaceFirst("^0+(?=\\d)", "");
            boolean isDefault = p.equals(scheme.equals("http") ? "80" : "443");
            if (!isDefault) {
                host = host + ":" + p;
            }
        }
        return host;
    }

    /** Host and port (groups 1 and 2) of an authority; user info is dropped, it identifies no page. */
    private static Matcher hostAndPort(String authority) {
        Matcher hp = PORT.matcher(authority.substring(authority.lastIndexOf('@') + 1));
        hp.matches();
        return hp;
    }

    /** A host lower-cased, IDN-encoded, without trailing dots nor a leading {@code www.}; null when empty. */
    private static String hostName(String raw) {
        String host = raw.toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return null;
        }
        if (!host.chars().allMatch(c -> c < 128)) {
            try {
                host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (host.startsWith("www.") && host.length() > 4) {
            host = host.substring(4);
        }
        return host;
    }

    private static String path(String raw) {
        Deque<String> out = new ArrayDeque<>();
        String[] segments = raw.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (i == 0 && s.isEmpty()) {
                continue; // before the leading slash
            }
            if (s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                out.pollLast();
                continue;
            }
            out.addLast(escape(s));
        }
        while (!out.isEmpty() && out.peekLast().isEmpty()) {
            out.pollLast(); // trailing slash(es)
        }
        return out.isEmpty() ? "" : "/" + String.join("/", out);
    }

    private static String query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String param : raw.split("[&;]")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String name = escape(eq < 0 ? param : param.substring(0, eq));
            String value = eq < 0 ? "" : escape(param.substring(eq + 1));
            String lower = decodeLoosely(name).toLowerCase(Locale.ROOT);
            if (lower.startsWith("utm_") || TRACKING.contains(lower)) {
                continue;
            }
            kept.add(eq < 0 ? name : name + "=" + value);
        }
        kept.sort(null);
        return String.join("&", kept);
    }

    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    /**
     * One spelling of escapes: %xx upper-cased, escaped unreserved characters decoded, characters that must be
     * escaped (non-ASCII, spaces, controls) encoded as UTF-8.
     */
    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                int v = Integer.parseInt(s.substring(i + 1, i + 3), 16);
                if (UNRESERVED.indexOf(v) >= 0) {
                    out.append((char) v);
                } else {
                    out.append('%')
                            .append(Character.toUpperCase(s.charAt(i + 1)))
                            .append(Character.toUpperCase(s.charAt(i + 2)));
                }
                i += 3;
                continue;
            }
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            if (cp > 0x20 && cp < 0x7f && cp != '%') {
                out.append((char) cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
                }
            }
            i += width;
        }
        return out.toString();
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static String decodeLoosely(String escaped) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%' && i + 2 < escaped.length() && isHex(escaped.charAt(i + 1)) && isHex(escaped.charAt(i + 2))) {
                bytes.write(Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
