package io.shoal.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
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
 * A server's response (nginx serving a 20-byte file: 8 header fields) on its way to the client, both
 * ways the proxy has done it: {@code nettyRoundTrip} decodes it with Netty's {@link HttpResponseDecoder},
 * drops the hop-by-hop fields and encodes it again with {@link HttpResponseEncoder} (the proxy before
 * commit b9f6621); {@code passThrough} reads it with {@link UpstreamResponseDecoder} and copies the head's
 * lines as {@code ResponseWriter} does (the proxy since). In this package because both classes are
 * package-private; each invocation copies the response into a pooled direct buffer, as a socket read does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResponseHeadBenchmark {
    public static final String NGINX_RESPONSE = "HTTP/1.1 200 OK\r\n"
            + "Server: nginx/1.22.1\r\n"
            + "Date: Sun, 22 Nov 2026 03:45:00 GMT\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: 20\r\n"
            + "Last-Modified: Sun, 22 Nov 2026 03:00:00 GMT\r\n"
            + "Connection: keep-alive\r\n"
            + "ETag: \"6740f5a0-14\"\r\n"
            + "Accept-Ranges: bytes\r\n"
            + "\r\n"
            + "xxxxxxxxxxxxxxxxxxxx";

    private final byte[] response = NGINX_RESPONSE.getBytes(StandardCharsets.US_ASCII);
    private EmbeddedChannel netty;
    private EmbeddedChannel passThrough;

    @Setup
    public void setUp() {
        netty = new EmbeddedChannel(new HttpResponseDecoder(), new HttpResponseEncoder());
        passThrough = new EmbeddedChannel(new UpstreamResponseDecoder(16 * 1024));
    }

    @TearDown
    public void tearDown() {
        netty.finishAndReleaseAll();
        passThrough.finishAndReleaseAll();
    }

    /** @return bytes written towards the client */
    @Benchmark
    public int nettyRoundTrip() {
        netty.writeInbound(socketRead());
        HttpResponse head = netty.readInbound();
        LastHttpContent body = netty.readInbound();
        HttpHeaders headers = head.headers();
        headers.remove(HttpHeaderNames.CONNECTION);
        headers.remove(HttpHeaderNames.KEEP_ALIVE);
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        netty.writeOutbound(head, body);
        int bytes = 0;
        for (ByteBuf out; (out = netty.readOutbound()) != null; ) {
            bytes += out.readableBytes();
            out.release();
        }
        return bytes;
    }

    /** @return bytes written towards the client */
    @Benchmark
    public int passThrough() {
        passThrough.writeInbound(socketRead());
        UpstreamHead head = passThrough.readInbound();
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer(head.forwardedBytes() + 128);
        out.writeBytes("HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII));
        head.writeStatusAndFields(out);
        out.writeShort(UpstreamHead.CRLF);
        ByteBuf body = passThrough.readInbound();
        int bytes = out.readableBytes() + body.readableBytes();
        out.release();
        body.release();
        if (passThrough.readInbound() != UpstreamResponseDecoder.Marker.END) {
            throw new IllegalStateException("the body did not end");
        }
        return bytes;
    }

    private ByteBuf socketRead() {
        return PooledByteBufAllocator.DEFAULT.directBuffer(response.length).writeBytes(response);
    }
}
