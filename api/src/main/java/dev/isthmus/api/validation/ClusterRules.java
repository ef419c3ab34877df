package dev.isthmus.api.validation;

import dev.isthmus.api.admission.Units;
import dev.isthmus.api.spec.ExecutionSpec;
import dev.isthmus.api.spec.ResourcesSpec;
import dev.isthmus.api.spec.StoreCredentialsSpec;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks the cluster-only parts of {@code spec.execution}: resources, node selector, volume claim
 * and store credentials (tolerations in {@link TolerationRules}). Shapes follow Kubernetes, so a
 * mistake is reported here rather than by the API server after the sweep was accepted.
 */
final class ClusterRules {

    private static final String PATH = "spec.execution";
    private static final Pattern QUANTITY =
            Pattern.compile("([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_NAME =
            Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE =
            Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
    static final int MAX_GPUS = 64;

    private ClusterRules() {}

    static void check(ExecutionSpec execution, ProblemCollector problems) {
        checkResources(execution, problems);
        Map<String, String> selector = execution.nodeSelector();
        if (selector != null) {
            selector.forEach(
                    (key, value) -> checkLabel(PATH + ".nodeSelector", key, value, problems));
        }
        TolerationRules.check(execution.tolerations(), PATH + ".tolerations", problems);
        subdomain(PATH + ".volumeClaim", execution.volumeClaim(), problems);
        StoreCredentialsSpec credentials = execution.storeCredentials();
        if (credentials != null) {
            String path = PATH + ".storeCredentials";
            if (execution.store() != null && !LocationRules.isS3(execution.store())) {
                problems.add(path, "applies only to an s3:// store");
            } else if (problems.required(path + ".secret", credentials.secret())) {
                subdomain(path + ".secret", credentials.secret(), problems);
            }
        }
    }

    private static void checkResources(ExecutionSpec execution, ProblemCollector problems) {
        ResourcesSpec resources = execution.resources();
        if (resources == null) {
            return;
        }
        String path = PATH + ".resources";
        Integer gpu = resources.gpu();
        problems.between(path + ".gpu", gpu, 0, MAX_GPUS);
        if (gpu != null && gpu > 0 && "cpu".equals(execution.device())) {
            problems.add(path + ".gpu", "requests " + gpu + " GPU(s) but execution.device is cpu");
        }
        quantity(path + ".cpu", resources.cpu(), "\"4\" or \"500m\"", problems);
        quantity(path + ".memory", resources.memory(), "16Gi or 512Mi", problems);
        checkMaxMemory(path, resources, execution.retries(), problems);
    }

    /**
     * The retry cap: a quantity, only with memory (it grows from it) and retries (it grows on
     * them), and at least memory.
     */
    private static void checkMaxMemory(
            String path, ResourcesSpec resources, Integer retries, ProblemCollector problems) {
        String max = resources.maxMemory();
        if (max == null) {
            return;
        }
        int before = problems.problems().size();
        quantity(path + ".maxMemory", max, "64Gi or 4096Mi", problems);
        if (problems.problems().size() > before) {
            return;
        }
        String memory = resources.memory();
        if (memory == null) {
            problems.add(
                    path + ".maxMemory",
                    "caps the memory a retry grows to from " + path + ".memory, which is not set");
        } else if (QUANTITY.matcher(memory).matches()
                && Units.quantity(max) < Units.quantity(memory)) {
            problems.add(
                    path + ".maxMemory",
                    "must be at least " + path + ".memory (" + memory + "), got " + max);
        } else if (retries != null && retries == 0) {
            problems.add(
                    path + ".maxMemory",
                    "caps the memory a retry grows to, but spec.execution.retries is 0, so no"
                            + " task is retried");
        }
    }

    private static void quantity(
            String path, String value, String examples, ProblemCollector problems) {
        if (value == null) {
            return;
        }
        if (!QUANTITY.matcher(value).matches()) {
            problems.add(
                    path, "expected a Kubernetes quantity such as " + examples + ", got " + value);
        } else if (!value.matches(".*[1-9].*")) {
            problems.add(path, "must be more than 0, got " + value);
        }
    }

    /** A label key ([prefix/]name) and value, as in node selectors. */
    private static void checkLabel(
            String path, String key, String value, ProblemCollector problems) {
        String keyPath = StructureCheck.child(path, key);
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = key.substring(slash + 1);
        boolean prefixOk =
                prefix == null
                        || (prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches());
        if (!prefixOk || !LABEL_NAME.matcher(name).matches()) {
            problems.add(
                    keyPath,
                    "is not a valid label key (an optional DNS prefix and '/', then up to 63"
                            + " letters, digits, '-', '_' or '.')");
        } else if (!LABEL_VALUE.matcher(value).matches()) {
            problems.add(
                    keyPath,
                    "label value must be up to 63 letters, digits, '-', '_' or '.', starting and"
                            + " ending with a letter or digit, got "
                            + value);
        }
    }

    /** A Kubernetes object name (DNS-1123 subdomain), e.g. of a claim or Secret. */
    static void subdomain(String path, String value, ProblemCollector problems) {
        if (value == null) {
            return;
        }
        if (value.length() > 253 || !DNS_SUBDOMAIN.matcher(value).matches()) {
            problems.add(
                    path,
                    "must be a Kubernetes object name (lower case letters, digits, '-' and '.',"
                            + " starting and ending with a letter or digit), got "
                            + value);
        }
    }
}
