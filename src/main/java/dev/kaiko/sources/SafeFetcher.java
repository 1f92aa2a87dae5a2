package dev.kaiko.sources;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLException;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Fetches one URL politely and safely, for followed sources and for imports from a URL: only http/https to
 * addresses {@link UrlGuard} allows, redirects followed by hand (each hop checked again, at most
 * {@code max-redirects}), connect and whole-response timeouts, a body size limit enforced while reading, a
 * User-Agent naming Kaiko, conditional GET (ETag / Last-Modified), and one request at a time per host with a pause
 * between two.
 */
@ApplicationScoped
public class SafeFetcher {

    private static final String ACCEPT = "application/atom+xml, application/rss+xml, application/xml;q=0.9, "
            + "text/xml;q=0.9, text/html;q=0.9, */*;q=0.5";

    @Inject
    SourcesConfig config;

    private UrlGuard guard;
    private HttpClient client;
    private final Map<String, HostSlot> hosts = new ConcurrentHashMap<>();

    /** What a previous response said about its version, sent back to get a 304 when nothing changed. */
    public record Validators(String etag, String lastModified) {
        public static final Validators NONE = new Validators(null, null);
    }

    /**
     * A response: {@code url} is where it finally came from (after redirects); {@code body} is empty for a 304.
     */
    public record Fetched(URI url, int status, byte[] body, String contentType, String etag, String lastModified) {

        public boolean notModified() {
            return status == 304;
        }

        public Validators validators() {
            return new Validators(etag, lastModified);
        }

        /** The body as UTF-8 bytes: text declared in another charset (Content-Type) is transcoded, else as sent. */
        public byte[] utf8Body() {
            Charset charset = charset();
            if (charset == null || charset.equals(StandardCharsets.UTF_8)) {
                return body;
            }
            return new String(body, charset).getBytes(StandardCharsets.UTF_8);
        }

        /** The body as text (see {@link #utf8Body()}); invalid UTF-8 is replaced, the readers check strictly. */
        public String text() {
            return new String(utf8Body(), StandardCharsets.UTF_8);
        }

