package dev.kaiko.sources;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Claims a source for one fetch with a PostgreSQL session advisory lock (two-key form: {@link #LOCK_CLASS}, source
 * id) on a connection held for the fetch: instances sharing the database never fetch one source at the same time,
 * no transaction stays open during network I/O, and a crashed instance's claim ends with its connection. Advisory
 * locks are per database, not per schema, so the first key is derived from the schema: instances on other schemas of
 * the same database (another deployment, the tests) have sources with the same ids.
 */
@ApplicationScoped
class SourceClaims {

    /** SQL for the first key: non-negative, so it reads the same as pg_locks.classid (an oid). */
    static final String LOCK_CLASS = "(hashtext('kaiko.source:' || current_schema()) & 2147483647)";

    private static final Logger LOG = Logger.getLogger(SourceClaims.class);

    @Inject
    DataSource dataSource;

    /** A held claim; closing it releases the lock. */
    final class Claim implements AutoCloseable {
        private final Connection connection;
        private final long id;

        private Claim(Connection connection, long id) {
            this.connection = connection;
            this.id = id;
        }

        @Override
        public void close() {
            try (PreparedStatement unlock =
                    connection.prepareStatement("select pg_advisory_unlock(" + LOCK_CLASS + ", ?)")) {
                unlock.setInt(1, (int) id);
                unlock.execute();
                connection.close();
            } catch (SQLException e) {
                // the lock ends with the session: make sure the pool does not keep that session
                LOG.warnf(e, "Could not release the claim on source %d; dropping the connection", id);
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException ignored) {
                    // already gone
                }
            }
        }
    }

    /** The claim, or empty when another fetch (here or in another instance) holds the source. */
    Optional<Claim> tryClaim(long id) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            try (PreparedStatement lock =
                    connection.prepareStatement("select pg_try_advisory_lock(" + LOCK_CLASS + ", ?)")) {
                lock.setInt(1, (int) id);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.of(new Claim(connection, id));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // nothing more to do
                }
            }
            throw new IllegalStateException("Could not claim source " + id + ": " + e.getMessage(), e);
        }
    }
}
