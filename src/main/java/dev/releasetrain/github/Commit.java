package dev.releasetrain.github;

/**
 * A commit as a history shows it; {@code login} is empty when git's author is no GitHub user.
 *
 * @param pickedFrom the commit it was cherry-picked from, by git's {@code (cherry picked from commit …)} line; null when none
 * @param merge      it has more than one parent
 */
public record Commit(String sha, String subject, String login, String name, String pickedFrom, boolean merge) {
}
