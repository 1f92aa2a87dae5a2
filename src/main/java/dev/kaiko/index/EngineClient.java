package dev.kaiko.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.hibernate.search.backend.elasticsearch.ElasticsearchBackend;
import org.hibernate.search.mapper.orm.mapping.SearchMapping;

/**
 * The search cluster's REST client for the few operations Hibernate Search does not offer (health, alias swaps,
 * snapshots). It is the very client Hibernate Search was configured with, so it knows every host of the cluster (and
 * skips a dead one), the credentials and TLS settings: managed or external, one node or many, the same code path.
 */
@ApplicationScoped
public class EngineClient {

    @Inject
    SearchMapping searchMapping;

    private volatile RestClient client;

    public record Reply(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** One request; {@code path} may carry a query string. A refusal (4xx/5xx) is a reply, not an exception. */
    public Reply send(String method, String path, String json) throws IOException {
        int query = path.indexOf('?');
        Request request = new Request(method, query < 0 ? path : path.substring(0, query));
        if (query >= 0) {
            for (String pair : path.substring(query + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    request.addParameter(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
                }
            }
        }
        if (json != null) {
            request.setJsonEntity(json);
        }
        Response response;
        try {
            response = restClient().performRequest(request);
        } catch (ResponseException e) {
            response = e.getResponse();
        }
        String body =
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
        return new Reply(response.getStatusLine().getStatusCode(), body);
    }

    /** Sends and fails with the engine's own words when it refuses. */
    public Reply require(String method, String path, String json) throws IOException {
        Reply reply = send(method, path, json);
        if (!reply.ok()) {
            throw new IOException("The search engine refused " + method + " " + path + " (" + reply.status() + "): "
                    + reply.body().substring(0, Math.min(300, reply.body().length())));
        }
        return reply;
    }

    /** True when the cluster answers its health endpoint. */
    public boolean reachable() {
        try {
            return send("GET", "/_cluster/health", null).ok();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private RestClient restClient() {
        RestClient c = client;
        if (c == null) {
            c = searchMapping.backend().unwrap(ElasticsearchBackend.class).client(RestClient.class);
            client = c;
        }
        return c;
    }
}
