package dev.isthmus.operator.resource;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.isthmus.api.spec.SweepSpec;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.SchemaSwap;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The {@code ConnectivitySweep} custom resource: the sweep spec of {@code isthmus run} plus the
 * status the operator observes. Fields that take a name or an object ({@code paths: [linear, {type:
 * bezier}]}) keep their shape free in the CRD; the operator validates them as {@code isthmus run}
 * does and reports problems with their field paths.
 */
@Group(ConnectivitySweepResource.GROUP)
@Version(ConnectivitySweepResource.VERSION)
@Kind("ConnectivitySweep")
@Plural("connectivitysweeps")
@ShortNames({"csweep", "csweeps"})
@SchemaSwap(originalType = SweepSpec.class, fieldName = "pairs", targetType = JsonNode.class)
@SchemaSwap(originalType = SweepSpec.class, fieldName = "alignments", targetType = JsonNode.class)
@SchemaSwap(originalType = SweepSpec.class, fieldName = "paths", targetType = JsonNode.class)
@SchemaSwap(originalType = SweepSpec.class, fieldName = "metrics", targetType = JsonNode.class)
@SchemaSwap(originalType = SweepSpec.class, fieldName = "merges", targetType = JsonNode.class)
@SchemaSwap(originalType = SweepSpec.class, fieldName = "schedule", targetType = JsonNode.class)
@ValidationRule(
        value = "self.metadata.name.size() <= 52",
        message =
                "a sweep's name may have at most 52 characters (its Workflows add -g<generation>)")
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class ConnectivitySweepResource extends CustomResource<SweepSpec, SweepStatus>
        implements Namespaced {

    public static final String GROUP = "isthmus.dev";
    public static final String VERSION = "v1alpha1";

    @Override
    @JsonPropertyDescription("What to train, align, walk and measure (as in a sweep file).")
    public SweepSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator observed of the sweep's runs.")
    public SweepStatus getStatus() {
        return super.getStatus();
    }
}
