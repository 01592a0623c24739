package org.brocapi.analyzer.protocol.ftp;

import java.util.Set;

import org.brocapi.analyzer.protocol.Protocol;
import org.brocapi.analyzer.protocol.RunContext;

/**
 * Zeek's FTP_DATA analyzer: no ports and no signature, it only runs on connections an FTP
 * control connection announced ({@link FtpDataChannels}), so it is not in the protocol list.
 */
final class FtpDataProtocol implements Protocol {
    static final FtpDataProtocol INSTANCE = new FtpDataProtocol();

    private FtpDataProtocol() { }

    @Override
    public String name() {
        return "FTP_DATA";
    }

    @Override
    public String script() {
        return "base/protocols/ftp/main";
    }

    @Override
    public Set<Transport> transports() {
        return Set.of(Transport.TCP);
    }

    @Override
    public Instance start(RunContext run) {
        throw new UnsupportedOperationException("FTP_DATA starts only on expected connections");
    }
}
