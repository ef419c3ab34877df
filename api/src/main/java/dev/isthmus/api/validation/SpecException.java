package dev.isthmus.api.validation;

import java.util.List;

/** A sweep document that cannot be used, with every problem found in it. */
public class SpecException extends RuntimeException {

    private final String sourceName;
    private final transient List<Problem> problems;

    public SpecException(List<Problem> problems) {
        this(null, problems);
    }

    /**
     * @param sourceName the file (or other source) the document came from, or null
     * @param problems at least one problem
     */
    public SpecException(String sourceName, List<Problem> problems) {
        super(message(sourceName, problems));
        this.sourceName = sourceName;
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in document order. */
    public List<Problem> problems() {
        return problems;
    }

    /** The file (or other source) the document came from, or null. */
    public String sourceName() {
        return sourceName;
    }

    private static String message(String sourceName, List<Problem> problems) {
        StringBuilder out = new StringBuilder();
        if (sourceName != null) {
            int n = problems.size();
            out.append(sourceName).append(": ").append(n).append(n == 1 ? " problem" : " problems");
        }
        for (Problem problem : problems) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(problem);
        }
        return out.toString();
    }
}
