package dev.isthmus.api.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/**
 * How the plan runs: concurrency, retries, compute device and where results go; the fields after
 * {@code threads} apply to cluster runs only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionSpec(
        @JsonPropertyDescription("Tasks (cluster: pods) run at the same time.") Integer parallelism,
        @JsonPropertyDescription("Extra attempts for a failed task.") Integer retries,
        @JsonPropertyDescription(
                        "Run store: a folder or file:// URI (default file://runs); s3://bucket/prefix"
                                + " for cluster runs.")
                String store,
        @JsonPropertyDescription(
                        "Compute device: auto (a GPU when the engine sees one, else the CPU), cpu or gpu.")
                @Words(Names.Device.class)
                String device,
        @JsonPropertyDescription(
                        "Compute threads per process; fixed so results are reproducible"
                                + " (default 1).")
                Integer threads,
        @JsonPropertyDescription("Cluster: GPUs, CPU and memory requested by each worker pod.")
                ResourcesSpec resources,
        @JsonPropertyDescription("Cluster: node labels worker pods must run on.")
                Map<String, String> nodeSelector,
        @JsonPropertyDescription("Cluster: taints worker pods tolerate.")
                List<TolerationSpec> tolerations,
        @JsonPropertyDescription(
                        "Cluster: PersistentVolumeClaim (ReadWriteMany) holding a file:// store and"
                                + " relative checkpoint paths (default isthmus-runs).")
                String volumeClaim,
        @JsonPropertyDescription("Cluster: the Secret with credentials for an s3:// store.")
                StoreCredentialsSpec storeCredentials) {

    /** The settings that apply on every machine, with no cluster settings. */
    public ExecutionSpec(
            Integer parallelism, Integer retries, String store, String device, Integer threads) {
        this(parallelism, retries, store, device, threads, null, null, null, null, null);
    }
}
