package org.brocapi.analyzer.protocol.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XmppParserTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";

    @TempDir
    Path dir;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static List<String> names(String chunk, String[] error) {
        var out = new ArrayList<String>();
        byte[] b = ascii(chunk);
        error[0] = XmppParser.parse(b, 0, b.length, out::add);
        return out;
    }

    @Test
    void tagsAreNamedInOrder() {
        String[] error = new String[1];
        // RFC 6120 §5.4.2.1 client STARTTLS request, after the stream header
        var n = names("<?xml version='1.0'?><stream:stream to='example.com' xmlns='jabber:client'>\n"
                + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", error);
        assertThat(n).containsExactly("?xml", "stream:stream", "starttls");
        assertThat(error[0]).isNull();
    }

    @Test
    void textThatIsNotATagIsAnErrorAfterTheTagsBeforeIt() {
        String[] error = new String[1];
        var n = names("<a>b</a> <c", error);
        assertThat(n).containsExactly("a", "/a");
        assertThat(error[0]).contains("XML_END");
        assertThat(names("hello", error)).isEmpty();
        assertThat(error[0]).contains("XML_START");
    }

    @Test
    void clientStreamHeaderConfirms() {
        var r = new AnalyzerHarness().tcpOpen(CLIENT, 40000, SERVER, 5222)
                .tcp(CLIENT, 40000, SERVER, 5222, true,
                        ascii("<?xml version='1.0'?><stream:stream to='example.com' xmlns='jabber:client' version='1.0'>"))
                .run(dir, "base/protocols/conn", "base/protocols/xmpp");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("xmpp");
    }

    @Test
    void nonXmlOnTheXmppPortIsNotConfirmed() {
        var r = new AnalyzerHarness().tcpOpen(CLIENT, 40000, SERVER, 5222)
                .tcp(CLIENT, 40000, SERVER, 5222, true, ascii("GET / HTTP/1.1\r\n<stream:stream>"))
                .run(dir, "base/protocols/conn", "base/protocols/xmpp");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("-");
    }

    @Test
    void proceedAfterStarttlsHandsTheStreamOver() {
        // RFC 6120 §5.4.2.3: after <proceed/> the TLS handshake follows; as XML it would be a violation
        var r = new AnalyzerHarness().tcpOpen(CLIENT, 40000, SERVER, 5222)
                .tcp(CLIENT, 40000, SERVER, 5222, true,
                        ascii("<?xml version='1.0'?><stream:stream to='example.com' xmlns='jabber:client' version='1.0'>"))
                .tcp(CLIENT, 40000, SERVER, 5222, true, ascii("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"))
                .tcp(CLIENT, 40000, SERVER, 5222, false, ascii("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"))
                .tcp(CLIENT, 40000, SERVER, 5222, true, new byte[] {0x16, 3, 1, 0, 1, 1})
                .run(dir, "base/protocols/conn", "base/protocols/xmpp");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("xmpp");
    }
}
