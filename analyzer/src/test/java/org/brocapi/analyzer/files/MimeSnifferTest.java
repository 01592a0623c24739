package org.brocapi.analyzer.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.brocapi.analyzer.bytes.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Which type Zeek's file magic picks for typical file starts (the strongest matching rule wins). */
class MimeSnifferTest {
    private static String sniff(String latin1) {
        byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
        return MimeSniffer.get().sniff(b, 0, b.length);
    }

    private static String sniffHex(String hex) {
        byte[] b = Hex.bytes(hex);
        return MimeSniffer.get().sniff(b, 0, b.length);
    }

    static Stream<Arguments> textStarts() {
        return Stream.of(
                // text/html's three rules: xhtml-ish start (100) beats doctype (49) beats head/body (20)
                Arguments.of("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\"><html>", "text/html"),
                Arguments.of("  <!-- a comment -->\n<HTML><HEAD><TITLE>x</TITLE>", "text/html"),
                Arguments.of("<head><title>moved</title></head>", "text/html"),
                Arguments.of("<?xml version=\"1.0\"?>\n<!DOCTYPE html>", "text/html"),
                // plain text needs 10 printable or space bytes
                Arguments.of("Hello, world: this is text.", "text/plain"),
                Arguments.of("{\"name\": \"value\", \"n\": 1}", "text/json"),
                Arguments.of("[1, 2, 3]", "text/json"),
                Arguments.of("<?xml version=\"1.0\" encoding=\"UTF-8\"?><note/>", "application/xml"),
                Arguments.of("<?xml version=\"1.0\"?><rss version=\"2.0\">", "text/rss"),
                Arguments.of("%PDF-1.4\n%\u00e2\u00e3", "application/pdf"),
                Arguments.of("GIF89a\u0001\u0000\u0001\u0000", "image/gif"),
                Arguments.of("MZ\u0090\u0000\u0003\u0000\u0000\u0000", "application/x-dosexec"),
                Arguments.of("#!/bin/sh\necho hi", "text/x-shellscript"),
                Arguments.of("From: alice@example.com\nTo: bob", "message/rfc822"),
                Arguments.of("CWS\u0009\u0000\u0000", "application/x-shockwave-flash"),
                Arguments.of("<script type=\"text/javascript\">var a;", "application/javascript"));
    }

    @ParameterizedTest
    @MethodSource("textStarts")
    void picksTheStrongestType(String data, String expected) {
        assertThat(sniff(data)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "89504e470d0a1a0a0000000d49484452 | image/png",
            "ffd8ffe000104a464946 | image/jpeg",
            "504b0304140000000800 | application/zip",
            "1f8b0800000000000003 | application/x-gzip",
            "425a6839314159265359 | application/x-bzip2",
            "7f454c4602010100000000000000000002003e00 | application/x-executable",
            "d0cf11e0a1b11ae10000 | application/msword"})
    void binaryMagic(String hex, String expected) {
        assertThat(sniffHex(hex)).isEqualTo(expected);
    }

    @Test
    void aPkwareSelfExtractorIsAZipNotAnExecutable() {
        // the zip rule (340) beats the MZ rule (51)
        assertThat(sniff("MZ" + "\0".repeat(28) + "Copyright 1989-1990 PKWARE Inc.")).isEqualTo("application/zip");
        assertThat(sniff("MZ" + "\0".repeat(28) + "Copyright 1989-1990 PKWARE Inc")).isEqualTo("application/x-dosexec");
    }

    @Test
    void unifiedDiffNeedsItsPiecesInOrder() {
        assertThat(sniff("intro\n--- a/x\n+++ b/x\n@@ -1 +1 @@")).isEqualTo("text/x-diff");
        assertThat(sniff("intro\n+++ b/x\n--- a/x\n@@ -1 +1 @@")).isEqualTo("text/plain");
    }

    @Test
    void nothingMatchesShortTextOrBinaryNoise() {
        assertThat(sniff("short")).isNull();
        assertThat(sniffHex("0102030405060708090a0b0c")).isNull();
        assertThat(MimeSniffer.get().sniff(new byte[0], 0, 0)).isNull();
    }

    @Test
    void rulesAreAnchoredAtTheStart() {
        // Zeek's file magic only matches from the first byte: "MZ" later in the data is no executable
        assertThat(sniff("some text before MZ and more")).isEqualTo("text/plain");
        assertThat(sniff("xx%PDF-1.4 and more text")).isEqualTo("text/plain");
    }

