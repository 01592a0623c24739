package org.brocapi.service.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TagRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"sensor1", "my-host", "A.B_C-D9", "_a", "-1", "123", "10.0.0.1", "x.example.org"})
    void tagsRsyslogTakesAsHostnameAreValid(String tag) {
        assertThat(TagRule.validate(tag)).isNull();
        assertThat(TagRule.sanitize(tag)).isEqualTo(tag);
    }

    @ParameterizedTest
    // each of these made rsyslog 8.2302 substitute the sender IP and shift the program name
    @ValueSource(strings = {"my host", "a[1]", "a/b", "a@b", "t\u00e9st", "x-", "a.", "a_", "-", "_", ".", "a:b", "a%b", "a\tb"})
    void tagsAReceiverWouldMisreadAreRejectedWithAReason(String tag) {
        assertThat(TagRule.validate(tag)).contains("not allowed").contains("A-Z a-z 0-9 . _ -");
    }

    @Test
    void overlongTagIsRejected() {
        assertThat(TagRule.validate("a".repeat(255))).isNull();
        assertThat(TagRule.validate("a".repeat(256))).contains("256 characters").contains("255");
    }

    @Test
    void noTagMeansBrocapi() {
        assertThat(TagRule.validate(null)).isNull();
        assertThat(TagRule.validate("  ")).isNull();
        assertThat(TagRule.sanitize(null)).isEqualTo("brocapi");
        assertThat(TagRule.sanitize("")).isEqualTo("brocapi");
    }

    @Test
    void sanitizerReplacesAndTrims() {
        assertThat(TagRule.sanitize("my host[1]")).isEqualTo("my_host_1");
        assertThat(TagRule.sanitize("t\u00e9st")).isEqualTo("t_st");
        assertThat(TagRule.sanitize("\u00e9\u00e9")).isEqualTo("brocapi");
        assertThat(TagRule.sanitize("b".repeat(300))).hasSize(255);
        assertThat(TagRule.validate(TagRule.sanitize("x y z -- "))).isNull();
    }
}
