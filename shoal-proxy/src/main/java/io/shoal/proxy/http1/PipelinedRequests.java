package io.shoal.proxy.http1;

import io.netty.handler.codec.http.HttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * What a client sent ahead of the response it waits for (HTTP/1.1 pipelining): request heads, their body
 * parts and rejections, in order, until the exchange before them is done. Event-loop confined.
 */
final class PipelinedRequests {
    private final ArrayDeque<Object> waiting = new ArrayDeque<>(2);

    void add(Object msg) {
        waiting.add(msg);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** The next message, or null. */
    Object poll() {
        return waiting.poll();
    }

    /** The next message if it is a body part (of the request just started), else null. */
    HttpContent pollBodyPart() {
        return waiting.peek() instanceof HttpContent ? (HttpContent) waiting.poll() : null;
    }

    /** The connection ends: none of it will be answered. */
    void releaseAll() {
        Object msg;
        while ((msg = waiting.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
