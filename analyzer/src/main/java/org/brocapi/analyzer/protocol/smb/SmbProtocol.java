package org.brocapi.analyzer.protocol.smb;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.brocapi.analyzer.files.FileManager;
import org.brocapi.analyzer.log.LogStream;
import org.brocapi.analyzer.protocol.Probe;
import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;
import org.brocapi.analyzer.protocol.Session;
import org.brocapi.analyzer.protocol.StreamAnalyzer;
import org.brocapi.analyzer.script.Redef;
import org.brocapi.analyzer.script.RedefValue;

/** SMB: 139/tcp and 445/tcp as base/protocols/smb/main.zeek registers them, and its dpd.sig. */
public final class SmbProtocol implements Protocol {
    public static final SmbProtocol INSTANCE = new SmbProtocol();

    private SmbProtocol() { }

    @Override
    public String name() {
        return "SMB";
    }

    @Override
    public String script() {
        return "base/protocols/smb/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    @Override
    public Set<Integer> tcpPorts() {
        return Set.of(139, 445);
    }

    /** dpd_smb: payload /^....[\xfe\xff]SMB/ in either direction. */
    @Override
    public Probe probe(Transport transport) {
        return (orig, resp) -> header(orig) || header(resp);
    }

    private static boolean header(Probe.Prefix p) {
        return SmbAnalyzer.hasSmbHeader(p.buf(), 0, p.len());
    }

    @Override
    public Instance start(RunContext run) {
        FileManager files = run.files();
        LogStream<SmbFilesLogEntry> filesLog = run.log("smb_files", SmbFilesLogEntry.class);
        Set<String> actions = loggedFileActions(run.config().invocation().redefs());
        return new Instance() {
            @Override
            public StreamAnalyzer stream(Session session) {
                return new SmbAnalyzer(session, files, filesLog::write, actions);
            }
        };
    }

    /** {@code SMB::logged_file_actions}: main.zeek's default, then the redefs ({@code SMB::FILE_READ} → {@code FILE_READ}). */
    static Set<String> loggedFileActions(List<Redef> redefs) {
        var set = new LinkedHashSet<>(List.of("FILE_OPEN", "FILE_RENAME", "FILE_DELETE", "PRINT_OPEN", "PRINT_CLOSE"));
        for (Redef r : redefs) {
            if (!r.name().equals("SMB::logged_file_actions")) continue;
            List<String> values = RedefValue.set(r).stream().map(v -> v.strip().replaceFirst("^SMB::", "")).toList();
            switch (r.op()) {
                case "=" -> {
                    set.clear();
                    set.addAll(values);
                }
                case "-=" -> values.forEach(set::remove);
                default -> set.addAll(values);
            }
        }
        return Set.copyOf(set);
    }
}
