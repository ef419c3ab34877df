package dev.isthmus.workers.paths;

import dev.isthmus.api.spec.Names;
import dev.isthmus.workers.models.Params;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/** The network at each alpha of a path named in a sweep, between A and aligned B. */
public final class WeightPath {
    private WeightPath() {}

    /**
     * The path of {@code type} ({@code linear} or {@code bezier}) from {@code a} to {@code b}, with
     * {@code repair} applied at every alpha.
     *
     * @param control the trained control point; called once, and only for a Bézier path
     * @throws IllegalArgumentException for a type the sweep vocabulary does not have
     */
    public static DoubleFunction<Params> of(
            String type, Params a, Params b, Supplier<Params> control, Repair repair) {
        Names.Path path =
                Names.parse(Names.Path.class, type)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "spec.paths[].type: "
                                                        + type
                                                        + " is not a path (available: "
                                                        + String.join(
                                                                ", ", Names.of(Names.Path.class))
                                                        + ")"));
        DoubleFunction<Params> points =
                switch (path) {
                    case LINEAR -> alpha -> LinearPath.at(a, b, alpha);
                    case BEZIER -> {
                        Params c = control.get();
                        yield alpha -> BezierPath.at(a, c, b, alpha);
                    }
                };
        return repair.on(points);
    }
}
