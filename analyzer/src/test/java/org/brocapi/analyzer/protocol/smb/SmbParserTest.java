package org.brocapi.analyzer.protocol.smb;

import static org.assertj.core.api.Assertions.assertThat;

import org.brocapi.analyzer.bytes.Hex;
import org.junit.jupiter.api.Test;

class SmbParserTest {
    /**
     * The first SMB2 CREATE request of Zeek's smb/smb2readwrite.pcap (tcpdump -X, TCP payload;
     * NetBIOS header, SMB2 header, CREATE body, the 20-byte UTF-16LE name "pythonfile" and the
     * first bytes of the create contexts).
     */
    private static final byte[] CREATE = Hex.bytes("""
            0000 00e8 fe53 4d42
            4000 0100 0000 0000 0500 0100 0000 0000
            0000 0000 cd04 0000 0000 0000 fffe 0000
            7a6c 1953 c01c 233c 0000 0000 0000 0000
            0000 0000 0000 0000 0000 0000 3900 0009
            0200 0000 0000 0000 0000 0000 0000 0000
            0000 0000 8900 1200 8000 0000 0300 0000
            0100 0000 6000 0000 7800 1400 9000 0000
            5800 0000 7000 7900 7400 6800 6f00 6e00
            6600 6900 6c00 6500 3200
            """);

    /** The server's CREATE response to it (same capture), up to the file id and create-context fields. */
    private static final byte[] CREATE_RESPONSE = Hex.bytes("""
            0000 00f0 fe53 4d42
            4000 0100 0000 0000 0500 0100 0100 0000
            0000 0000 cd04 0000 0000 0000 fffe 0000
            7a6c 1953 c01c 233c 0000 0000 0000 0000
            0000 0000 0000 0000 0000 0000 5900 0900
            0100 0000 8026 1aed cabf d401 40af d907
            cbbf d401 6f87 1aed cabf d401 6f87 1aed
            cabf d401 0000 1000 0000 0000 1000 0000
            0000 0000 8000 0000 0000 0000 2e8c 2fc5
            0000 0000 4d57 ffae 0000 0000 9800 0000
            5800 0000
            """);

    private final SmbParser parser = new SmbParser();

    @Test
    void createRequestYieldsTheUtf16FileName() {
        assertThat(SmbParser.netbiosLength(CREATE, 0)).isEqualTo(0xe8);
        SmbMessage.Header h = parser.header(CREATE, 4, CREATE.length);
        assertThat(h.command()).isEqualTo(SmbParser.CREATE);
        assertThat(h.messageId()).isEqualTo(0x4cd);
        assertThat(h.treeId()).isEqualTo(0x53196c7aL);
        var m = parser.body(h, true, CREATE, 4, CREATE.length);
        assertThat(m).isEqualTo(new SmbMessage.CreateRequest("pythonfile", 0x60));
    }

    @Test
    void createResponseYieldsTimesSizeAndFileId() {
        SmbMessage.Header h = parser.header(CREATE_RESPONSE, 4, CREATE_RESPONSE.length);
        var m = (SmbMessage.CreateResponse) parser.body(h, false, CREATE_RESPONSE, 4, CREATE_RESPONSE.length);
        assertThat(m.lastWriteTime()).isEqualTo(0x01d4bfcaed1a876fL);
        assertThat(m.size()).isEqualTo(16);
        assertThat(m.fileId()).isEqualTo(0xc52f8c2eL + 0xaeff574dL);
    }

    @Test
    void nameBeyondTheMessageIsCutShort() {
        // the same request ending two bytes into the name
        SmbMessage.Header h = parser.header(CREATE, 4, CREATE.length - 20);
        assertThat(parser.body(h, true, CREATE, 4, CREATE.length - 20)).isNull();
    }

    @Test
    void shortHeaderIsNull() {
        assertThat(parser.header(CREATE, 4, 40)).isNull();
    }

    @Test
    void unknownCommandsAreOther() {
        byte[] b = CREATE.clone();
        b[4 + 12] = 0x10; // QUERY_INFO
        SmbMessage.Header h = parser.header(b, 4, b.length);
        assertThat(parser.body(h, true, b, 4, b.length)).isSameAs(SmbMessage.OTHER);
    }

    @Test
    void randomBodiesOfEveryCommandNeverThrow() {
        // every command in both directions over random bytes and lengths (seeded): null or a message, no exception
        var rnd = new java.util.Random(7);
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[4 + 64 + rnd.nextInt(160)];
            rnd.nextBytes(b);
            System.arraycopy(CREATE, 4, b, 4, 4); // \xfeSMB
            b[4 + 12] = (byte) rnd.nextInt(20);
            b[4 + 13] = 0;
            SmbMessage.Header h = parser.header(b, 4, b.length);
            if (parser.body(h, rnd.nextBoolean(), b, 4, b.length) != null) parsed++;
        }
        assertThat(parsed).isPositive();
    }
}
