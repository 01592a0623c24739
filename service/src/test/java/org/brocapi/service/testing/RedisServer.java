package org.brocapi.service.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} for one test: its own directory, a free port, {@code appendonly yes}
 * with {@code appendfsync always} (an accepted job is on disk before the client hears back), no RDB
 * snapshots. {@link #kill} is {@code kill -9}; {@link #start} again reloads the AOF.
 */
public final class RedisServer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/redis-server");
    private final Path dir;
    private final String bind;
    private final int port;
    private final List<String> prefix;
    private final List<String> extra;
    private Process process;

    private RedisServer(Path dir, String bind, int port, List<String> prefix, List<String> extra) {
        this.dir = dir;
        this.bind = bind;
        this.port = port;
        this.prefix = prefix;
        this.extra = extra;
    }

    /** On loopback, on a free port; the test is skipped when redis-server is not installed. */
    public static RedisServer startLocal(Path dir) throws IOException, InterruptedException {
        RedisServer r = new RedisServer(dir, "127.0.0.1", freePort(), List.of(), List.of());
        r.start();
        return r;
    }

    /** TLS only ({@code --port 0}) on a free port, with {@code requirepass}; {@code certs} holds srv.pem, srv.key, ca.pem. */
    public static RedisServer startTls(Path dir, Path certs, String password) throws IOException, InterruptedException {
        int port = freePort();
        RedisServer r = new RedisServer(dir, "127.0.0.1", port, List.of(), List.of("--port", "0", "--tls-port",
                Integer.toString(port), "--tls-cert-file", certs.resolve("srv.pem").toString(), "--tls-key-file",
                certs.resolve("srv.key").toString(), "--tls-ca-cert-file", certs.resolve("ca.pem").toString(),
                "--tls-auth-clients", "no", "--requirepass", password));
        r.start();
        return r;
    }

    /** Bound to {@code address}, run through {@code prefix} (e.g. {@code ip netns exec NS}). */
    public static RedisServer start(Path dir, String address, int port, List<String> prefix)
            throws IOException, InterruptedException {
        RedisServer r = new RedisServer(dir, address, port, prefix, List.of());
        r.start();
        return r;
    }

    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "redis-server is not installed (apt-get install redis-server)");
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public void start() throws IOException, InterruptedException {
        assumeInstalled();
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(BINARY.toString(), "--port", Integer.toString(port), "--bind", bind, "--dir", dir.toString(),
                "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no",
                "--protected-mode", "no", "--logfile", dir.resolve("redis.log").toString()));
        cmd.addAll(extra);
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("redis.out").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited; see " + dir.resolve("redis.log"));
            }
            if (prefix.isEmpty() && extra.isEmpty() ? answers() : Files.exists(dir.resolve("redis.log"))
                    && Files.readString(dir.resolve("redis.log")).contains("Ready to accept connections")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("redis-server did not start on " + bind + ":" + port);
    }

    private boolean answers() {
        try (Socket s = new Socket(bind, port)) {
            s.getOutputStream().write("PING\r\n".getBytes());
            return s.getInputStream().read() == '+';
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code kill -9}: whatever Redis acknowledged must come back from the AOF. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
