package dev.isthmus.api.validation;

import dev.isthmus.api.spec.ScheduleSpec;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks {@code spec.schedule}: cron syntax, time zone, deadline and kept history. */
final class ScheduleRules {

    private static final String PATH = "spec.schedule";
    static final int MAX_HISTORY = 10;

    private ScheduleRules() {}

    static void check(ScheduleSpec schedule, ProblemCollector problems) {
        if (schedule == null) {
            return;
        }
        List<String> crons = schedule.crons();
        if (problems.required(PATH + ".crons", crons)
                && problems.notEmpty(PATH + ".crons", crons)) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < crons.size(); i++) {
                String cron = crons.get(i);
                if (cron == null) {
                    continue;
                }
                String path = ProblemCollector.at(PATH + ".crons", i);
                String problem = CronExpression.problem(cron);
                if (problem != null) {
                    problems.add(path, problem);
                } else if (!seen.add(cron.strip())) {
                    problems.add(path, "duplicate cron " + cron);
                }
            }
        }
        String timezone = schedule.timezone();
        if (timezone != null && !ZoneId.getAvailableZoneIds().contains(timezone)) {
            problems.add(
                    PATH + ".timezone",
                    "unknown time zone "
                            + timezone
                            + " (expected an IANA name such as UTC or Europe/Berlin)");
        }
        problems.atLeast(PATH + ".startingDeadlineSeconds", schedule.startingDeadlineSeconds(), 0);
        problems.between(PATH + ".history", schedule.history(), 1, MAX_HISTORY);
    }
}
