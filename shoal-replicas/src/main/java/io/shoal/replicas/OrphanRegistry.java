package io.shoal.replicas;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers, in a file, which replica processes this Shoal started. A Shoal killed with SIGKILL
 * cannot stop its children; the next one reads the file and stops those still running. A process is
 * only stopped when its start time matches, so a recycled pid is never touched.
 */
public final class OrphanRegistry {
    private static final Logger LOG = LoggerFactory.getLogger("shoal.replica");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<Long, Entry> entries = new LinkedHashMap<>();

    /** One replica process: enough to recognise it again. */
    public record Entry(String id, long pid, long startMillis) {}

    public OrphanRegistry(Path file) {
        this.file = file;
    }

    /** Stops the processes a previous run left behind; returns what was stopped. */
    public synchronized List<Entry> stopOrphans() throws IOException {
        List<Entry> stopped = new ArrayList<>();
        if (!Files.exists(file)) {
            return stopped;
        }
        List<Entry> previous = JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() {});
        for (Entry entry : previous) {
            Optional<ProcessHandle> handle = ProcessHandle.of(entry.pid());
            if (handle.isPresent() && handle.get().isAlive() && startMillis(handle.get()) == entry.startMillis()) {
                ProcessTree.kill(handle.get());
                stopped.add(entry);
            }
        }
        entries.clear();
        save();
        return stopped;
    }

    synchronized void add(String id, ProcessHandle process) {
        entries.put(process.pid(), new Entry(id, process.pid(), startMillis(process)));
        save();
    }

    synchronized void remove(ProcessHandle process) {
        if (entries.remove(process.pid()) != null) {
            save();
        }
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), new ArrayList<>(entries.values()));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("cannot write {}: {}", file, e.getMessage());
        }
    }
}
