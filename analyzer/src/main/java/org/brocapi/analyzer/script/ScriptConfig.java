package org.brocapi.analyzer.script;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.brocapi.analyzer.conn.ConnPolicy;
import org.brocapi.analyzer.conn.LocalNets;
import org.brocapi.analyzer.files.FilePolicy;
import org.brocapi.analyzer.tunnel.TunnelPolicy;

/**
 * What a zeek invocation means for the analyzer: which logs and columns exist (from the loaded
 * scripts), the options' values (from the redefs), and the warnings for Zeek options that are
 * valid but have no effect here.
 */
public final class ScriptConfig {
    /** Optional conn.log columns and the policy scripts that add them. */
    private static final Map<String, String> CONN_FEATURES = Map.of(
            "mac-logging", "policy/protocols/conn/mac-logging",
            "vlan-logging", "policy/protocols/conn/vlan-logging",
            "community-id-logging", "policy/protocols/conn/community-id-logging",
            "pppoe-session-id-logging", "policy/protocols/conn/pppoe-session-id-logging",
            "failed-service-logging", "policy/protocols/conn/failed-service-logging");

    private final ZeekInvocation inv;
    private final Set<String> features = new HashSet<>();
    private final Set<Integer> likelyServerPorts = new HashSet<>();
    private final List<String> localNets = new ArrayList<>();
    private boolean privateIsLocal = true;
    private final List<String> warnings = new ArrayList<>();
    private boolean json;
    private String scopeSep = ".";
    private final Map<String, String> fieldNameMap = new LinkedHashMap<>();
    private int communityIdSeed;
    private ConnPolicy policy;
    private TunnelPolicy tunnelPolicy;
    private FilePolicy filePolicy;
    private final List<Redef> ignoreViolationsRedefs = new ArrayList<>();
    private double x509RelogAfter = 86400;

