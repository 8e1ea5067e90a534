package dev.releasetrain.reconcile;

import dev.releasetrain.github.DeliveryAttempt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which deliveries GitHub is asked for again, from its log of attempts and what the store holds. */
class RedeliveryPlanTest {

    /** "guid:status" per attempt, oldest first; the store's GUIDs; the GUIDs asked for. */
    record Case(String name, List<String> attempts, Set<String> stored, List<String> asked) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("nothing answered: asked for", List.of("a:0"), Set.of(), List.of("a")),
                new Case("a server error: asked for", List.of("a:503"), Set.of(), List.of("a")),
                new Case("a timeout or an overload: asked for", List.of("a:408", "b:429"), Set.of(), List.of("a", "b")),
                new Case("delivered: never asked for", List.of("a:202"), Set.of(), List.of()),
                new Case("failed, then a redelivery succeeded", List.of("a:0", "a:202"), Set.of(), List.of()),
                new Case("a redelivery failed again: asked for once more", List.of("a:0", "a:502"), Set.of(), List.of("a")),
                new Case("stored though GitHub saw no answer", List.of("a:504"), Set.of("a"), List.of()),
                new Case("refused on purpose (bad signature): asking again changes nothing", List.of("a:401", "b:400", "c:413"), Set.of(), List.of()),
                new Case("refused, then a server error: the last answer counts", List.of("a:401", "a:500"), Set.of(), List.of("a")),
                new Case("oldest first, each once", List.of("b:0", "a:0", "b:0", "c:200"), Set.of(), List.of("b", "a")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void asksForWhatNeverArrived(Case c) {
        List<DeliveryAttempt> attempts = new ArrayList<>();
        long id = 1;
        for (String a : c.attempts()) {
            String[] parts = a.split(":");
            attempts.add(new DeliveryAttempt(id, parts[0], Instant.ofEpochSecond(1_000 + id), id > 1, Integer.parseInt(parts[1]), "push"));
            id++;
        }
        List<DeliveryAttempt> missed = RedeliveryPlan.missed(attempts, c.stored());
        assertEquals(c.asked(), missed.stream().map(DeliveryAttempt::guid).toList());
        for (DeliveryAttempt m : missed) {
            long newest = attempts.stream().filter(a -> a.guid().equals(m.guid())).mapToLong(DeliveryAttempt::id).max().orElseThrow();
            assertEquals(newest, m.id(), "the newest attempt is the one redelivered");
        }
        assertEquals(Arrays.stream(c.attempts().toArray(String[]::new)).map(a -> a.split(":")[0]).distinct()
                .filter(g -> c.attempts().stream().noneMatch(a -> a.startsWith(g + ":2"))).toList(),
                List.copyOf(RedeliveryPlan.undelivered(attempts)));
    }
}
