package org.cityedge.control.command;

import java.util.List;

import org.cityedge.api.control.DimmingPlan;
import org.cityedge.api.control.DocumentVerifier;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.site.SiteService;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.control.FieldRouter;

/** What the command handler works with. Each may come and go at runtime (OSGi services); null when absent. */
interface ControlServices {

    SiteService site();

    PointControl pointControl();

    FieldRouter fields();

    DocumentVerifier verifier();

    List<PolicyDocumentHandler> policyHandlers();

    Outbox outbox();

    /** The dimming schedule's plan, or null when no schedule component runs. */
    default DimmingPlan dimmingPlan() {
        return null;
    }
}