    public ScriptConfig(ZeekInvocation inv) {
        this.inv = inv;
        CONN_FEATURES.forEach((feature, script) -> {
            if (inv.loads(script)) features.add(feature);
        });
        for (String p : ZeekScripts.get().likelyServerPorts(inv.loaded())) likelyServerPorts.add(encodePort(p));
        var d = ConnPolicy.defaults(inv.ignoreChecksums());
        double tcpInactivity = d.tcpInactivityTimeout(), udpInactivity = d.udpInactivityTimeout(),
                icmpInactivity = d.icmpInactivityTimeout(), unknownInactivity = d.unknownIpInactivityTimeout(),
                attempt = d.tcpAttemptDelay(), close = d.tcpCloseDelay(), reset = d.tcpResetDelay(),
                session = d.tcpSessionTimer(), linger = d.tcpConnectionLinger();
        boolean ignoreChecksums = inv.ignoreChecksums();
        var t = TunnelPolicy.defaults();
        int maxDepth = t.maxDepth(), maxChanges = t.maxChangesPerConnection();
        boolean delayTeredo = t.delayTeredoConfirmation(), delayGtp = t.delayGtpConfirmation();
        double ipTunnelTimeout = t.ipTunnelTimeout();
        var fp = FilePolicy.defaults();
        int bofSize = fp.bofBufferSize();
        double fileTimeout = fp.timeoutInterval();
        String digestSalt = fp.digestSalt();
        boolean fileReassembly = fp.reassembly();
        long fileReassemblyBuffer = fp.reassemblyBuffer();
        boolean logX509 = fp.logX509();
        for (Redef r : inv.redefs()) {
            switch (r.name()) {
                case "Tunnel::max_depth" -> maxDepth = (int) RedefValue.count(r);
                case "Tunnel::max_changes_per_connection" -> maxChanges = (int) RedefValue.count(r);
                case "Tunnel::delay_teredo_confirmation" -> delayTeredo = RedefValue.bool(r);
                case "Tunnel::delay_gtp_confirmation" -> delayGtp = RedefValue.bool(r);
                case "Tunnel::ip_tunnel_timeout" -> ipTunnelTimeout = RedefValue.interval(r);
                case "Site::local_nets" -> {
                    if (r.op().equals("=")) localNets.clear();
                    if (r.op().equals("-=")) localNets.removeAll(RedefValue.set(r));
                    else localNets.addAll(RedefValue.set(r));
                }
                case "Site::private_address_space_is_local" -> privateIsLocal = RedefValue.bool(r);
                case "likely_server_ports" -> {
                    if (r.op().equals("=")) likelyServerPorts.clear();
                    for (String p : RedefValue.set(r)) {
                        if (r.op().equals("-=")) likelyServerPorts.remove(encodePort(p));
                        else likelyServerPorts.add(encodePort(p));
                    }
                }
                case "DPD::ignore_violations" -> {
                    for (String e : RedefValue.set(r)) analyzerName(e);
                    ignoreViolationsRedefs.add(r);
                }
                case "LogAscii::use_json" -> json = RedefValue.bool(r);
                case "Log::default_scope_sep" -> scopeSep = RedefValue.string(r);
                case "Log::default_field_name_map" -> {
                    if (r.op().equals("=")) fieldNameMap.clear();
                    fieldNameMap.putAll(RedefValue.stringTable(r));
                }
                case "CommunityID::seed" -> communityIdSeed = (int) RedefValue.count(r);
                case "ignore_checksums" -> ignoreChecksums = RedefValue.bool(r);
                case "tcp_inactivity_timeout" -> tcpInactivity = RedefValue.interval(r);
                case "udp_inactivity_timeout" -> udpInactivity = RedefValue.interval(r);
                case "icmp_inactivity_timeout" -> icmpInactivity = RedefValue.interval(r);
                case "unknown_ip_inactivity_timeout" -> unknownInactivity = RedefValue.interval(r);
                case "tcp_attempt_delay" -> attempt = RedefValue.interval(r);
                case "tcp_close_delay" -> close = RedefValue.interval(r);
                case "tcp_reset_delay" -> reset = RedefValue.interval(r);
                case "tcp_session_timer" -> session = RedefValue.interval(r);
                case "tcp_connection_linger" -> linger = RedefValue.interval(r);
                case "default_file_bof_buffer_size" -> bofSize = (int) RedefValue.count(r);
                case "default_file_timeout_interval" -> fileTimeout = RedefValue.interval(r);
                case "digest_salt" -> digestSalt = RedefValue.string(r);
                case "Files::enable_reassembler" -> fileReassembly = RedefValue.bool(r);
                case "Files::reassembly_buffer_size" -> fileReassemblyBuffer = RedefValue.count(r);
                case "X509::log_x509_in_files_log" -> logX509 = RedefValue.bool(r);
                case "X509::relog_known_certificates_after" -> x509RelogAfter = RedefValue.interval(r);
                // read where they apply: protocol/ftp/FtpOptions, protocol/Dpd, HttpProtocol,
                // the LDAP analyzer, SmbProtocol and SocksProtocol
                case "FTP::logged_commands", "FTP::guest_ids", "FTP::default_capture_password",
                        "FTP::max_user_length", "FTP::max_password_length", "FTP::max_arg_length",
                        "FTP::max_reply_msg_length", "DPD::track_removed_services_in_connection",
                        "HTTP::default_capture_password", "HTTP::log_client_header_names",
                        "HTTP::log_server_header_names", "LDAP::default_capture_password",
                        "LDAP::default_log_search_attributes", "LDAP::max_pending_messages",
                        "LDAP::max_pending_searches", "SMB::logged_file_actions",
                        "SOCKS::default_capture_password" -> { }
                default -> warnings.add("option " + r.name() + " is not implemented by this analyzer; "
                        + r + " has no effect");
            }
        }
        if (!inv.loads("base/utils/site")) privateIsLocal = false; // the change handler lives there
        filePolicy = new FilePolicy(bofSize, fileTimeout, digestSalt, fileReassembly, fileReassemblyBuffer,
                inv.loads("base/files/hash/main"), inv.loads("base/files/extract/main"),
                inv.loads("policy/frameworks/files/hash-all-files"), logX509);
        tunnelPolicy = new TunnelPolicy(maxDepth, delayTeredo, delayGtp, maxChanges, ipTunnelTimeout);
        policy = new ConnPolicy(tcpInactivity, udpInactivity, icmpInactivity, unknownInactivity, attempt, close,
                reset, session, linger, ignoreChecksums);
    }

