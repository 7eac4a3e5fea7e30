package org.cityedge.api.field;

import java.util.List;

import org.cityedge.api.model.Sample;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where the field layer delivers samples (whiteboard: every registered sink gets every batch).
 *
 * <p>Called on a poller thread: an implementation must return quickly and must not throw for bad data; it hands the
 * batch over (queue, buffer) and does its work elsewhere, so one slow stage never stalls a bus.
 */
@ConsumerType
public interface SampleSink {

    /** A batch of samples of one device read in one poll. */
    void accept(List<Sample> samples);
}
