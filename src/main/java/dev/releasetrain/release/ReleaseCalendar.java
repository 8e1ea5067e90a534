package dev.releasetrain.release;

import dev.releasetrain.config.ReleaseSettings;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The monthly train: the release goes out on the last {@code releaseDay} of the month (Monday by default) and the
 * code freezes on the {@code freezeDay} before it (Wednesday), which can fall in the week before.
 */
public record ReleaseCalendar(DayOfWeek releaseDay, DayOfWeek freezeDay) {
    /** The calendar a repository's {@code release.schedule} describes. */
    public static ReleaseCalendar of(ReleaseSettings settings) {
        return new ReleaseCalendar(settings.releaseDay(), settings.freezeDay());
    }

    public static final ReleaseCalendar DEFAULT = new ReleaseCalendar(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY);

    /** One month's train. */
    public record Train(YearMonth month, LocalDate freeze, LocalDate release) {
    }

    public Train train(YearMonth month) {
        LocalDate release = month.atEndOfMonth().with(TemporalAdjusters.lastInMonth(releaseDay));
        LocalDate freeze = release.with(TemporalAdjusters.previous(freezeDay));
        return new Train(month, freeze, release);
    }

    /** The next {@code count} trains whose release is on or after {@code today}. */
    public List<Train> upcoming(LocalDate today, int count) {
        List<Train> out = new ArrayList<>();
        YearMonth month = YearMonth.from(today);
        while (out.size() < count) {
            Train t = train(month);
            if (!t.release().isBefore(today)) {
                out.add(t);
            }
            month = month.plusMonths(1);
        }
        return out;
    }
}
