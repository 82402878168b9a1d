package io.shoal.bench.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.shoal.bench.ErrorKind;

/** What {@link ResponseParser} reports about one connection, in order; implemented by {@link Http1Link}. */
interface ResponseListener {
    /** A final answer's head arrived. */
    void onHead(Channel ch, int status, boolean keepAlive, String label);

    /** Body bytes of that answer, valid during the call only; reported only to a parser told to pass them. */
    void onBody(Channel ch, ByteBuf bytes);

    /** The answer is complete. */
    void onComplete(Channel ch);

    /** The connection closed; {@code failure}, if not null, is why (otherwise the peer simply closed). */
    void onClosed(Channel ch, ErrorKind failure);
}
