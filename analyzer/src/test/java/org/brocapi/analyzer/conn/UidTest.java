package org.brocapi.analyzer.conn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UidTest {
    // The 21 numbers of the conformance corpus' random.seed (Zeek's testing/btest/random.seed)
    static final long[] CORPUS_SEED = {2983378351L, 1299727368L, 0L, 310447L, 0L, 1409073626L, 3975311262L,
        34130240L, 1450515018L, 1466150520L, 1342286698L, 1193956778L, 2188527278L, 3361989254L, 3912865238L,
        3596260151L, 517973768L, 1462428821L, 0L, 2278350848L, 32767L};

    // From the conformance README ("Deterministic UIDs"), i.e. what Zeek 8 prints for this seed
    static final List<String> FIRST_UIDS = List.of("CHhAvVGS1DHFjwGM9", "ClEkJM2Vm5giqnMf4h",
            "C4J4Th3PJpwUYZZ6gc", "CtPZjS20MLrsMUOJi2", "CUM0KZ3MLUfNB0cl11", "CmES5u32sYpV7JYN");

    @Test
    void seedNumbersGiveZeeksFirstConnectionUids() {
        Uid uid = Uid.fromSeedNumbers(CORPUS_SEED);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < FIRST_UIDS.size(); i++) {
            got.add(uid.next());
        }
        assertThat(got).containsExactlyElementsOf(FIRST_UIDS);
    }

    @Test
    void seedFileIsParsedLikeZeek(@TempDir Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (long n : CORPUS_SEED) {
            sb.append(n).append('\n');
        }
        Path f = Files.writeString(dir.resolve("random.seed"), sb);
        assertThat(Uid.fromSeedFile(f).next()).isEqualTo("CHhAvVGS1DHFjwGM9");
    }

    @Test
    void corpusSeedFileWhenPresent() throws IOException {
        Path corpus = org.brocapi.analyzer.testing.Corpus.dir().resolve("random.seed");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(corpus), "corpus not on this machine");
        Uid uid = Uid.fromSeedFile(corpus);
        assertThat(uid.next()).isEqualTo(FIRST_UIDS.get(0));
        assertThat(uid.next()).isEqualTo(FIRST_UIDS.get(1));
    }

    @Test
    void badSeedFileIsAClearError(@TempDir Path dir) throws IOException {
        Path shortFile = Files.writeString(dir.resolve("short.seed"), "1 2 3\n");
        assertThatThrownBy(() -> Uid.fromSeedFile(shortFile)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("21 numbers");
        Path junk = Files.writeString(dir.resolve("junk.seed"), "1 2 x\n");
        assertThatThrownBy(() -> Uid.fromSeedFile(junk)).hasMessageContaining("'x' is not a number");
        long[] big = CORPUS_SEED.clone();
        big[3] = 1L << 32;
        assertThatThrownBy(() -> Uid.fromSeedNumbers(big)).hasMessageContaining("not an unsigned 32-bit");
    }

    @Test
    void base62IsLeastSignificantDigitFirstWithoutPadding() {
        StringBuilder sb = new StringBuilder();
        Uid.base62(sb, 0);
        assertThat(sb).hasToString("0");
        sb.setLength(0);
        Uid.base62(sb, 62);         // digits 0, 1 → "01", not "10"
        assertThat(sb).hasToString("01");
        sb.setLength(0);
        Uid.base62(sb, 61 + 62 * 10);  // 61 → 'Z', 10 → 'a'
        assertThat(sb).hasToString("Za");
        sb.setLength(0);
        Uid.base62(sb, -1L);        // unsigned 2^64-1 = 18446744073709551615
        assertThat(sb.length()).isEqualTo(11);
        // only the high 32 bits of the first word count: 1, then 0
        assertThat(Uid.format96("F", 0x0000_0001_ffff_ffffL, 0)).isEqualTo("F10");
    }

    @Test
    void digestModeIsReproducibleAndKeyDependent() {
        byte[] head = "pcap bytes".getBytes();
        Uid a = Uid.fromDigest(Uid.contentDigest(head, head.length, 12345));
        Uid b = Uid.fromDigest(Uid.contentDigest(head, head.length, 12345));
        Uid c = Uid.fromDigest(Uid.contentDigest(head, head.length, 12346));
        String a1 = a.next();
        assertThat(b.next()).isEqualTo(a1);
        assertThat(c.next()).isNotEqualTo(a1);
        assertThat(a1).startsWith("C").hasSizeBetween(8, 23);
        assertThatThrownBy(() -> Uid.fromDigest(new byte[8])).hasMessageContaining("16 bytes");
    }

    @Test
    void randomModeDiffersBetweenGenerators() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            seen.add(Uid.random().next());
        }
        assertThat(seen).hasSize(20);
    }

    @Test
    void sipHashMatchesThePaperVector() {
        // SipHash paper, Appendix A: key 00..0f, message 00..0e (15 bytes) → a129ca6149be45e5
        long k0 = 0x0706050403020100L;
        long k1 = 0x0f0e0d0c0b0a0908L;
        byte[] msg = new byte[15];
        for (int i = 0; i < msg.length; i++) {
            msg[i] = (byte) i;
        }
        assertThat(new SipHash24(k0, k1).hash(msg, 0, msg.length)).isEqualTo(0xa129ca6149be45e5L);
        // empty message, reference vectors.h first entry: 310e0edd47db6f72 (little-endian bytes)
        assertThat(new SipHash24(k0, k1).hash(new byte[0], 0, 0)).isEqualTo(0x726fdb47dd0e0e31L);
    }
}
