package io.shoal.proxy.tuning;

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
        for (int tid : ids(tasks)) {
            ThreadCpu thread = read(tasks, tid);
            if (thread != null) {
                threads.add(thread);
            }
        }
        return threads;
    }

    /** The ids of the threads under {@code tasks}. */
    static List<Integer> ids(Path tasks) throws IOException {
        List<Integer> ids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tasks)) {
            for (Path dir : dirs) {
                ids.add(Integer.parseInt(dir.getFileName().toString()));
            }
        }
        return ids;
    }

    /** One thread; {@code null} if it has ended meanwhile. */
    static ThreadCpu read(Path tasks, int tid) throws IOException {
        try {
            return parse(tid, Files.readString(tasks.resolve(tid + "/stat")));
        } catch (NoSuchFileException gone) {
            return null;
        }
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
