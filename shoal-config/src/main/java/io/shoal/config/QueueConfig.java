package io.shoal.config;

import java.time.Duration;

/**
 * Requests waiting while every server is at {@code max_conns} (HAProxy's queue and {@code timeout queue}).
 *
 * @param size requests waiting at most; more get 503 at once
 * @param timeout how long one waits before it gets 503
 */
public record QueueConfig(int size, Duration timeout) {

    public static QueueConfig defaults() {
        return new QueueConfig(Defaults.QUEUE_SIZE, Defaults.QUEUE_TIMEOUT);
    }
}
