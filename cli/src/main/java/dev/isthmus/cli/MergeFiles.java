package dev.isthmus.cli;

import dev.isthmus.api.spec.Names;
import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.merge.Merger;
import dev.isthmus.workers.merge.Provenance;
import dev.isthmus.workers.models.Model;
import dev.isthmus.workers.store.Fingerprints;
import dev.isthmus.workers.store.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** The files of {@code isthmus merge}: which names it accepts, and its provenance record. */
final class MergeFiles {
    private static final String SAFETENSORS = ".safetensors";

    /** Pickle-based formats, which Isthmus never loads (loading a pickle runs its code). */
    private static final Set<String> PICKLES = Set.of(".pt", ".pth", ".bin", ".ckpt", ".pkl");

    private MergeFiles() {}

    /** Refuses pickles among the inputs, an output that is not .safetensors or is an input. */
    static void checkNames(List<Path> checkpoints, Path out) throws IOException {
        for (Path c : checkpoints) {
            String name = c.getFileName().toString().toLowerCase(Locale.ROOT);
            for (String ext : PICKLES) {
                if (name.endsWith(ext)) {
                    throw new BadInputException(
                            c
                                    + ": isthmus reads safetensors only (loading a "
                                    + ext
                                    + " pickle runs its code); convert it with"
                                    + " safetensors.torch.save_file");
                }
            }
        }
        if (!out.getFileName().toString().endsWith(SAFETENSORS)) {
            throw new BadInputException(
                    "--out: "
                            + out
                            + ": the merge is written as safetensors; name it *.safetensors");
        }
        for (Path c : checkpoints) {
            if (Files.exists(out) && Files.exists(c) && Files.isSameFile(out, c)) {
                throw new BadInputException(
                        "--out: " + out + " is one of the checkpoints to merge");
            }
        }
    }

    /** {@code merged.safetensors} → {@code merged.json}. */
    static Path defaultProvenance(Path out) {
        String name = out.getFileName().toString();
        String base = name.substring(0, name.length() - SAFETENSORS.length());
        return out.resolveSibling(base + ".json");
    }

    static void writeProvenance(
            Path file,
            Model model,
            Names.MergeAlignment method,
            Names.Repair repair,
            double[] weights,
            List<Path> checkpoints,
            Path out,
            Merger.Result r,
            int maxIterations,
            int maxSweeps,
            long seed)
            throws IOException {
        Fingerprints sha = new Fingerprints();
        List<Provenance.Source> sources = new ArrayList<>();
        for (int i = 0; i < checkpoints.size(); i++) {
            Path c = checkpoints.get(i);
            sources.add(
                    new Provenance.Source(
                            c.toString(),
                            sha.of(c),
                            weights[i],
                            r.alignment().sweeps() == null ? null : r.alignment().sweeps().get(i),
                            r.evaluation().members().get(i),
                            r.alignment().perms().get(i)));
        }
        Provenance.Cycles cycles = null;
        if (r.cycles() != null) {
            cycles =
                    new Provenance.Cycles(
                            dev.isthmus.workers.align.CycleConsistency.mean(r.cycles().pairwise()),
                            dev.isthmus.workers.align.CycleConsistency.mean(r.cycles().frame()),
                            r.cycles().pairwise(),
                            r.cycles().frame());
        }
        Provenance p =
                new Provenance(
                        model.describe(),
                        method.wire(),
                        seed,
                        maxIterations,
                        maxSweeps,
                        r.alignment().iterations(),
                        r.alignment().converged(),
                        repair.wire(),
                        sources,
                        new Provenance.File(out.toString(), sha.of(out)),
                        new Provenance.Scores(
                                r.evaluation().examples(),
                                r.evaluation().naive(),
                                r.evaluation().merged()),
                        cycles);
        // Not Files.createTempFile: its owner-only permissions would stick to the record.
        Path temp =
                file.toAbsolutePath()
                        .resolveSibling(
                                "." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temp, Json.bytes(p), StandardOpenOption.CREATE_NEW);
            Files.move(
                    temp,
                    file,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
