package dev.releasetrain.checks;

import dev.releasetrain.config.ConfigResult;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.Subscription;
import dev.releasetrain.github.RepositoryClients;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Every capability's check on a merge queue's group, in one place: the group's pull requests are listed once (a
 * comparison and a lookup per commit) for all the checks that need them, and a config that cannot be used fails
 * each check as on a pull request.
 */
public final class CheckMergeGroups {
    private final List<MergeGroupCheck> checks;
    private final CheckPublisher publisher;

    public CheckMergeGroups(List<MergeGroupCheck> checks, CheckPublisher publisher) {
        this.checks = List.copyOf(checks);
        this.publisher = publisher;
    }

    /** The deliveries it takes, as the router sees them. */
    public EventHandler handler() {
        return new EventHandler("merge-group", List.of(Subscription.own("merge_group", Set.of("checks_requested"), MergeGroup.class, MergeGroup::read,
                (group, ctx) -> check(group, ctx.config(), ctx.github()))));
    }

    /** Publishes each enabled check on the group's head. */
    public void check(MergeGroup group, ConfigResult config, RepositoryClients github) throws Exception {
        if (config instanceof ConfigResult.Invalid invalid) {
            for (MergeGroupCheck c : checks) {
                publisher.publish(github.checkRuns(), CheckRunResult.brokenConfig(c.check(), group.headSha(), invalid.problem()));
            }
            return;
        }
        RepoSettings settings = ((ConfigResult.Valid) config).settings();
        MergeGroupCheck.Members members = new MergeGroupCheck.Members() {
            private List<Long> numbers;

            @Override
            public synchronized List<Long> numbers() throws IOException {
                if (numbers == null) {
                    numbers = github.mergeGroups().pullRequestsIn(group.baseSha(), group.headSha());
                }
                return numbers;
            }
        };
        for (MergeGroupCheck c : checks) {
            if (c.enabled().test(settings)) {
                publisher.publish(github.checkRuns(), c.judge().judge(group, members, settings, github));
            }
        }
    }
}
