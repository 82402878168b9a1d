package io.shoal.cli;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client sending {@code GET /} through the proxy one request after another, as seed 000's benchmark
 * does while it scales: it records every failure (an exception or a status other than 200) and which
 * instance, of which version, answered each request.
 */
final class SteadyLoad implements AutoCloseable {
    private static final Pattern INSTANCE = Pattern.compile("\"instance\":\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("\"version\":\"([^\"]+)\"");

    /** One answer: who gave it. */
    record Answer(String instance, String version) {}

    private final InetSocketAddress proxy;
    private final List<Answer> answers = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private SteadyLoad(InetSocketAddress proxy) {
        this.proxy = proxy;
        this.thread = new Thread(this::loop, "steady-load");
        thread.setDaemon(true);
    }

    static SteadyLoad start(InetSocketAddress proxy) {
        SteadyLoad load = new SteadyLoad(proxy);
        load.thread.start();
        return load;
    }

    private void loop() {
        while (running) {
            try {
                HttpResponse<String> r = Http.get(proxy, "/");
                Matcher instance = INSTANCE.matcher(r.body());
                Matcher version = VERSION.matcher(r.body());
                synchronized (this) {
                    if (r.statusCode() != 200 || !instance.find()) {
                        failures.add(r.statusCode() + " " + r.body());
                    } else {
                        answers.add(new Answer(instance.group(1), version.find() ? version.group(1) : null));
                    }
                }
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                synchronized (this) {
                    failures.add(e.toString());
                }
            }
        }
    }

    /** The number of answers so far, to look at the ones after it later. */
    synchronized int mark() {
        return answers.size();
    }

    synchronized List<Answer> answersSince(int mark) {
        return new ArrayList<>(answers.subList(mark, answers.size()));
    }

    Set<String> instancesSince(int mark) {
        Set<String> instances = new LinkedHashSet<>();
        answersSince(mark).forEach(a -> instances.add(a.instance()));
        return instances;
    }

    synchronized List<String> failures() {
        return new ArrayList<>(failures);
    }

    synchronized int answered() {
        return answers.size();
    }

    /** Stops sending and waits for the request in progress. */
    void stop() {
        running = false;
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
