package org.brocapi.analyzer.protocol;

import java.util.List;

import org.brocapi.analyzer.protocol.dns.DnsProtocol;

/** Every application protocol the analyzer knows, in one list. Adding a protocol adds one line here. */
public final class Protocols {
    public static final List<Protocol> ALL = List.of(
            DnsProtocol.INSTANCE);

    private Protocols() { }
}