        private Charset charset() {
            if (contentType == null) {
                return null;
            }
            for (String param : contentType.split(";")) {
                String p = param.strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").strip());
                    } catch (RuntimeException unknown) {
                        return null;
                    }
                }
            }
            return null;
        }
    }

    private static final class HostSlot {
        final ReentrantLock lock = new ReentrantLock(true);
        long lastDone;
    }

    @PostConstruct
    void init() {
        guard = new UrlGuard(config.allowPrivate(), config.allowHosts().orElse(List.of()));
        // no proxy: the guard's verdict is about the address actually connected to
        client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .build();
    }

    /** Checks a URL without fetching it (scheme, host, addresses); answers the URL as it will be requested. */
    public String check(String url) throws FetchException {
        return guard.check(url).toString();
    }

    public Fetched get(String url) throws FetchException {
        return get(url, Validators.NONE);
    }

    /**
     * GETs a URL, following redirects; a 2xx or a 304 is answered, anything else is a {@link FetchException} naming
     * the URL and the problem.
     */
    public Fetched get(String url, Validators validators) throws FetchException {
        URI requested = guard.check(url);
        URI current = requested;
        for (int hop = 0; ; hop++) {
            HttpResponse<byte[]> response = exchange(requested, current, validators);
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                String location = response.headers().firstValue("location").orElse(null);
                if (location == null) {
                    throw new FetchException(current.toString(), "answered " + status + " without a Location");
                }
                if (hop >= config.maxRedirects()) {
                    throw new FetchException(
                            requested.toString(), "redirects more than " + config.maxRedirects() + " times");
                }
                URI next;
                String problem;
                try {
                    next = UrlGuard.parse(current.resolve(new URI(UrlGuard.escapeIllegal(location.strip())))
                            .toString());
                    problem = guard.problem(next);
                } catch (FetchException e) {
                    next = null;
                    problem = e.problem();
                } catch (URISyntaxException | IllegalArgumentException e) {
                    next = null;
                    problem = "is not a valid URL";
                }
                if (problem != null) {
                    throw new FetchException(
                            requested.toString(),
                            "redirects to " + (next != null ? next : location) + ", which is refused: it " + problem);
                }
                current = next;
                continue;
            }
            HttpHeaders h = response.headers();
            if (status == 304 || status >= 200 && status < 300) {
                return new Fetched(
                        current,
                        status,
                        status == 304 ? new byte[0] : response.body(),
                        h.firstValue("content-type").orElse(null),
                        h.firstValue("etag").orElse(null),
                        h.firstValue("last-modified").orElse(null));
            }
            throw new FetchException(current.toString(), "answered HTTP " + status + reason(status));
        }
    }

    private HttpResponse<byte[]> exchange(URI requested, URI target, Validators validators) throws FetchException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .GET()
                .timeout(config.timeout())
                .header("User-Agent", config.userAgent())
                .header("Accept", ACCEPT);
        if (validators.etag() != null) {
            request.header("If-None-Match", validators.etag());
        }
        if (validators.lastModified() != null) {
            request.header("If-Modified-Since", validators.lastModified());
        }
        long max = config.maxSize().asLongValue();
        AtomicReference<LimitedBody> body = new AtomicReference<>();
        HttpResponse.BodyHandler<byte[]> handler = info -> {
            if (info.statusCode() >= 300 && info.statusCode() < 400) {
                return HttpResponse.BodySubscribers.replacing(new byte[0]); // redirect and 304 bodies are not read
            }
            LimitedBody limited = new LimitedBody(
                    max, info.headers().firstValueAsLong("content-length").orElse(-1));
            body.set(limited);
            return limited;
        };
        HostSlot slot = hosts.computeIfAbsent(
                target.getHost().toLowerCase(Locale.ROOT) + ":" + target.getPort(), k -> new HostSlot());
        slot.lock.lock();
        try {
            long pause = slot.lastDone + config.hostDelay().toNanos() - System.nanoTime();
            if (slot.lastDone != 0 && pause > 0) {
                TimeUnit.NANOSECONDS.sleep(pause);
            }
            CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(), handler);
            try {
                return future.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LimitedBody b = body.get();
                if (b != null) {
                    b.abort();
                }
                future.cancel(true);
                throw new FetchException(target.toString(), "timed out after " + duration(config.timeout()));
            } catch (ExecutionException e) {
                throw new FetchException(target.toString(), problem(e.getCause(), max));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(target.toString(), "was not fetched: interrupted");
        } finally {
            slot.lastDone = System.nanoTime();
            slot.lock.unlock();
        }
    }

    private String problem(Throwable cause, long max) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TooLarge) {
                return "is larger than " + size(max);
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "could not be reached: no connection within " + duration(config.connectTimeout());
            }
            if (t instanceof HttpTimeoutException) {
                return "timed out after " + duration(config.timeout());
            }
            if (t instanceof ConnectException) {
                return "could not be reached: connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "could not be reached: the host does not resolve";
            }
            if (t instanceof SSLException) {
                return "could not be fetched: TLS failed (" + t.getMessage() + ")";
            }
        }
        return "could not be fetched: "
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }

    static String duration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static String size(long bytes) {
        long mb = 1024L * 1024;
        return bytes % mb == 0 ? bytes / mb + " MB" : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 410 -> " Gone";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
    }

    /** Signals a body over the size limit. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("response body over the size limit");
        }
    }

    /** Collects a body up to a limit; beyond it, cancels the stream (closing the connection) and fails. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final long declared;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;
        private long count;

        LimitedBody(long max, long declared) {
            this.max = max;
            this.declared = declared;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > max) {
                fail(new TooLarge());
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public synchronized void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                count += item.remaining();
                if (count > max) {
                    fail(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public synchronized void onComplete() {
            result.complete(out.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        void abort() {
            fail(new CancellationException("timed out"));
        }

        private void fail(Throwable t) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            result.completeExceptionally(t);
        }
    }
}