    @Test
    void emptyJsonDocumentIsPlainTextBecauseZeeksEndAnchorNeverMatches() {
        // general.sig's rule for {} and [] ends in '$', which file magic never sees
        assertThat(sniff("{}         ")).isEqualTo("text/plain");
    }

    @Test
    void equalStrengthTiesGoToTheSmallestTypeName() throws Exception {
        var table = MimeSniffer.parse(new BufferedReader(new StringReader(
                "5\ttext/zeta\tab\n5\ttext/alpha\ta.\n1\ttext/low\ta\n")));
        byte[] b = "abc".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(table.sniff(b, 0, 3)).isEqualTo("text/alpha");
    }

    @Test
    void aWholeBofBufferOfSpacesBeforeMarkupIsStillSniffed() {
        // the markup rules' space/comment prefixes are written so this stays linear (see the table header)
        assertThat(sniff(" \t\r\n".repeat(1023) + "<html>")).isEqualTo("text/html");
        assertThat(sniff(" \t\r\n".repeat(1023) + "xxxx")).isEqualTo("text/plain");
    }

    @Test
    void literalPrefixesAreOnlyTheFixedLeadingBytes() {
        assertThat(MimeSniffer.literalPrefix("%PDF-")).containsExactly("%PDF-".getBytes(StandardCharsets.US_ASCII));
        assertThat(MimeSniffer.literalPrefix("\\x89PNG")).containsExactly(0x89, 'P', 'N', 'G');
        assertThat(MimeSniffer.literalPrefix("MZ.{28}x")).containsExactly('M', 'Z');
        assertThat(MimeSniffer.literalPrefix("bplist0?")).containsExactly('b', 'p', 'l', 'i', 's', 't');
        assertThat(MimeSniffer.literalPrefix("ab+c")).containsExactly('a', 'b');
        assertThat(MimeSniffer.literalPrefix("ab|cd")).isEmpty();
        assertThat(MimeSniffer.literalPrefix("(?:ab|cd)x")).isEmpty();
        assertThat(MimeSniffer.literalPrefix("\\sfoo")).isEmpty();
        assertThat(MimeSniffer.literalPrefix("a[|]b")).containsExactly('a');
    }

    @Test
    void theWholeTableCompiles() {
        assertThat(MimeSniffer.get().rules()).hasSizeGreaterThan(150);
        // the sniffer compiles a rule's regex on first use: compile them all here
        for (MimeSniffer.Rule r : MimeSniffer.get().rules()) {
            assertThat(r.pattern()).as(r.mimeType()).isNotNull();
            if (MimeSniffer.anywhereRest(r.pattern().pattern()) != null) assertThat(r.anywhere()).isNotNull();
        }
        assertThat(MimeSniffer.get().rules().getFirst().strength()).isEqualTo(340);
    }

    @Test
    void aLeadingDotStarRuleIsMatchedByFindingItsRestWithTheSameAnswer() {
        String[] inputs = {"<?php echo 1;", "junk before <?php", "no php here", "P1 12  34", "xxP3 1  2", "P2", "",
                "\u0000\u0001P1\n5  6", "<html><?php"};
        int checked = 0;
        for (MimeSniffer.Rule r : MimeSniffer.get().rules()) {
            if (r.anywhere() == null) continue;
            checked++;
            for (String in : inputs) {
                assertThat(r.anywhere().matcher(in).find()).as(r.mimeType() + " on " + in)
                        .isEqualTo(r.pattern().matcher(in).lookingAt());
            }
        }
        assertThat(checked).as("rules of the form .*REST").isGreaterThanOrEqualTo(4);
    }

