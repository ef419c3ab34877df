package dev.isthmus.workers.exec;

import dev.isthmus.api.plan.Endpoint;
import dev.isthmus.api.plan.Task;
import dev.isthmus.api.plan.Work;
import dev.isthmus.api.result.RunFolder;
import dev.isthmus.workers.store.Inputs;
import java.nio.file.Path;

/**
 * Where each task's outputs live in a sweep's folder of the run store (the folder and its run-level
 * files are the api module's {@link RunFolder}). Names carry the first 12 hex digits of the task's
 * content key, so a changed spec never reads a stale output.
 */
public final class Layout {
    public static final String RESULTS = RunFolder.RESULTS;
    public static final String CURVES_CSV = RunFolder.CURVES_CSV;
    public static final String REPORT = RunFolder.REPORT;
    public static final String SPEC = RunFolder.SPEC;

    private Layout() {}

    static String tag(Task task) {
        return task.key().substring(0, 12);
    }

    /**
     * The manifest that marks a task done. Named by stage and key, not by index, so that work
     * survives reordering seeds or pairs (indices shift, keys do not).
     */
    public static String manifest(Task task) {
        return "tasks/" + task.stage().cliName() + "-" + tag(task) + ".json";
    }

    public static String failure(Task task) {
        return "tasks/" + task.stage().cliName() + "-" + tag(task) + ".failed.json";
    }

    public static String trainedCheckpoint(Task train) {
        return "checkpoints/"
                + ((Work.Train) train.work()).endpoint()
                + "-"
                + tag(train)
                + ".safetensors";
    }

    public static String endpointRecord(Task train) {
        return "endpoints/" + ((Work.Train) train.work()).endpoint() + "-" + tag(train) + ".json";
    }

    public static String alignment(Task align) {
        Work.Align w = (Work.Align) align.work();
        return "aligned/" + pair(w.a(), w.b(), w.alignment()) + "-" + tag(align) + ".json";
    }

    public static String alignedCheckpoint(Task align) {
        return alignment(align).replace(".json", ".safetensors");
    }

    /** The trained control point of a Bézier path. */
    public static String controlPoint(Task fit) {
        Work.FitCurve w = (Work.FitCurve) fit.work();
        return "curves/"
                + pair(w.a(), w.b(), w.alignment())
                + "~bezier-control-"
                + tag(fit)
                + ".safetensors";
    }

    public static String curve(Task evaluate) {
        Work.Evaluate w = (Work.Evaluate) evaluate.work();
        return "curves/"
                + pair(w.a(), w.b(), w.alignment())
                + "~"
                + w.path()
                + "-"
                + tag(evaluate)
                + ".json";
    }

    /** The record of a merge of every endpoint (its provenance and evaluation). */
    public static String merge(Task merge) {
        Work.Merge w = (Work.Merge) merge.work();
        return "merges/" + w.alignment() + "-" + tag(merge) + ".json";
    }

    /** The merged checkpoint. */
    public static String mergedCheckpoint(Task merge) {
        return merge(merge).replace(".json", ".safetensors");
    }

    private static String pair(String a, String b, String alignment) {
        return a + "~" + b + "~" + alignment;
    }

    /**
     * The file a checkpoint endpoint's uri names, relative paths resolved against {@code base}, an
     * {@code s3://} object fetched ({@link Inputs}).
     */
    public static Path checkpointFile(Endpoint e, Path base) {
        return Inputs.local(e.uri(), base);
    }
}
