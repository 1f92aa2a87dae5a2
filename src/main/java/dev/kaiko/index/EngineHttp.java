package dev.kaiko.index;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plain HTTP to the search cluster Hibernate Search uses (first configured host), for the few operations Hibernate
 * Search does not offer: health, alias swaps, index copies. Managed or external, the same code path.
 */
@ApplicationScoped
public class EngineHttp {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public record Reply(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Reply send(String method, String path, String json) throws IOException {
        var config = ConfigProvider.getConfig();
        String host = config.getOptionalValue("quarkus.hibernate-search-orm.elasticsearch.hosts", String.class)
                .orElse("localhost:9200")
                .split(",")[0]
                .trim();
        String protocol = config.getOptionalValue("quarkus.hibernate-search-orm.elasticsearch.protocol", String.class)
                .orElse("http");
        var request = HttpRequest.newBuilder(URI.create(protocol + "://" + host + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        config.getOptionalValue("quarkus.hibernate-search-orm.elasticsearch.username", String.class)
                .ifPresent(user -> request.header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":"
                                                        + config.getOptionalValue(
                                                                        "quarkus.hibernate-search-orm.elasticsearch.password",
                                                                        String.class)
                                                                .orElse(""))
                                                .getBytes(StandardCharsets.UTF_8))));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** True when the cluster answers its health endpoint. */
    public boolean reachable() {
        try {
            return send("GET", "/_cluster/health", null).ok();
        } catch (IOException e) {
            return false;
        }
    }
}
