package org.brocapi.analyzer.protocol;

import java.util.Set;

/**
 * Describes one application protocol analyzer (Zeek's analyzer {@code Plugin.cc} +
 * {@code Analyzer::register_for_ports} in the protocol's {@code main.zeek} + its {@code dpd.sig}).
 * One instance per protocol, listed in {@link Protocols}. A protocol is active in a run only when
 * its {@link #script()} is loaded, as in Zeek's bare mode where an unloaded protocol has neither
 * port registration nor signatures nor log.
 */
public interface Protocol {
    enum Transport { TCP, UDP }

    /**
     * Zeek's analyzer name as {@code Analyzer::name} returns it ({@code "DNS"}, {@code "SSL"}):
     * the value added to {@code c$service} on confirmation (conn.log shows it in lower case) and
     * written to analyzer.log.
     */
    String name();

    /** The script that registers the analyzer's ports and log, e.g. {@code base/protocols/dns/main}. */
    String script();

    /** Transports this analyzer runs on. */
    Set<Transport> transports();

    /** Responder ports from {@code register_for_ports} (TCP). */
    default Set<Integer> tcpPorts() {
        return Set.of();
    }

    /** Responder ports from {@code register_for_ports} (UDP). */
    default Set<Integer> udpPorts() {
        return Set.of();
    }

    /** The protocol's {@code dpd.sig} as a probe; null when it has none (port-only, like DNS). */
    default Probe probe(Transport transport) {
        return null;
    }

    /**
     * True when the protocol's script puts it into {@code DPD::ignore_violations} (Zeek does for
     * DCE_RPC and NTLM): its violations then neither disable it nor reach analyzer.log. A redef
     * of that set overrides this default ({@link Dpd}).
     */
    default boolean ignoresViolations() {
        return false;
    }

    /** Once per run, when the protocol is active: opens its logs and returns its analyzer factory. */
    Instance start(RunContext run);

    /** Builds the per-connection analyzers of one run. */
    interface Instance {
        /** A new analyzer for a TCP connection; only called when {@link #transports()} has TCP. */
        default StreamAnalyzer stream(Session session) {
            throw new UnsupportedOperationException("no TCP analyzer");
        }

        /** A new analyzer for a UDP connection; only called when {@link #transports()} has UDP. */
        default DatagramAnalyzer datagram(Session session) {
            throw new UnsupportedOperationException("no UDP analyzer");
        }
    }
}
