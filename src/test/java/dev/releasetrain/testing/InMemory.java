package dev.releasetrain.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.checks.CheckPublisher;
import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.cherrypick.CherryPickRecords;
import dev.releasetrain.delivery.FollowUps;
import dev.releasetrain.github.CheckRuns;
import dev.releasetrain.migrations.MigrationHeads;
import dev.releasetrain.notes.MergedPullRequest;
import dev.releasetrain.notes.ReleaseNotesStore;
import dev.releasetrain.release.Release;
import dev.releasetrain.release.ReleaseRecords;
import dev.releasetrain.release.Version;
import dev.releasetrain.review.EmergencyOverride;
import dev.releasetrain.review.ReviewAudit;
import dev.releasetrain.store.Locks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory stand-ins for the stores and services the handlers are handed, for table tests without a database. */
public final class InMemory {
    private InMemory() {
    }

    /** Check results as published, in order. */
    public static final class Checks implements CheckPublisher {
        public final List<CheckRunResult> published = new ArrayList<>();

        @Override
        public void publish(CheckRuns github, CheckRunResult run) {
            published.add(run);
        }

        /** The latest result of the check named {@code name}. */
        public CheckRunResult last(String name) {
            return published.stream().filter(r -> r.name().equals(name)).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no " + name + " published: " + published));
        }
    }

    /** Follow-ups as scheduled, by id (a repeat replaces nothing). */
    public static final class ScheduledFollowUps implements FollowUps {
        public record Scheduled(String id, String event, ObjectNode payload, long delayMillis) {
        }

        public final Map<String, Scheduled> scheduled = new LinkedHashMap<>();

        @Override
        public void schedule(String id, String event, ObjectNode payload, long delayMillis) {
            scheduled.putIfAbsent(id, new Scheduled(id, event, payload, delayMillis));
        }
    }

    public static final class Audit implements ReviewAudit {
        public final List<Recorded> overrides = new ArrayList<>();
        /** Overrides no longer in force, by "repo#number": every override recorded before the label was removed. */
        private final Map<String, Integer> endedBefore = new LinkedHashMap<>();
        public final Map<String, Case> cases = new LinkedHashMap<>();

        @Override
        public void recordOverride(String repository, long number, EmergencyOverride o) {
            overrides.add(new Recorded(repository, number, o));
        }

        @Override
        public Optional<EmergencyOverride> override(String repository, long number) {
            List<Recorded> mine = overrides.stream().filter(r -> r.repository().equals(repository) && r.number() == number).toList();
            int ended = endedBefore.getOrDefault(repository + "#" + number, 0);
            return mine.size() > ended ? Optional.of(mine.get(mine.size() - 1).override()) : Optional.empty();
        }

        @Override
        public void endOverrides(String repository, long number, long now) {
            endedBefore.put(repository + "#" + number, (int) overrides.stream().filter(r -> r.repository().equals(repository) && r.number() == number).count());
        }

        @Override
        public List<Recorded> overrides() {
            return overrides;
        }

        @Override
        public void openCase(String repository, long number, String mergedSha, String author, long now) {
            cases.putIfAbsent(repository + "#" + number, new Case(repository, number, mergedSha, author, now, null, null));
        }

        @Override
        public void closeCase(String repository, long number, String reviewer, long now) {
            cases.computeIfPresent(repository + "#" + number, (k, c) -> c.open()
                    ? new Case(c.repository(), c.number(), c.mergedSha(), c.author(), c.openedAt(), now, reviewer) : c);
        }

        @Override
        public Optional<Case> find(String repository, long number) {
            return Optional.ofNullable(cases.get(repository + "#" + number));
        }

        @Override
        public List<Case> cases() {
            return List.copyOf(cases.values());
        }

        @Override
        public List<Case> openCases(String repository) {
            return cases.values().stream().filter(c -> c.repository().equals(repository) && c.open()).toList();
        }
    }

    public static final class Heads implements MigrationHeads {
        /** "repo#number" → [head, conclusion or null]. */
        public final Map<String, String[]> heads = new LinkedHashMap<>();

        @Override
        public void record(String repository, long number, String head) {
            heads.put(repository + "#" + number, new String[] {head, null});
        }

        @Override
        public void conclude(String repository, String head, String conclusion) {
            heads.forEach((k, v) -> {
                if (k.startsWith(repository + "#") && v[0].equals(head)) {
                    v[1] = conclusion;
                }
            });
        }

        @Override
        public Optional<String> latest(String repository, long number) {
            return Optional.ofNullable(heads.get(repository + "#" + number)).map(v -> v[0]);
        }

        @Override
        public Optional<Long> numberAt(String repository, String head) {
            return heads.entrySet().stream().filter(e -> e.getKey().startsWith(repository + "#") && e.getValue()[0].equals(head))
                    .map(e -> Long.parseLong(e.getKey().substring(e.getKey().indexOf('#') + 1))).findFirst();
        }

        @Override
        public Map<Long, String> notSafe(String repository) {
            Map<Long, String> out = new TreeMap<>();
            heads.forEach((k, v) -> {
                if (k.startsWith(repository + "#") && !"success".equals(v[1])) {
                    out.put(Long.parseLong(k.substring(k.indexOf('#') + 1)), v[1] == null ? "pending" : v[1]);
                }
            });
            return out;
        }
    }

    public static final class Picks implements CherryPickRecords {
        /** "repo#number" → target → row. */
        public final Map<String, Map<String, Row>> rows = new LinkedHashMap<>();

        @Override
        public void put(String repo, long number, Row row) {
            Map<String, Row> targets = rows.computeIfAbsent(repo + "#" + number, k -> new TreeMap<>());
            Row before = targets.get(row.target());
            targets.put(row.target(), new Row(row.target(), row.state(), row.detail(), row.url(),
                    row.requestedBy() != null || before == null ? row.requestedBy() : before.requestedBy()));
        }

        @Override
        public List<Row> of(String repo, long number) {
            return List.copyOf(rows.getOrDefault(repo + "#" + number, Map.of()).values());
        }

        @Override
        public List<Long> waitingFor(String repo, String target, int limit) {
            return rows.entrySet().stream().filter(e -> e.getKey().startsWith(repo + "#") && e.getValue().containsKey(target)
                            && e.getValue().get(target).state() == dev.releasetrain.cherrypick.PickState.WAITING)
                    .map(e -> Long.parseLong(e.getKey().substring(e.getKey().indexOf('#') + 1))).limit(limit).toList();
        }
    }

    public static final class Notes implements ReleaseNotesStore {
        public final Map<Long, MergedPullRequest> merged = new TreeMap<>();
        public final Map<Long, String> bases = new TreeMap<>();
        public final Map<String, Long> cuts = new LinkedHashMap<>();

        @Override
        public void merged(String repo, MergedPullRequest pr, String baseRef) {
            merged.put(pr.number(), pr);
            bases.put(pr.number(), baseRef);
        }

        @Override
        public void cut(String repo, String version, String branch, long at) {
            cuts.putIfAbsent(version, at);
        }

        @Override
        public List<MergedPullRequest> pullRequests(String repo, java.util.Collection<Long> numbers) {
            return merged.values().stream().filter(p -> numbers.contains(p.number())).toList();
        }
    }

    public static final class ProcessLocks implements Locks {
        @Override
        public synchronized <T> T exclusively(String name, Work<T> work) throws Exception {
            return work.run();
        }
    }
}
