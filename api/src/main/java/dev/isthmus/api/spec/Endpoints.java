package dev.isthmus.api.spec;

import java.util.ArrayList;
import java.util.List;

/** Endpoint naming: trained endpoints are {@code seed-<n>} in seed order, then checkpoints. */
public final class Endpoints {

    private static final String SEED_PREFIX = "seed-";

    private Endpoints() {}

    /** The name of the endpoint trained from {@code seed}. */
    public static String seedName(long seed) {
        return SEED_PREFIX + seed;
    }

    /**
     * All endpoint names of a sweep: {@code seed-<n>} for each training seed in order, then each
     * checkpoint's name in list order. Missing entries (a null seed or name) are skipped.
     */
    public static List<String> endpointNames(SweepSpec spec) {
        List<String> names = new ArrayList<>();
        EndpointsSpec endpoints = spec == null ? null : spec.endpoints();
        if (endpoints == null) {
            return names;
        }
        if (endpoints.train() != null && endpoints.train().seeds() != null) {
            for (Long seed : endpoints.train().seeds()) {
                if (seed != null) {
                    names.add(seedName(seed));
                }
            }
        }
        if (endpoints.checkpoints() != null) {
            for (CheckpointRef checkpoint : endpoints.checkpoints()) {
                if (checkpoint != null && checkpoint.name() != null) {
                    names.add(checkpoint.name());
                }
            }
        }
        return names;
    }
}
