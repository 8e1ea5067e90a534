package dev.releasetrain.cli;

import dev.releasetrain.release.ReleaseCalendar;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** {@code calendar [--months N] [--timezone Z]}: the coming freeze and release dates. */
public final class CalendarCommand {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ROOT);
    private final Clock clock;

    public CalendarCommand(Clock clock) {
        this.clock = clock;
    }

    public int run(List<String> args, PrintStream out) {
        int months = 6;
        ZoneId zone = ZoneId.of("UTC");
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--months" -> {
                    try {
                        months = Integer.parseInt(DeliveriesCommand.value(args, ++i, "--months"));
                    } catch (NumberFormatException e) {
                        months = -1;
                    }
                    if (months < 1 || months > 120) {
                        throw new UsageException("--months must be a whole number from 1 to 120");
                    }
                }
                case "--timezone" -> {
                    try {
                        zone = ZoneId.of(DeliveriesCommand.value(args, ++i, "--timezone"));
                    } catch (java.time.DateTimeException e) {
                        throw new UsageException("--timezone must be a zone such as Europe/Berlin or UTC");
                    }
                }
                default -> throw new UsageException("calendar does not take \"" + args.get(i) + "\"");
            }
        }
        out.printf("%-9s %-16s %-16s%n", "MONTH", "CODE FREEZE", "RELEASE");
        for (ReleaseCalendar.Train t : ReleaseCalendar.DEFAULT.upcoming(LocalDate.now(clock.withZone(zone)), months)) {
            out.printf("%-9s %-16s %-16s%n", t.month(), DAY.format(t.freeze()), DAY.format(t.release()));
        }
        return 0;
    }
}
