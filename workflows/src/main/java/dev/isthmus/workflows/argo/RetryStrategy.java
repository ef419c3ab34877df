package dev.isthmus.workflows.argo;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Argo's {@code RetryStrategy}.
 *
 * @param limit retries after the first attempt (IntOrString, written as a string)
 * @param retryPolicy Always, OnFailure, OnError or OnTransientError; and-ed with the expression
 * @param expression an expr expression over {@code lastRetry.exitCode}, {@code .status}, {@code
 *     .duration} and {@code .message}; no retry when it is false
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RetryStrategy(String limit, String retryPolicy, String expression, Backoff backoff) {}
