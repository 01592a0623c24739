package org.brocapi.service.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real, unmodified rsyslogd (Debian's) running in the foreground ({@code -n}) with a private
 * config in a temp directory, listening on free loopback ports: UDP and TCP (LF and octet
 * counting) on one port number, TLS with server authentication only, and TLS requiring a client
 * certificate. Every message it parses becomes one JSON line in {@code messages.jsonl}, written
 * by rsyslog's own {@code jsonf} property formatter. Tabs are kept (stock rsyslog turns them into
 * {@code #011}); other control characters stay escaped so they are visible.
 *
 * <p>Certificates are made with Debian's {@code openssl}: a CA, a server certificate for
 * {@code localhost} only (so {@code 127.0.0.1} fails host name verification), a client certificate ({@code client.p12}, password
 * {@code changeit}) and an unrelated second CA ({@code other-ca.pem}).
 */
public final class RsyslogReceiver implements AutoCloseable {
    public static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final int port;
    private final int tlsPort;
    private final int tlsAuthPort;
    private Process process;

    private RsyslogReceiver(Path dir) throws IOException {
        this.dir = dir;
        this.port = freePort();
        this.tlsPort = freePort();
        this.tlsAuthPort = freePort();
    }

    /** Starts a receiver in {@code dir}; skips the calling test when rsyslogd is not installed. */
    public static RsyslogReceiver start(Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(RSYSLOGD) && Files.exists(Path.of(
                "/usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so")),
                "SKIPPED: rsyslogd with TLS is not installed here; run scripts/install-deps.sh"
                        + " (apt-get install rsyslog rsyslog-gnutls) to run the real-syslog tests");
        RsyslogReceiver r = new RsyslogReceiver(dir);
        r.makeCertificates();
        r.writeConfig();
        r.startProcess();
        return r;
    }

    public int port() {
        return port;
    }

    public int tlsPort() {
        return tlsPort;
    }

    public int tlsAuthPort() {
        return tlsAuthPort;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Stops rsyslogd with SIGTERM (it flushes its queue and exits) and waits for it. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        process = null;
    }

    /** Starts rsyslogd again with the same config and ports; messages.jsonl is appended to. */
    public void restart() throws IOException, InterruptedException {
        stop();
        startProcess();
    }

    /** Freezes rsyslogd (SIGSTOP): it neither reads nor closes, but the kernel still accepts connections. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a paused rsyslogd run again (SIGCONT). */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String sig) throws IOException, InterruptedException {
        if (new ProcessBuilder("kill", sig, Long.toString(process.pid())).inheritIO().start().waitFor() != 0) {
            throw new IOException("kill " + sig + " failed");
        }
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** All messages received so far. */
    public List<JsonNode> messages() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        Path f = dir.resolve("messages.jsonl");
        if (!Files.exists(f)) {
            return out;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    /** Counts how often each {@code id-N} occurs in a msg, without parsing JSON (for big runs). */
    public java.util.Map<Integer, Integer> idCounts() throws IOException {
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        try (var lines = Files.lines(dir.resolve("messages.jsonl"), StandardCharsets.UTF_8)) {
            lines.forEach(l -> {
                int id = ZeekLogFixture.idOf(l.substring(Math.max(0, l.indexOf("\"msg\":"))));
                if (id >= 0) {
                    counts.merge(id, 1, Integer::sum);
                }
            });
        }
        return counts;
    }

    /** Messages whose HOSTNAME is {@code host}. */
    public List<JsonNode> messagesFrom(String host) throws IOException {
        return messages().stream().filter(m -> m.path("hostname").asString().equals(host)).toList();
    }

    /** Number of received messages (lines of messages.jsonl), counted without parsing. */
    public long count() throws IOException {
        Path f = dir.resolve("messages.jsonl");
        if (!Files.exists(f)) {
            return 0;
        }
        long n = 0;
        try (var in = Files.newInputStream(f)) {
            byte[] b = new byte[1 << 16];
            int r;
            while ((r = in.read(b)) > 0) {
                for (int i = 0; i < r; i++) {
                    if (b[i] == '\n') {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** Waits until messages from {@code host} reach {@code n}, then until the file stops growing. */
    public List<JsonNode> awaitFrom(String host, long n, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (countFrom(host) < n && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        settle(Duration.ofMillis(500));
        return messagesFrom(host);
    }

    /** Messages from {@code host}, counted without parsing (rsyslog's jsonf writes {@code "hostname":"…"}). */
    public long countFrom(String host) throws IOException {
        Path f = dir.resolve("messages.jsonl");
        if (!Files.exists(f)) {
            return 0;
        }
        String needle = "{\"hostname\":\"" + host + "\",";
        try (var lines = Files.lines(f, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith(needle)).count();
        }
    }

    /** Waits until messages.jsonl has not grown for {@code quiet}. */
    public void settle(Duration quiet) throws IOException, InterruptedException {
        Path f = dir.resolve("messages.jsonl");
        long last = -1;
        long stableSince = System.nanoTime();
        while (true) {
            long size = Files.exists(f) ? Files.size(f) : 0;
            if (size != last) {
                last = size;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= quiet.toNanos()) {
                return;
            }
            Thread.sleep(50);
        }
    }

    public String internalLog() throws IOException {
        Path f = dir.resolve("rsyslogd-internal.log");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void startProcess() throws IOException, InterruptedException {
        Files.deleteIfExists(dir.resolve("rsyslogd.pid"));
        process = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", dir.resolve("rsyslog.conf").toString(),
                "-i", dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("rsyslogd.out").toFile()))
                .start();
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!(listening("tcp", port) && listening("tcp", tlsPort) && listening("tcp", tlsAuthPort)
                && listening("udp", port))) {
            if (!process.isAlive() || System.nanoTime() > end) {
                String out = Files.readString(dir.resolve("rsyslogd.out"));
                stop();
                throw new IOException("rsyslogd did not start listening: " + out + internalLog());
            }
            Thread.sleep(20);
        }
    }

    /** Reads the kernel's socket table: a socket on 127.0.0.1:port, TCP in state LISTEN (0A). */
    private static boolean listening(String proto, int port) throws IOException {
        String want = String.format(Locale.ROOT, "0100007F:%04X", port);
        for (String line : Files.readAllLines(Path.of("/proc/net/" + proto))) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[1].equals(want) && (proto.equals("udp") || f[3].equals("0A"))) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = s.getLocalPort();
                try (DatagramSocket d = new DatagramSocket(p, InetAddress.getLoopbackAddress())) {
                    return p;
                } catch (IOException e) {
                    // UDP side taken: try another
                }
            }
        }
        throw new IOException("no free port pair");
    }

    private static Path certificates;

    /** Certificates are made once per test JVM (RSA key generation is slow on a busy machine) and copied. */
    private void makeCertificates() throws IOException, InterruptedException {
        synchronized (RsyslogReceiver.class) {
            if (certificates == null) {
                Path made = Files.createTempDirectory("brocapi-test-certs");
                generateCertificates(made);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try (var s = Files.list(made)) {
                        for (Path p : s.toList()) {
                            Files.deleteIfExists(p);
                        }
                        Files.deleteIfExists(made);
                    } catch (IOException e) {
                        // a temp directory left behind
                    }
                }));
                certificates = made;
            }
        }
        Path t = Files.createDirectories(dir.resolve("tls"));
        try (var s = Files.list(certificates)) {
            for (Path p : s.toList()) {
                Files.copy(p, t.resolve(p.getFileName()));
            }
        }
    }

    private static void generateCertificates(Path t) throws IOException, InterruptedException {
        openssl(t, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "30", "-keyout", "ca.key",
                "-out", "ca.pem", "-subj", "/CN=brocapi test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        openssl(t, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "30", "-keyout",
                "other-ca.key", "-out", "other-ca.pem", "-subj", "/CN=unrelated CA");
        for (String who : List.of("server", "client")) {
            boolean server = who.equals("server");
            Files.writeString(t.resolve(who + ".ext"), (server ? "subjectAltName=DNS:localhost\n"
                    + "extendedKeyUsage=serverAuth\n" : "subjectAltName=DNS:brocapi-client\nextendedKeyUsage=clientAuth\n")
                    + "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n");
            openssl(t, "req", "-newkey", "rsa:2048", "-nodes", "-sha256", "-keyout", who + ".key", "-out", who + ".csr",
                    "-subj", server ? "/CN=localhost" : "/CN=brocapi-client");
            openssl(t, "x509", "-req", "-sha256", "-days", "30", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", who + ".pem", "-extfile", who + ".ext");
        }
        openssl(t, "pkcs12", "-export", "-in", "client.pem", "-inkey", "client.key", "-name", "client", "-out",
                "client.p12", "-passout", "pass:changeit");
    }

    private static void openssl(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }

    private void writeConfig() throws IOException {
        Files.createDirectories(dir.resolve("work"));
        String t = dir.resolve("tls").toString();
        StringBuilder template = new StringBuilder("template(name=\"as_json\" type=\"list\") {\n  constant(value=\"{\")\n");
        String[][] props = {
            {"hostname", "hostname"}, {"programname", "programname"}, {"app-name", "app-name"},
            {"syslogtag", "syslogtag"}, {"procid", "procid"}, {"msgid", "msgid"}, {"pri", "pri"},
            {"facility", "syslogfacility"}, {"severity", "syslogseverity"}, {"timereported", "timereported"},
            {"protocol-version", "protocol-version"}, {"structured-data", "structured-data"},
            {"inputname", "inputname"}, {"msg", "msg"}};
        for (int i = 0; i < props.length; i++) {
            String extra = switch (props[i][0]) {
                case "pri", "facility", "severity" -> " datatype=\"number\"";
                case "timereported" -> " dateFormat=\"rfc3339\"";
                default -> "";
            };
            template.append(i == 0 ? "" : "  constant(value=\",\")\n").append("  property(outname=\"").append(props[i][0])
                    .append("\" name=\"").append(props[i][1]).append("\" format=\"jsonf\"").append(extra).append(")\n");
        }
        template.append("  constant(value=\"}\\n\")\n}\n");
        String conf = """
                global(workDirectory="%1$s/work" maxMessageSize="64k" net.enableDNS="off"
                       processInternalMessages="on"
                       parser.escapeControlCharactersOnReceive="on" parser.escapeControlCharacterTab="off")
                main_queue(queue.size="200000")
                %2$s
                ruleset(name="received") {
                  action(type="omfile" file="%1$s/messages.jsonl" template="as_json" flushOnTXEnd="on")
                }
                module(load="imudp")
                input(type="imudp" address="127.0.0.1" port="%3$d" ruleset="received" name="udp")
                module(load="imtcp" maxSessions="200")
                input(type="imtcp" address="127.0.0.1" port="%3$d" ruleset="received" name="tcp"
                      supportOctetCountedFraming="on")
                input(type="imtcp" address="127.0.0.1" port="%4$d" ruleset="received" name="tls"
                      supportOctetCountedFraming="on" streamDriver.name="gtls" streamDriver.mode="1"
                      streamDriver.authMode="anon" streamDriver.cafile="%6$s/ca.pem"
                      streamDriver.certfile="%6$s/server.pem" streamDriver.keyfile="%6$s/server.key")
                input(type="imtcp" address="127.0.0.1" port="%5$d" ruleset="received" name="tls-auth"
                      supportOctetCountedFraming="on" streamDriver.name="gtls" streamDriver.mode="1"
                      streamDriver.authMode="x509/certvalid" streamDriver.cafile="%6$s/ca.pem"
                      streamDriver.certfile="%6$s/server.pem" streamDriver.keyfile="%6$s/server.key")
                *.* action(type="omfile" file="%1$s/rsyslogd-internal.log")
                """.formatted(dir, template, port, tlsPort, tlsAuthPort, t);
        Files.writeString(dir.resolve("rsyslog.conf"), conf);
    }
}
