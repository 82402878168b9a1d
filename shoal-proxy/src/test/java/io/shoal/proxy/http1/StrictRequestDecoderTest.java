package io.shoal.proxy.http1;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder follows chunked bodies however the bytes are split into reads: well-formed requests
 * decode whole, and a bad chunk-size line is caught wherever it falls.
 */
class StrictRequestDecoderTest {
    private static final String PIPELINE = "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n1a ; name=value\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: t\r\n\r\n"
            + "GET /b HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void wellFormedChunkedRequestsDecodeWholeWhateverTheReads(long seed) {
        List<HttpObject> decoded = decode(PIPELINE, new Random(seed));

        assertThat(decoded).allMatch(o -> o.decoderResult().isSuccess());
        assertThat(decoded.stream().filter(HttpRequest.class::isInstance).map(o -> ((HttpRequest) o).uri()))
                .containsExactly("/a", "/b", "/c");
        assertThat(body(decoded)).isEqualTo("helloabcdefghijklmnopqrstuvwxyzabc");
        assertThat(decoded.stream().filter(LastHttpContent.class::isInstance)).hasSize(3);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aBadChunkSizeLineAfterGoodChunksFailsWhateverTheReads(long seed) {
        String request = "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n3\r\nabc\r\n2 junk\r\nxy\r\n0\r\n\r\n";
        List<HttpObject> decoded = decode(request, new Random(seed));

        assertThat(decoded.get(decoded.size() - 1).decoderResult().isFailure()).isTrue();
        assertThat(body(decoded)).doesNotContain("xy");
    }

    /** Writes {@code raw} in reads of 1 to 8 bytes and returns what the decoder emitted. */
    private static List<HttpObject> decode(String raw, Random random) {
        EmbeddedChannel channel = new EmbeddedChannel(new StrictRequestDecoder(new HttpDecoderConfig()));
        byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; ) {
            int n = Math.min(bytes.length - i, 1 + random.nextInt(8));
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, i, n));
            i += n;
        }
        List<HttpObject> decoded = new ArrayList<>();
        for (Object o; (o = channel.readInbound()) != null; ) {
            decoded.add((HttpObject) o);
        }
        channel.finishAndReleaseAll();
        return decoded;
    }

    private static String body(List<HttpObject> decoded) {
        StringBuilder body = new StringBuilder();
        for (HttpObject o : decoded) {
            if (o instanceof HttpContent) {
                ByteBuf content = ((HttpContent) o).content();
                body.append(content.toString(StandardCharsets.ISO_8859_1));
                content.release();
            }
        }
        return body.toString();
    }
}
