package org.cityedge.aqi;

/** Why a pollutant reading of an air-quality station was left out of the hourly averages. */
enum Rejection {
    /** Quality BAD: the device gave no usable value. */
    BAD,
    /** Quality STALE: an old value re-sent; it says nothing about this hour's air. */
    STALE,
    /** No number (null, text, boolean, NaN or infinite). */
    NOT_A_NUMBER,
    /** A unit that is not a concentration of that pollutant. */
    UNIT,
    /** A negative concentration. */
    NEGATIVE,
    /** The station's status says the PM sensor or a gas cell failed. */
    SENSOR_FAULT,
    /** Its hour was already closed and published. */
    LATE,
    /** Stamped more than two minutes ahead of the gateway's clock. */
    FUTURE
}
