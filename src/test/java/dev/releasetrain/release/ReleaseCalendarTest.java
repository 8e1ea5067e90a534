package dev.releasetrain.release;

import dev.releasetrain.cli.CalendarCommand;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseCalendarTest {
    /** Worked out by hand from a wall calendar: the last Monday, and the Wednesday before it. */
    private static final Map<String, String[]> KNOWN = Map.ofEntries(
            Map.entry("2026-12", new String[] {"2026-12-23", "2026-12-28"}),
            Map.entry("2027-01", new String[] {"2027-01-20", "2027-01-25"}), // last Monday the 25th: freeze the week before
            Map.entry("2027-02", new String[] {"2027-02-17", "2027-02-22"}),
            Map.entry("2027-03", new String[] {"2027-03-24", "2027-03-29"}),
            Map.entry("2027-05", new String[] {"2027-05-26", "2027-05-31"}), // the 31st
            Map.entry("2027-08", new String[] {"2027-08-25", "2027-08-30"}),
            Map.entry("2027-10", new String[] {"2027-10-20", "2027-10-25"}),
            Map.entry("2028-02", new String[] {"2028-02-23", "2028-02-28"}), // a leap February
            Map.entry("2028-07", new String[] {"2028-07-26", "2028-07-31"}),
            Map.entry("2028-09", new String[] {"2028-09-20", "2028-09-25"}));

    @Test
    void theNextTwentyFourMonthsFollowTheRule() {
        List<ReleaseCalendar.Train> trains = ReleaseCalendar.DEFAULT.upcoming(LocalDate.of(2026, 11, 22), 24);
        assertEquals(24, trains.size());
        assertEquals(YearMonth.of(2026, 11), trains.get(0).month(), "November's release (the 30th) is still ahead");
        for (ReleaseCalendar.Train t : trains) {
            assertEquals(DayOfWeek.MONDAY, t.release().getDayOfWeek());
            assertTrue(t.release().plusWeeks(1).getMonthValue() != t.release().getMonthValue(), "the last Monday: " + t);
            assertEquals(DayOfWeek.WEDNESDAY, t.freeze().getDayOfWeek());
            assertEquals(5, t.release().toEpochDay() - t.freeze().toEpochDay(), "the Wednesday before: " + t);
            String[] known = KNOWN.get(t.month().toString());
            if (known != null) {
                assertEquals(known[0], t.freeze().toString(), t.month() + " freeze");
                assertEquals(known[1], t.release().toString(), t.month() + " release");
            }
        }
        assertEquals(KNOWN.size(), trains.stream().filter(t -> KNOWN.containsKey(t.month().toString())).count());
    }

    @Test
    void aMonthWhoseReleaseHasPassedIsNotUpcoming() {
        assertEquals(YearMonth.of(2026, 12), ReleaseCalendar.DEFAULT.upcoming(LocalDate.of(2026, 11, 30).plusDays(1), 1).get(0).month());
        assertEquals(YearMonth.of(2026, 11), ReleaseCalendar.DEFAULT.upcoming(LocalDate.of(2026, 11, 30), 1).get(0).month(), "release day itself");
    }

    @Test
    void theCalendarCommandPrintsThem() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CalendarCommand(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC)).run(List.of("--months", "3"), new PrintStream(out, true));
        String text = out.toString();
        assertTrue(text.contains("2026-11   Wed 2026-11-25   Mon 2026-11-30"), text);
        assertTrue(text.contains("2027-01   Wed 2027-01-20   Mon 2027-01-25"), text);
        assertEquals(4, text.lines().count());
    }

    @Test
    void versionsParseStrictlyAndStepByMinor() {
        assertEquals("1.30.0", Version.parse("1.29.3").orElseThrow().nextMinor().toString());
        assertEquals("1.29.4", Version.parse("v1.29.3").orElseThrow().nextPatch().toString());
        for (String bad : List.of("1.2", "1.2.3; rm -rf /", "1.2.3.4", "../1.2.3", "1.2.x", "", " 1.2.3-rc1")) {
            assertTrue(Version.parse(bad).isEmpty(), bad);
        }
        assertEquals("1.30.0", Version.latest(List.of("1.9.0", "1.30.0", "nightly", "1.29.9", "v1.4.0")).orElseThrow().toString());
        assertTrue(Version.parse("1.10.0").orElseThrow().compareTo(Version.parse("1.9.9").orElseThrow()) > 0);
    }
}
