package io.shoal.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Header processing as the proxy does it today (issue 3 baseline): a browser's request head is decoded
 * by Netty's {@link HttpRequestDecoder} into an {@link HttpRequest} and encoded again by
 * {@link HttpRequestEncoder} (the encoder half of the upstream {@code HttpClientCodec}), through an
 * {@link EmbeddedChannel} reused from request to request like a keep-alive connection.
 *
 * <ul>
 *   <li>{@code decode}: bytes to {@code HttpRequest} + {@code LastHttpContent} only.
 *   <li>{@code roundTrip}: decode, then encode the same objects back to bytes.
 *   <li>{@code roundTripForwarded}: as {@code roundTrip}, with the edits {@code ForwardedRequest} makes
 *       in between (hop-by-hop headers removed; X-Forwarded-For, -Real-IP, -Proto, -Host set).
 * </ul>
 * Each invocation copies the head into a pooled direct buffer first, as a socket read does. The proxy's
 * own decoder ({@code StrictRequestDecoder}, package-private) also scans the head once for obs-fold;
 * that scan is not included here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HeaderRoundTripBenchmark {

    /** Chrome 131 loading a page: 14 header fields, 821 bytes, the common shape of browser traffic. */
    static final String BROWSER_REQUEST_HEAD = "GET /api/v1/customers/48213/orders?page=2&sort=created HTTP/1.1\r\n"
            + "Host: shop.example.com\r\n"
            + "Connection: keep-alive\r\n"
            + "sec-ch-ua: \"Google Chrome\";v=\"131\", \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"\r\n"
            + "sec-ch-ua-mobile: ?0\r\n"
            + "sec-ch-ua-platform: \"Linux\"\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
            + "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7\r\n"
            + "Sec-Fetch-Site: same-origin\r\n"
            + "Sec-Fetch-Mode: navigate\r\n"
            + "Referer: https://shop.example.com/customers/48213\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Accept-Language: en-GB,en-US;q=0.9,en;q=0.8\r\n"
            + "Cookie: session=6f1c2a9e8b7d4c3f2a1b0c9d8e7f6a5b; theme=dark; _ga=GA1.1.123456789.1732190000\r\n"
            + "\r\n";

    private static final String CLIENT_ADDRESS = "192.168.17.42";
    private static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString X_REAL_IP = AsciiString.cached("x-real-ip");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");

    private final byte[] head = BROWSER_REQUEST_HEAD.getBytes(StandardCharsets.US_ASCII);
    private EmbeddedChannel decoderOnly;
    private EmbeddedChannel codec;

    @Setup
    public void setUp() {
        decoderOnly = new EmbeddedChannel(decoder());
        codec = new EmbeddedChannel(decoder(), new HttpRequestEncoder());
        int encoded = roundTripForwarded();
        if (encoded < head.length - 100) {
            throw new IllegalStateException("round trip gave " + encoded + " bytes for a " + head.length + "-byte head");
        }
    }

    @TearDown
    public void tearDown() {
        decoderOnly.finishAndReleaseAll();
        codec.finishAndReleaseAll();
    }

    /** As {@code ClientChannelInitializer} configures it, with the default limits. */
    private static HttpRequestDecoder decoder() {
        return new HttpRequestDecoder(new HttpDecoderConfig()
                .setMaxInitialLineLength(8 * 1024)
                .setMaxHeaderSize(32 * 1024)
                .setMaxChunkSize(64 * 1024));
    }

    @Benchmark
    public HttpRequest decode() {
        decoderOnly.writeInbound(socketRead());
        HttpRequest request = decoderOnly.readInbound();
        check(request);
        ReferenceCountUtil.release(decoderOnly.readInbound()); // LastHttpContent
        return request;
    }

    /** @return bytes encoded */
    @Benchmark
    public int roundTrip() {
        return roundTrip(false);
    }

    /** @return bytes encoded */
    @Benchmark
    public int roundTripForwarded() {
        return roundTrip(true);
    }

    private int roundTrip(boolean forwarded) {
        codec.writeInbound(socketRead());
        HttpRequest request = codec.readInbound();
        check(request);
        LastHttpContent last = codec.readInbound();
        if (forwarded) {
            forward(request);
        }
        codec.writeOutbound(request, last);
        int bytes = 0;
        for (ByteBuf out; (out = codec.readOutbound()) != null; ) {
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }

    /** What {@code ForwardedRequest} (and {@code HopByHop}) do to a plain GET. */
    private static void forward(HttpRequest request) {
        HttpHeaders headers = request.headers();
        String host = headers.get(HttpHeaderNames.HOST);
        List<String> connection = headers.getAll(HttpHeaderNames.CONNECTION);
        for (int i = 0; i < connection.size(); i++) {
            for (String token : connection.get(i).split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    headers.remove(name);
                }
            }
        }
        headers.remove(HttpHeaderNames.CONNECTION);
        headers.remove(KEEP_ALIVE);
        headers.remove(PROXY_CONNECTION);
        headers.remove(HttpHeaderNames.TE);
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        headers.remove(HttpHeaderNames.UPGRADE);
        headers.remove(HttpHeaderNames.EXPECT);
        String forwardedFor = headers.get(X_FORWARDED_FOR);
        headers.set(X_FORWARDED_FOR, forwardedFor == null ? CLIENT_ADDRESS : forwardedFor + ", " + CLIENT_ADDRESS);
        headers.set(X_REAL_IP, CLIENT_ADDRESS);
        headers.set(X_FORWARDED_PROTO, "http");
        headers.set(X_FORWARDED_HOST, host);
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
    }

    private ByteBuf socketRead() {
        return PooledByteBufAllocator.DEFAULT.directBuffer(head.length).writeBytes(head);
    }

    private static void check(HttpRequest request) {
        if (request == null || !request.decoderResult().isSuccess()) {
            throw new IllegalStateException("not decoded: " + request);
        }
    }
}
