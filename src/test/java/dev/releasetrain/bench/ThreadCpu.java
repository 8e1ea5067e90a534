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
record ThreadCpu(Map<String, Long> ticksByGroup, Map<String, Long> systemTicksByGroup) {
    /** Linux's USER_HZ: /proc reports CPU time in hundredths of a second. */
    private static final double TICKS_PER_SECOND = 100;

    static ThreadCpu of(long pid) throws IOException {
        Map<String, Long> groups = new TreeMap<>();
        Map<String, Long> system = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
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
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                String group = group(stat.substring(open + 1, close));
                groups.merge(group, ticks, Long::sum);
                system.merge(group, Long.parseLong(f[12]), Long::sum);
            }
        }
        return new ThreadCpu(groups, system);
    }

    /** Thread names without their numbers: "qtp123-45" and "qtp123-46" are both "qtp-". */
    static String group(String name) {
        return name.replaceAll("\\d+", "").replaceAll("[-#_ ]+$", "");
    }

    /** Microseconds of CPU per unit of work between two readings, largest group first, with the total; in brackets the part spent in the kernel. */
    String perUnitSince(ThreadCpu before, long units) {
        if (units == 0) {
            return "no work done";
        }
        Map<String, Long> used = new TreeMap<>();
        ticksByGroup.forEach((g, t) -> used.put(g, t - before.ticksByGroup.getOrDefault(g, 0L)));
        long total = used.values().stream().mapToLong(Long::longValue).sum();
        String parts = used.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format("%s %.0f [%.0f]", e.getKey(), micros(e.getValue(), units),
                        micros(systemTicksByGroup.getOrDefault(e.getKey(), 0L) - before.systemTicksByGroup.getOrDefault(e.getKey(), 0L), units)))
                .collect(Collectors.joining(", "));
        return String.format("%.0f µs (%s)", micros(total, units), parts);
    }

    private static double micros(long ticks, long units) {
        return ticks / TICKS_PER_SECOND * 1e6 / units;
    }
}
