package dev.kaiko.web.security;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * The browser admin's login sessions, kept server-side in PostgreSQL (table {@code admin_session}). Quarkus form
 * authentication's cookie is a stateless encrypted token, so alone it stays valid until it times out, whatever
 * happens on the server; here it only carries a session id (see {@link AdminIdentities.Session}), and a session
 * lasts while its row says so:
 * <ul>
 *   <li>logging out deletes the row, so a copy of the cookie is refused too, on every instance;
 *   <li>the row holds a fingerprint of the token that opened it ({@link AdminCredentials#fingerprint}): when that
 *       token is rotated or removed, the session ends;
 *   <li>it ends after {@code kaiko.admin.session-idle-timeout} without a request and
 *       {@code kaiko.admin.session-lifetime} after the login.
 * </ul>
 * Blocking JDBC: called on worker threads (the identity providers run it through {@code runBlocking}).
 */
@ApplicationScoped
public class AdminSessions {

    /** The identity attribute holding the session id of a login-session identity. */
    static final String ATTRIBUTE = "kaiko.admin-session";

    private static final Logger LOG = Logger.getLogger(AdminSessions.class);

    /** How stale last_seen_at may get: one write a minute per active session, not one per request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource db;
    private final AdminCredentials credentials;
    private final AdminConfig config;

    public AdminSessions(DataSource db, AdminCredentials credentials, AdminConfig config) {
        this.db = db;
        this.credentials = credentials;
        this.config = config;
    }

    /** Opens a session for the token of this name (just checked by the login); returns its id. */
    String open(String tokenName) {
        byte[] credential = credentials
                .fingerprint(tokenName)
                .orElseThrow(() -> new IllegalStateException("not an accepted token: " + tokenName));
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = Instant.now();
        try (Connection c = db.getConnection()) {
            // Ended sessions nobody logged out of (expired, or of a revoked token) go when someone logs in.
            try (PreparedStatement purge =
                    c.prepareStatement("delete from admin_session where last_seen_at < ? or created_at < ?")) {
                purge.setTimestamp(1, Timestamp.from(now.minus(config.sessionIdleTimeout())));
                purge.setTimestamp(2, Timestamp.from(now.minus(config.sessionLifetime())));
                purge.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into admin_session (id, token_name, credential, created_at, last_seen_at)"
                            + " values (?, ?, ?, ?, ?)")) {
                insert.setString(1, id);
                insert.setString(2, tokenName);
                insert.setBytes(3, credential);
                insert.setTimestamp(4, Timestamp.from(now));
                insert.setTimestamp(5, Timestamp.from(now));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a login session", e);
        }
        return id;
    }

    /**
     * Whether the session is still open for a request now: it exists, was opened with the token of this name, that
     * token is still accepted unchanged, and neither timeout has passed. An open session is marked as used; an
     * ended one is deleted.
     */
    boolean check(String id, String tokenName) {
        Instant now = Instant.now();
        try (Connection c = db.getConnection()) {
            String storedName;
            byte[] credential;
            Instant created;
            Instant lastSeen;
            try (PreparedStatement select = c.prepareStatement(
                    "select token_name, credential, created_at, last_seen_at from admin_session where id = ?")) {
                select.setString(1, id);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return false; // logged out, or never opened
                    }
                    storedName = row.getString(1);
                    credential = row.getBytes(2);
                    created = row.getTimestamp(3).toInstant();
                    lastSeen = row.getTimestamp(4).toInstant();
                }
            }
            Optional<byte[]> current = credentials.fingerprint(storedName);
            String ended = !storedName.equals(tokenName)
                    ? "names another token"
                    : current.isEmpty()
                            ? "its token was removed"
                            : !MessageDigest.isEqual(current.get(), credential)
                                    ? "its token was rotated"
                                    : now.isAfter(lastSeen.plus(config.sessionIdleTimeout()))
                                            ? "idle timeout"
                                            : now.isAfter(created.plus(config.sessionLifetime()))
                                                    ? "lifetime over"
                                                    : null;
            if (ended != null) {
                LOG.debugf("Login session of %s ended: %s", storedName, ended);
                delete(c, id);
                return false;
            }
            Duration touchEvery = min(TOUCH_EVERY, config.sessionIdleTimeout().dividedBy(2));
            if (!now.isBefore(lastSeen.plus(touchEvery))) {
                // Conditional, so concurrent requests of one session never move it back in time.
                try (PreparedStatement touch = c.prepareStatement(
                        "update admin_session set last_seen_at = ? where id = ? and last_seen_at < ?")) {
                    touch.setTimestamp(1, Timestamp.from(now));
                    touch.setString(2, id);
                    touch.setTimestamp(3, Timestamp.from(now));
                    touch.executeUpdate();
                }
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check a login session", e);
        }
    }

    /** Ends the session of this id (nothing if it has ended already). */
    void end(String id) {
        try (Connection c = db.getConnection()) {
            delete(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end a login session", e);
        }
    }

    /**
     * Logs the browser of this request out: ends its session server-side (so copies of the cookie are refused too)
     * and drops the cookie.
     */
    public void logOut(RoutingContext routing) {
        if (routing.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            String id = identity.getAttribute(ATTRIBUTE);
            if (id != null) {
                end(id);
            }
        }
        FormAuthenticationMechanism.logout(routing);
    }

    private static void delete(Connection c, String id) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from admin_session where id = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
