package io.shoal.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamResponseDecoderTest {
    private final UpstreamResponseDecoder decoder = new UpstreamResponseDecoder(1024);
    /** Describes each part as it comes, as the exchange uses it: a head's arrays serve the next head too. */
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.fireChannelRead(describe(msg));
        }
    });

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aLengthDelimitedBodyFollowsItsHeadWithoutTheHopByHopFields() {
        String response = "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: 5\r\nConnection: keep-alive, X-Hop\r\n"
                + "X-Hop: 1\r\nKeep-Alive: timeout=5\r\nContent-Type: text/plain\r\n\r\nhello";
        assertThat(read(response)).containsExactly(
                "head 200 keepAlive=true length=5 chunked=false [200 OK|Server: nginx|Content-Length: 5|Content-Type: text/plain]",
                "hello", "END");
    }

    @Test
    void aHeadAndBodySentOneByteAtATimeGiveTheSameParts() {
        String response = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc";
        List<String> parts = new ArrayList<>();
        for (byte b : response.getBytes(StandardCharsets.US_ASCII)) {
            parts.addAll(read(new String(new byte[] {b}, StandardCharsets.US_ASCII)));
        }
        assertThat(parts).containsExactly("head 200 keepAlive=true length=3 chunked=false [200 OK|Content-Length: 3]",
                "a", "b", "c", "END");
    }

    @Test
    void aChunkedBodyIsDechunkedAndItsExtensionsAndTrailersDropped() {
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Checksum: 1\r\n\r\n";
        assertThat(read(response)).containsExactly("head 200 keepAlive=true length=-1 chunked=true [200 OK]",
                "hello", " ", "world", "END");
    }

    @Test
    void aBodyWithoutLengthEndsWhenTheServerCloses() {
        assertThat(read("HTTP/1.0 200 OK\r\n\r\npart one, ")).containsExactly(
                "head 200 keepAlive=false length=-1 chunked=false [200 OK]", "part one, ");
        assertThat(read("part two")).containsExactly("part two");
        channel.finish();
        assertThat(drain()).containsExactly("END");
    }

    @Test
    void responsesWithoutBodiesEndAtTheirHeadAndTheNextOneFollows() {
        decoder.expectResponseTo(true);
        assertThat(read("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n")).containsExactly(
                "head 200 keepAlive=true length=99 chunked=false [200 OK|Content-Length: 99]", "END");
        decoder.expectResponseTo(false);
        assertThat(read("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\nETag: x\r\n\r\n"))
                .containsExactly("head 204 keepAlive=true length=-1 chunked=false [204 No Content]", "END",
                        "head 304 keepAlive=true length=-1 chunked=false [304 Not Modified|ETag: x]", "END");
    }

    @Test
    void anInterimResponseIsFollowedByTheFinalOne() {
        assertThat(read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"))
                .containsExactly("head 100 keepAlive=true length=-1 chunked=false [100 Continue]",
                        "head 201 keepAlive=true length=2 chunked=false [201 Created|Content-Length: 2]", "ok", "END");
    }

    @Test
    void anHttp10ServerKeepsTheConnectionOnlyWhenItSaysSo() {
        assertThat(read("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n")).containsExactly(
                "head 200 keepAlive=true length=0 chunked=false [200 OK|Content-Length: 0]", "END");
        assertThat(read("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")).containsExactly(
                "head 200 keepAlive=false length=0 chunked=false [200 OK|Content-Length: 0]", "END");
    }

    @Test
    void aSwitchKeepsUpgradeAndLeavesTheFollowingBytesUnread() {
        assertThat(read("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Accept: abc\r\n\r\n\u0081\u0002hi")).containsExactly(
                "head 101 keepAlive=true length=-1 chunked=false [101 Switching Protocols|Upgrade: websocket|Sec-WebSocket-Accept: abc]");
        channel.pipeline().remove(decoder);
        assertThat(drain()).containsExactly("\u0081\u0002hi");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A: a\u0001b\r\n\r\n",
        "HTTP/1.1 200 OK\r\n: empty name\r\n\r\n",
        "HTTP/2.0 200 OK\r\n\r\n",
        "HTTP/1.1 20 OK\r\n\r\n",
        "HTTP/1.1 200OK\r\n\r\n",
        "ICY 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY",
    })
    void aMalformedResponseIsInvalidAndNothingMoreIsRead(String response) {
        List<String> parts = read(response + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertThat(parts).last().isEqualTo("INVALID");
        assertThat(parts).filteredOn(p -> p.startsWith("head")).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aHeadLargerThanTheLimitIsInvalidEvenBeforeItEnds() {
        assertThat(read("HTTP/1.1 200 OK\r\nX-Big: " + "x".repeat(1100))).containsExactly("INVALID");
    }

    private List<String> read(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        return drain();
    }

    private List<String> drain() {
        List<String> parts = new ArrayList<>();
        String part;
        while ((part = channel.readInbound()) != null) {
            parts.add(part);
        }
        return parts;
    }

    private static String describe(Object msg) {
        if (msg instanceof UpstreamHead head) {
            ByteBuf out = Unpooled.buffer();
            head.writeStatusAndFields(out);
            String fields = out.toString(StandardCharsets.ISO_8859_1).replace("\r\n", "|");
            out.release();
            assertThat(head.forwardedBytes()).isEqualTo(fields.length() + countBars(fields));
            return "head " + head.status() + " keepAlive=" + head.keepAlive() + " length=" + head.contentLength()
                    + " chunked=" + head.chunked() + " [" + fields.substring(0, fields.length() - 1) + "]";
        }
        if (msg instanceof ByteBuf data) {
            String text = data.toString(StandardCharsets.ISO_8859_1);
            data.release();
            return text;
        }
        return msg.toString();
    }

    private static int countBars(String text) {
        return (int) text.chars().filter(c -> c == '|').count();
    }
}
