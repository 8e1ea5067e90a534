package dev.releasetrain.cherrypick;

import dev.releasetrain.testing.Config;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which release branch a label asks for, and which labels a pick's pull request carries over, per config. */
class PickTargetsTest {
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', value = {
            // label                 | config                                                                        | target            | carried over
            "release-1.30.0          |                                                                               | release-1.30.0    | false",
            "release-1.30            |                                                                               |                   | true",
            "bug                     |                                                                               |                   | true",
            "cherry-pick-failed      |                                                                               |                   | false",
            "backport/2.4            | 'cherry-pick: {label-pattern: ''backport/(\\d+\\.\\d+)'', target-branch: ''stable-$1''}' | stable-2.4 | false",
            "backport/../x           | 'cherry-pick: {label-pattern: ''backport/(.+)'', target-branch: ''stable-$1''}'          |            | false",
    })
    void labels(String label, String config, String target, boolean carried) {
        var settings = Config.of(config).cherryPick();
        assertEquals(Optional.ofNullable(target), PickTargets.of(settings, label), label);
        assertEquals(carried, PickTargets.carriedOver(settings, label), label + " carried over");
    }
}