    @Test
    void aRuleIsSkippedOnlyWhenTheBytesItNeedsAreAbsent() {
        assertThat(MimeSniffer.needle(".*<\\?php")).containsExactly('<', '?', 'p', 'h', 'p');
        assertThat(MimeSniffer.needle("(?>.*?--- )(?>.*?\\n)(?>.*?@@)")).containsExactly('-', '-', '-', ' ');
        assertThat(MimeSniffer.needle(".*(?:a|b)")).isEmpty();
        assertThat(MimeSniffer.needle("MZ")).isEmpty();
        // every rule with a needle answers as its bare regex does, needle present or not
        String[] inputs = {"<?php echo 1;", "junk before <?php", "no php here", "P1 12  34", "xxP3 1  2",
                "--- a\n+++ b\n@@ -1 +1 @@", "+++ b\n--- a\n@@", "xx--- a\n+++ b\n@@"};
        int checked = 0;
        for (MimeSniffer.Rule r : MimeSniffer.get().rules()) {
            if (r.needle().length == 0) continue;
            checked++;
            for (String in : inputs) {
                byte[] b = in.getBytes(StandardCharsets.ISO_8859_1);
                boolean kept = MimeSniffer.indexOf(b, 0, b.length, r.needle()) >= 0;
                if (!kept) assertThat(r.pattern().matcher(in).lookingAt()).as(r.mimeType() + " on " + in).isFalse();
            }
        }
        assertThat(checked).as("rules with a needle").isGreaterThanOrEqualTo(5);
        assertThat(sniff("xx--- a\n+++ b\n@@ -1 +1 @@")).isEqualTo("text/x-diff");
        assertThat(sniff("<html><body><?php echo 1; ?>")).isEqualTo("text/html");
    }

    @Test
    void aLeadingSkipIsCheckedByComparingTheLiteralAfterItInPlace() throws Exception {
        var table = MimeSniffer.parse(new BufferedReader(new StringReader(
                "5\ttext/skip\t.{3}ab(?:c|d)\n6\ttext/alt\t.{2}x|yz\n")));
        MimeSniffer.Rule skip = table.rules().stream().filter(r -> r.mimeType().equals("text/skip")).findFirst().orElseThrow();
        assertThat(skip.fixedAt()).isEqualTo(3);
        assertThat(skip.fixed()).containsExactly('a', 'b');
        MimeSniffer.Rule alt = table.rules().getFirst();
        assertThat(alt.fixed()).as("a top-level alternative needs no skip").isEmpty();
        for (String in : new String[] {"123abc", "123abd", "123abe", "12ab", "123a", "xxxxab", "", "yz", "00x"}) {
            byte[] b = in.getBytes(StandardCharsets.ISO_8859_1);
            String want = alt.pattern().matcher(in).lookingAt() ? "text/alt"
                    : skip.pattern().matcher(in).lookingAt() ? "text/skip" : null;
            assertThat(table.sniff(b, 0, b.length)).as(in).isEqualTo(want);
        }
        // the table's own skip rules
        MimeSniffer.Rule pif = MimeSniffer.get().rules().stream()
                .filter(r -> r.mimeType().equals("application/x-dosexec") && r.fixedAt() == 369).findFirst().orElseThrow();
        assertThat(new String(pif.fixed(), StandardCharsets.ISO_8859_1)).isEqualTo("MICROSOFT PIFEX\u0000");
        String pifFile = "x".repeat(369) + "MICROSOFT PIFEX\u0000rest";
        assertThat(sniff(pifFile)).isEqualTo("application/x-dosexec");
        assertThat(sniff("x".repeat(368) + "MICROSOFT PIFEX\u0000rest")).isNotEqualTo("application/x-dosexec");
    }

    @Test
    void theNeedleSearchFindsTheFirstOccurrenceAtEveryAlignment() {
        var rnd = new java.util.Random(42);
        for (int round = 0; round < 3000; round++) {
            int len = rnd.nextInt(40);
            byte[] b = new byte[len + 6];
            for (int i = 0; i < b.length; i++) b[i] = (byte) "ab\u0000\u00ff-".charAt(rnd.nextInt(5));
            byte[] needle = new byte[1 + rnd.nextInt(3)];
            for (int i = 0; i < needle.length; i++) needle[i] = (byte) "ab\u0000\u00ff-".charAt(rnd.nextInt(5));
            int off = rnd.nextInt(4);
            int n = Math.min(len, b.length - off);
            assertThat(MimeSniffer.indexOf(b, off, n, needle)).as("round " + round).isEqualTo(naiveIndexOf(b, off, n, needle));
        }
        byte[] page = new byte[4096];
        page[4095] = 'P';
        assertThat(MimeSniffer.indexOf(page, 0, 4096, new byte[] {'P'})).isEqualTo(4095);
        assertThat(MimeSniffer.indexOf(page, 0, 4096, new byte[] {'P', '1'})).isEqualTo(-1);
        assertThat(MimeSniffer.indexOf(page, 0, 4095, new byte[] {'P'})).as("outside the range").isEqualTo(-1);
    }

    private static int naiveIndexOf(byte[] b, int off, int len, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= len; i++) {
            for (int j = 0; j < needle.length; j++) if (b[off + i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
