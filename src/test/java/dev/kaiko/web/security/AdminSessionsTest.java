package dev.kaiko.web.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.kaiko.DataDirectory;
import dev.kaiko.support.AdminSession;
import dev.kaiko.support.Corpora;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Login sessions end for real: a copied cookie is refused after "Log out"; rotating or removing the token a session
 * was opened with ends it; the idle timeout and the lifetime are enforced server-side; concurrent logins, requests
 * and logouts do not disturb each other. Time passing is played by ageing the session's row in PostgreSQL.
 */
@QuarkusTest
class AdminSessionsTest {

    private static final String NAMED_TOKEN = "test-ci-script-token";

    @Inject
    DataSource db;

    @Inject
    AdminConfig config;

    @Inject
    DataDirectory dataDirectory;

    @Test
    void aCopiedCookieIsRefusedAfterLogout() throws Exception {
        Opened other = open(Corpora.TOKEN);
        Opened browser = open(Corpora.TOKEN);
        String copy = browser.session.session();
        assertOpen(copy);

        Response out = browser.session.form().post("/admin/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Location")).endsWith("/login");
        assertThat(row(browser.id)).isFalse();

        // the copy (an attacker's, or a second tab's) is sent to the login form, and told to drop the cookie
        Response refused = page(copy);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.header("Location")).endsWith("/login");
        assertThat(refused.headers().getValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith(AdminSession.SESSION_COOKIE + "=") && c.contains("Max-Age=0"));
        // nor does it write: a POST with the session's CSRF token is refused before the resource
        Response write = given().redirects()
                .follow(false)
                .cookie(AdminSession.SESSION_COOKIE, copy)
                .cookie(AdminSession.CSRF_COOKIE, browser.session.csrfCookie())
                .formParam(AdminSession.CSRF_FIELD, browser.session.csrf())
                .post("/admin/index/dead-letters/retry");
        assertThat(write.statusCode()).isEqualTo(302);
        assertThat(write.header("Location")).endsWith("/login");
        // logging out ends that session only
        assertOpen(other.session.session());
    }

    @Test
    void rotatingOrRemovingATokenEndsTheSessionsOpenedWithIt() throws Exception {
        Opened main = open(Corpora.TOKEN);
        Opened script = open(NAMED_TOKEN);
        assertOpen(main.session.session());
        assertOpen(script.session.session());

        // the main token rotated (as after a restart with a new KAIKO_ADMIN_TOKEN): the credentials are built from
        // that configuration, with the same data directory and so the same session key
        QuarkusMock.installMockForType(
                credentials("rotated-admin-token-0123456789", Map.of("ci-script", NAMED_TOKEN)),
                AdminCredentials.class);
        assertRefused(main.session.session());
        assertOpen(script.session.session());
        assertThat(loginStatus(Corpora.TOKEN)).endsWith("/login/failed");
        Opened rotated = open("rotated-admin-token-0123456789");
        assertOpen(rotated.session.session());

        // then the script's token removed: its session ends too, the new main token's does not
        QuarkusMock.installMockForType(credentials("rotated-admin-token-0123456789", Map.of()), AdminCredentials.class);
        assertRefused(script.session.session());
        assertOpen(rotated.session.session());
        assertThat(row(script.id)).isFalse();
    }

    @Test
    void aSessionEndsAfterTheIdleTimeoutButRequestsKeepItOpen() throws Exception {
        Duration idle = config.sessionIdleTimeout();
        Opened browser = open(Corpora.TOKEN);
        // each time a minute short of the timeout since the last request: open, and the request counts as use
        for (int i = 0; i < 3; i++) {
            age(browser.id, "last_seen_at", idle.minusMinutes(1));
            assertOpen(browser.session.session());
            assertThat(lastSeen(browser.id)).isAfter(Instant.now().minusSeconds(60));
        }
        age(browser.id, "last_seen_at", idle.plusMinutes(1));
        assertRefused(browser.session.session());
        assertThat(row(browser.id)).isFalse();
    }

    @Test
    void aSessionEndsAfterItsLifetimeHoweverBusy() throws Exception {
        Duration lifetime = config.sessionLifetime();
        Opened browser = open(Corpora.TOKEN);
        age(browser.id, "created_at", lifetime.minusMinutes(1));
        assertOpen(browser.session.session());
        age(browser.id, "created_at", Duration.ofMinutes(2));
        assertRefused(browser.session.session());
    }

    @Test
    void concurrentLoginsRequestsAndLogoutsDoNotDisturbEachOther() throws Exception {
        Set<String> before = ids();
        Opened keeper = open(Corpora.TOKEN);
        // stale enough that the threads' first requests all mark it as used at once
        age(keeper.id, "last_seen_at", Duration.ofMinutes(5));
        int threads = 6;
        int rounds = 5;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String token = t % 2 == 0 ? Corpora.TOKEN : NAMED_TOKEN;
                results.add(pool.submit(() -> {
                    go.await();
                    List<String> problems = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        if (page(keeper.session.session()).statusCode() != 200) {
                            problems.add("the keeper's session was refused in round " + r);
                        }
                        AdminSession own = AdminSession.login(token);
                        if (page(own.session()).statusCode() != 200) {
                            problems.add("a fresh session was refused in round " + r);
                        }
                        int out = own.form().post("/admin/logout").statusCode();
                        if (out != 303) {
                            problems.add("logout answered " + out + " in round " + r);
                        }
                        if (page(own.session()).statusCode() != 302) {
                            problems.add("a logged-out session's cookie still worked in round " + r);
                        }
                    }
                    return problems;
                }));
            }
            go.countDown();
            List<String> problems = new ArrayList<>();
            for (Future<List<String>> f : results) {
                problems.addAll(f.get());
            }
            assertThat(problems).isEmpty();
        } finally {
            pool.shutdownNow();
        }
        assertOpen(keeper.session.session());
        assertThat(lastSeen(keeper.id)).isAfter(Instant.now().minusSeconds(60));
        // every session the threads opened is gone; the keeper is the only one of this test left
        Set<String> left = ids();
        left.removeAll(before);
        assertThat(left).containsExactly(keeper.id);
    }

    /** A logged-in browser and the id of its session row (the one the login added). */
    private record Opened(AdminSession session, String id) {}

    private Opened open(String token) throws SQLException {
        Set<String> before = ids();
        AdminSession session = AdminSession.login(token);
        Set<String> added = ids();
        added.removeAll(before);
        assertThat(added).as("the login's session row").hasSize(1);
        return new Opened(session, added.iterator().next());
    }

    private AdminCredentials credentials(String main, Map<String, String> named) {
        return new AdminCredentials(
                new AdminConfig() {
                    @Override
                    public Optional<String> token() {
                        return Optional.of(main);
                    }

                    @Override
                    public Map<String, String> tokens() {
                        return named;
                    }

                    @Override
                    public Optional<String> sessionKey() {
                        return config.sessionKey();
                    }

                    @Override
                    public Duration sessionIdleTimeout() {
                        return config.sessionIdleTimeout();
                    }

                    @Override
                    public Duration sessionLifetime() {
                        return config.sessionLifetime();
                    }
                },
                dataDirectory);
    }

    private static Response page(String sessionCookie) {
        return given().redirects()
                .follow(false)
                .accept("text/html")
                .cookie(AdminSession.SESSION_COOKIE, sessionCookie)
                .get("/admin");
    }

    private static void assertOpen(String sessionCookie) {
        assertThat(page(sessionCookie).statusCode())
                .as("the session opens /admin")
                .isEqualTo(200);
    }

    private static void assertRefused(String sessionCookie) {
        Response refused = page(sessionCookie);
        assertThat(refused.statusCode()).as("the session is refused").isEqualTo(302);
        assertThat(refused.header("Location")).endsWith("/login");
    }

    /** Where the login form sends the browser with this token. */
    private static String loginStatus(String token) {
        Response login = given().redirects()
                .follow(false)
                .formParam("j_username", "admin")
                .formParam("j_password", token)
                .post("/j_security_check");
        assertThat(login.statusCode()).isEqualTo(302);
        return login.header("Location");
    }

    private Set<String> ids() throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("select id from admin_session");
                ResultSet rows = q.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private boolean row(String id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("select 1 from admin_session where id = ?")) {
            q.setString(1, id);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next();
            }
        }
    }

    private Instant lastSeen(String id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("select last_seen_at from admin_session where id = ?")) {
            q.setString(1, id);
            try (ResultSet rows = q.executeQuery()) {
                assertThat(rows.next()).as("session row %s", id).isTrue();
                return rows.getTimestamp(1).toInstant();
            }
        }
    }

    /** Time passes for one session: its login or its last request moved this far into the past. */
    private void age(String id, String column, Duration by) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement u = c.prepareStatement("update admin_session set " + column + " = " + column
                        + " - ? * interval '1 second'" + " where id = ?")) {
            u.setLong(1, by.toSeconds());
            u.setString(2, id);
            assertThat(u.executeUpdate()).as("session row %s", id).isEqualTo(1);
        }
    }
}
