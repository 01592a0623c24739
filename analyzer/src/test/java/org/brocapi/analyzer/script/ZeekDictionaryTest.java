package org.brocapi.analyzer.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.brocapi.analyzer.conn.SipHash24;
import org.junit.jupiter.api.Test;

/**
 * Slot orders of Zeek's Dictionary for a fixed SipHash key (k0 = 1, k1 = 2). The expected orders
 * come from a separate throw-away script model of Dict.h, not from this class; the seeded case is
 * checked against Zeek itself by the conformance corpus (ldap pending-searches-exceeded).
 */
class ZeekDictionaryTest {
    private final SipHash24 sip = new SipHash24(1, 2);

    private ZeekDictionary dict() {
        return new ZeekDictionary(b -> sip.hash(b, 0, b.length));
    }

    @Test
    void smallTableOrderFollowsBuckets() {
        var d = dict();
        for (long i = 1; i <= 5; i++) d.insert(i);
        assertThat(d.order()).containsExactly(1L, 2L, 3L, 5L, 4L);
    }

    @Test
    void growthRemapsAndRemovalShiftsBack() {
        var d = dict();
        for (long i = 1; i <= 20; i++) d.insert(i);
        assertThat(d.order()).containsExactly(7L, 4L, 16L, 11L, 12L, 17L, 15L, 13L, 5L, 18L, 8L, 2L, 1L, 19L, 10L, 9L,
                3L, 14L, 6L, 20L);
        d.remove(7);
        d.remove(3);
        d.remove(99); // absent: nothing happens
        assertThat(d.order()).containsExactly(4L, 16L, 11L, 12L, 17L, 15L, 13L, 5L, 18L, 8L, 2L, 1L, 19L, 10L, 9L, 14L,
                20L, 6L);
    }

    @Test
    void clearStartsOverAndDuplicatesAreIgnored() {
        var d = dict();
        for (long i = 1; i <= 20; i++) d.insert(i);
        d.clear();
        assertThat(d.order()).isEmpty();
        d.insert(100);
        d.insert(-1);
        d.insert(0);
        d.insert(100);
        assertThat(d.order()).containsExactly(-1L, 0L, 100L);
    }
}
