package io.shoal.proxy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One thread of this process as Linux reports it in {@code /proc/self/task/TID/stat}: its id, its name
 * (the first 15 bytes), the CPU it has used (user and system, in clock ticks) and its nice value.
 */
record ThreadCpu(int tid, String name, long ticks, int nice) {

    /** Every thread under {@code tasks} ({@code /proc/self/task}); threads that end meanwhile are left out. */
    static List<ThreadCpu> list(Path tasks) throws IOException {
        List<ThreadCpu> threads = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tasks)) {
            for (Path dir : dirs) {
                try {
                    threads.add(parse(Integer.parseInt(dir.getFileName().toString()),
                            Files.readString(dir.resolve("stat"))));
                } catch (NoSuchFileException gone) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return threads;
    }

    /** Parses a {@code stat} line; the name is in parentheses and may itself hold spaces and parentheses. */
    static ThreadCpu parse(int tid, String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        // after the name: state(3) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15)
        // cutime cstime priority nice(19)
        String[] fields = stat.substring(close + 2).trim().split(" ");
        long utime = Long.parseLong(fields[14 - 3]);
        long stime = Long.parseLong(fields[15 - 3]);
        int nice = Integer.parseInt(fields[19 - 3]);
        return new ThreadCpu(tid, stat.substring(open + 1, close), utime + stime, nice);
    }
}
