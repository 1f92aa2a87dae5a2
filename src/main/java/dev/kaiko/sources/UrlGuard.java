package dev.kaiko.sources;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a URL may be fetched (SSRF guard): only http and https, no credentials in the URL, and a host
 * all of whose addresses are public — unless private addresses are allowed, or the exact {@code host:port} is on
 * the allow-list. Every hop of a redirect goes through here again.
 *
 * <p>The host is resolved here and again by the HTTP client; the JVM's positive DNS cache (30 s by default) makes
 * the client see the addresses checked here, which narrows DNS rebinding to a resolver that changes its answer
 * within the cache's lifetime.
 */
final class UrlGuard {

    private final boolean allowPrivate;
    private final Set<String> allowHosts;

    UrlGuard(boolean allowPrivate, Collection<String> allowHosts) {
        this.allowPrivate = allowPrivate;
        this.allowHosts = allowHosts.stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Parses a URL as typed or found in a page: characters not allowed in a URI (spaces, non-ASCII) are
     * percent-encoded as UTF-8, existing escapes are kept, the fragment is dropped.
     */
    static URI parse(String url) throws FetchException {
        String s = url == null ? "" : url.strip();
        if (s.isEmpty()) {
            throw new FetchException("(empty)", "is not a URL");
        }
        URI uri;
        try {
            uri = new URI(escapeIllegal(s));
        } catch (URISyntaxException e) {
            throw new FetchException(s, "is not a valid URL (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?")) {
            throw new FetchException(s, "is not an http or https URL");
        }
        if (uri.getHost() == null) {
            throw new FetchException(s, "has no host");
        }
        try {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return new URI(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new FetchException(s, "is not a valid URL (" + e.getReason() + ")");
        }
    }

    static String escapeIllegal(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
                out.append('%').append(String.format("%02X", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    /** Parses and checks; answers the URI to request. */
    URI check(String url) throws FetchException {
        URI uri = parse(url);
        String problem = problem(uri);
        if (problem != null) {
            String shown = uri.getRawUserInfo() == null
                    ? uri.toString()
                    : uri.toString().replace(uri.getRawUserInfo() + "@", "***@"); // never echo a password
            throw new FetchException(shown, problem);
        }
        return uri;
    }

    /**
     * Why this URI may not be fetched ("is a loopback address"), or null when it may.
     */
    String problem(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "is not an http or https URL";
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return "has no host";
        }
        if (uri.getRawUserInfo() != null) {
            return "carries credentials (user:password@); they are never sent";
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (allowHosts.contains(host.toLowerCase(Locale.ROOT) + ":" + port) || allowPrivate) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return "cannot be fetched: the host " + host + " does not resolve";
        }
        for (InetAddress address : addresses) {
            String kind = nonPublic(address);
            if (kind != null) {
                boolean literal = host.replace("[", "").replace("]", "").equalsIgnoreCase(address.getHostAddress())
                        || isLiteral(host);
                return "is " + kind + (literal ? "" : " (" + host + " resolves to " + address.getHostAddress() + ")");
            }
        }
        return null;
    }

    private static boolean isLiteral(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+");
    }

    /** What kind of non-public address this is ("a loopback address"), or null for a public one. */
    static String nonPublic(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (a.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (a.isSiteLocalAddress()) {
            return "a private address";
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return nonPublicV4(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff);
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if ((b0 & 0xfe) == 0xfc) {
            return "a private address"; // unique local fc00::/7
        }
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return "a documentation address";
        }
        // IPv4 embedded in IPv6: IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16
        boolean zeros = true;
        for (int i = 0; i < 12; i++) {
            zeros &= b[i] == 0;
        }
        boolean nat64 = b0 == 0 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        if (zeros || nat64) {
            String v4 = nonPublicV4(b[12] & 0xff, b[13] & 0xff, b[14] & 0xff);
            return v4 == null ? null : "an address mapping " + v4;
        }
        if (b0 == 0x20 && b1 == 0x02) {
            String v4 = nonPublicV4(b[2] & 0xff, b[3] & 0xff, b[4] & 0xff);
            if (v4 == null && (b[2] & 0xff) == 127) {
                v4 = "a loopback address";
            }
            return v4 == null ? null : "a 6to4 address mapping " + v4;
        }
        return null;
    }

    private static String nonPublicV4(int b0, int b1, int b2) {
        if (b0 == 127) {
            return "a loopback address";
        }
        if (b0 == 0) {
            return "an unspecified address";
        }
        if (b0 == 10 || b0 == 172 && (b1 & 0xf0) == 16 || b0 == 192 && b1 == 168) {
            return "a private address";
        }
        if (b0 == 169 && b1 == 254) {
            return "a link-local address";
        }
        if (b0 == 100 && (b1 & 0xc0) == 64) {
            return "a shared (carrier-grade NAT) address";
        }
        if (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2)
                || b0 == 198 && b1 == 51 && b2 == 100
                || b0 == 203 && b1 == 0 && b2 == 113) {
            return "a reserved or documentation address";
        }
        if (b0 == 198 && (b1 & 0xfe) == 18) {
            return "a benchmarking address";
        }
        if (b0 >= 224) {
            return b0 < 240 ? "a multicast address" : "a reserved address";
        }
        return null;
    }
}
