package dev.isthmus.cli;

import dev.isthmus.api.validation.BadInputException;
import dev.isthmus.workers.merge.Merger;
import dev.isthmus.workers.merge.Provenance;
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
            Path file, Merger.Request request, Merger.Result r, List<Path> checkpoints, Path out)
            throws IOException {
        Fingerprints sha = new Fingerprints();
        List<String> files = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (Path c : checkpoints) {
            files.add(c.toString());
            hashes.add(sha.of(c));
        }
        Provenance p =
                Provenance.of(
                        request,
                        r,
                        null,
                        files,
                        hashes,
                        new Provenance.File(out.toString(), sha.of(out)));
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
