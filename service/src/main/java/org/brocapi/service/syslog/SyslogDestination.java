package org.brocapi.service.syslog;

/**
 * One receiver. {@code name} identifies it in reports and names its progress file, so it is
 * restricted to {@code A-Z a-z 0-9 . _ -}.
 */
public record SyslogDestination(String name, TransportProtocol protocol, String host, int port,
        FrameFormat frame, Framing framing, int facility, int severity) {

    public SyslogDestination {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("destination name '" + name + "' may only contain A-Z a-z 0-9 . _ -");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("destination " + name + ": host is missing");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("destination " + name + ": port " + port + " is not 1-65535");
        }
        if (facility < 0 || facility > 23 || severity < 0 || severity > 7) {
            throw new IllegalArgumentException("destination " + name + ": facility 0-23 and severity 0-7");
        }
    }

    public int pri() {
        return SyslogPriority.pri(facility, severity);
    }

    /** The default name: {@code proto-host-port} with unsafe characters replaced. */
    public static String defaultName(TransportProtocol protocol, String host, int port) {
        return (protocol.name().toLowerCase(java.util.Locale.ROOT) + "-" + host + "-" + port)
                .replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public String toString() {
        return name + " (" + protocol.name().toLowerCase(java.util.Locale.ROOT) + "://" + host + ":" + port
                + ", " + frame.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
