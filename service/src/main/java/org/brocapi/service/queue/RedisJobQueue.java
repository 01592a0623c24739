package org.brocapi.service.queue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.brocapi.service.job.Job;
import org.brocapi.service.job.JobState;
import org.brocapi.service.job.PcapResult;
import org.brocapi.service.job.UploadedPcap;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link JobQueue} on Redis (5.0+ for streams, 6.2+ for {@code XAUTOCLAIM}; checked on 7.0), shared by
 * API servers and workers on many hosts. Every state change is one Lua script, so the job hash, its
 * indexes and the stream never disagree, even when the client dies between two commands.
 *
 * <p>Keys, all under {@code key_prefix} (default {@code brocapi:}):
 * <pre>
 *   queue            stream, one entry {job: ID} per pending run; consumer group "workers"
 *   job:ID           hash: id state tag pcaps created started finished attempts owner worker
 *                    bytes_total bytes_done error stderr_tail results (pcaps, results: JSON)
 *                    seq (submit order) entry (the stream entry of its current run)
 *   seq              counter giving each job its seq
 *   jobs             sorted set ID → seq: every job (newest first listing, total)
 *   state:STATE      sorted set ID → seq per state: state filter and {@code counts()} by ZCARD
 *   tag:TAG          sorted set ID → seq per tag: tag filter; tag and state together scan the tag's set
 *   workers          hash consumer → JSON {host, pid, started, last_seen, jobs}: the heartbeat
 * </pre>
 *
 * <p>A run, in order: {@code submit} adds the hash and {@code XADD}s an entry (one script, so an accepted
 * job always has its entry); {@code claim} takes the entry with {@code XREADGROUP} (or, first, one whose
 * holder has been silent for {@code claim_timeout} with {@code XAUTOCLAIM}) and marks the job
 * {@code running}, owner = this process's consumer name; {@code finish} writes the end state and
 * {@code XACK}s and {@code XDEL}s the entry. A living holder keeps its entries' idle time low: a
 * heartbeat every third of {@code claim_timeout} re-claims them to itself ({@code XCLAIM … JUSTID}, which
 * does not count a delivery) and refreshes its {@code workers} record. So an entry idle for longer than
 * {@code claim_timeout} belongs to a worker that died (or lost Redis for that long): {@link #recover}
 * ({@code XPENDING … IDLE}) shows its job as {@code queued} again, and the next claim takes the entry
 * over. Every claim counts one attempt; a job taken over with {@code max_attempts} used is ended
 * {@code failed} instead of run again. Graceful {@link #close} hands held jobs back: a new entry at the
 * end of the stream, the attempt not counted. The heartbeat hands back the same way a run claimed
 * under this process's name that the process never heard of (Redis died while sending the claim's
 * reply), so a Redis restart costs no attempt.
 *
 * <p>Durability: an accepted job is in Redis's AOF before {@code submit} returns only with
 * {@code appendonly yes} and {@code appendfsync always}; with {@code everysec} a Redis crash (not a
 * restart, which writes the AOF out) can lose the last second. A worker that cannot reach Redis to
 * finish retries for {@code claim_timeout}, then lets the job be taken over (at-least-once: the job
 * re-runs from scratch, as after a crash). Keys are not declared to the scripts, so this needs a
 * single Redis (or a primary with replicas), not Redis Cluster.
 */
public final class RedisJobQueue implements JobQueue {
    static final System.Logger LOG = System.getLogger("org.brocapi.service.queue");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<UploadedPcap>> PCAPS = new TypeReference<>() { };
    private static final TypeReference<List<PcapResult>> RESULTS = new TypeReference<>() { };
    private static final String GROUP = "workers";

    // shared by every script: ARGV[1] is the key prefix
    private static final String LIB = """
            local P = ARGV[1]
            local S = P .. 'queue'
            local function jk(id) return P .. 'job:' .. id end
            local function active(s) return s == 'running' or s == 'delivering' end
            local function move(id, from, to, seq)
              if from then redis.call('ZREM', P .. 'state:' .. from, id) end
              redis.call('ZADD', P .. 'state:' .. to, seq, id)
            end
            local function drop(entry)
              redis.call('XACK', S, 'workers', entry)
              redis.call('XDEL', S, entry)
            end
            local function giveUp(id, state, entry, now)
              local k = jk(id)
              local a = redis.call('HGET', k, 'attempts')
              redis.call('HSET', k, 'state', 'failed', 'finished', now, 'error', 'gave up after ' .. a
                .. ' attempt(s): the worker running it stopped each time (last: '
                .. (redis.call('HGET', k, 'worker') or '?') .. ')')
              redis.call('HDEL', k, 'owner')
              move(id, state, 'failed', redis.call('HGET', k, 'seq'))
              drop(entry)
            end
            local function handBack(id, state)
              local k = jk(id)
              local old = redis.call('HGET', k, 'entry')
              local entry = redis.call('XADD', S, '*', 'job', id)
              redis.call('HSET', k, 'state', 'queued', 'entry', entry, 'bytes_done', 0, 'results', '[]')
              redis.call('HINCRBY', k, 'attempts', -1)
              redis.call('HDEL', k, 'owner', 'started')
              move(id, state, 'queued', redis.call('HGET', k, 'seq'))
              drop(old)
            end
            """;

    // ARGV: P id hasTag tag pcaps created bytesTotal
    private static final Script SUBMIT = new Script("""
            local id = ARGV[2]
            if redis.call('EXISTS', jk(id)) == 1 then return redis.error_reply('job ' .. id .. ' exists') end
            local seq = redis.call('INCR', P .. 'seq')
            local entry = redis.call('XADD', S, '*', 'job', id)
            redis.call('HSET', jk(id), 'id', id, 'state', 'queued', 'pcaps', ARGV[5], 'created', ARGV[6],
              'attempts', 0, 'bytes_total', ARGV[7], 'bytes_done', 0, 'results', '[]', 'seq', seq, 'entry', entry)
            if ARGV[3] == '1' then
              redis.call('HSET', jk(id), 'tag', ARGV[4])
              redis.call('ZADD', P .. 'tag:' .. ARGV[4], seq, id)
            end
            redis.call('ZADD', P .. 'jobs', seq, id)
            move(id, nil, 'queued', seq)
            return seq
            """);

    // ARGV: P me idleMs now maxAttempts → {entry, HGETALL} or nil
    private static final Script CLAIM = new Script("""
            local me, idle, now, max = ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
            local function take(entry, id)
              local k = jk(id)
              local state = redis.call('HGET', k, 'state')
              if not state or not (state == 'queued' or active(state)) or redis.call('HGET', k, 'entry') ~= entry then
                drop(entry) -- deleted, already ended, or a run handed back under a newer entry
                return nil
              end
              local attempts = tonumber(redis.call('HGET', k, 'attempts'))
              if attempts >= max then
                giveUp(id, state, entry, now)
                return nil
              end
              redis.call('HSET', k, 'state', 'running', 'owner', me, 'worker', me, 'attempts', attempts + 1,
                'started', now, 'bytes_done', 0, 'results', '[]')
              redis.call('HDEL', k, 'finished', 'error', 'stderr_tail')
              move(id, state, 'running', redis.call('HGET', k, 'seq'))
              return redis.call('HGETALL', k)
            end
            for i = 1, 16 do
              local r = redis.call('XAUTOCLAIM', S, 'workers', me, idle, '0-0', 'COUNT', 1)
              local e = r[2][1]
              if not e then break end
              local job = take(e[1], e[2][2])
              if job then return {e[1], job} end
            end
            for i = 1, 16 do
              local r = redis.call('XREADGROUP', 'GROUP', 'workers', me, 'COUNT', 1, 'STREAMS', S, '>')
              if not r then return nil end
              local e = r[1][2][1]
              local job = take(e[1], e[2][2])
              if job then return {e[1], job} end
            end
            return nil
            """);

    // ARGV: P id → 1 when a done/delivery_failed job went back to queued (re-delivery), else 0.
    // Its attempts start again: a re-delivery is a new request, not another try of a dying worker.
    private static final Script REQUEUE = new Script("""
            local id = ARGV[2]
            local k = jk(id)
            local state = redis.call('HGET', k, 'state')
            if state ~= 'done' and state ~= 'delivery_failed' then return 0 end
            local entry = redis.call('XADD', S, '*', 'job', id)
            redis.call('HSET', k, 'state', 'queued', 'entry', entry, 'attempts', 0)
            redis.call('HDEL', k, 'owner', 'error', 'stderr_tail', 'finished')
            move(id, state, 'queued', redis.call('HGET', k, 'seq'))
            return 1
            """);

    // ARGV: P me id bytesDone results
    private static final Script PROGRESS = new Script("""
            local k = jk(ARGV[3])
            if redis.call('HGET', k, 'owner') ~= ARGV[2] or not active(redis.call('HGET', k, 'state')) then return 0 end
            redis.call('HSET', k, 'bytes_done', ARGV[4], 'results', ARGV[5])
            return 1
            """);

    // ARGV: P me id state
    private static final Script TRANSITION = new Script("""
            local k = jk(ARGV[3])
            local s = redis.call('HGET', k, 'state')
            if redis.call('HGET', k, 'owner') ~= ARGV[2] or not active(s) then return 0 end
            redis.call('HSET', k, 'state', ARGV[4])
            move(ARGV[3], s, ARGV[4], redis.call('HGET', k, 'seq'))
            return 1
            """);

    // ARGV: P me id state error stderrTail results now ('' = none)
    private static final Script FINISH = new Script("""
            local id = ARGV[3]
            local k = jk(id)
            local s = redis.call('HGET', k, 'state')
            if redis.call('HGET', k, 'owner') ~= ARGV[2] or not active(s) then return 0 end
            redis.call('HSET', k, 'state', ARGV[4], 'results', ARGV[7], 'finished', ARGV[8])
            redis.call('HDEL', k, 'owner')
            if ARGV[5] ~= '' then redis.call('HSET', k, 'error', ARGV[5]) else redis.call('HDEL', k, 'error') end
            if ARGV[6] ~= '' then redis.call('HSET', k, 'stderr_tail', ARGV[6]) else redis.call('HDEL', k, 'stderr_tail') end
            if ARGV[4] == 'done' then redis.call('HSET', k, 'bytes_done', redis.call('HGET', k, 'bytes_total')) end
            move(id, s, ARGV[4], redis.call('HGET', k, 'seq'))
            drop(redis.call('HGET', k, 'entry'))
            return 1
            """);

    // ARGV: P me id: back to queued under a new entry, this attempt not counted
    private static final Script HAND_BACK = new Script("""
            local id = ARGV[3]
            local k = jk(id)
            local s = redis.call('HGET', k, 'state')
            if redis.call('HGET', k, 'owner') ~= ARGV[2] or not active(s) then return 0 end
            handBack(id, s)
            return 1
            """);

    // ARGV: P me info orphanIdleMs (id entry)* → ids no longer ours
    private static final Script HEARTBEAT = new Script("""
            local me = ARGV[2]
            redis.call('HSET', P .. 'workers', me, ARGV[3])
            local lost, held = {}, {}
            for i = 5, #ARGV, 2 do
              local k = jk(ARGV[i])
              held[ARGV[i + 1]] = true
              local s = redis.call('HGET', k, 'state')
              if redis.call('HGET', k, 'owner') == me then
                redis.call('XCLAIM', S, 'workers', me, 0, ARGV[i + 1], 'JUSTID')
              elseif s == 'queued' or active(s) then
                table.insert(lost, ARGV[i])
              end
            end
            -- claimed under this name but unknown here: the claim's reply was lost (Redis died while
            -- sending it); hand the job back instead of waiting out claim_timeout and losing an attempt
            for _, p in ipairs(redis.call('XPENDING', S, 'workers', 'IDLE', ARGV[4], '-', '+', 100, me)) do
              if not held[p[1]] then
                local e = redis.call('XRANGE', S, p[1], p[1])
                if #e == 0 then
                  redis.call('XACK', S, 'workers', p[1])
                else
                  local id = e[1][2][2]
                  local s = redis.call('HGET', jk(id), 'state')
                  if redis.call('HGET', jk(id), 'entry') ~= p[1] then
                    drop(p[1])
                  elseif redis.call('HGET', jk(id), 'owner') == me and active(s) then
                    handBack(id, s)
                  end
                end
              end
            end
            return lost
            """);

    // ARGV: P idleMs now maxAttempts → jobs of silent holders set back to queued (or failed)
    private static final Script RECOVER = new Script("""
            local n = 0
            local pending = redis.call('XPENDING', S, 'workers', 'IDLE', ARGV[2], '-', '+', 100)
            for _, p in ipairs(pending) do
              local entry, consumer = p[1], p[2]
              local e = redis.call('XRANGE', S, entry, entry)
              if #e == 0 then
                redis.call('XACK', S, 'workers', entry)
              else
                local id = e[1][2][2]
                local k = jk(id)
                local s = redis.call('HGET', k, 'state')
                if not s then
                  drop(entry)
                elseif active(s) and redis.call('HGET', k, 'owner') == consumer and redis.call('HGET', k, 'entry') == entry then
                  if tonumber(redis.call('HGET', k, 'attempts')) >= tonumber(ARGV[4]) then
                    giveUp(id, s, entry, ARGV[3])
                  else
                    redis.call('HSET', k, 'state', 'queued')
                    redis.call('HDEL', k, 'owner')
                    move(id, s, 'queued', redis.call('HGET', k, 'seq'))
                  end
                  n = n + 1
                end
              end
            end
            return n
            """);

    // ARGV: P id → 1 deleted, 0 not found, -1 active
    private static final Script DELETE = new Script("""
            local id = ARGV[2]
            local k = jk(id)
            local s = redis.call('HGET', k, 'state')
            if not s then return 0 end
            if active(s) then return -1 end
            if s == 'queued' then drop(redis.call('HGET', k, 'entry')) end
            local tag = redis.call('HGET', k, 'tag')
            if tag then redis.call('ZREM', P .. 'tag:' .. tag, id) end
            redis.call('ZREM', P .. 'jobs', id)
            redis.call('ZREM', P .. 'state:' .. s, id)
            redis.call('DEL', k)
            return 1
            """);

    // ARGV: P tag state offset limit → {total, id...}: the tag's jobs in that state, newest first
    private static final Script LIST_TAG_STATE = new Script("""
            local ids = redis.call('ZREVRANGE', P .. 'tag:' .. ARGV[2], 0, -1)
            local out, total = {}, 0
            local offset, limit = tonumber(ARGV[4]), tonumber(ARGV[5])
            for _, id in ipairs(ids) do
              if redis.call('HGET', jk(id), 'state') == ARGV[3] then
                total = total + 1
                if total > offset and #out < limit then table.insert(out, id) end
              end
            end
            table.insert(out, 1, total)
            return out
            """);

    private final RedisClient redis;
    private final RedisSettings settings;
    private final String prefix;
    private final String consumer;
    private final String host;
    private final Instant started = Instant.now();
    /** Job id → its stream entry, for every job this process holds. */
    private final Map<String, String> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;
    private volatile boolean working;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisJobQueue(RedisClient redis, RedisSettings settings, String host) {
        this.redis = redis;
        this.settings = settings;
        this.prefix = settings.keyPrefix();
        this.host = host;
        this.consumer = host + "/" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("brocapi-queue-heartbeat").unstarted(r));
    }

    /** Connects (failing at once with a clear message when Redis cannot be reached) and creates the group. */
    public static RedisJobQueue open(RedisSettings settings) {
        DefaultJedisClientConfig.Builder cfg = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(5000).socketTimeoutMillis(10_000)
                .database(settings.database()).clientName("brocapi");
        if (settings.password() != null) {
            cfg.user(settings.username()).password(settings.password());
        }
        if (settings.tls()) {
            cfg.ssl(true).sslSocketFactory(sslContext(settings.tlsCaFile()).getSocketFactory());
            if (!settings.tlsVerifyHostname()) {
                cfg.hostnameVerifier((h, s) -> true);
            }
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        // every call is short (claim never blocks): stack.md gotcha 6 does not apply; 32 covers
        // a pool of workers plus the API's request threads waiting their turn
        pool.setMaxTotal(32);
        pool.setMaxIdle(32);
        // a PING per borrow: after a Redis restart every pooled connection is dead, and without the
        // check each would fail one API request or worker call before the pool drops it
        pool.setTestOnBorrow(true);
        RedisClient client = RedisClient.builder().hostAndPort(settings.host(), settings.port())
                .clientConfig(cfg.build()).poolConfig(pool).build();
        RedisJobQueue q = new RedisJobQueue(client, settings, hostName());
        try {
            client.ping();
            q.createGroup();
        } catch (JedisException e) {
            client.close();
            throw new QueueException("cannot use Redis at " + settings.address() + ": " + e.getMessage(), e);
        }
        long every = Math.max(200, settings.claimTimeout().toMillis() / 3);
        q.heartbeat.scheduleWithFixedDelay(q::beat, every, every, TimeUnit.MILLISECONDS);
        return q;
    }

    /** This process's consumer name: what jobs it runs record as {@code worker}. */
    public String workerId() {
        return consumer;
    }

    @Override
    public void submit(Job job) {
        call(() -> run(SUBMIT, job.id(), job.tag() == null ? "0" : "1", job.tag() == null ? "" : job.tag(),
                JSON.writeValueAsString(job.pcaps()), Long.toString(job.created().toEpochMilli()),
                Long.toString(job.bytesTotal())));
    }

    @Override
    public Optional<Job> claim() {
        if (!working) {
            working = true;
            heartbeat.execute(this::beat); // listed in /health from the first claim, not a beat later
        }
        Object r = call(() -> {
            try {
                return runClaim();
            } catch (JedisDataException e) {
                if (e.getMessage() == null || !e.getMessage().contains("NOGROUP")) {
                    throw e;
                }
                // Redis came back without its data (no persistence): the stream and group are new
                LOG.log(Level.WARNING, "consumer group missing on " + settings.address() + "; creating it");
                createGroup();
                return runClaim();
            }
        });
        if (r == null) {
            return Optional.empty();
        }
        List<?> l = (List<?>) r;
        Job job = job(pairs((List<?>) l.get(1)));
        held.put(job.id(), (String) l.get(0));
        return Optional.of(job);
    }

    private Object runClaim() {
        return run(CLAIM, consumer, Long.toString(settings.claimTimeout().toMillis()),
                Long.toString(System.currentTimeMillis()), Integer.toString(settings.maxAttempts()));
    }

    @Override
    public boolean progress(String id, long bytesDone, List<PcapResult> results) {
        try {
            return ((Long) run(PROGRESS, consumer, id, Long.toString(bytesDone), JSON.writeValueAsString(results))) == 1;
        } catch (JedisException e) {
            if (!unreachable(e)) {
                throw new QueueException("job " + id + ": " + e.getMessage(), e);
            }
            // progress is advisory: the analysis goes on while Redis is away
            LOG.log(Level.WARNING, "job {0}: progress not recorded, Redis unreachable: {1}", id, e.getMessage());
            return true;
        }
    }

    @Override
    public boolean requeue(String id) {
        return call(() -> ((Long) run(REQUEUE, id)) == 1);
    }

    @Override
    public boolean transition(String id, JobState state) {
        if (!state.active()) {
            throw new IllegalArgumentException(state + " is not an active state");
        }
        return retrying(id, () -> ((Long) run(TRANSITION, consumer, id, state.wireName())) == 1);
    }

    @Override
    public boolean finish(String id, JobState state, String error, String stderrTail, List<PcapResult> results) {
        if (!state.terminal()) {
            throw new IllegalArgumentException(state + " is not a terminal state");
        }
        try {
            return retrying(id, () -> ((Long) run(FINISH, consumer, id, state.wireName(), error == null ? "" : error,
                    stderrTail == null ? "" : stderrTail, JSON.writeValueAsString(results),
                    Long.toString(System.currentTimeMillis()))) == 1);
        } finally {
            held.remove(id);
        }
    }

    /**
     * Retries a worker's write while Redis is unreachable, for up to {@code claim_timeout}: after
     * that the job is someone else's anyway. A worker that gives up stops refreshing the job.
     */
    private boolean retrying(String id, java.util.function.BooleanSupplier write) {
        long deadline = System.currentTimeMillis() + settings.claimTimeout().toMillis();
        long pause = 100;
        while (true) {
            try {
                return write.getAsBoolean();
            } catch (JedisException e) {
                if (!unreachable(e)) {
                    throw new QueueException("job " + id + ": " + e.getMessage(), e);
                }
                if (System.currentTimeMillis() + pause > deadline) {
                    held.remove(id);
                    throw new QueueException("job " + id + ": Redis at " + settings.address()
                            + " unreachable for " + settings.claimTimeout().toSeconds() + " s; the job will be taken over", e);
                }
                LOG.log(Level.WARNING, "job {0}: Redis unreachable ({1}), retrying", id, e.getMessage());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new QueueException("job " + id + ": interrupted while Redis was unreachable", e);
                }
                pause = Math.min(pause * 2, 2000);
            }
        }
    }

    @Override
    public Optional<Job> find(String id) {
        Map<String, String> m = call(() -> redis.hgetAll(prefix + "job:" + id));
        return m.isEmpty() ? Optional.empty() : Optional.of(job(m));
    }

    @Override
    public Page list(String tag, JobState state, int limit, int offset) {
        return call(() -> {
            List<String> ids;
            long total;
            if (tag != null && state != null) {
                List<?> r = (List<?>) run(LIST_TAG_STATE, tag, state.wireName(), Integer.toString(offset),
                        Integer.toString(limit));
                total = (Long) r.get(0);
                ids = r.subList(1, r.size()).stream().map(String.class::cast).toList();
            } else {
                String set = prefix + (tag != null ? "tag:" + tag : state != null ? "state:" + state.wireName() : "jobs");
                try (Pipeline p = redis.pipelined()) {
                    Response<List<String>> page = p.zrevrange(set, offset, (long) offset + limit - 1);
                    Response<Long> card = p.zcard(set);
                    p.sync();
                    ids = page.get();
                    total = card.get();
                }
            }
            return new Page(load(ids), total, limit, offset);
        });
    }

    private List<Job> load(List<String> ids) {
        List<Response<Map<String, String>>> rs = new ArrayList<>();
        try (Pipeline p = redis.pipelined()) {
            ids.forEach(id -> rs.add(p.hgetAll(prefix + "job:" + id)));
            p.sync();
        }
        // a job deleted between the index read and here is left out
        return rs.stream().map(Response::get).filter(m -> !m.isEmpty()).map(RedisJobQueue::job).toList();
    }

    @Override
    public DeleteOutcome delete(String id) {
        long r = call(() -> (Long) run(DELETE, id));
        return r == 1 ? DeleteOutcome.DELETED : r == 0 ? DeleteOutcome.NOT_FOUND : DeleteOutcome.ACTIVE;
    }

    @Override
    public Map<JobState, Long> counts() {
        return call(() -> {
            Map<JobState, Response<Long>> rs = new EnumMap<>(JobState.class);
            try (Pipeline p = redis.pipelined()) {
                for (JobState s : JobState.values()) {
                    rs.put(s, p.zcard(prefix + "state:" + s.wireName()));
                }
                p.sync();
            }
            Map<JobState, Long> out = new EnumMap<>(JobState.class);
            rs.forEach((s, r) -> out.put(s, r.get()));
            return out;
        });
    }

    @Override
    public int recover() {
        long now = System.currentTimeMillis();
        long n = call(() -> (Long) run(RECOVER, Long.toString(settings.claimTimeout().toMillis()), Long.toString(now),
                Integer.toString(settings.maxAttempts())));
        // forget worker records silent for ten claim timeouts (their jobs were handled above)
        call(() -> {
            for (Map.Entry<String, String> e : redis.hgetAll(prefix + "workers").entrySet()) {
                WorkerStatus w = status(e.getKey(), e.getValue());
                if (w == null || w.lastSeen().toEpochMilli() < now - 10 * settings.claimTimeout().toMillis()) {
                    redis.hdel(prefix + "workers", e.getKey());
                }
            }
            return null;
        });
        return (int) n;
    }

    @Override
    public List<WorkerStatus> workers() {
        long alive = System.currentTimeMillis() - settings.claimTimeout().toMillis();
        return call(() -> redis.hgetAll(prefix + "workers")).entrySet().stream()
                .map(e -> status(e.getKey(), e.getValue()))
                .filter(w -> w != null && w.lastSeen().toEpochMilli() >= alive)
                .sorted(java.util.Comparator.comparing(WorkerStatus::id))
                .toList();
    }

    /** Hands back held jobs (graceful shutdown: they run again elsewhere at once) and disconnects. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        heartbeat.shutdownNow();
        try {
            for (String id : List.copyOf(held.keySet())) {
                if (((Long) run(HAND_BACK, consumer, id)) == 1) {
                    LOG.log(Level.INFO, "job {0}: handed back to the queue", id);
                }
                held.remove(id);
            }
            if (working) {
                redis.hdel(prefix + "workers", consumer);
            }
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "cannot hand back jobs " + held.keySet() + " (taken over after "
                    + settings.claimTimeout().toSeconds() + " s): " + e.getMessage());
        } finally {
            redis.close();
        }
    }

    /** What {@code kill -9} leaves behind: no heartbeat, no hand-back, the claims stay in Redis (tests). */
    void abandon() {
        closed.set(true);
        heartbeat.shutdownNow();
        held.clear();
        redis.close();
    }

    private void beat() {
        if (!working && held.isEmpty()) {
            return;
        }
        try {
            List<String> args = new ArrayList<>();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("host", host);
            info.put("pid", ProcessHandle.current().pid());
            info.put("started", started.toEpochMilli());
            info.put("last_seen", System.currentTimeMillis());
            info.put("jobs", List.copyOf(held.keySet()));
            args.add(consumer);
            args.add(JSON.writeValueAsString(info));
            // held entries were just re-claimed (idle 0); one claimed this instant has not reached held yet
            args.add(Long.toString(Math.max(1000, settings.claimTimeout().toMillis() / 3)));
            held.forEach((id, entry) -> {
                args.add(id);
                args.add(entry);
            });
            for (Object lost : (List<?>) run(HEARTBEAT, args.toArray(String[]::new))) {
                // taken over after a stall longer than claim_timeout: this process's result will be dropped
                LOG.log(Level.WARNING, "job {0}: no longer held by this worker (taken over)", lost);
                held.remove((String) lost);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "queue heartbeat failed: {0}", e.getMessage());
        }
    }

    private void createGroup() {
        try {
            // from the start of the stream: entries added before the group existed are work too
            redis.xgroupCreate(prefix + "queue", GROUP, new StreamEntryID(0, 0), true);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private Object run(Script s, String... args) {
        List<String> argv = new ArrayList<>(args.length + 1);
        argv.add(prefix);
        argv.addAll(List.of(args));
        try {
            return redis.evalsha(s.sha, List.of(), argv);
        } catch (JedisNoScriptException e) {
            // first use on this server, or the server restarted (its script cache is not persisted)
            return redis.eval(s.text, List.of(), argv);
        }
    }

    /** Redis down or out of reach, as opposed to a command it refused; the pool wraps the first kind. */
    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JedisConnectionException) {
                return true;
            }
        }
        return false;
    }

    private <T> T call(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (JedisException e) {
            throw new QueueException("job queue (Redis at " + settings.address() + "): " + e.getMessage(), e);
        }
    }

    private static Map<String, String> pairs(List<?> flat) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            m.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return m;
    }

    private static Job job(Map<String, String> m) {
        return new Job(m.get("id"), JobState.ofWire(m.get("state")), m.get("tag"),
                JSON.readValue(m.get("pcaps"), PCAPS), instant(m.get("created")), instant(m.get("started")),
                instant(m.get("finished")), Integer.parseInt(m.getOrDefault("attempts", "0")),
                Long.parseLong(m.getOrDefault("bytes_total", "0")), Long.parseLong(m.getOrDefault("bytes_done", "0")),
                m.get("error"), m.get("stderr_tail"), JSON.readValue(m.getOrDefault("results", "[]"), RESULTS),
                m.get("worker"));
    }

    private static Instant instant(String ms) {
        return ms == null || ms.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(ms));
    }

    private static WorkerStatus status(String id, String json) {
        try {
            JsonNode n = JSON.readTree(json);
            List<String> jobs = new ArrayList<>();
            n.get("jobs").forEach(j -> jobs.add(j.asString()));
            return new WorkerStatus(id, n.get("host").asString(), n.get("pid").asLong(),
                    Instant.ofEpochMilli(n.get("started").asLong()), Instant.ofEpochMilli(n.get("last_seen").asLong()), jobs);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The kernel's host name (no DNS lookup, which may hang on a worker without a resolver). */
    static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e2) {
                return "unknown-host";
            }
        }
    }

    private static SSLContext sslContext(Path caFile) {
        try {
            if (caFile == null) {
                return SSLContext.getDefault();
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            try (InputStream in = Files.newInputStream(caFile)) {
                int i = 0;
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("ca" + i++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new QueueException("[queue] tls_ca_file " + caFile + ": " + e.getMessage(), e);
        }
    }

    /** A Lua script run by its SHA-1, sent in full only when the server does not have it cached. */
    private record Script(String text, String sha) {
        Script(String body) {
            this(LIB + body, sha1(LIB + body));
        }

        private static String sha1(String s) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
