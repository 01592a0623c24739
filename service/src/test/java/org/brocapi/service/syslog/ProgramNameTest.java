package org.brocapi.service.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgramNameTest {

    @Test
    void prefixNeedsExactlyOnePercentS() {
        assertThat(ProgramName.validatePrefix("bro25_%s")).isNull();
        assertThat(ProgramName.validatePrefix("%s")).isNull();
        assertThat(ProgramName.validatePrefix("bro25_")).contains("exactly one %s");
        assertThat(ProgramName.validatePrefix("%s_%s")).contains("exactly one %s");
        assertThat(ProgramName.validatePrefix("bro %s")).contains("found ' '");
        assertThat(ProgramName.validatePrefix("zeek/%s")).contains("found '/'");
        assertThat(ProgramName.validatePrefix("%d_%s")).contains("found '%'");
    }

    @Test
    void typeIsFileNameBeforeFirstDot() {
        assertThat(ProgramName.logType("conn.log")).isEqualTo("conn");
        assertThat(ProgramName.logType("conn.2024-01-01.log")).isEqualTo("conn");
        assertThat(ProgramName.logType("files")).isEqualTo("files");
        assertThat(ProgramName.of("bro25_%s", "dce_rpc")).isEqualTo("bro25_dce_rpc");
        assertThat(ProgramName.of("bro25_%s", "we[ir]d:x")).isEqualTo("bro25_we_ir_d_x");
    }
}
