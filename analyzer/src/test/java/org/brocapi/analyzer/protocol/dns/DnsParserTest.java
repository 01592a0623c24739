package org.brocapi.analyzer.protocol.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.brocapi.analyzer.bytes.Hex;
import org.junit.jupiter.api.Test;

class DnsParserTest {
    // query: id 0x1234, RD, one question www.Example.com A IN
    static final String QUERY = "1234 0100 0001 0000 0000 0000"
            + "03 777777 07 4578616d706c65 03 636f6d 00 0001 0001";
    // reply: QR RD RA, the question, then CNAME web.example.com (compressed) and A 93.184.216.34
    static final String REPLY = "1234 8180 0001 0002 0000 0000"
            + "03 777777 07 4578616d706c65 03 636f6d 00 0001 0001"
            + "c00c 0005 0001 00000e10 0006 03 776562 c010"
            + "c00c 0001 0001 0000003c 0004 5db8d822";

    private final DnsParser parser = new DnsParser();

    private DnsMessage parse(String hex) {
        byte[] b = Hex.bytes(hex);
        return parser.parse(b, 0, b.length, false);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void queryHeaderAndLowerCasedQuestion() {
        DnsMessage m = parse(QUERY);
        assertThat(m.id()).isEqualTo(0x1234);
        assertThat(m.qr()).isFalse();
        assertThat(m.rd()).isTrue();
        assertThat(m.questionsComplete()).isTrue();
        assertThat(m.questions()).hasSize(1);
        assertThat(s(m.questions().get(0).name())).isEqualTo("www.example.com");
        assertThat(m.questions().get(0).qtype()).isEqualTo(1);
        assertThat(m.answersComplete()).isTrue();
        assertThat(m.weirds()).isEmpty();
    }

    @Test
    void replyWithCompressedNames() {
        DnsMessage m = parse(REPLY);
        assertThat(m.qr()).isTrue();
        assertThat(m.ra()).isTrue();
        assertThat(m.answers()).hasSize(2);
        var cname = m.answers().get(0);
        assertThat(cname.type()).isEqualTo(DnsCodes.CNAME);
        assertThat(cname.ttl()).isEqualTo(3600);
        assertThat(s(((DnsMessage.Name) cname.rdata()).name())).isEqualTo("web.example.com");
        var a = m.answers().get(1);
        assertThat(s(DnsAnalyzer.replyText(a))).isEqualTo("93.184.216.34");
        assertThat(m.answersComplete()).isTrue();
    }

    @Test
    void zIncludesAuthenticatedDataAndCheckingDisabledBits() {
        // flags 0x0130: RD, AD, CD (RFC 4035 §3.2); Zeek's Z is bits 4–6
        DnsMessage m = parse("0001 0130 0000 0000 0000 0000");
        assertThat(m.z()).isEqualTo(3);
    }

    @Test
    void forwardCompressionPointerIsAWeird() {
        DnsMessage m = parse("0001 0100 0001 0000 0000 0000 c0 20 0001 0001");
        assertThat(m.weirds()).extracting(DnsMessage.Weird::name).containsExactly("DNS_label_forward_compress_offset");
        assertThat(m.questions().get(0).name()).isEmpty();
    }

    @Test
    void truncatedQuestionStopsTheMessage() {
        DnsMessage m = parse("0001 0100 0002 0000 0000 0000 01 61 00 0001");
        assertThat(m.questionsComplete()).isFalse();
        assertThat(m.weirds()).extracting(DnsMessage.Weird::name).containsExactly("DNS_truncated_quest_too_short");
    }

    @Test
    void rdlengthBeyondTheMessageStopsTheAnswers() {
        DnsMessage m = parse("0001 8180 0000 0001 0000 0000 00 0001 0001 00000001 0010 01020304");
        assertThat(m.answersComplete()).isFalse();
        assertThat(m.weirds()).extracting(DnsMessage.Weird::name).containsExactly("DNS_truncated_RR_rdlength_lt_len");
    }

    @Test
    void multipleTxtStringsAndUnknownTypes() {
        DnsMessage m = parse("0001 8180 0000 0002 0000 0000"
                + "00 0010 0001 00000005 0007 02 6869 03 796f75"
                + "00 fff0 0001 00000005 0001 00");
        assertThat(m.answers()).hasSize(2);
        assertThat(s(DnsAnalyzer.replyText(m.answers().get(0)))).isEqualTo("TXT 2 hi TXT 3 you");
        assertThat(s(DnsAnalyzer.replyText(m.answers().get(1)))).isEqualTo("<unknown type=65520>");
        assertThat(m.weirds()).extracting(DnsMessage.Weird::addl).containsExactly("65520");
    }

    @Test
    void tooManyQuestionsIsNotParsed() {
        DnsMessage m = parse("0001 0100 001a 0000 0000 0000");
        assertThat(m.tooManyQueries()).isTrue();
        assertThat(m.questions()).isEmpty();
    }

    @Test
    void netbiosNameDecodes() {
        byte[] encoded = "feeffdfecbcacacacacacacacacacaaa".getBytes(StandardCharsets.US_ASCII);
        assertThat(s(DnsAnalyzer.decodeNetbiosName(encoded))).isEqualTo("TEST!");
        assertThat(DnsAnalyzer.decodeNetbiosName("short".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }
}
