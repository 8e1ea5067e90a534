package dev.releasetrain.release;

import dev.releasetrain.migrations.MigrationVerdicts;
import dev.releasetrain.notes.ReleaseContents;
import dev.releasetrain.review.UnreviewedMerges;

import java.time.Clock;

/**
 * What release steps work with beyond GitHub: the releases and their checklists, what the other capabilities
 * recorded (read through their own query interfaces and the release's ledger), the clock, and where commit links point.
 *
 * @param maxAttempts a command's last attempt answers with the failure instead of leaving the comment unanswered
 */
public record ReleaseDependencies(ReleaseRecords records, ChecklistIssue checklist, ReleaseContents notes, ReleaseLedger ledger,
                                  UnreviewedMerges unreviewed, MigrationVerdicts migrations, Clock clock, String githubWebUrl,
                                  int maxAttempts) {
}
