package org.brocapi.analyzer.protocol.smb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.brocapi.analyzer.files.FileManager;
import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmbAnalyzerTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";
    private static final int CPORT = 49155;
    private static final long TREE = 7, PERSISTENT = 0x11, VOLATILE = 0x22;
    /** 2019-02-08 16:25:38 UTC as a FILETIME (from smb2readwrite.pcap): the modified time the file handle carries. */
    private static final long MODIFIED = 0x01d4bfcaed1a876fL;

    @TempDir
    Path dir;

    /** A NetBIOS session message holding one SMB2 PDU: the 64-byte header (MS-SMB2 §2.2.1) then {@code body}. */
    private static byte[] pdu(int command, long messageId, boolean response, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(4 + 64 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(Integer.reverseBytes(64 + body.length)); // type 0 + 24-bit big-endian length
        b.put(new byte[] {(byte) 0xfe, 'S', 'M', 'B'}).putShort((short) 64).putShort((short) 0);
        b.putInt(0).putShort((short) command).putShort((short) 1).putInt(response ? 1 : 0).putInt(0);
        b.putLong(messageId).putInt(0).putInt((int) TREE).putLong(0x55).put(new byte[16]);
        return b.put(body).array();
    }

    private static byte[] createRequest(String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer b = ByteBuffer.allocate(56 + n.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 57).put((byte) 0).put((byte) 0).putInt(2).putLong(0).putLong(0);
        b.putInt(0x120089).putInt(0x80).putInt(3).putInt(1).putInt(0x60);
        b.putShort((short) (64 + 56)).putShort((short) n.length).putInt(0).putInt(0);
        return b.put(n).array();
    }

    private static byte[] createResponse(long size) {
        ByteBuffer b = ByteBuffer.allocate(88).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 89).put((byte) 0).put((byte) 0).putInt(1);
        b.putLong(MODIFIED).putLong(MODIFIED).putLong(MODIFIED).putLong(MODIFIED);
        b.putLong(size).putLong(size).putInt(0x80).putInt(0).putLong(PERSISTENT).putLong(VOLATILE);
        return b.putInt(0).putInt(0).array();
    }

    private static byte[] readRequest(long offset, int length) {
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 49).put((byte) 0).put((byte) 0).putInt(length).putLong(offset);
        return b.putLong(PERSISTENT).putLong(VOLATILE).putInt(0).putInt(0).putInt(0).putShort((short) 0)
                .putShort((short) 0).array();
    }

    private static byte[] readResponse(String data) {
        byte[] d = data.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(16 + d.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 17).put((byte) (64 + 16)).put((byte) 0).putInt(d.length).putInt(0).putInt(0);
        return b.put(d).array();
    }

    private static byte[] closeRequest() {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        return b.putShort((short) 24).putShort((short) 0).putInt(0).putLong(PERSISTENT).putLong(VOLATILE).array();
    }

    private static AnalyzerHarness readSession(String name, String content) {
        return new AnalyzerHarness().tcpOpen(CLIENT, CPORT, SERVER, 445)
                .tcp(CLIENT, CPORT, SERVER, 445, true, pdu(SmbParser.CREATE, 1, false, createRequest(name)))
                .tcp(CLIENT, CPORT, SERVER, 445, false, pdu(SmbParser.CREATE, 1, true, createResponse(content.length())))
                .tcp(CLIENT, CPORT, SERVER, 445, true, pdu(SmbParser.READ, 2, false, readRequest(0, 1024)))
                .tcp(CLIENT, CPORT, SERVER, 445, false, pdu(SmbParser.READ, 2, true, readResponse(content)))
                .tcp(CLIENT, CPORT, SERVER, 445, true, pdu(SmbParser.CLOSE, 3, false, closeRequest()));
    }

    @Test
    void readFileIsNamedByItsHandleAndCompleteAtItsSize() {
        var r = readSession("notes.txt", "hello world\n").run(dir, "base/protocols/conn", "base/protocols/smb");
        assertThat(r.rows("files")).hasSize(1);
        Map<String, String> f = r.rows("files").get(0);
        String handle = "Analyzer::ANALYZER_SMB" + CLIENT + SERVER + "notes.txt" + Long.toUnsignedString(MODIFIED);
        assertThat(f.get("fuid")).isEqualTo(FileManager.fuid(handle));
        assertThat(f.get("source")).isEqualTo("SMB");
        assertThat(f.get("filename")).isEqualTo("notes.txt");
        assertThat(f.get("is_orig")).isEqualTo("F");
        assertThat(f.get("seen_bytes")).isEqualTo("12");
        assertThat(f.get("total_bytes")).isEqualTo("12");
        assertThat(f.get("mime_type")).isEqualTo("text/plain");
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("smb");
    }

    @Test
    void smbFilesLogHasTheOpenOnceAndNoReadsByDefault() {
        var r = readSession("notes.txt", "hello world\n").run(dir, "base/protocols/conn", "base/protocols/smb");
        var rows = r.rows("smb_files");
        assertThat(rows).hasSize(1);
        Map<String, String> open = rows.get(0);
        assertThat(open.get("action")).isEqualTo("SMB::FILE_OPEN");
        assertThat(open.get("name")).isEqualTo("notes.txt");
        assertThat(open.get("size")).isEqualTo("12");
        assertThat(open.get("path")).isEqualTo("-");
        assertThat(open.get("fuid")).isEqualTo("-");
        // FILETIME 0x01d4bfcaed1a876f = ticks / 10^7 - 11644473600 seconds
        assertThat(open.get("times.modified")).isEqualTo("1549643138.282482");
    }

    @Test
    void loggedFileActionsRedefsAddAndRemove() {
        var redefs = java.util.List.of(
                org.brocapi.analyzer.script.Redef.parse("redef SMB::logged_file_actions += { SMB::FILE_READ, SMB::FILE_WRITE };"),
                org.brocapi.analyzer.script.Redef.parse("redef SMB::logged_file_actions -= { SMB::FILE_OPEN };"));
        assertThat(SmbProtocol.loggedFileActions(redefs))
                .containsExactlyInAnyOrder("FILE_READ", "FILE_WRITE", "FILE_RENAME", "FILE_DELETE", "PRINT_OPEN",
                        "PRINT_CLOSE");
    }

    @Test
    void handleEscapesNonPrintableBytesLikeZeeksClean() {
        assertThat(SmbAnalyzer.clean("a\\b\u00e9\t")).isEqualTo("a\\b\\xc3\\xa9\\x09");
    }

    @Test
    void closeEndsAFileOfUnknownSize() {
        // size 0 in the CREATE response: no total_bytes, the CLOSE ends the file
        var h = new AnalyzerHarness().tcpOpen(CLIENT, CPORT, SERVER, 445)
                .tcp(CLIENT, CPORT, SERVER, 445, true, pdu(SmbParser.CREATE, 1, false, createRequest("x.bin")))
                .tcp(CLIENT, CPORT, SERVER, 445, false, pdu(SmbParser.CREATE, 1, true, createResponse(0)))
                .tcp(CLIENT, CPORT, SERVER, 445, true, pdu(SmbParser.READ, 2, false, readRequest(0, 1024)))
                .tcp(CLIENT, CPORT, SERVER, 445, false, pdu(SmbParser.READ, 2, true, readResponse("abc")))
                .tcp(CLIENT, CPORT, SERVER, 445, true, pdu(SmbParser.CLOSE, 3, false, closeRequest()));
        Map<String, String> f = h.run(dir, "base/protocols/conn", "base/protocols/smb").rows("files").get(0);
        assertThat(f.get("total_bytes")).isEqualTo("-");
        assertThat(f.get("seen_bytes")).isEqualTo("3");
        assertThat(f.get("timedout")).isEqualTo("F");
    }

    @Test
    void messageCutShortAfterConfirmationIsAViolationAndKeepsWhatWasLogged() {
        byte[] bad = pdu(SmbParser.CREATE, 9, false, createRequest("name.txt"));
        bad[4 + 64 + 46] = (byte) 0xf0; // name length far beyond the message
        var r = readSession("a.txt", "abc").tcp(CLIENT, CPORT, SERVER, 445, true, bad)
                .run(dir, "base/protocols/conn", "base/protocols/smb", "base/frameworks/analyzer/logging");
        Map<String, String> failure = r.rows("analyzer").get(0);
        assertThat(failure.get("analyzer_name")).isEqualTo("SMB");
        assertThat(failure.get("failure_reason")).startsWith("Binpac exception");
        assertThat(r.rows("files")).hasSize(1);
    }

    @Test
    void garbageBodiesNeverThrow() {
        // SMB2 headers with every command and random bodies, random next_command and lengths (seeded)
        var rnd = new java.util.Random(5);
        var h = new AnalyzerHarness().tcpOpen(CLIENT, CPORT, SERVER, 445);
        for (int i = 0; i < 300; i++) {
            byte[] body = new byte[rnd.nextInt(120)];
            rnd.nextBytes(body);
            byte[] m = pdu(rnd.nextInt(20), rnd.nextInt(4), false, body);
            if (rnd.nextBoolean()) m[4 + 20] = (byte) rnd.nextInt(256); // next_command
            h.tcp(CLIENT, CPORT, SERVER, 445, rnd.nextBoolean(), m);
        }
        var r = h.run(dir, "base/protocols/conn", "base/protocols/smb");
        assertThat(r.rows("conn")).hasSize(1);
    }

    @Test
    void dataBeforeAnSmbHeaderIsIgnored() {
        var r = new AnalyzerHarness().tcpOpen(CLIENT, CPORT, SERVER, 445)
                .tcp(CLIENT, CPORT, SERVER, 445, true, "garbage, not smb".getBytes(StandardCharsets.US_ASCII))
                .run(dir, "base/protocols/conn", "base/protocols/smb", "base/frameworks/analyzer/logging");
        assertThat(r.rows("analyzer")).isEmpty();
        assertThat(r.rows("conn").get(0).get("service")).isEqualTo("-");
    }
}
