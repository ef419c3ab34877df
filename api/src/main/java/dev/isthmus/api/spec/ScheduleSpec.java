package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * When a cluster re-runs the sweep (nightly regression runs): one cron expression such as {@code "0
 * 2 * * *"}, shorthand for {@code {crons: ["0 2 * * *"]}}, or an object. {@code isthmus run}
 * ignores it and runs once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleSpec(
        @JsonPropertyDescription(
                        "Cron expressions (minute hour day-of-month month day-of-week, or @daily"
                                + " etc.); a run starts at each.")
                List<String> crons,
        @JsonPropertyDescription(
                        "IANA time zone the crons are read in, e.g. Europe/Berlin (default UTC).")
                String timezone,
        @JsonPropertyDescription(
                        "Seconds after a missed start time within which the run still starts"
                                + " (default 3600).")
                Integer startingDeadlineSeconds,
        @JsonPropertyDescription(
                        "Finished scheduled runs kept for each outcome, succeeded and failed (1 to"
                                + " 10, default 3).")
                Integer history) {

    public static final String DEFAULT_TIMEZONE = "UTC";
    public static final int DEFAULT_STARTING_DEADLINE_SECONDS = 3600;
    public static final int DEFAULT_HISTORY = 3;

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public ScheduleSpec {}

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ScheduleSpec of(String cron) {
        return new ScheduleSpec(List.of(cron), null, null, null);
    }
}
