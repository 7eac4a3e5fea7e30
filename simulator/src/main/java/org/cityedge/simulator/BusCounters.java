package org.cityedge.simulator;

/**
 * A bus's frame counts since start.
 *
 * @param frames        request frames (or ADUs) received
 * @param crcErrors     RTU frames dropped for a bad CRC
 * @param framingErrors frames cut off mid-way, or TCP headers that are not Modbus
 * @param unknownUnits  requests for a unit id not on the bus
 * @param broadcasts    unit-0 writes executed
 */
public record BusCounters(long frames, long crcErrors, long framingErrors, long unknownUnits, long broadcasts) {

    @Override
    public String toString() {
        return "frames=" + frames + " crcErrors=" + crcErrors + " framingErrors=" + framingErrors + " unknownUnits="
                + unknownUnits + " broadcasts=" + broadcasts;
    }
}
