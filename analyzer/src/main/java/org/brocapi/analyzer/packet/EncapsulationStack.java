package org.brocapi.analyzer.packet;

import java.util.ArrayList;
import java.util.List;

/**
 * The tunnels around a packet, outermost first (Zeek's {@code EncapsulationStack}).
 *
 * <p>Mutable on purpose: as in Zeek, an inner packet shares its outer packet's stack object and
 * decapsulation appends to it, and a connection keeps the stack object of the packet that created
 * it until the first change replaces it with a copy. So a connection that itself carries a tunnel
 * sees its stack grow while its first packet is decapsulated, and its second packet reports a
 * (harmless) change, exactly as Zeek does.
 */
public final class EncapsulationStack {
    private final List<Encapsulation> conns;

    public EncapsulationStack() {
        conns = new ArrayList<>(4);
    }

    private EncapsulationStack(List<Encapsulation> copy) {
        conns = new ArrayList<>(copy);
    }

    public EncapsulationStack copy() {
        return new EncapsulationStack(conns);
    }

    public void add(Encapsulation e) {
        conns.add(e);
    }

    public int depth() {
        return conns.size();
    }

    /** The innermost tunnel, null when none. */
    public Encapsulation last() {
        return conns.isEmpty() ? null : conns.get(conns.size() - 1);
    }

    public List<Encapsulation> all() {
        return List.copyOf(conns);
    }

    /** Depth of a possibly absent stack. */
    public static int depth(EncapsulationStack s) {
        return s == null ? 0 : s.conns.size();
    }

    /** Zeek's stack comparison: same depth and every level {@link Encapsulation#sameAs}. */
    public boolean sameAs(EncapsulationStack b) {
        EncapsulationStack a = this;
        if (a.conns.size() != b.conns.size()) return false;
        for (int i = 0; i < a.conns.size(); i++) {
            if (!a.conns.get(i).sameAs(b.conns.get(i))) return false;
        }
        return true;
    }
}
