package io.shoal.proxy.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of addresses and CIDR ranges, and whether an address is in it: the proxies whose
 * {@code X-Forwarded-For} is believed (nginx's {@code set_real_ip_from}), a route's {@code allow} and
 * {@code deny} lists, the admin endpoint's allow-list.
 */
public final class AddressRanges {
    private final List<byte[]> networks;
    private final int[] prefixes;

    private AddressRanges(List<byte[]> networks, int[] prefixes) {
        this.networks = networks;
        this.prefixes = prefixes;
    }

    /** @param entries IP literals or CIDR ranges, already validated by the config loader */
    public static AddressRanges parse(List<String> entries) {
        List<byte[]> networks = new ArrayList<>();
        int[] prefixes = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            int slash = entry.indexOf('/');
            byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash));
            networks.add(address);
            prefixes[i] = slash < 0 ? address.length * 8 : Integer.parseInt(entry.substring(slash + 1));
        }
        return new AddressRanges(networks, prefixes);
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < networks.size(); i++) {
            if (matches(networks.get(i), prefixes[i], bytes)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] network, int prefix, byte[] address) {
        if (network.length != address.length) {
            return false;
        }
        int fullBytes = prefix / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (network[i] != address[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (network[fullBytes] & mask) == (address[fullBytes] & mask);
    }

    private static byte[] literal(String text) {
        try {
            // Validated as a literal by the config loader, so no name lookup happens here.
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }
}
