package org.brocapi.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IniFileTest {

    @Test
    void readsThe10ExampleConfigAsPythonDid() throws Exception {
        IniFile ini = IniFile.parse("""
                [main]
                debug = off                      ; 1/yes/true/on or 0/no/false/off
                worker_log = /var/log/brocapi/brocapi_worker.log
                api_log = /var/log/brocapi/brocapi_api.log
                [bro]
                bro_bin = /opt/bro/bin/bro
                processing_dir = /opt/brocapi/jobs/
                log_blacklist = ["loaded_scripts.log", "packet_filter.log", "reporter.log"]
                [syslog]
                syslog_host = 127.0.0.1
                syslog_port = 514
                syslog_proto = tcp               ; tcp or udp
                syslog_prefix = bro25_%s
                """, "test");
        assertThat(ini.get("main", "debug")).hasValue("off");
        assertThat(ini.get("syslog", "syslog_proto")).hasValue("tcp");
        assertThat(ini.get("syslog", "syslog_prefix")).hasValue("bro25_%s");
        assertThat(ini.get("bro", "log_blacklist")).hasValue("[\"loaded_scripts.log\", \"packet_filter.log\", \"reporter.log\"]");
        assertThat(ini.get("bro", "processing_dir")).hasValue("/opt/brocapi/jobs/");
    }

    @Test
    void colonSeparatorCaseInsensitiveKeysAndComments() throws Exception {
        IniFile ini = IniFile.parse("""
                # a comment
                ; another
                [Main]
                Debug: yes
                  rem is not a comment inside a value? it is a continuation
                URL = http://x:80/a#b
                rem a Python 2 comment line
                """, "t");
        assertThat(ini.get("Main", "debug")).hasValue("yes\nrem is not a comment inside a value? it is a continuation");
        assertThat(ini.get("Main", "DEBUG")).hasValue("yes\nrem is not a comment inside a value? it is a continuation");
        assertThat(ini.get("Main", "url")).hasValue("http://x:80/a#b");
        assertThat(ini.get("main", "debug")).isEmpty();
    }

    @Test
    void continuationLinesJoinWithNewline() throws Exception {
        IniFile ini = IniFile.parse("""
                [bro]
                log_blacklist = ["a.log",
                    "b.log"]
                after = 1
                """, "t");
        assertThat(ini.get("bro", "log_blacklist")).hasValue("[\"a.log\",\n\"b.log\"]");
        assertThat(ini.get("bro", "after")).hasValue("1");
    }

    @Test
    void defaultSectionAndInterpolation() throws Exception {
        IniFile ini = IniFile.parse("""
                [DEFAULT]
                base = /srv/brocapi
                [bro]
                processing_dir = %(base)s/jobs/
                empty = ""
                [syslog]
                syslog_prefix = bro25_%s
                """, "t");
        assertThat(ini.get("bro", "processing_dir")).hasValue("/srv/brocapi/jobs/");
        assertThat(ini.get("syslog", "base")).hasValue("/srv/brocapi");
        assertThat(ini.get("syslog", "syslog_prefix")).hasValue("bro25_%s");
        assertThat(ini.get("bro", "empty")).hasValue("");
    }

    @Test
    void garbageIsReportedWithItsLine() {
        assertThatThrownBy(() -> IniFile.parse("[main]\njust words\n", "f.conf"))
                .isInstanceOf(ConfigException.class).hasMessage("f.conf:2: expected 'key = value': just words");
        assertThatThrownBy(() -> IniFile.parse("key = 1\n", "f.conf"))
                .hasMessageContaining("f.conf:1: key outside of any [section]");
    }
}
