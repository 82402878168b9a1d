package io.shoal.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.shoal.bench.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parser reports the same answers however the bytes are split across reads: each case runs with the whole
 * stream in one read, one byte per read, and seeded random splits.
 */
class ResponseParserTest {
    private static final int SEEDS = 20;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("content-length, label, two answers in a row",
                        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nx-backend: web-1\r\nEmpty:\r\n\r\nhello"
                                + "HTTP/1.1 500 Oops\r\ncontent-length: 0\r\n\r\n", false,
                        List.of("head 200 keep-alive web-1", "body hello", "complete", "head 500 keep-alive null", "complete", "closed null")),
                Arguments.of("chunked with an extension and a trailer",
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n6\r\n world\r\n0\r\nT: x\r\n\r\n", false,
                        List.of("head 200 keep-alive null", "body hello world", "complete", "closed null")),
                Arguments.of("interim answer skipped, 204 and 304 without body",
                        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"
                                + "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", false,
                        List.of("head 204 keep-alive null", "complete", "head 304 keep-alive null", "complete", "closed null")),
                Arguments.of("HTTP/1.0 body until close",
                        "HTTP/1.0 200 OK\r\nServer: x\r\n\r\nabc", false,
                        List.of("head 200 close null", "body abc", "complete", "closed null")),
                Arguments.of("Connection: close ends keep-alive",
                        "HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 2\r\n\r\nok", false,
                        List.of("head 200 close null", "body ok", "complete", "closed null")),
                Arguments.of("answers to HEAD have no body",
                        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", true,
                        List.of("head 200 keep-alive null", "complete", "head 200 keep-alive null", "complete", "closed null")),
                Arguments.of("not HTTP",
                        "SSH-2.0-OpenSSH\r\n\r\n", false, List.of("closed PROTOCOL")),
                Arguments.of("two different lengths",
                        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", false, List.of("closed PROTOCOL")),
                Arguments.of("cut short",
                        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", false,
                        List.of("head 200 keep-alive null", "body abc", "closed null")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameAnswersHoweverTheBytesAreSplit(String name, String stream, boolean head, List<String> expected) {
        byte[] bytes = stream.getBytes(StandardCharsets.US_ASCII);
        assertThat(parse(bytes, head, new int[] {bytes.length})).as("one read").isEqualTo(expected);
        int[] single = new int[bytes.length];
        Arrays.fill(single, 1);
        assertThat(parse(bytes, head, single)).as("a byte per read").isEqualTo(expected);
        for (int seed = 0; seed < SEEDS; seed++) {
            assertThat(parse(bytes, head, randomSplit(bytes.length, new Random(seed)))).as("seed %d", seed).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bodiesAreNotPassedOnUnlessAsked(String name, String stream, boolean head, List<String> expected) {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new ResponseParser(recorder, new LoopStats(), head, false, "X-Backend"));
        ch.writeInbound(Unpooled.copiedBuffer(stream, StandardCharsets.US_ASCII));
        ch.finishAndReleaseAll();
        assertThat(recorder.events).isEqualTo(expected.stream().filter(e -> !e.startsWith("body")).toList());
    }

    private static List<String> parse(byte[] bytes, boolean head, int[] sizes) {
        Recorder recorder = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new ResponseParser(recorder, new LoopStats(), head, true, "X-Backend"));
        int at = 0;
        for (int size : sizes) {
            if (!ch.isOpen()) {
                break; // the parser gave up on the connection
            }
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, at, size));
            at += size;
        }
        ch.finishAndReleaseAll();
        return recorder.events;
    }

    private static int[] randomSplit(int length, Random random) {
        List<Integer> sizes = new ArrayList<>();
        for (int left = length; left > 0; ) {
            int size = 1 + random.nextInt(Math.min(left, 12));
            sizes.add(size);
            left -= size;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Logs what the parser reports, joining body pieces so that splits do not show. */
    private static final class Recorder implements ResponseListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onHead(Channel ch, int status, boolean keepAlive, String label) {
            events.add("head " + status + (keepAlive ? " keep-alive " : " close ") + label);
        }

        @Override
        public void onBody(Channel ch, ByteBuf bytes) {
            String text = bytes.toString(StandardCharsets.US_ASCII);
            int last = events.size() - 1;
            if (last >= 0 && events.get(last).startsWith("body ")) {
                events.set(last, events.get(last) + text);
            } else {
                events.add("body " + text);
            }
        }

        @Override
        public void onComplete(Channel ch) {
            events.add("complete");
        }

        @Override
        public void onClosed(Channel ch, ErrorKind failure) {
            events.add("closed " + failure);
        }
    }
}
