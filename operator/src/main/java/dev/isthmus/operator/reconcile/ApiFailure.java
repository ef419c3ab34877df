package dev.isthmus.operator.reconcile;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * A call to the API server that failed while reconciling a sweep, with what the operator was doing
 * ("create the Argo Workflow life-g1"), so that the sweep's status can say it in a sentence: the
 * action, the server's answer (its HTTP code, reason and own message) and that the operator
 * retries. The Java exception's text never reaches the status.
 */
public final class ApiFailure extends RuntimeException {

    /** The condition reason a failed API call gives Ready and Progressing. */
    public static final String REASON = "ApiServerRefused";

    /** The condition reason when the API server could not be reached at all. */
    public static final String UNREACHABLE = "ApiServerUnreachable";

    private final String action;

    ApiFailure(String action, KubernetesClientException cause) {
        super(action, cause);
        this.action = action;
    }

    /** Runs {@code call}; a client failure becomes an {@link ApiFailure} naming {@code action}. */
    static <T> T during(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw new ApiFailure(action, e);
        }
    }

    /** The ApiFailure in {@code e}'s chain of causes (the SDK wraps it), or null. */
    static ApiFailure in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiFailure failure) {
                return failure;
            }
        }
        return null;
    }

    /** The condition reason: refused (the server answered) or unreachable (it did not). */
    public String reason() {
        return cause().getCode() > 0 ? REASON : UNREACHABLE;
    }

    /** Whether retrying can help: not when the server refuses the request itself as invalid. */
    public boolean retryable() {
        int code = cause().getCode();
        return code != 400 && code != 422;
    }

    /** One sentence for the status and the event. */
    public String sentence() {
        String what = "The operator could not " + action;
        int code = cause().getCode();
        if (code <= 0) {
            return what + ": the API server did not answer; it retries with backoff.";
        }
        Status answer = cause().getStatus();
        String reason = answer == null ? null : answer.getReason();
        String message = answer == null || answer.getMessage() == null ? "" : answer.getMessage();
        StringBuilder s = new StringBuilder(what).append(": the API server answered ").append(code);
        if (reason != null && !reason.isBlank()) {
            s.append(' ').append(reason);
        }
        if (!message.isBlank()) {
            s.append(" (").append(message.strip()).append(')');
        }
        s.append(retryable() ? "; it retries with backoff." : "; it does not retry.");
        return s.toString();
    }

    private KubernetesClientException cause() {
        return (KubernetesClientException) getCause();
    }
}
