package org.brocapi.analyzer.conn;

import java.util.ArrayList;
import java.util.List;

/**
 * Zeek's {@code Site::local_nets}: the configured networks plus, because
 * {@code Site::private_address_space_is_local} is true by default, the private address space
 * (base/utils/site.zeek). Empty means local_orig/local_resp stay unset.
 */
public final class LocalNets {
    /** Site::private_address_space of Zeek v8.0 (IANA special-purpose registries, with the 6to4 forms). */
    public static final List<String> PRIVATE_ADDRESS_SPACE = List.of(
            "0.0.0.0/8", "[2002::]/24", "10.0.0.0/8", "[2002:a00::]/24", "100.64.0.0/10", "[2002:6440::]/26",
            "127.0.0.0/8", "[2002:7f00::]/24", "169.254.0.0/16", "[2002:a9fe::]/32", "172.16.0.0/12",
            "[2002:ac10::]/28", "192.0.0.0/24", "[2002:c000::]/40", "192.0.2.0/24", "[2002:c000:200::]/40",
            "192.168.0.0/16", "[2002:c0a8::]/32", "198.18.0.0/15", "[2002:c612::]/31", "198.51.100.0/24",
            "[2002:c633:6400::]/40", "203.0.113.0/24", "[2002:cb00:7100::]/40", "224.0.0.0/24",
            "[2002:e000::]/40", "239.0.0.0/8", "[2002:ef00::]/24", "240.0.0.0/4", "[2002:f000::]/20",
            "255.255.255.255/32", "[2002:ffff:ffff::]/48", "[::]/128", "[::1]/128", "[64:ff9b:1::]/48",
            "[100::]/64", "[2001::]/23", "[2001:2::]/48", "[2001:db8::]/32", "[fc00::]/7", "[fe80::]/10",
            "[fec0::]/10");

    private final List<Subnet> nets;

    public LocalNets(List<Subnet> nets) {
        this.nets = List.copyOf(nets);
    }

    public static LocalNets of(List<String> subnets, boolean privateIsLocal) {
        var all = new ArrayList<Subnet>();
        for (String s : subnets) all.add(Subnet.parse(s));
        if (privateIsLocal) for (String s : PRIVATE_ADDRESS_SPACE) all.add(Subnet.parse(s));
        return new LocalNets(all);
    }

    public boolean isEmpty() {
        return nets.isEmpty();
    }

    public boolean contains(byte[] addr16) {
        for (Subnet n : nets) if (n.contains(addr16)) return true;
        return false;
    }
}
