package io.shoal.proxy.http1;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.shoal.config.ProxySettings;
import io.shoal.config.RedirectConfig;
import io.shoal.proxy.http.ProxyContext;
import io.shoal.proxy.policy.ResponseFields;
import io.shoal.proxy.stats.ConnectionPhase;
import io.shoal.proxy.stats.ListenerStats;
import io.shoal.proxy.upstream.Scheme;
import java.util.Optional;

/**
 * The HTTP/1.1 steps of a client connection, after its bytes and TLS steps: {@value #HEAD_TIMER} ->
 * {@value #DECODER} -> {@value #FRAMING} -> {@value #PROXY} (or, on a redirecting listener, the redirect
 * in its place). Responses are written as bytes (the upstream's head copied, not re-encoded), so there
 * is no response encoder. One per listener; immutable.
 */
public final class Http1Pipeline {
    public static final String HEAD_TIMER = "request-head-timer";
    public static final String DECODER = "http-decoder";
    public static final String FRAMING = "framing-validator";
    public static final String PROXY = "proxy";

    private final ProxyContext proxy;
    private final int listenerIndex;
    private final Scheme scheme;
    private final Optional<RedirectConfig> redirect;
    private final ResponseFields fields;
    private final ListenerStats listener;

    /** @param redirect a redirect that answers every request in place of routing, or empty */
    public Http1Pipeline(ProxyContext proxy, int listenerIndex, Scheme scheme, Optional<RedirectConfig> redirect,
                         ResponseFields fields, ListenerStats listener) {
        this.proxy = proxy;
        this.listenerIndex = listenerIndex;
        this.scheme = scheme;
        this.redirect = redirect;
        this.fields = fields;
        this.listener = listener;
    }

    public void addTo(ChannelPipeline pipeline, ConnectionPhase phase) {
        ProxySettings settings = proxy.settings();
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(settings.maxRequestLineBytes())
                .setMaxHeaderSize(settings.maxHeaderBytes())
                .setMaxChunkSize(64 * 1024);
        RequestHeadTimer headTimer = new RequestHeadTimer(
                settings.idleTimeout().toNanos(), settings.clientHeaderTimeout().toNanos(), listener);
        pipeline.addLast(HEAD_TIMER, headTimer);
        pipeline.addLast(DECODER, new StrictRequestDecoder(decoder));
        pipeline.addLast(FRAMING, new RequestFramingValidator());
        pipeline.addLast(PROXY, redirect.isPresent()
                ? new RedirectHandler(redirect.get(), headTimer, listener, phase)
                : new ClientHandler(proxy, listenerIndex, scheme, fields, headTimer, listener, phase));
    }
}
