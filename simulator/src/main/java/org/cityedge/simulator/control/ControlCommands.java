package org.cityedge.simulator.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.cityedge.simulator.Durations;
import org.cityedge.simulator.Fault;
import org.cityedge.simulator.SimulatedBus;
import org.cityedge.simulator.SimulatedDevice;
import org.cityedge.simulator.Simulator;

/**
 * Executes one control line against a simulator. Never throws: a bad line gets {@code error <reason>}.
 *
 * <pre>
 * fault DEVICE none|no-answer|slow MS|exception CODE|corrupt-crc|truncated|intermittent P
 * fault DEVICE                 current fault
 * lamp-fail DEVICE on|off
 * get DEVICE POINT             engineering value
 * set DEVICE POINT VALUE|auto  write (writable point) or hold (measured point); auto lets the model run it again
 * points DEVICE | devices | endpoints | stats [DEVICE] | advance DURATION | help | quit
 * </pre>
 * {@code endpoints} lists CoAP devices after the buses; {@code stats DEVICE} of a push node adds its push counters.
 */
public final class ControlCommands {

    static final String HELP = "commands: fault DEVICE [none|no-answer|slow MS|exception CODE|corrupt-crc|truncated"
            + "|intermittent P]; lamp-fail DEVICE on|off; get DEVICE POINT; set DEVICE POINT VALUE|auto; "
            + "points DEVICE; devices; endpoints; stats [DEVICE]; advance DURATION; help; quit";

    private final Simulator simulator;

    public ControlCommands(Simulator simulator) {
        this.simulator = simulator;
    }

    /** The one-line reply to {@code line}. */
    public String execute(String line) {
        String[] w = line.trim().split("\\s+");
        if (w.length == 0 || w[0].isEmpty()) {
            return "error empty command; try help";
        }
        try {
            return switch (w[0].toLowerCase(Locale.ROOT)) {
                case "help" -> "ok " + HELP;
                case "devices" -> "ok " + simulator.devices().stream().map(SimulatedDevice::id)
                        .collect(Collectors.joining(" "));
                case "endpoints" -> "ok " + java.util.stream.Stream.concat(simulator.endpoints().stream(),
                        simulator.deviceEndpoints().stream()).map(Object::toString).collect(Collectors.joining("; "));
                case "points" -> "ok " + String.join(" ", device(w, 2).points());
                case "fault" -> fault(w);
                case "lamp-fail" -> lampFail(w);
                case "get" -> get(w);
                case "set" -> set(w);
                case "stats" -> stats(w);
                case "advance" -> advance(w);
                default -> "error unknown command '" + w[0] + "'; try help";
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            return "error " + e.getMessage();
        }
    }

    private String fault(String[] w) {
        SimulatedDevice d = deviceAtLeast(w, 2);
        if (w.length > 2) {
            d.fault(Fault.parse(String.join(" ", Arrays.copyOfRange(w, 2, w.length))));
        }
        return "ok " + d.id() + " fault " + d.fault();
    }

    private String lampFail(String[] w) {
        SimulatedDevice d = device(w, 3);
        boolean failed = switch (w[2].toLowerCase(Locale.ROOT)) {
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw new IllegalArgumentException("lamp-fail takes on or off");
        };
        d.failLamp(failed);
        return "ok " + d.id() + " lamp-fail " + (failed ? "on" : "off");
    }

    private String get(String[] w) {
        SimulatedDevice d = device(w, 3);
        return "ok " + format(d.value(w[2]));
    }

    private String set(String[] w) {
        SimulatedDevice d = device(w, 4);
        if (w[3].equalsIgnoreCase("auto")) {
            d.release(w[2]);
            return "ok " + d.id() + " " + w[2] + " auto";
        }
        d.set(w[2], d.model().parse(w[2], w[3]));
        return "ok " + d.id() + " " + w[2] + " " + format(d.value(w[2]));
    }

    private String stats(String[] w) {
        if (w.length == 2) {
            SimulatedDevice d = device(w, 2);
            boolean pushes = simulator.deviceEndpoints().stream()
                    .anyMatch(e -> e.pushes() && e.deviceId().equals(d.id()));
            return "ok " + d.id() + " " + d.counters() + (pushes ? " push " + d.pushCounters() : "");
        }
        if (w.length != 1) {
            throw new IllegalArgumentException("usage: stats [DEVICE]");
        }
        List<String> parts = simulator.buses().stream().map(ControlCommands::busStats).toList();
        return "ok " + String.join("; ", parts);
    }

    private static String busStats(SimulatedBus b) {
        long requests = b.devices().stream().mapToLong(d -> d.counters().requests()).sum();
        long replies = b.devices().stream().mapToLong(d -> d.counters().replies()).sum();
        long exceptions = b.devices().stream().mapToLong(d -> d.counters().exceptions()).sum();
        long silenced = b.devices().stream().mapToLong(d -> d.counters().silenced()).sum();
        return "bus " + b.id() + " " + b.counters() + " requests=" + requests + " replies=" + replies
                + " exceptions=" + exceptions + " silenced=" + silenced;
    }

    private String advance(String[] w) {
        if (w.length != 2) {
            throw new IllegalArgumentException("usage: advance DURATION");
        }
        simulator.advance(Durations.parse(w[1]));
        return "ok now " + simulator.now();
    }

    private SimulatedDevice device(String[] w, int words) {
        if (w.length != words) {
            throw new IllegalArgumentException("wrong number of arguments; try help");
        }
        return simulator.device(w[1]);
    }

    private SimulatedDevice deviceAtLeast(String[] w, int words) {
        if (w.length < words) {
            throw new IllegalArgumentException("wrong number of arguments; try help");
        }
        return simulator.device(w[1]);
    }

    /** Whole numbers without a fraction, others to at most 6 decimals. */
    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
