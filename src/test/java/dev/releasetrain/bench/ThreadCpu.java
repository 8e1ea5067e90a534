package dev.releasetrain.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU a process's threads used, by thread name (numbers dropped, so Jetty's qtp threads are one group), read from
 * /proc: where a delivery's microseconds go in the server, native code (zstd, SQLite, the kernel's socket work on
 * the thread's behalf) included, which a Java profiler's samples leave out.
 */
record ThreadCpu(Map<Long, Task> tasks) {
    /** Linux's USER_HZ: /proc reports CPU time in hundredths of a second. */
    private static final double TICKS_PER_SECOND = 100;

    /** One thread's name group and CPU so far, in ticks. */
    record Task(String group, long ticks, long systemTicks) {
    }

    static ThreadCpu of(long pid) throws IOException {
        Map<Long, Task> tasks = new TreeMap<>();
        try (Stream<Path> all = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : all.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended between the listing and the read
                }
                // "tid (name) state ..." where the name may hold spaces or parentheses: split at the last ')'
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String[] f = stat.substring(close + 2).split(" ");
                long user = Long.parseLong(f[11]);
                long system = Long.parseLong(f[12]);
                tasks.put(Long.parseLong(stat.substring(0, open).strip()), new Task(group(stat.substring(open + 1, close)), user + system, system));
            }
        }
        return new ThreadCpu(tasks);
    }

    /** Thread names without their numbers: "qtp123-45" and "qtp123-46" are both "qtp-". */
    static String group(String name) {
        return name.replaceAll("\\d+", "").replaceAll("[-#_ ]+$", "");
    }

    /**
     * Microseconds of CPU per unit of work between two readings, by thread group, largest first, with the total; in
     * brackets the part spent in the kernel. Per thread, so a thread that ended in between (the JVM retires idle
     * compiler threads) takes only its own CPU out of the figures.
     */
    String perUnitSince(ThreadCpu before, long units) {
        if (units == 0) {
            return "no work done";
        }
        Map<String, long[]> used = new TreeMap<>();
        tasks.forEach((tid, t) -> {
            Task earlier = before.tasks.getOrDefault(tid, new Task(t.group(), 0, 0));
            long[] sum = used.computeIfAbsent(t.group(), g -> new long[2]);
            sum[0] += t.ticks() - earlier.ticks();
            sum[1] += t.systemTicks() - earlier.systemTicks();
        });
        long total = used.values().stream().mapToLong(u -> u[0]).sum();
        String parts = used.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .map(e -> String.format("%s %.0f [%.0f]", e.getKey(), micros(e.getValue()[0], units), micros(e.getValue()[1], units)))
                .collect(Collectors.joining(", "));
        return String.format("%.0f µs (%s)", micros(total, units), parts);
    }

    private static double micros(long ticks, long units) {
        return ticks / TICKS_PER_SECOND * 1e6 / units;
    }
}
