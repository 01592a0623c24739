import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.brocapi.service.delivery.DeliveryJob;
import org.brocapi.service.delivery.DeliveryListener;
import org.brocapi.service.delivery.DeliveryReport;
import org.brocapi.service.delivery.LogDelivery;
import org.brocapi.service.syslog.SyslogSettings;

/**
 * Delivers one large job (N conn.log lines of ~200 bytes, each with a unique seq=NNNNNNNNNN) to a
 * syslog receiver and prints the sender's lines/s. Loss is checked by run.sh from the receiver.
 *
 * usage: java -cp service/target/classes:analyzer/target/classes SyslogDeliveryBench.java
 *            WORKDIR LINES DESTINATION_URL [key=value ...]     (keys of the [syslog] section)
 */
public class SyslogDeliveryBench {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Path logs = work.resolve("job/logs/bro");
        Path state = work.resolve("job/logs/syslog");
        Files.createDirectories(logs);
        if (Files.exists(state)) {
            try (var s = Files.list(state)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
        Path conn = logs.resolve("conn.log");
        if (!Files.exists(conn) || Files.readAllLines(logs.resolve("lines")).getFirst().equals(args[1]) == false) {
            try (BufferedWriter w = Files.newBufferedWriter(conn, StandardCharsets.UTF_8)) {
                w.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n");
                w.write("#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration"
                        + "\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory"
                        + "\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n");
                for (int i = 0; i < n; i++) {
                    w.write(String.format("%d.%06d\tseq=%010d\t10.%d.%d.%d\t%d\t192.168.1.%d\t443\ttcp\tssl\t%d.%06d"
                            + "\t%d\t%d\tSF\tT\tF\t0\tShADadFf\t%d\t%d\t%d\t%d\t(empty)\n",
                            1700000000 + i / 1000, i % 1000 * 997, i, (i >> 16) & 255, (i >> 8) & 255, i & 255,
                            1024 + i % 60000, i % 250, i % 100, i % 1000000, 517 + i % 1000, 4096 + i % 10000,
                            10 + i % 20, 1200 + i % 5000, 12 + i % 20, 9000 + i % 30000));
                }
                w.write("#close\t2023-11-14-22-13-20\n");
            }
            Files.writeString(logs.resolve("lines"), args[1] + "\n");
        }
        Map<String, String> syslog = new HashMap<>();
        syslog.put("destinations", args[2]);
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            syslog.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        // "lines" (the generator's marker) is blacklisted so that only conn.log is sent
        LogDelivery delivery = new LogDelivery(SyslogSettings.fromConfig(syslog, Map.of("log_blacklist", "[\"lines\"]")));
        System.out.println("send_start_ms=" + System.currentTimeMillis());
        long t0 = System.nanoTime();
        DeliveryReport r = delivery.deliver(new DeliveryJob("bench-job", "bench", logs, List.of("bench.pcap"), state),
                DeliveryListener.NONE);
        double s = (System.nanoTime() - t0) / 1e9;
        var d = r.destinations().getFirst();
        System.out.printf("sender: %s %d/%d lines delivered in %.3f s = %.0f lines/s (%s, attempts %d)%n",
                d.destination(), d.delivered(), d.total(), s, d.delivered() / s, d.status().wireName(), d.attempts());
        if (d.reason() != null) {
            System.out.println("reason: " + d.reason());
        }
    }
}
