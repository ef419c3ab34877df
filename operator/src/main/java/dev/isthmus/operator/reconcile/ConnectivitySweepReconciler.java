package dev.isthmus.operator.reconcile;

import dev.isthmus.api.result.RunFolder;
import dev.isthmus.api.spec.ConnectivitySweep;
import dev.isthmus.api.validation.Problem;
import dev.isthmus.api.validation.SpecException;
import dev.isthmus.operator.metrics.SweepMetrics;
import dev.isthmus.operator.observe.RunObservation;
import dev.isthmus.operator.observe.WorkflowObserver;
import dev.isthmus.operator.resource.ConnectivitySweepResource;
import dev.isthmus.operator.resource.ScheduledRun;
import dev.isthmus.operator.resource.SweepStatus;
import dev.isthmus.operator.status.StatusBuilder;
import dev.isthmus.workflows.render.WorkflowRenderer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Observe → validate → reconcile for ConnectivitySweeps. Observes the sweep's Workflows (a
 * label-selected informer), validates the spec as {@code isthmus run} does (an invalid spec gets
 * phase Invalid, a condition and a Warning event, and is not retried), makes sure this generation's
 * Workflow or CronWorkflow exists (stopping older generations' runs), and derives the status from
 * what it observed.
 */
@ControllerConfiguration(name = ConnectivitySweepReconciler.NAME)
@RBACRule(
        apiGroups = "argoproj.io",
        resources = "workflows",
        verbs = {"get", "list", "watch", "create", "patch", "delete", "deletecollection"})
@RBACRule(
        apiGroups = "argoproj.io",
        resources = "cronworkflows",
        verbs = {"get", "list", "create", "delete", "deletecollection"})
@RBACRule(apiGroups = "", resources = "events", verbs = "create")
public class ConnectivitySweepReconciler
        implements Reconciler<ConnectivitySweepResource>, Cleaner<ConnectivitySweepResource> {

    public static final String NAME = "connectivitysweep";
    static final GroupVersionKind WORKFLOW =
            new GroupVersionKind("argoproj.io", "v1alpha1", "Workflow");

    /** Why the operator does not start without Argo's Workflow type. */
    public static final String NO_ARGO =
            "Argo Workflows is not installed: the API server does not serve "
                    + ArgoObjects.API_VERSION
                    + " Workflow. Install Argo Workflows (its CRDs) first, then start"
                    + " the Isthmus operator.";

    /** The condition reason of a reconcile that failed for another cause than the API server. */
    static final String INTERNAL_ERROR = "InternalError";

    private static final Logger LOG = Logger.getLogger(ConnectivitySweepReconciler.class);

    private final ArgoObjects argo;
    private final SweepEvents events;
    private final SweepMetrics metrics;
    private final StatusWriter statusWriter;
    private final OperatorSettings.SweepDefaults defaults;
    private final Map<ResourceID, SweepStatus> written = new ConcurrentHashMap<>();

    public ConnectivitySweepReconciler(
            KubernetesClient client, SweepMetrics metrics, OperatorSettings settings) {
        this.argo = new ArgoObjects(client, settings.renderOptions());
        this.events = new SweepEvents(client);
        this.metrics = metrics;
        metrics.declareReconcileFailures(
                List.of(ApiFailure.REASON, ApiFailure.UNREACHABLE, INTERNAL_ERROR));
        this.statusWriter = new StatusWriter(client);
        this.defaults = settings.defaults();
    }

    @Override
    public List<EventSource<?, ConnectivitySweepResource>> prepareEventSources(
            EventSourceContext<ConnectivitySweepResource> context) {
        if (!context.getClient().supports(ArgoObjects.API_VERSION, "Workflow")) {
            throw new IllegalStateException(NO_ARGO);
        }
        var config =
                InformerEventSourceConfiguration.from(WORKFLOW, ConnectivitySweepResource.class)
                        .withName("workflows")
                        .withLabelSelector(WorkflowRenderer.SWEEP_LABEL)
                        .withSecondaryToPrimaryMapper(
                                (GenericKubernetesResource w) ->
                                        Set.of(
                                                new ResourceID(
                                                        w.getMetadata()
                                                                .getLabels()
                                                                .get(WorkflowRenderer.SWEEP_LABEL),
                                                        w.getMetadata().getNamespace())))
                        .build();
        return List.of(new InformerEventSource<>(config, context));
    }

    @Override
    public UpdateControl<ConnectivitySweepResource> reconcile(
            ConnectivitySweepResource resource, Context<ConnectivitySweepResource> context) {
        List<RunObservation> runs =
                context.getSecondaryResources(GenericKubernetesResource.class).stream()
                        .map(WorkflowObserver::observe)
                        .toList();
        long generation = resource.getMetadata().getGeneration();
        SweepStatus previous = previous(resource);
        StatusBuilder builder = new StatusBuilder(previous, generation, Instant.now());
        boolean specChanged =
                previous == null || !Objects.equals(previous.observedGeneration(), generation);
        ConnectivitySweep sweep;
        GenericKubernetesResource desired;
        try {
            sweep = SweepDocument.validated(resource, defaults);
            desired = argo.render(sweep, resource);
        } catch (SpecException e) {
            return invalid(resource, builder, e, specChanged, context);
        }
        String name = desired.getMetadata().getName();
        if (specChanged) {
            List<String> retired =
                    ApiFailure.during(
                            "stop the runs of older generations of this sweep",
                            () -> argo.retireOlderGenerations(resource));
            if (!retired.isEmpty()) {
                LOG.infof("sweep %s: stopped older runs %s", key(resource), retired);
            }
        }
        if (runs.stream().noneMatch(r -> r.name().equals(name))) {
            // not in the informer's cache: ask the API server
            boolean created =
                    ApiFailure.during(
                            "create the Argo " + desired.getKind() + " " + name,
                            () -> argo.createIfMissing(desired));
            if (created) {
                LOG.infof("sweep %s: created %s %s", key(resource), desired.getKind(), name);
            }
        }
        boolean scheduled = sweep.spec().schedule() != null;
        StatusBuilder.Outcome outcome =
                builder.observed(
                        desired.getMetadata().getName(),
                        scheduled,
                        runs,
                        sweep.spec().regression(),
                        resultsUri(sweep));
        record(resource, runs, name, outcome);
        String phase = outcome.status().phase();
        if (previous == null || !Objects.equals(previous.phase(), phase)) {
            LOG.infof("sweep %s: %s is %s", key(resource), name, phase);
        }
        return patch(resource, outcome.status());
    }

    /**
     * Called by the SDK when {@link #reconcile} threw. A failed API call (the Workflow refused, by
     * a quota or an admission policy, or the server unreachable) becomes the Ready condition's
     * message and a Warning event, and is retried with the SDK's backoff unless the server called
     * the request itself invalid. Anything else is a bug: the status says so in a sentence and the
     * operator's log has the stack trace.
     */
    @Override
    public ErrorStatusUpdateControl<ConnectivitySweepResource> updateErrorStatus(
            ConnectivitySweepResource resource,
            Context<ConnectivitySweepResource> context,
            Exception e) {
        int attempt = 1 + context.getRetryInfo().map(r -> r.getAttemptCount()).orElse(0);
        String reason;
        String message;
        boolean retry;
        ApiFailure failure = ApiFailure.in(e);
        if (failure != null) {
            reason = failure.reason();
            message = failure.sentence();
            retry = failure.retryable();
            LOG.warnf("sweep %s, attempt %d: %s", key(resource), attempt, message);
        } else {
            reason = INTERNAL_ERROR;
            message =
                    "The operator failed while reconciling this sweep (an internal error, logged"
                            + " by the operator with its stack trace); it retries with backoff.";
            retry = true;
            LOG.errorf(e, "sweep %s, attempt %d: reconcile failed", key(resource), attempt);
        }
        metrics.reconcileFailed(reason);
        SweepStatus before = previous(resource);
        StatusBuilder builder =
                new StatusBuilder(before, resource.getMetadata().getGeneration(), Instant.now());
        SweepStatus status = builder.apiFailure(reason, message);
        try {
            if (!status.equals(before)) {
                events.warning(resource, reason, message);
            }
            patch(resource, status);
        } catch (RuntimeException writeFailed) {
            LOG.warnf(
                    "sweep %s: the status could not be written either (%s)",
                    key(resource), writeFailed.getMessage());
        }
        ErrorStatusUpdateControl<ConnectivitySweepResource> control =
                ErrorStatusUpdateControl.noStatusUpdate();
        return retry ? control : control.withNoRetry();
    }

    @Override
    public DeleteControl cleanup(
            ConnectivitySweepResource resource, Context<ConnectivitySweepResource> context) {
        argo.deleteAll(resource);
        metrics.forget(key(resource));
        written.remove(ResourceID.fromResource(resource));
        return DeleteControl.defaultDelete();
    }

    private UpdateControl<ConnectivitySweepResource> invalid(
            ConnectivitySweepResource resource,
            StatusBuilder builder,
            SpecException e,
            boolean specChanged,
            Context<ConnectivitySweepResource> context) {
        String message =
                e.problems().stream().map(Problem::toString).collect(Collectors.joining("; "));
        SweepStatus status = builder.invalid(message);
        SweepStatus before = previous(resource);
        if (specChanged || before == null || !StatusBuilder.INVALID.equals(before.phase())) {
            argo.retireOlderGenerations(resource);
            events.warning(resource, "InvalidSpec", message);
            LOG.infof("sweep %s: invalid spec: %s", key(resource), message);
        }
        metrics.observe(key(resource), StatusBuilder.INVALID, Map.of(), List.of());
        return patch(resource, status);
    }

    private void record(
            ConnectivitySweepResource resource,
            List<RunObservation> runs,
            String workflow,
            StatusBuilder.Outcome outcome) {
        SweepStatus status = outcome.status();
        Map<String, Integer> tasks =
                runs.stream()
                        .filter(r -> r.name().equals(workflow) || r.scheduled())
                        .max(Comparator.comparing(RunObservation::name))
                        .map(RunObservation::tasksByState)
                        .orElse(Map.of());
        metrics.observe(
                key(resource),
                status.phase(),
                tasks,
                status.summary() == null ? List.of() : status.summary());
        outcome.completions()
                .forEach(
                        c ->
                                metrics.runCompleted(
                                        c.result(), c.duration(), c.gpuSeconds(), c.retries()));
        if (status.history() != null) {
            metrics.scheduledSuccess(key(resource), lastSuccess(status.history()));
        }
        for (ScheduledRun run : outcome.regressions()) {
            metrics.regressed();
            LOG.warnf(
                    "sweep %s: %s failed the regression gate: %s",
                    key(resource), run.workflow(), String.join("; ", run.reasons()));
            events.warning(
                    resource,
                    "Regressed",
                    run.workflow()
                            + " failed the regression gate: "
                            + String.join("; ", run.reasons()));
        }
    }

    /**
     * Writes the status when it changed, as one JSON merge patch that replaces every status field
     * (absent ones become null). The SDK's own status patch is a diff against its cached copy, and
     * a stale copy made it mix two statuses (Progressing True with reason Finished). The status
     * written is also remembered: the next reconcile may be handed that stale copy, and it would
     * count a finished run twice. After a restart the memory is empty and the stored status is
     * current.
     */
    private UpdateControl<ConnectivitySweepResource> patch(
            ConnectivitySweepResource resource, SweepStatus status) {
        SweepStatus before = previous(resource);
        if (!status.equals(before)) {
            statusWriter.write(resource, status);
        }
        written.put(ResourceID.fromResource(resource), status);
        return UpdateControl.noUpdate();
    }

    private SweepStatus previous(ConnectivitySweepResource resource) {
        SweepStatus remembered = written.get(ResourceID.fromResource(resource));
        return remembered != null ? remembered : resource.getStatus();
    }

    static String resultsUri(ConnectivitySweep sweep) {
        return RunFolder.results(sweep.spec().execution().store(), sweep.name());
    }

    private static String key(ConnectivitySweepResource resource) {
        return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    }

    /** When the newest successful scheduled run finished, or null if none has. */
    static Instant lastSuccess(List<ScheduledRun> history) {
        return history.stream()
                .filter(r -> RunObservation.SUCCEEDED.equals(r.phase()))
                .filter(r -> r.finishedAt() != null)
                .map(r -> Instant.parse(r.finishedAt()))
                .max(Comparator.naturalOrder())
                .orElse(null);
    }
}
