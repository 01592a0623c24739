package org.brocapi.service.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.brocapi.service.ServiceMain;

/**
 * {@link ServiceMain} in its own JVM, from the test class path, optionally run through a command
 * prefix ({@code ip netns exec NS}); output goes to {@code log}.
 */
public final class ServiceProcess implements AutoCloseable {
    public final Process process;
    public final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ServiceProcess start(List<String> prefix, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ServiceMain.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceProcess(p, log);
    }

    public long pid() {
        return process.pid();
    }

    /** {@code kill -9}, and the engine children it leaves behind (as a dead host would not run them either). */
    public void kill() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** SIGTERM: the shutdown hook runs. */
    public void terminate() throws InterruptedException {
        process.destroy();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** {@code kill -STOP} (or {@code -CONT}) of the JVM alone: a stall its engine children don't share. */
    public void signal(String name) throws IOException, InterruptedException {
        int rc = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start().waitFor();
        if (rc != 0) throw new IOException("kill -" + name + " " + pid() + " exited " + rc);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            try {
                signal("CONT"); // a stopped JVM ignores SIGKILL's clean-up of its children otherwise
            } catch (IOException e) {
                // gone meanwhile
            }
            kill();
        }
    }
}
