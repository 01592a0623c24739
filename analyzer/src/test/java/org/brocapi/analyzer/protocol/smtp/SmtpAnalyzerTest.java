package org.brocapi.analyzer.protocol.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.brocapi.analyzer.files.FileManager;
import org.brocapi.analyzer.log.ZeekText;
import org.brocapi.analyzer.testing.AnalyzerHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** smtp.log and the mail's files through the whole pipeline, as base/protocols/smtp writes them. */
class SmtpAnalyzerTest {
    private static final String CLIENT = "10.0.0.1", SERVER = "10.0.0.2";
    private static final String ATTACHMENT = "quarterly numbers\r\nall good\r\n";

    @TempDir
    Path dir;

    private static void send(AnalyzerHarness h, boolean fromClient, String text) {
        h.tcp(CLIENT, 50000, SERVER, 25, fromClient, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A mail with a text part and a base64 attachment (RFC 2046 multipart/mixed). */
    private static String mail(String subject) {
        String b64 = Base64.getMimeEncoder(20, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(ATTACHMENT.getBytes(StandardCharsets.US_ASCII));
        return "From: Alice <alice@example.com>\r\n"
                + "To: bob@example.org, Carol <carol@example.org>\r\n"
                + "Subject: " + subject + "\r\n"
                + "Received: from relay.example.com (relay.example.com [192.0.2.7]) by mx.example.org\r\n"
                + "X-Mailer: TestMailer 1.0\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n"
                + "\r\n"
                + "preamble, not a part\r\n"
                + "--XYZ\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "Hi Bob,\r\n"
                + "..see attached.\r\n" // dot-stuffed line (RFC 5321 §4.5.2)
                + "--XYZ\r\n"
                + "Content-Type: text/plain; name=\"ignored.txt\"\r\n"
                + "Content-Disposition: attachment; filename=\"report.txt\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + b64 + "\r\n"
                + "--XYZ--\r\n"
                + ".\r\n";
    }

    private static AnalyzerHarness session(String... subjects) {
        var h = new AnalyzerHarness().tcpOpen(CLIENT, 50000, SERVER, 25);
        send(h, false, "220 mx.example.org ESMTP\r\n");
        send(h, true, "EHLO client.example.com\r\n");
        send(h, false, "250-mx.example.org\r\n250 8BITMIME\r\n");
        for (String subject : subjects) {
            send(h, true, "MAIL FROM:<alice@example.com>\r\n");
            send(h, false, "250 OK\r\n");
            send(h, true, "RCPT TO:<bob@example.org>\r\n");
            send(h, false, "250 Accepted\r\n");
            send(h, true, "DATA\r\n");
            send(h, false, "354 go ahead\r\n");
            send(h, true, mail(subject));
            send(h, false, "250 OK queued as " + subject + "\r\n");
        }
        send(h, true, "QUIT\r\n");
        send(h, false, "221 bye\r\n");
        return h;
    }

    @Test
    void leafEntitiesBecomeFilesWithDepthFilenameAndDecodedBytes() {
        var result = session("report").run(dir, "base/protocols/conn", "base/protocols/smtp");
        List<Map<String, String>> files = result.rows("files");
        assertThat(files).hasSize(2);
        Map<String, String> text = files.get(0), attachment = files.get(1);
        // entity 1 is the multipart mail itself, 2 the text part, 3 the attachment
        assertThat(text).containsEntry("source", "SMTP").containsEntry("depth", "2").containsEntry("filename", "-")
                .containsEntry("is_orig", "T")
                .containsEntry("seen_bytes", Integer.toString("Hi Bob,\r\n.see attached.".length()));
        assertThat(attachment).containsEntry("depth", "3").containsEntry("filename", "report.txt")
                .containsEntry("seen_bytes", Integer.toString(ATTACHMENT.length()))
                .containsEntry("mime_type", "text/plain");
        // the handle is cat(ANALYZER_SMTP, c$start_time, trans_depth, "", mime_depth)
        // cat() renders a time with trailing zeros trimmed but at least one decimal (ODesc::Add(double))
        String startTime = result.rows("conn").get(0).get("ts").replaceAll("0+$", "").replaceAll("\\.$", ".0");
        assertThat(attachment.get("fuid")).isEqualTo(FileManager.fuid("Analyzer::ANALYZER_SMTP" + startTime + "13"));
    }

    @Test
    void smtpLogHasTheEnvelopeTheTopLevelHeadersAndTheFuids() {
        var result = session("report").run(dir, "base/protocols/smtp");
        List<Map<String, String>> smtp = result.rows("smtp");
        assertThat(smtp).hasSize(1);
        Map<String, String> row = smtp.get(0);
        assertThat(row).containsEntry("trans_depth", "1").containsEntry("helo", "client.example.com")
                .containsEntry("mailfrom", "alice@example.com").containsEntry("rcptto", "bob@example.org")
                .containsEntry("from", "Alice <alice@example.com>").containsEntry("subject", "report")
                .containsEntry("user_agent", "TestMailer 1.0").containsEntry("last_reply", "250 OK queued as report")
                .containsEntry("path", "10.0.0.2,10.0.0.1,192.0.2.7").containsEntry("tls", "F")
                .containsEntry("first_received",
                        "from relay.example.com (relay.example.com [192.0.2.7]) by mx.example.org");
        // a set[string]: both addresses, in whatever order Zeek's table iterates
        assertThat(row.get("to").split(",")).containsExactlyInAnyOrder("bob@example.org", "Carol <carol@example.org>");
        List<String> fuids = result.rows("files").stream().map(f -> f.get("fuid")).toList();
        assertThat(row.get("fuids")).isEqualTo(String.join(",", fuids));
    }

    @Test
    void secondMailGetsTheNextTransDepthAndMimeDepthKeepsCounting() {
        var result = session("one", "two").run(dir, "base/protocols/smtp");
        List<Map<String, String>> smtp = result.rows("smtp");
        assertThat(smtp).extracting(r -> r.get("trans_depth")).containsExactly("1", "2");
        assertThat(smtp).extracting(r -> r.get("subject")).containsExactly("one", "two");
        // c$smtp_state$mime_depth is per connection: the second mail's entities are 4, 5 and 6
        assertThat(result.rows("files")).extracting(r -> r.get("depth")).containsExactly("2", "3", "5", "6");
        assertThat(smtp.get(1).get("fuids").split(",")).hasSize(2);
    }

    @Test
    void addressHelpersFollowTheUtilityScripts() {
        assertThat(SmtpTransactions.emailAddresses("TO:<bob@example.org> ORCPT=rfc822;bob@example.org"))
                .containsExactly("bob@example.org", "ORCPT=rfc822bob@example.org");
        assertThat(SmtpTransactions.mimeAddresses("\"Doe, J\" <j@x.org>, k@y.org"))
                .containsExactly("\"Doe, J\" <j@x.org>", "k@y.org");
        assertThat(SmtpTransactions.ipAddresses("from a (b [192.0.2.1]) by 198.51.100.2x", true))
                .extracting(ZeekText::addrString).containsExactly("192.0.2.1");
        assertThat(SmtpTransactions.ipAddresses("x 203.0.113.9 y", false))
                .extracting(ZeekText::addrString).containsExactly("203.0.113.9");
    }
}
