package dev.releasetrain.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A test class that uses GitHub's recorded material in {@code ../shared} (payloads, REST routes): skipped, with one
 * line saying so, where that folder is missing. CI runs with it ({@code .ci/run} refuses to start without it).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsSharedFixtures.Condition.class)
public @interface NeedsSharedFixtures {
    final class Condition implements ExecutionCondition {
        private static final AtomicBoolean SAID = new AtomicBoolean();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Files.isDirectory(Fixtures.WEBHOOKS) && Files.isRegularFile(Fixtures.SHARED.resolve("github/rest-endpoints.txt"))) {
                return ConditionEvaluationResult.enabled("../shared is there");
            }
            String why = Fixtures.SHARED + " (GitHub's recorded payloads and REST routes) is missing: the tests that use it are skipped";
            if (SAID.compareAndSet(false, true)) {
                System.out.println("SKIPPED: " + why);
            }
            return ConditionEvaluationResult.disabled(why);
        }
    }
}
