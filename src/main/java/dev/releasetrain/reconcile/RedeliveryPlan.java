package dev.releasetrain.reconcile;

import dev.releasetrain.github.DeliveryAttempt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which deliveries to ask GitHub for again: pure, over GitHub's log and what the store holds. */
public final class RedeliveryPlan {
    private RedeliveryPlan() {
    }

    /**
     * The deliveries (one attempt each, the newest, whose id GitHub redelivers) that never got a 2xx, whose last
     * answer could change, and that the store does not hold: a GUID the store has was received, whatever GitHub
     * recorded (the answer may have been lost on the way back). In the order GitHub first tried them, so a pull
     * request's deliveries arrive again in their own order.
     */
    public static List<DeliveryAttempt> missed(List<DeliveryAttempt> attempts, Set<String> stored) {
        Map<String, List<DeliveryAttempt>> byGuid = new LinkedHashMap<>();
        for (DeliveryAttempt a : attempts) {
            byGuid.computeIfAbsent(a.guid(), g -> new ArrayList<>()).add(a);
        }
        Comparator<DeliveryAttempt> byTime = Comparator.comparing(DeliveryAttempt::deliveredAt).thenComparingLong(DeliveryAttempt::id);
        List<List<DeliveryAttempt>> missed = new ArrayList<>();
        for (List<DeliveryAttempt> tries : byGuid.values()) {
            tries.sort(byTime);
            DeliveryAttempt last = tries.get(tries.size() - 1);
            if (tries.stream().noneMatch(DeliveryAttempt::succeeded) && last.worthAgain() && !stored.contains(last.guid())) {
                missed.add(tries);
            }
        }
        missed.sort(Comparator.comparing(tries -> tries.get(0), byTime));
        return missed.stream().map(tries -> tries.get(tries.size() - 1)).toList();
    }

    /** The GUIDs no attempt delivered: the only ones worth looking up in the store. */
    public static Set<String> undelivered(List<DeliveryAttempt> attempts) {
        Set<String> delivered = new java.util.HashSet<>();
        attempts.stream().filter(DeliveryAttempt::succeeded).forEach(a -> delivered.add(a.guid()));
        Set<String> out = new java.util.LinkedHashSet<>();
        attempts.stream().map(DeliveryAttempt::guid).filter(g -> !delivered.contains(g)).forEach(out::add);
        return out;
    }
}
