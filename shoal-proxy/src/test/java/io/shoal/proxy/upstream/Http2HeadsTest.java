package io.shoal.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Http2HeadsTest {

    private static String bytes(UpstreamHead head) {
        ByteBuf out = Unpooled.buffer();
        head.writeStatusAndFields(out);
        String text = out.toString(StandardCharsets.ISO_8859_1);
        out.release();
        return text;
    }

    @Test
    void aHeadIsAStatusLineAndFieldLinesWithoutPseudoHeaderFields() {
        Http2Headers fields = new DefaultHttp2Headers().status("200").add("content-type", "application/grpc")
                .add("x-a", "1");

        UpstreamHead head = Http2Heads.head(fields, false, false);

        assertThat(bytes(head)).isEqualTo("200 OK\r\ncontent-type: application/grpc\r\nx-a: 1\r\n");
        assertThat(head.contentLength()).isEqualTo(-1);
        assertThat(head.endsResponse()).isFalse();
    }

    @Test
    void aHeadThatEndsTheStreamIsAWholeResponseOfLengthZero() {
        Http2Headers trailersOnly = new DefaultHttp2Headers().status("200").add("grpc-status", "5");

        UpstreamHead head = Http2Heads.head(trailersOnly, true, false);

        assertThat(bytes(head)).isEqualTo("200 OK\r\ngrpc-status: 5\r\ncontent-length: 0\r\n");
        assertThat(head.contentLength()).isZero();
        assertThat(head.endsResponse()).isTrue();
        assertThat(bytes(Http2Heads.head(new DefaultHttp2Headers().status("204"), true, false))).isEqualTo("204 No Content\r\n");
        assertThat(bytes(Http2Heads.head(new DefaultHttp2Headers().status("200"), true, true))).isEqualTo("200 OK\r\n");
    }

    @Test
    void aBadStatusOrAFieldValueThatWouldSplitAnHttp11HeadIsRefused() {
        assertThat(Http2Heads.head(new DefaultHttp2Headers(), false, false)).isNull();
        assertThat(Http2Heads.head(new DefaultHttp2Headers().status("2x0"), false, false)).isNull();
        assertThat(Http2Heads.head(new DefaultHttp2Headers().status("101"), false, false)).isNull();
        assertThat(Http2Heads.head(new DefaultHttp2Headers(false).status("200").add("x-a", "1\r\nx-b: 2"), false, false))
                .isNull();
        assertThat(Http2Heads.head(new DefaultHttp2Headers().status("200").add("content-length", "-1"), false, false))
                .isNull();
    }
}
