package io.shoal.proxy.tls;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the TLS listeners' certificates again when their files change on disk, as a reload would: a
 * renewal (certbot replacing its symbolic links, a Kubernetes secret's volume swapping its data) needs no
 * signal. It watches the directories that hold the files, since both of those replace links rather than
 * write the files, and waits until the directory has been quiet for {@link #SETTLE_MILLIS} so that a
 * certificate is not read before its key. A file that cannot be used is said in the event log and the old
 * certificates go on serving. One thread of its own, off the event loops.
 */
public final class CertificateWatcher implements AutoCloseable {
    static final long SETTLE_MILLIS = 500;
    private static final Logger LOG = LoggerFactory.getLogger("shoal.tls");
    private final TlsListeners tls;
    private final WatchService watch;
    private final Thread thread;

    private CertificateWatcher(TlsListeners tls, WatchService watch) {
        this.tls = tls;
        this.watch = watch;
        this.thread = new Thread(this::run, "shoal-certificate-watcher");
        thread.setDaemon(true);
    }

    /** Watches the directories of the files of {@code tls} as it was started. */
    public static CertificateWatcher start(TlsListeners tls) throws IOException {
        WatchService watch = FileSystems.getDefault().newWatchService();
        Set<Path> directories = new LinkedHashSet<>();
        for (Path file : tls.files()) {
            directories.add(file.toAbsolutePath().getParent());
        }
        for (Path directory : directories) {
            directory.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        }
        CertificateWatcher watcher = new CertificateWatcher(tls, watch);
        watcher.thread.start();
        return watcher;
    }

    private void run() {
        try {
            while (true) {
                drain(watch.take());
                for (WatchKey more; (more = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                    drain(more);
                }
                reread();
            }
        } catch (ClosedWatchServiceException | InterruptedException stopped) {
            // closed: Shoal is stopping
        }
    }

    private void reread() {
        try {
            for (String change : tls.reread()) {
                LOG.info("files changed: {}", change);
            }
        } catch (IllegalArgumentException e) {
            LOG.error("files changed but cannot be used; the certificates served so far go on: {}", e.getMessage());
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() throws IOException {
        watch.close();
    }
}
