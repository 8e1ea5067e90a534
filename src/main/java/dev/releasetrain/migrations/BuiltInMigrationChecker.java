package dev.releasetrain.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers the migration question in-process when no status API is configured. A pull request labelled as a
 * contract migration is a declared second stage: its destructive statements are warnings, but it must not change
 * application code (two stages are two releases).
 */
public final class BuiltInMigrationChecker {
    private final SqlRules sql;
    private final EarlierMigrations earlier;
    private final String contractLabel;

    /** @param contractLabel the label that declares a second stage ({@code migrations.contract-label}), named in the advice */
    public BuiltInMigrationChecker(String engine, EarlierMigrations earlier, String contractLabel) {
        this.sql = new SqlRules(engine.toLowerCase(Locale.ROOT));
        this.earlier = earlier;
        this.contractLabel = contractLabel;
    }

    public List<Finding> findings(MigrationFile f, boolean contract) throws java.io.IOException {
        if (f.status().equals("removed") || f.path().toLowerCase(Locale.ROOT).endsWith(".down.sql")) {
            return List.of(); // a removed file runs nowhere; a down migration only runs to roll back
        }
        String path = f.path().toLowerCase(Locale.ROOT);
        List<SqlRules.Issue> issues = path.endsWith(".py") ? FrameworkRules.django(f.content(), sql, f.path(), earlier)
                : path.endsWith(".rb") ? FrameworkRules.rails(f.content(), sql)
                : path.endsWith(".sql") ? sql.check(f.content(), 1) : List.of();
        Suppressions allowed = new Suppressions(f.path(), f.content());
        List<Finding> out = new ArrayList<>(allowed.problems());
        for (SqlRules.Issue i : issues) {
            Optional<String> reason = allowed.reason(i);
            if (reason.isPresent()) { // accepted by its author, and said so in the check
                out.add(new Finding(f.path(), i.line(), Finding.NOTICE, "allowed (" + i.rule() + "): " + reason.get() + ". " + i.message()));
                continue;
            }
            String severity = i.destructive() && !contract ? Finding.FAILURE : Finding.WARNING;
            String message = i.destructive() ? (contract ? "second stage: " + i.message()
                    : i.message() + ". Ship it in two stages: stop using it in this release, remove it in a later one "
                    + "(label that pull request " + contractLabel + ").") : i.message();
            out.add(new Finding(f.path(), i.line(), severity, message));
        }
        return out;
    }

    public MigrationVerdict check(List<MigrationFile> files, boolean contract, List<String> otherChangedFiles) throws java.io.IOException {
        List<Finding> findings = new ArrayList<>();
        for (MigrationFile f : files) {
            findings.addAll(findings(f, contract));
        }
        if (contract && !otherChangedFiles.isEmpty()) {
            findings.add(new Finding(otherChangedFiles.get(0), 1, Finding.FAILURE, "a contract migration must ship on its own: this "
                    + "pull request also changes " + otherChangedFiles.size() + " application file(s). Move the code change to the "
                    + "release before."));
        }
        long failures = findings.stream().filter(f -> f.severity().equals(Finding.FAILURE)).count();
        long warnings = findings.stream().filter(f -> f.severity().equals(Finding.WARNING)).count();
        long allowed = findings.stream().filter(f -> f.severity().equals(Finding.NOTICE)).count();
        String summary = failures > 0
                ? failures + (failures == 1 ? " problem that breaks" : " problems that break") + " backwards compatibility" + (warnings > 0 ? ", " + warnings + " warning(s)" : "")
                : files.size() + " migration" + (files.size() == 1 ? "" : "s") + " backwards compatible" + (warnings > 0 ? ", " + warnings + " warning(s)" : "")
                + (allowed > 0 ? ", " + allowed + " finding(s) allowed with a reason" : "");
        return new MigrationVerdict(failures > 0 ? MigrationVerdict.FAILURE : MigrationVerdict.SUCCESS, summary, null, findings);
    }
}
