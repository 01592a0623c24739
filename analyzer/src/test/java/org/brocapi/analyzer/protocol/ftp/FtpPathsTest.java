package org.brocapi.analyzer.protocol.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import org.brocapi.analyzer.bytes.Hex;
import org.junit.jupiter.api.Test;

class FtpPathsTest {
    @Test
    void relativeFileStaysUnderTheStartingDirectoryDot() {
        // Zeek logs "ftp://host/./robots.txt" before any CWD/PWD
        byte[] v4 = Hex.bytes("00000000 00000000 0000ffff c7e9d9f9");
        assertThat(FtpPaths.url(v4, ".", "robots.txt")).isEqualTo("199.233.217.249/./robots.txt");
    }

    @Test
    void ipv6HostIsBracketed() {
        byte[] v6 = Hex.bytes("20010470 48670099 00000000 00000021");
        assertThat(FtpPaths.url(v6, "/", "robots.txt")).isEqualTo("[2001:470:4867:99::21]/robots.txt");
    }

    @Test
    void compressingFoldsDotDotAndDropsEmptyComponents() {
        assertThat(FtpPaths.buildCompressed("/pub/linux", "../bsd//x.iso")).isEqualTo("/pub/bsd/x.iso");
        assertThat(FtpPaths.buildCompressed("/pub", "/etc/passwd")).isEqualTo("/etc/passwd");
        assertThat(FtpPaths.buildCompressed("/pub/", "a")).isEqualTo("/pub/a");
        assertThat(FtpPaths.buildCompressed("/", "/..")).isEqualTo("/..");
    }

    @Test
    void pwdReplyPathIsExtracted() {
        assertThat(FtpPaths.extractPath("\"/home/bob\" is the current directory")).isEqualTo("/home/bob");
        assertThat(FtpPaths.extractPath("no path here")).isEmpty();
    }
}
