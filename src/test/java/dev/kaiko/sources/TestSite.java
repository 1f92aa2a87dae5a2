package dev.kaiko.sources;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A small web site on 127.0.0.1 for the sources tests: documents with ETags that answer 304 to a matching
 * If-None-Match, custom handlers for failures, and a log of every request.
 */
final class TestSite implements AutoCloseable {

    /** What the site saw and answered. */
    record Request(String path, String ifNoneMatch, String ifModifiedSince, String userAgent, int status) {}

    private record Doc(String contentType, byte[] body, String etag) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Doc> docs = new ConcurrentHashMap<>();
    private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private int version;

    TestSite(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Serves a document at a path (with its query, if any) under a new ETag. */
    synchronized void doc(String pathAndQuery, String contentType, String body) {
        docs.put(pathAndQuery, new Doc(contentType, body.getBytes(StandardCharsets.UTF_8), "\"v" + (++version) + "\""));
    }

    void handler(String path, HttpHandler handler) {
        handlers.put(path, handler);
    }

    List<String> paths() {
        return requests.stream().map(Request::path).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        String key = ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + ex.getRequestURI().getRawQuery());
        String inm = ex.getRequestHeaders().getFirst("If-None-Match");
        String ims = ex.getRequestHeaders().getFirst("If-Modified-Since");
        String ua = ex.getRequestHeaders().getFirst("User-Agent");
        HttpHandler handler = handlers.get(key);
        if (handler != null) {
            requests.add(new Request(key, inm, ims, ua, 0));
            handler.handle(ex);
            return;
        }
        Doc doc = docs.get(key);
        try (ex) {
            if (doc == null) {
                requests.add(new Request(key, inm, ims, ua, 404));
                ex.sendResponseHeaders(404, -1);
            } else if (doc.etag().equals(inm)) {
                requests.add(new Request(key, inm, ims, ua, 304));
                ex.getResponseHeaders().add("ETag", doc.etag());
                ex.sendResponseHeaders(304, -1);
            } else {
                requests.add(new Request(key, inm, ims, ua, 200));
                ex.getResponseHeaders().add("Content-Type", doc.contentType());
                ex.getResponseHeaders().add("ETag", doc.etag());
                ex.getResponseHeaders().add("Last-Modified", "Fri, 09 Feb 2024 09:00:00 GMT");
                ex.sendResponseHeaders(200, doc.body().length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(doc.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