    /** {@code X509::relog_known_certificates_after}: how long x509.log suppresses a certificate it logged. */
    public double x509RelogAfter() {
        return x509RelogAfter;
    }

    /** {@code 80/tcp} → the port with the protocol in bits 16+ (tcp 1, udp 2, icmp 3). */
    static int encodePort(String p) {
        var m = java.util.regex.Pattern.compile("(\\d+)/(tcp|udp|icmp)").matcher(p.strip());
        if (!m.matches()) throw new ScriptException("not a port: " + p);
        int proto = switch (m.group(2)) {
            case "tcp" -> 1;
            case "udp" -> 2;
            default -> 3;
        };
        return Integer.parseInt(m.group(1)) | proto << 16;
    }

    /**
     * {@code DPD::ignore_violations} after the redefs: {@code defaults} are the analyzer names the
     * loaded protocol scripts add (DCE_RPC, NTLM); the invocation's redefs come after them, as the
     * test script is loaded after base/.
     */
    public Set<String> ignoreViolations(Set<String> defaults) {
        var names = new HashSet<>(defaults);
        for (Redef r : ignoreViolationsRedefs) {
            if (r.op().equals("=")) names.clear();
            for (String e : RedefValue.set(r)) {
                if (r.op().equals("-=")) names.remove(analyzerName(e));
                else names.add(analyzerName(e));
            }
        }
        return Set.copyOf(names);
    }

    /** {@code Analyzer::ANALYZER_DCE_RPC} → {@code DCE_RPC}. */
    private static String analyzerName(String tag) {
        var m = java.util.regex.Pattern.compile("(?:Analyzer::)?ANALYZER_([A-Za-z0-9_]+)").matcher(tag.strip());
        if (!m.matches()) throw new ScriptException("not an analyzer tag: " + tag);
        return m.group(1);
    }

    public ZeekInvocation invocation() {
        return inv;
    }

    public boolean connLog() {
        return inv.loads("base/protocols/conn/main");
    }

    /** weird.log exists when base/frameworks/notice/weird is loaded (in default mode it always is). */
    public boolean weirdLog() {
        return inv.loads("base/frameworks/notice/weird");
    }

    /** tunnel.log exists: base/frameworks/tunnels is loaded. */
    public boolean tunnelLog() {
        return inv.loads("base/frameworks/tunnels/main");
    }

    public TunnelPolicy tunnelPolicy() {
        return tunnelPolicy;
    }

    public Set<String> connFeatures() {
        return Set.copyOf(features);
    }

    public boolean isLikelyServerPort(int port, int ipProto) {
        int proto = switch (ipProto) {
            case 6 -> 1;
            case 17 -> 2;
            default -> 3;
        };
        return likelyServerPorts.contains(port | proto << 16);
    }

    public LocalNets localNets() {
        return LocalNets.of(localNets, privateIsLocal);
    }

    /** File analysis options and the file scripts loaded (files/ stage). */
    public FilePolicy filePolicy() {
        return filePolicy;
    }

    public ConnPolicy policy() {
        return policy;
    }

    public boolean json() {
        return json;
    }

    public String scopeSep() {
        return scopeSep;
    }

    public Map<String, String> fieldNameMap() {
        return Map.copyOf(fieldNameMap);
    }

    public int communityIdSeed() {
        return communityIdSeed;
    }

    /** Valid Zeek options this analyzer does not implement: said on stderr, never silently dropped. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }
}
