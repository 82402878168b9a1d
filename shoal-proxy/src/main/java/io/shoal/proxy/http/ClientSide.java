package io.shoal.proxy.http;

import io.netty.channel.Channel;
import io.shoal.config.StickyConfig;
import io.shoal.proxy.policy.Answer;
import io.shoal.proxy.policy.ResponseFields;
import io.shoal.proxy.upstream.ForwardedRequest;

/**
 * What an {@link Exchange} needs of the client connection or stream it came on: an HTTP/1.1 connection
 * runs one exchange at a time, an HTTP/2 connection one per stream. Event-loop confined.
 */
public interface ClientSide {

    /** The channel the exchange's response goes to: its event loop and writability are the upstream side's. */
    Channel channel();

    /** Answers a request itself: no server is asked. */
    void answer(Answer answer);

    /** A writer of the response in the client's protocol, with the listener's field edits, then the route's. */
    ClientResponse newResponse(ForwardedRequest request, StickyConfig sticky, ResponseFields routeFields);

    /** The exchange wants the next part of the request body. */
    void readMore();

    /** Makes sure the exchange's {@link Exchange#checkTimeout} runs within {@code delayNanos}. */
    void armTimer(long delayNanos);

    /** The listener's figures count a response of {@code status}. */
    void responded(int status);

    /** The response is whole; {@code reusable}: the connection may carry another request. */
    void exchangeDone(Exchange exchange, boolean reusable);

    /** A {@code 101} was passed on: the client's connection and {@code upstream} become one tunnel. */
    void exchangeUpgraded(Exchange exchange, Channel upstream);

    /** A started response cannot be finished: the client must see it cut. */
    void closeAfterBrokenResponse();
}
