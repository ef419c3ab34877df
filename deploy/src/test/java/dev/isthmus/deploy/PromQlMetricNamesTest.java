package dev.isthmus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Metric names out of PromQL: functions, keywords, labels, durations and strings are not names. */
class PromQlMetricNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "up | up",
                "sum by (phase) (isthmus_sweeps{job=~\"$job\"}) | isthmus_sweeps",
                "rate(a_total[$__rate_interval]) / rate(b_total[5m]) | a_total b_total",
                "histogram_quantile(0.95, sum by (le) (rate(x_bucket{a=\"b,c\"}[6h]))) | x_bucket",
                "absent(up{job=\"isthmus-operator\", namespace=\"ns\"} == 1) | up",
                "sum(a) > 0 and on() (sum(changes(b[60m])) or on() vector(0)) == 0 | a b",
                "time() - c_timestamp_seconds > 93600 | c_timestamp_seconds",
                "x / ignoring(instance) group_left(pod) y offset 1h | x y",
                "1e-3 * foo:recorded:rate5m | foo:recorded:rate5m",
                "sum without (pod) (z) unless bool w | w z",
                "label_replace(m, \"dst\", \"$1\", \"src\", \"(.*)\") | m",
                "vector(1) |",
            })
    void namesOf(String expr, String names) {
        Set<String> expected =
                names == null ? Set.of() : new TreeSet<>(Arrays.asList(names.trim().split(" ")));
        assertEquals(expected, PromQlMetricNames.of(expr));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "label_values(isthmus_sweeps, job) | isthmus_sweeps",
                "label_values(a{b=\"c\"}, d) | a{b=\"c\"}",
                "label_values(job) | ''",
                "sum(x) | sum(x)",
            })
    void grafanaLabelValuesKeepsItsSelector(String query, String selector) {
        assertEquals(selector, MonitoringQueries.labelValuesSelector(query));
    }
}
