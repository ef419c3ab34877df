package dev.isthmus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Least privilege: each rule is one the operator or Argo's executor needs, nothing broader. */
class RbacTest {

    @Test
    void operatorMayTouchOnlyItsResourcesArgoObjectsAndEvents() {
        List<HasMetadata> objects = Chart.objects(Chart.template());
        ClusterRole role =
                Chart.ofKind(objects, "ClusterRole", ClusterRole.class).values().iterator().next();
        assertEquals(
                Map.of(
                        "isthmus.dev/connectivitysweeps",
                                Set.of("get", "list", "watch", "patch", "update"),
                        "isthmus.dev/connectivitysweeps/status", Set.of("get", "patch", "update"),
                        "isthmus.dev/connectivitysweeps/finalizers", Set.of("update"),
                        "argoproj.io/workflows",
                                Set.of(
                                        "get",
                                        "list",
                                        "watch",
                                        "create",
                                        "patch",
                                        "update",
                                        "delete",
                                        "deletecollection"),
                        "argoproj.io/cronworkflows",
                                Set.of("get", "list", "create", "delete", "deletecollection"),
                        "/events", Set.of("create", "patch")),
                rules(role.getRules()));
    }

    @Test
    void leasesOnlyWithSeveralReplicas() {
        List<HasMetadata> single = Chart.objects(Chart.template());
        assertFalse(
                Chart.ofKind(single, "Role", Role.class)
                        .containsKey("isthmus-system/isthmus-operator-leader-election"));
        Role leader =
                Chart.ofKind(
                                Chart.objects(Chart.template(Chart.values("namespaced"))),
                                "Role",
                                Role.class)
                        .get("isthmus-system/isthmus-operator-leader-election");
        assertEquals(
                Map.of("coordination.k8s.io/leases", Set.of("get", "create", "update")),
                rules(leader.getRules()));
    }

    @Test
    void workersMayOnlyRecordTaskResults() {
        // Argo >= 3.4, emissary executor:
        // https://argo-workflows.readthedocs.io/en/latest/workflow-rbac/
        for (String values : List.of("monitoring", "namespaced")) {
            var roles =
                    Chart.ofKind(
                            Chart.objects(Chart.template(Chart.values(values))),
                            "Role",
                            Role.class);
            roles.entrySet().stream()
                    .filter(e -> e.getKey().endsWith("/isthmus-worker"))
                    .forEach(
                            e ->
                                    assertEquals(
                                            Map.of(
                                                    "argoproj.io/workflowtaskresults",
                                                    Set.of("create", "patch")),
                                            rules(e.getValue().getRules()),
                                            e.getKey()));
        }
    }

    /** "group/resource" → verbs; fails on wildcards and resourceNames-free duplicates. */
    static Map<String, Set<String>> rules(List<PolicyRule> rules) {
        Map<String, Set<String>> flat = new TreeMap<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    assertFalse(
                            group.contains("*")
                                    || resource.contains("*")
                                    || rule.getVerbs().contains("*"));
                    flat.computeIfAbsent(group + "/" + resource, k -> new TreeSet<>())
                            .addAll(rule.getVerbs());
                }
            }
        }
        return flat;
    }
}
