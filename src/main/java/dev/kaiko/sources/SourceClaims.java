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
 * no transaction stays open during network I/O, and a crashed instance's claim ends with its connection.
 */
@ApplicationScoped
class SourceClaims {

    static final int LOCK_CLASS = 0x4b53; // "KS"

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
            try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, LOCK_CLASS);
                unlock.setInt(2, (int) id);
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
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                lock.setInt(1, LOCK_CLASS);
                lock.setInt(2, (int) id);
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
