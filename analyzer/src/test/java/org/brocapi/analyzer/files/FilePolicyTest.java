package org.brocapi.analyzer.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.brocapi.analyzer.script.ScriptConfig;
import org.brocapi.analyzer.script.ZeekInvocation;
import org.junit.jupiter.api.Test;

/** The file options a run honours, from the loaded scripts and redefs (ScriptConfig → FilePolicy). */
class FilePolicyTest {
    private static FilePolicy policy(String... args) {
        return new ScriptConfig(ZeekInvocation.parse(List.of(args))).filePolicy();
    }

    @Test
    void zeekDefaultsInBareMode() {
        FilePolicy p = policy("-b", "-r", "x.pcap", "base/protocols/conn");
        assertThat(p).isEqualTo(FilePolicy.defaults());
        assertThat(p.bofBufferSize()).isEqualTo(4096);
        assertThat(p.timeoutInterval()).isEqualTo(120.0);
    }

    @Test
    void defaultModeLoadsTheHashAndExtractColumnsButHashesNothing() {
        FilePolicy p = policy("-r", "x.pcap");
        assertThat(p.hashColumns()).isTrue();
        assertThat(p.extractColumns()).isTrue();
        assertThat(p.hashAllFiles()).isFalse(); // a policy script, never loaded by default
    }

    @Test
    void redefsReachThePolicy() {
        FilePolicy p = policy("-b", "-r", "x.pcap", "frameworks/files/hash-all-files",
                "default_file_bof_buffer_size=5000", "default_file_timeout_interval=30 secs",
                "digest_salt=\"pepper\"", "Files::enable_reassembler=F");
        assertThat(p.bofBufferSize()).isEqualTo(5000);
        assertThat(p.timeoutInterval()).isEqualTo(30.0);
        assertThat(p.digestSalt()).isEqualTo("pepper");
        assertThat(p.reassembly()).isFalse();
        assertThat(p.hashAllFiles()).isTrue();
        assertThat(p.hashColumns()).isTrue(); // hash-all-files loads base/files/hash
        assertThat(p.extractColumns()).isFalse();
    }
}
