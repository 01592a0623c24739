package org.brocapi.service.queue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.brocapi.service.job.Job;
import org.brocapi.service.job.JobState;
import org.brocapi.service.job.PcapResult;
import org.brocapi.service.job.UploadedPcap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link JobQueue} in one SQLite file shared by every process using the same data directory.
 *
 * <p>Durability: WAL with {@code synchronous=FULL}, so a committed submit is on disk before the
 * client hears "job queued". Claim is one {@code UPDATE … WHERE seq = (SELECT … LIMIT 1) RETURNING}
 * statement, atomic across threads and processes. Each open queue holds a {@link ProcessLock}; its
 * id is the {@code owner} of the jobs it claims, and {@link #recover} re-queues jobs whose owner's
 * lock is free. One JDBC connection per process, used under a lock (SQLite serialises writers anyway).
 */
public final class SqliteJobQueue implements JobQueue {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<UploadedPcap>> PCAPS = new TypeReference<>() { };
    private static final TypeReference<List<PcapResult>> RESULTS = new TypeReference<>() { };
    private static final String ACTIVE = "('running','delivering')";

    private final Connection db;
    private final ReentrantLock lock = new ReentrantLock();
    private final ProcessLock owner;
    private final Path instances;

    private SqliteJobQueue(Connection db, ProcessLock owner, Path instances) {
        this.db = db;
        this.owner = owner;
        this.instances = instances;
    }

    /** Opens (creating when needed) {@code <stateDir>/queue.db} and recovers orphaned claims. */
    public static SqliteJobQueue open(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve("queue.db"));
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 30000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS jobs (
                          seq INTEGER PRIMARY KEY AUTOINCREMENT,
                          id TEXT NOT NULL UNIQUE,
                          state TEXT NOT NULL,
                          tag TEXT,
                          pcaps TEXT NOT NULL,
                          created INTEGER NOT NULL,
                          started INTEGER,
                          finished INTEGER,
                          attempts INTEGER NOT NULL DEFAULT 0,
                          owner TEXT,
                          bytes_total INTEGER NOT NULL,
                          bytes_done INTEGER NOT NULL DEFAULT 0,
                          error TEXT,
                          stderr_tail TEXT,
                          results TEXT NOT NULL DEFAULT '[]')""");
                try (ResultSet cols = s.executeQuery("SELECT 1 FROM pragma_table_info('jobs') WHERE name = 'worker'")) {
                    if (!cols.next()) {
                        // added with the Redis queue: which process ran the latest attempt
                        s.execute("ALTER TABLE jobs ADD COLUMN worker TEXT");
                    }
                }
                s.execute("CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state, seq)");
                s.execute("CREATE INDEX IF NOT EXISTS jobs_tag ON jobs(tag, seq)");
            }
            Path instances = stateDir.resolve("instances");
            SqliteJobQueue q = new SqliteJobQueue(c, ProcessLock.acquire(instances), instances);
            q.recover();
            return q;
        } catch (SQLException | IOException e) {
            throw new QueueException("cannot open the job queue in " + stateDir + ": " + e.getMessage(), e);
        }
    }

    /** This process's owner id, as stored in claimed jobs. */
    public String ownerId() {
        return owner.id();
    }

    @Override
    public void submit(Job job) {
        update("INSERT INTO jobs (id, state, tag, pcaps, created, bytes_total) VALUES (?,?,?,?,?,?)",
                job.id(), job.state().wireName(), job.tag(), JSON.writeValueAsString(job.pcaps()),
                job.created().toEpochMilli(), job.bytesTotal());
    }

    @Override
    public Optional<Job> claim() {
        return locked(() -> {
            try (PreparedStatement ps = db.prepareStatement("""
                    UPDATE jobs SET state = 'running', owner = ?, worker = ?, attempts = attempts + 1, started = ?,
                      finished = NULL, bytes_done = 0, results = '[]', error = NULL, stderr_tail = NULL
                    WHERE seq = (SELECT seq FROM jobs WHERE state = 'queued' ORDER BY seq LIMIT 1)
                    RETURNING *""")) {
                ps.setString(1, owner.id());
                ps.setString(2, RedisJobQueue.hostName() + "/" + owner.id());
                ps.setLong(3, System.currentTimeMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(job(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean progress(String id, long bytesDone, List<PcapResult> results) {
        return update("UPDATE jobs SET bytes_done = ?, results = ? WHERE id = ? AND owner = ? AND state IN " + ACTIVE,
                bytesDone, JSON.writeValueAsString(results), id, owner.id()) == 1;
    }

    @Override
    public boolean transition(String id, JobState state) {
        if (!state.active()) {
            throw new IllegalArgumentException(state + " is not an active state");
        }
        return update("UPDATE jobs SET state = ? WHERE id = ? AND owner = ? AND state IN " + ACTIVE,
                state.wireName(), id, owner.id()) == 1;
    }

    @Override
    public boolean requeue(String id) {
        return update("""
                UPDATE jobs SET state = 'queued', owner = NULL, error = NULL, stderr_tail = NULL, finished = NULL
                WHERE id = ? AND state IN ('done','delivery_failed')""", id) == 1;
    }

    @Override
    public boolean finish(String id, JobState state, String error, String stderrTail, List<PcapResult> results) {
        if (!state.terminal()) {
            throw new IllegalArgumentException(state + " is not a terminal state");
        }
        return update("""
                UPDATE jobs SET state = ?, error = ?, stderr_tail = ?, results = ?, finished = ?, owner = NULL,
                  bytes_done = CASE WHEN ? = 'done' THEN bytes_total ELSE bytes_done END
                WHERE id = ? AND owner = ? AND state IN""" + " " + ACTIVE,
                state.wireName(), error, stderrTail, JSON.writeValueAsString(results), System.currentTimeMillis(),
                state.wireName(), id, owner.id()) == 1;
    }

    @Override
    public Optional<Job> find(String id) {
        List<Job> jobs = query("SELECT * FROM jobs WHERE id = ?", id);
        return jobs.stream().findFirst();
    }

    @Override
    public Page list(String tag, JobState state, int limit, int offset) {
        String where = " WHERE (?1 IS NULL OR tag = ?1) AND (?2 IS NULL OR state = ?2)";
        String s = state == null ? null : state.wireName();
        List<Job> jobs = query("SELECT * FROM jobs" + where + " ORDER BY seq DESC LIMIT ?3 OFFSET ?4", tag, s, limit, offset);
        long total = locked(() -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT count(*) FROM jobs" + where)) {
                ps.setObject(1, tag);
                ps.setObject(2, s);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new Page(jobs, total, limit, offset);
    }

    @Override
    public DeleteOutcome delete(String id) {
        if (update("DELETE FROM jobs WHERE id = ? AND state NOT IN " + ACTIVE, id) == 1) {
            return DeleteOutcome.DELETED;
        }
        return find(id).isPresent() ? DeleteOutcome.ACTIVE : DeleteOutcome.NOT_FOUND;
    }

    @Override
    public Map<JobState, Long> counts() {
        return locked(() -> {
            Map<JobState, Long> out = new EnumMap<>(JobState.class);
            for (JobState s : JobState.values()) {
                out.put(s, 0L);
            }
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT state, count(*) FROM jobs GROUP BY state")) {
                while (rs.next()) {
                    out.put(JobState.ofWire(rs.getString(1)), rs.getLong(2));
                }
            }
            return out;
        });
    }

    @Override
    public int recover() {
        List<String> owners = locked(() -> {
            List<String> out = new ArrayList<>();
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT DISTINCT owner FROM jobs WHERE owner IS NOT NULL AND state IN " + ACTIVE)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        int n = 0;
        for (String o : owners) {
            if (!o.equals(owner.id()) && ProcessLock.dead(instances, o)) {
                n += update("UPDATE jobs SET state = 'queued', owner = NULL, bytes_done = 0 WHERE owner = ? AND state IN " + ACTIVE, o);
            }
        }
        return n;
    }

    @Override
    public void close() {
        locked(() -> {
            db.close();
            return null;
        });
        owner.close();
    }

    private static Job job(ResultSet rs) throws SQLException {
        return new Job(rs.getString("id"), JobState.ofWire(rs.getString("state")), rs.getString("tag"),
                JSON.readValue(rs.getString("pcaps"), PCAPS),
                instant(rs, "created"), instant(rs, "started"), instant(rs, "finished"), rs.getInt("attempts"),
                rs.getLong("bytes_total"), rs.getLong("bytes_done"), rs.getString("error"), rs.getString("stderr_tail"),
                JSON.readValue(rs.getString("results"), RESULTS), rs.getString("worker"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private List<Job> query(String sql, Object... args) {
        return locked(() -> {
            try (PreparedStatement ps = db.prepareStatement(sql)) {
                bind(ps, args);
                List<Job> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(job(rs));
                    }
                }
                return out;
            }
        });
    }

    private int update(String sql, Object... args) {
        return locked(() -> {
            try (PreparedStatement ps = db.prepareStatement(sql)) {
                bind(ps, args);
                return ps.executeUpdate();
            }
        });
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private interface Sql<T> {
        T run() throws SQLException;
    }

    private <T> T locked(Sql<T> body) {
        lock.lock();
        try {
            return body.run();
        } catch (SQLException e) {
            throw new QueueException("job queue: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
