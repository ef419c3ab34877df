package dev.isthmus.operator.status;

import dev.isthmus.operator.resource.SweepCondition;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a condition list from the previous one: a condition keeps its {@code lastTransitionTime}
 * while its status stays the same.
 */
final class Conditions {

    private final List<SweepCondition> previous;
    private final List<SweepCondition> next = new ArrayList<>();
    private final long generation;
    private final String now;

    Conditions(List<SweepCondition> previous, long generation, String now) {
        this.previous = previous == null ? List.of() : previous;
        this.generation = generation;
        this.now = now;
    }

    Conditions set(ConditionType condition, boolean status, String reason, String message) {
        String type = condition.type();
        String value = status ? SweepCondition.TRUE : SweepCondition.FALSE;
        String since = now;
        for (SweepCondition old : previous) {
            if (old.type().equals(type) && old.status().equals(value)) {
                since = old.lastTransitionTime();
            }
        }
        next.add(new SweepCondition(type, value, generation, since, reason, message));
        return this;
    }

    List<SweepCondition> list() {
        return List.copyOf(next);
    }
}
