package dev.isthmus.operator.reconcile;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The Lease replicas compete for. The SDK uses it only in the profiles listed in {@code
 * quarkus.operator-sdk.activate-leader-election-for-profiles}, a build-time list ({@code prod}):
 * the chart runs one replica in the profile {@code single-replica} (QUARKUS_PROFILE), several in
 * {@code prod}.
 */
@ApplicationScoped
public class LeaderElection {

    @Produces
    @Singleton
    @Unremovable
    LeaderElectionConfiguration leaderElection(OperatorSettings settings) {
        return new LeaderElectionConfiguration(settings.leaderElectionLeaseName());
    }
}
