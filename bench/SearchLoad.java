// Search latency of a running Kaiko: the same query mix sent once as the request Kaiko sends to its engine
// (straight to the engine's port) and once through GET /api/search, at 1 and 8 clients. Source-launched:
//
//   java bench/SearchLoad.java API_URL ENGINE_URL ADMIN_TOKEN [clients=1,8] [requests=1000] [seconds=60]
//
// The raw requests come from GET /api/admin/search/engine-request (what TopicSearch sends for the same parameters).
// Every run: warm-up, then `requests` requests in a fixed shuffled order (at most `seconds`), raw first, then API.
// Prints one line per run: "RESULT clients=C target=raw|api n=N p50=… p95=… p99=…" (milliseconds).
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

public class SearchLoad {

    /** The mix of SearchBenchmark, fitted to bench/synthetic-archive.sql (its tags are labels tech-NNN). */
    static final List<String> MIX = List.of(
            "q=kubernetes",
            "q=" + enc("コンテナ セキュリティ"),
            "q=" + enc("eBPF 入門"),
            "q=react&year=2023",
            "q=" + enc("パフォーマンスを改善した話"),
            "sort=newest",
            "q=" + enc("rust OR go"),
            "q=" + enc("データベース -mysql"),
            "q=kubernetis",
            "q=" + enc("サイドカー"),
            "q=observability&label=tech-007&label=tech-011",
            "q=" + enc("リリース") + "&year=2021&year=2022",
            "q=" + enc("\"service mesh\""),
            "q=" + enc("ブラウザ JavaScript") + "&page=2",
            "label=tech-001&presenter=presenter-3",
            "q=" + enc("分散システムの設計と実装"));

    record Call(URI uri, String body) {}

    public static void main(String[] args) throws Exception {
        String api = args[0];
        String engine = args[1];
        String token = args[2];
        int[] clientCounts = Arrays.stream((args.length > 3 ? args[3] : "1,8").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int requests = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        Duration limit = Duration.ofSeconds(args.length > 5 ? Long.parseLong(args[5]) : 60);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(16))
                .build();
        List<Call> apiCalls = new ArrayList<>();
        List<Call> rawCalls = new ArrayList<>();
        for (String params : MIX) {
            apiCalls.add(new Call(URI.create(api + "/api/search?" + params), null));
            HttpResponse<String> captured = http.send(
                    HttpRequest.newBuilder(URI.create(api + "/api/admin/search/engine-request?" + params))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (captured.statusCode() != 200) {
                throw new IllegalStateException("engine-request " + params + " → " + captured.statusCode() + " "
                        + captured.body());
            }
            String json = captured.body();
            String path = stringField(json, "path");
            String body = stringField(json, "body");
            Matcher p = Pattern.compile("\"parameters\":\\{([^}]*)\\}").matcher(json);
            String query = "";
            if (p.find() && !p.group(1).isBlank()) {
                query = Arrays.stream(p.group(1).split(","))
                        .map(kv -> kv.split(":", 2))
                        .map(kv -> unquote(kv[0]) + "=" + enc(unquote(kv[1])))
                        .collect(Collectors.joining("&", "?", ""));
            }
            rawCalls.add(new Call(URI.create(engine + path + query), body));
        }
        // both answer the same totals (a zero-hit query would make the API send more requests than the raw mix)
        for (int i = 0; i < MIX.size(); i++) {
            String rawTotal = totalOf(send(http, rawCalls.get(i)).body(), "\"total\":\\{\"value\":(\\d+)");
            String apiTotal = totalOf(send(http, apiCalls.get(i)).body(), "\"total\":(\\d+)");
            System.out.printf("MIX %-60s raw total %s, API total %s%n", URLDecoder(MIX.get(i)), rawTotal, apiTotal);
        }
        run(http, rawCalls, 200, 8, limit);
        run(http, apiCalls, 200, 8, limit);
        for (int clients : clientCounts) {
            for (String target : List.of("raw", "api")) {
                long[] l = run(http, target.equals("raw") ? rawCalls : apiCalls, requests, clients, limit);
                System.out.printf(
                        "RESULT clients=%d target=%s n=%d p50=%.1f p95=%.1f p99=%.1f%n",
                        clients, target, l.length, percentile(l, 50), percentile(l, 95), percentile(l, 99));
            }
        }
        System.exit(0);
    }

    static String URLDecoder(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String unquote(String s) {
        s = s.trim();
        return s.startsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** A JSON string field, unescaped (enough for what Jackson writes: \" \\ \n \\uXXXX). */
    static String stringField(String json, String name) {
        int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        StringBuilder out = new StringBuilder();
        for (int i = start; ; i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                char n = json.charAt(++i);
                switch (n) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(n);
                }
            } else {
                out.append(c);
            }
        }
    }

    static String totalOf(String body, String regex) {
        Matcher m = Pattern.compile(regex).matcher(body);
        return m.find() ? m.group(1) : "?";
    }

    static HttpResponse<String> send(HttpClient http, Call call) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(call.uri()).timeout(Duration.ofSeconds(60));
        if (call.body() != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call.body()));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(call.uri() + " → " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    /** {@code count} requests in a fixed shuffled order by {@code clients} threads; sorted nanoseconds. */
    static long[] run(HttpClient http, List<Call> mix, int count, int clients, Duration limit) throws Exception {
        List<Call> schedule = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            schedule.add(mix.get(i % mix.size()));
        }
        Collections.shuffle(schedule, new Random(7));
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        long deadline = System.nanoTime() + limit.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count && System.nanoTime() < deadline;
                        i = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    send(http, schedule.get(i));
                    latencies[i] = System.nanoTime() - start;
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
    }

    static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
