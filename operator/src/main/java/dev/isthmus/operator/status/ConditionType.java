package dev.isthmus.operator.status;

/** The condition types a sweep's status carries, with the strings Kubernetes clients read. */
public enum ConditionType {
    /** The sweep's Workflow (or CronWorkflow) exists, or why it does not. */
    READY("Ready"),
    /** A run is under way. */
    PROGRESSING("Progressing"),
    /** A task of the current run failed. */
    DEGRADED("Degraded"),
    /** The current run succeeded. */
    SUCCEEDED("Succeeded"),
    /** The current run failed. */
    FAILED("Failed"),
    /** The newest scheduled run failed its regression gate. */
    REGRESSED("Regressed");

    private final String type;

    ConditionType(String type) {
        this.type = type;
    }

    /** The condition's {@code type} as written in the status. */
    public String type() {
        return type;
    }
}
