package org.brocapi.analyzer.protocol.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.brocapi.analyzer.bytes.Hex;
import org.junit.jupiter.api.Test;

class LdapParserTest {
    // RFC 4511 §4.2 simple bind, messageID 1: version 3, name "cn=admin", simple [0] "secret"
    static final byte[] SIMPLE_BIND = Hex.bytes(
            "30 1a 020101 60 15 020103 0408 636e3d61646d696e 8006 736563726574");
    // BindResponse, messageID 1, success, empty matchedDN and diagnosticMessage
    static final byte[] BIND_OK = Hex.bytes("30 0c 020101 61 07 0a0100 0400 0400");
    // SearchRequest, messageID 2: base "", scope base, never deref, no limits, (objectClass=*), no attributes
    static final byte[] SEARCH = Hex.bytes(
            "30 25 020102 63 20 0400 0a0100 0a0100 020100 020100 010100 870b 6f626a656374436c617373 3000");

    private static LdapParser.Result parse(byte[] b) {
        return LdapParser.message(b, 0, b.length, false, "");
    }

    @Test
    void simpleBindRequest() {
        var r = parse(SIMPLE_BIND);
        assertThat(r.status()).isEqualTo(LdapParser.Status.OK);
        assertThat(r.consumed()).isEqualTo(SIMPLE_BIND.length);
        var m = r.message();
        assertThat(m.messageId()).isEqualTo(1);
        assertThat(m.opcode()).isEqualTo(LdapCodes.BIND_REQUEST);
        assertThat(m.bindVersion()).isEqualTo(3);
        assertThat(m.object()).isEqualTo("cn=admin");
        assertThat(m.argument()).isEqualTo("secret");
        assertThat(m.bindAuthType()).isEqualTo(LdapCodes.BIND_AUTH_SIMPLE);
    }

    @Test
    void bindResponseResult() {
        var m = parse(BIND_OK).message();
        assertThat(m.opcode()).isEqualTo(LdapCodes.BIND_RESPONSE);
        assertThat(m.result()).isEqualTo(LdapCodes.SUCCESS);
    }

    @Test
    void searchRequestFilterInZeeksForm() {
        var m = parse(SEARCH).message();
        assertThat(m.search().filter()).isEqualTo("(objectClass=*)");
        assertThat(m.search().scope()).isZero();
    }

    @Test
    void andFilterNestsPairwiseLikeZeek() {
        // (&(a=1)(b=2)(c=3)) is printed as (&(&(a=1)(b=2))(c=3))
        byte[] b = Hex.bytes("30 2e 020103 63 29 0400 0a0102 0a0100 020100 020100 010100"
                + " a0 18 a3 06 0401 61 0401 31 a3 06 0401 62 0401 32 a3 06 0401 63 0401 33 3000");
        fixLength(b);
        var r = parse(b);
        assertThat(r.status()).isEqualTo(LdapParser.Status.OK);
        assertThat(r.message().search().filter()).isEqualTo("(&(&(a=1)(b=2))(c=3))");
    }

    /** Sets the outer SEQUENCE and [APPLICATION 3] lengths of a short-form fixture from its size. */
    private static void fixLength(byte[] b) {
        b[1] = (byte) (b.length - 2);
        b[6] = (byte) (b.length - 7);
    }

    @Test
    void partialMessageNeedsMore() {
        for (int n = 1; n < SIMPLE_BIND.length; n++) {
            assertThat(LdapParser.message(SIMPLE_BIND, 0, n, false, "").status()).isEqualTo(LdapParser.Status.NEED_MORE);
            assertThat(LdapParser.message(SIMPLE_BIND, 0, n, true, "").status()).isEqualTo(LdapParser.Status.ERROR);
        }
    }

    @Test
    void hugeLengthsWaitInsteadOfOverflowing() {
        byte[] b = Hex.bytes("30 88 7fffffffffffffff 020101 4200");
        assertThat(parse(b).status()).isEqualTo(LdapParser.Status.NEED_MORE);
        assertThat(LdapParser.message(b, 0, b.length, true, "").status()).isEqualTo(LdapParser.Status.ERROR);
    }

    @Test
    void notASequenceIsAnError() {
        var r = parse(Hex.bytes("31 03 020101"));
        assertThat(r.status()).isEqualTo(LdapParser.Status.ERROR);
        assertThat(r.error()).contains("SEQUENCE");
    }

    @Test
    void operationZeekHasNoCaseForIsAnError() {
        // [APPLICATION 17] is not an LDAP operation
        assertThat(parse(Hex.bytes("30 05 020101 7100")).status()).isEqualTo(LdapParser.Status.ERROR);
    }

    @Test
    void bindWithoutAuthenticationChoiceIsAnError() {
        // the credentials are a universal OCTET STRING instead of [0] or [3]
        assertThat(parse(Hex.bytes("30 0c 020101 60 07 020103 0400 0400")).status()).isEqualTo(LdapParser.Status.ERROR);
    }

    @Test
    void operationLongerThanTheMessageIsAnError() {
        assertThat(parse(Hex.bytes("30 05 020101 4200 30 00")).status()).isEqualTo(LdapParser.Status.OK);
        assertThat(parse(Hex.bytes("30 05 020101 4201 00")).status()).isEqualTo(LdapParser.Status.ERROR);
    }

    @Test
    void controlsAfterTheOperationAreSkipped() {
        byte[] b = Hex.bytes("30 0a 020101 4200 a0 03 300100 ff");
        var r = parse(b);
        assertThat(r.status()).isEqualTo(LdapParser.Status.OK);
        assertThat(r.consumed()).isEqualTo(12);
    }

    @Test
    void deeplyNestedFilterIsAnErrorNotAnOverflow() {
        // NOT of NOT of … 30 levels deep, each a [2] around the next
        byte[] inner = Hex.bytes("87 01 61");
        for (int i = 0; i < 30; i++) {
            byte[] outer = new byte[inner.length + 2];
            outer[0] = (byte) 0xa2;
            outer[1] = (byte) inner.length;
            System.arraycopy(inner, 0, outer, 2, inner.length);
            inner = outer;
        }
        assertThat(inner.length).isLessThan(128);
        byte[] head = Hex.bytes("30 00 020103 63 00 0400 0a0100 0a0100 020100 020100 010100");
        byte[] b = new byte[head.length + inner.length + 2];
        System.arraycopy(head, 0, b, 0, head.length);
        System.arraycopy(inner, 0, b, head.length, inner.length);
        b[b.length - 2] = 0x30;
        fixLength(b);
        var r = parse(b);
        assertThat(r.status()).isEqualTo(LdapParser.Status.ERROR);
        assertThat(r.error()).contains("recursion");
    }

    @Test
    void randomBytesNeverThrow() {
        var rnd = new Random(7);
        for (int i = 0; i < 20000; i++) {
            byte[] b = new byte[8 + rnd.nextInt(60)];
            rnd.nextBytes(b);
            if (i % 2 == 0) {
                // mostly well-formed framing so the operation parsers get exercised
                b[0] = 0x30;
                b[1] = (byte) (b.length - 2);
                b[2] = 0x02;
                b[3] = 0x01;
                b[5] = (byte) (0x60 | rnd.nextInt(26));
                b[6] = (byte) (b.length - 7);
            }
            LdapParser.message(b, 0, b.length, i % 3 == 0, i % 5 == 0 ? "GSS-SPNEGO" : "");
        }
    }
}
