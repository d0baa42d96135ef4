package org.imap4j.conformance.live;

import java.util.List;

/** The ids of the live suite's scenarios, for checks outside this package. */
public final class ScenarioIds {
    private ScenarioIds() {
    }

    /** @return every scenario id of {@link Scenarios#all()}, in the suite's order */
    public static List<String> all() {
        return Scenarios.all().stream().map(Scenario::id).toList();
    }
}
