package dev.releasetrain.review;

import dev.releasetrain.github.Collaborators;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** What the review rule reads: the reviews, and (only when they matter) people's rights and commits' trees. */
public interface ReviewReads extends Collaborators {
    /** Every review of the pull request, oldest first. */
    List<Review> reviews(long number) throws IOException;

    /** The tree a commit has, when it can be read (an approval of an older commit counts when the tree is the same). */
    Optional<String> tree(String sha);
}
