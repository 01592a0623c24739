package org.brocapi.analyzer.protocol;

import java.util.function.DoubleConsumer;

import org.brocapi.analyzer.conn.Connection;

/**
 * One analyzer's handle on its connection: the connection itself, network time, and Zeek's
 * {@code AnalyzerConfirmation} / {@code AnalyzerViolation} / {@code Weird}.
 */
public final class Session {
    /** Zeek's session history mask for unknown packets (0x400; TCP's masks stay below it per side). */
    private static final int HIST_UNKNOWN_PKT = 0x400;

    private final ConnAnalyzers owner;
    final Protocol protocol;
    boolean confirmed;
    boolean disabled;
    /** Outside the analyzer tree ({@link #instantiate}): a violation cannot disable it. */
    boolean detached;

    Session(ConnAnalyzers owner, Protocol protocol) {
        this.owner = owner;
        this.protocol = protocol;
    }

    public Connection conn() {
        return owner.conn;
    }

    /** Network time: the timestamp of the packet being processed. */
    public double now() {
        return owner.conn.table().timers().now();
    }

    /** True once the input ended (Zeek's {@code run_state::terminating}). */
    public boolean terminating() {
        return owner.conn.table().timers().terminating();
    }

    /**
     * Zeek's {@code AnalyzerConfirmation}: the first call adds the protocol to the connection's
     * services (conn.log {@code service}, in confirmation order); later calls do nothing.
     */
    public void confirm() {
        if (confirmed || disabled) return;
        confirmed = true;
        owner.conn.services.add(protocol.name());
    }

    /**
     * Zeek's {@code AnalyzerViolation} with the base/frameworks/analyzer policy: unless the
     * connection already carried more than {@code DPD::ignore_violations_after} bytes, the
     * analyzer is disabled (receives nothing more); a confirmed one is logged to analyzer.log
     * once and leaves {@code service}.
     */
    public void violation(String reason) {
        violation(reason, null, 0, 0);
    }

    public void violation(String reason, byte[] data, int off, int len) {
        owner.violation(this, reason, data, off, len);
    }

    /** Zeek's {@code Analyzer::Weird}: weird.log's {@code source} is the analyzer's name. */
    public void weird(String name) {
        owner.conn.weird(name, "", protocol.name());
    }

    public void weird(String name, String addl) {
        owner.conn.weird(name, addl, protocol.name());
    }

    /** A weird from a support analyzer of this one (Zeek's ContentLine reports as {@code CONTENTLINE}). */
    public void weird(String name, String addl, String source) {
        owner.conn.weird(name, addl, source);
    }

    /** Zeek's {@code CheckHistory(HIST_UNKNOWN_PKT, 'X')}: conn.log history gets 'X' once. */
    public void markUnknownPacket() {
        owner.conn.checkHistory(HIST_UNKNOWN_PKT, 'X');
    }

    /** An analyzer timer (Zeek's {@code ADD_ANALYZER_TIMER}), cancelled when the connection goes. */
    public void addTimer(double at, boolean expireAtEnd, DoubleConsumer action) {
        owner.conn.addAnalyzerTimer(at, expireAtEnd, action);
    }

    /**
     * Zeek's {@code AddChildAnalyzer}: starts protocol {@code name} (e.g. {@code "SSL"} after
     * STARTTLS) below this analyzer on the same connection. The caller forwards bytes to the
     * returned analyzer; its own confirmation adds its own service. Null when that protocol is not
     * loaded in this run.
     */
    public StreamAnalyzer startChild(String name) {
        return owner.startChild(name);
    }

    /**
     * Zeek's {@code analyzer_mgr->InstantiateAnalyzer} as DCE_RPC, SMB and GSSAPI use it for the
     * authentication analyzers: protocol {@code name} runs outside the connection's analyzer tree,
     * fed only by the caller. Its confirmation adds its service; a violation is handled as for
     * any analyzer (analyzer.log, service removed) but cannot disable it, because Zeek's
     * {@code disable_analyzer} does not find it in the tree. The analyzer itself is returned, so
     * the caller may talk to it through its own type. Null when that protocol is not loaded.
     */
    public StreamAnalyzer instantiate(String name) {
        return owner.instantiate(name);
    }

    /**
     * A PIA child (Zeek's HTTP analyzer does this for a CONNECT tunnel): the forwarded bytes go
     * through content detection, and matching protocols start below this analyzer.
     */
    public StreamAnalyzer startDetector() {
        return owner.startDetector();
    }

    /**
     * Zeek's {@code Analyzer::schedule_analyzer} (an expected connection, e.g. FTP's data
     * channel): a TCP connection from {@code orig} (null: any) to {@code resp}:{@code respPort}
     * seen within {@code timeout} seconds starts {@code instance}'s analyzer for {@code protocol}
     * instead of the port analyzers. Addresses are 16 bytes, as {@link Connection#origAddr}.
     */
    public void scheduleAnalyzer(byte[] orig, byte[] resp, int respPort, Protocol protocol,
                                 Protocol.Instance instance, double timeout) {
        owner.dpd.schedule(orig, resp, respPort, protocol, instance, now(), timeout);
    }

    /**
     * Zeek's {@code Conn::register_removal_hook}: {@code hook} runs when the connection is
     * removed, even when this analyzer was disabled by a violation (script state outlives it).
     */
    public void addRemovalHook(Runnable hook) {
        owner.addRemovalHook(hook);
    }

    /**
     * Zeek's {@code TCP()->IsPartial()}: the TCP connection's start was not seen (no SYN from the
     * originator, and no SYN-ACK then ACK that established it). False for other transports.
     */
    public boolean isPartial() {
        return owner.conn.transport instanceof org.brocapi.analyzer.tcp.TcpSession t && t.isPartial();
    }

    /** Zeek's {@code AnalyzerConfirmed()}. */
    public boolean isConfirmed() {
        return confirmed;
    }

    public boolean isDisabled() {
        return disabled;
    }
}
