package dev.isthmus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What `helm template` renders with default and non-default values. */
class ChartRenderTest {

    @Test
    void defaultValuesRenderTheOperatorAndOneWorkerNamespace() {
        List<HasMetadata> objects = Chart.objects(Chart.template());
        assertEquals(
                Map.of(
                        "ClusterRole", 1,
                        "ClusterRoleBinding", 1,
                        "ConfigMap", 1,
                        "CustomResourceDefinition", 1,
                        "Deployment", 1,
                        "Role", 1,
                        "RoleBinding", 1,
                        "Service", 1,
                        "ServiceAccount", 2),
                Chart.kinds(objects));
        Map<String, String> env = env(objects);
        assertEquals("JOSDK_ALL_NAMESPACES", env.get(WATCHED));
        assertEquals(
                "ghcr.io/isthmus-dev/isthmus-workers:0.1.0-SNAPSHOT", env.get("ISTHMUS_IMAGE"));
        assertEquals("isthmus-worker", env.get("ISTHMUS_SERVICE_ACCOUNT"));
        assertEquals("single-replica", env.get(LEADER));
        assertEquals(
                "ghcr.io/isthmus-dev/isthmus-operator:0.1.0-SNAPSHOT",
                deployment(objects)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage());
        assertTrue(
                Chart.ofKind(objects, "ServiceAccount", HasMetadata.class)
                        .containsKey("isthmus-system/isthmus-worker"));
    }

    @Test
    void monitoringObjectsOnlyWhenSwitchedOn() {
        Map<String, Integer> kinds =
                Chart.kinds(Chart.objects(Chart.template(Chart.values("monitoring"))));
        assertEquals(1, kinds.get("ServiceMonitor"));
        assertEquals(1, kinds.get("PrometheusRule"));
        assertEquals(12, kinds.values().stream().mapToInt(Integer::intValue).sum());
        // auto: helm template knows no monitoring.coreos.com API, so nothing is rendered
        Map<String, Integer> auto = Chart.kinds(Chart.objects(Chart.template()));
        assertFalse(auto.containsKey("ServiceMonitor"));
        assertFalse(auto.containsKey("PrometheusRule"));
    }

    @Test
    void watchedNamespacesReplicasAndCudaWorkers() {
        List<HasMetadata> objects = Chart.objects(Chart.template(Chart.values("namespaced")));
        assertEquals(
                Map.of(
                        "ClusterRole", 1,
                        "CustomResourceDefinition", 1,
                        "Deployment", 1,
                        "PersistentVolumeClaim", 2,
                        "Role", 3,
                        "RoleBinding", 5,
                        "Service", 1,
                        "ServiceAccount", 3),
                Chart.kinds(objects));
        Map<String, String> env = env(objects);
        assertEquals("team-a,team-b", env.get(WATCHED));
        assertEquals("prod", env.get(LEADER));
        assertEquals("isthmus-operator", env.get("ISTHMUS_LEADER_ELECTION_LEASE_NAME"));
        assertEquals("ghcr.io/isthmus-dev/isthmus-workers:1.2.3-cuda", env.get("ISTHMUS_IMAGE"));
        assertEquals("s3://bucket/isthmus", env.get("ISTHMUS_DEFAULT_STORE"));
        assertEquals("isthmus-s3", env.get("ISTHMUS_DEFAULT_STORE_CREDENTIALS_SECRET"));
        assertEquals("8", env.get("ISTHMUS_DEFAULT_RESOURCES_CPU"));
        assertEquals("32Gi", env.get("ISTHMUS_DEFAULT_RESOURCES_MEMORY"));
        assertEquals("1", env.get("ISTHMUS_DEFAULT_RESOURCES_GPU"));
        assertEquals(2, deployment(objects).getSpec().getReplicas());
        Map<String, RoleBinding> bindings = Chart.ofKind(objects, "RoleBinding", RoleBinding.class);
        assertTrue(bindings.containsKey("team-a/isthmus-operator"), bindings.keySet()::toString);
        assertTrue(bindings.containsKey("team-b/isthmus-operator"));
        assertTrue(bindings.containsKey("team-a/isthmus-worker"));
        assertTrue(bindings.containsKey("isthmus-system/isthmus-operator-leader-election"));
    }

    @Test
    void everyNamespacedObjectNamesItsNamespace() {
        for (String values : List.of("monitoring", "namespaced")) {
            for (HasMetadata o : Chart.objects(Chart.template(Chart.values(values)))) {
                boolean namespaced =
                        o instanceof Namespaced
                                || o instanceof GenericKubernetesResource
                                || o.getKind().equals("ConfigMap");
                if (namespaced) {
                    assertNotNull(
                            o.getMetadata().getNamespace(),
                            o.getKind() + " " + o.getMetadata().getName());
                }
            }
        }
    }

    @Test
    void probesAreQuarkusHealthEndpoints() {
        var container =
                deployment(Chart.objects(Chart.template()))
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0);
        assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/q/health/started", container.getStartupProbe().getHttpGet().getPath());
        assertNotNull(container.getResources().getRequests().get("memory"));
        assertNotNull(container.getResources().getLimits().get("memory"));
    }

    @Test
    void serviceSelectsTheOperatorPodsOnly() {
        List<HasMetadata> objects = Chart.objects(Chart.template(Chart.values("namespaced")));
        var service =
                Chart.ofKind(objects, "Service", io.fabric8.kubernetes.api.model.Service.class)
                        .values()
                        .iterator()
                        .next();
        Map<String, String> podLabels =
                deployment(objects).getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
        assertEquals(
                service.getSpec().getSelector(),
                deployment(objects).getSpec().getSelector().getMatchLabels());
        for (HasMetadata o : objects) {
            if (o.getMetadata().getName().equals("isthmus-worker")
                    || o.getKind().equals("PersistentVolumeClaim")) {
                assertEquals(
                        "isthmus-worker",
                        o.getMetadata().getLabels().get("app.kubernetes.io/name"),
                        o.getKind());
            }
        }
        assertFalse(
                env(Chart.objects(Chart.template()))
                        .containsKey("ISTHMUS_LEADER_ELECTION_LEASE_NAME"));
    }

    static final String WATCHED = "QUARKUS_OPERATOR_SDK_CONTROLLERS_CONNECTIVITYSWEEP_NAMESPACES";
    static final String LEADER = "QUARKUS_PROFILE";

    static Deployment deployment(List<HasMetadata> objects) {
        return Chart.ofKind(objects, "Deployment", Deployment.class).values().iterator().next();
    }

    static Map<String, String> env(List<HasMetadata> objects) {
        return deployment(objects)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv()
                .stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
