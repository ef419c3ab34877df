package dev.isthmus.api.validation;

import dev.isthmus.api.spec.CheckpointRef;
import dev.isthmus.api.spec.Endpoints;
import dev.isthmus.api.spec.EndpointsSpec;
import dev.isthmus.api.spec.TrainSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks {@code spec.endpoints}: training seeds, checkpoint names and files, and that there are at
 * least two endpoints to connect.
 */
final class EndpointRules {

    private static final String PATH = "spec.endpoints";
    private static final String SAFETENSORS = ".safetensors";

    private EndpointRules() {}

    static void check(EndpointsSpec endpoints, ProblemCollector problems) {
        if (!problems.required(PATH, endpoints)) {
            return;
        }
        TrainSpec train = endpoints.train();
        List<CheckpointRef> checkpoints = endpoints.checkpoints();
        if (train == null && checkpoints == null) {
            problems.add(PATH, "must list train seeds, checkpoints or both");
            return;
        }
        Set<String> trained = new HashSet<>();
        // An absent or empty list is reported on its own; counting endpoints would repeat it.
        boolean countable = true;
        int count = 0;
        if (train != null) {
            TrainRules.check(train, PATH + ".train", problems);
            List<Long> seeds = train.seeds();
            countable = seeds != null && !seeds.isEmpty();
            if (seeds != null) {
                count += seeds.size();
                seeds.stream()
                        .filter(seed -> seed != null)
                        .forEach(seed -> trained.add(Endpoints.seedName(seed)));
            }
        }
        if (problems.notEmpty(PATH + ".checkpoints", checkpoints)) {
            count += checkpoints.size();
            checkCheckpoints(checkpoints, trained, problems);
        } else if (checkpoints != null) {
            countable = false;
        }
        if (countable && count < 2) {
            problems.add(PATH, "need at least 2 endpoints to connect, got " + count);
        }
    }

    private static void checkCheckpoints(
            List<CheckpointRef> checkpoints, Set<String> trained, ProblemCollector problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < checkpoints.size(); i++) {
            CheckpointRef checkpoint = checkpoints.get(i);
            if (checkpoint == null) {
                continue;
            }
            String path = ProblemCollector.at(PATH + ".checkpoints", i);
            String name = checkpoint.name();
            if (problems.required(path + ".name", name)) {
                problems.dnsLabel(path + ".name", name);
                if (trained.contains(name)) {
                    problems.add(
                            path + ".name", name + " is already the name of a trained endpoint");
                } else if (!seen.add(name)) {
                    problems.add(path + ".name", "duplicate endpoint name " + name);
                }
            }
            String uri = checkpoint.uri();
            if (problems.required(path + ".uri", uri)
                    && LocationRules.checkInput(path + ".uri", uri, problems)
                    && !uri.endsWith(SAFETENSORS)) {
                problems.add(path + ".uri", "must end with " + SAFETENSORS + ", got " + uri);
            }
        }
    }
}
