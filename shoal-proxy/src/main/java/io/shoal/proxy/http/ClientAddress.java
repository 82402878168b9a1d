package io.shoal.proxy.http;

import io.netty.handler.codec.http.HttpRequest;
import io.shoal.proxy.net.AddressRanges;
import io.shoal.proxy.upstream.XForwarded;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;

/** Who sent a request, as {@code ip_hash} and the access and rate-limit policies see it. */
final class ClientAddress {
    private ClientAddress() {}

    /**
     * The client's address; when the peer is a trusted proxy, the last address in X-Forwarded-For
     * that is not itself trusted (nginx {@code real_ip_recursive on}).
     */
    static String of(HttpRequest request, String clientAddress, SocketAddress peer, AddressRanges trusted) {
        if (trusted.isEmpty() || !trusted.contains(((InetSocketAddress) peer).getAddress())) {
            return clientAddress;
        }
        String forwardedFor = request.headers().get(XForwarded.FOR);
        if (forwardedFor == null) {
            return clientAddress;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!isLiteral(hop)) {
                return clientAddress;
            }
            if (i == 0 || !trusted.contains(literal(hop))) {
                return hop;
            }
        }
        return clientAddress;
    }

    /** The same, as an address; {@code peer}'s own when no trusted proxy vouches for another. */
    static InetAddress inet(HttpRequest request, InetSocketAddress peer, AddressRanges trusted) {
        String peerAddress = peer.getAddress().getHostAddress();
        String client = of(request, peerAddress, peer, trusted);
        return client.equals(peerAddress) ? peer.getAddress() : literal(client);
    }

    private static boolean isLiteral(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text); // a literal (checked above): no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
