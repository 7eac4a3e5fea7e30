package org.cityedge.api.control;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The schedule's view ahead: what it will set, and when. */
@ProviderType
public interface DimmingPlan {

    /** The steps from {@code from} (epoch ms) over the next {@code hours}, in time order, for every scheduled device. */
    List<PlanStep> plan(long from, int hours);
}
