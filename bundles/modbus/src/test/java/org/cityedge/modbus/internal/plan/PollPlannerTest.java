package org.cityedge.modbus.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.cityedge.modbus.internal.testing.Points.bitfield;
import static org.cityedge.modbus.internal.testing.Points.coil;
import static org.cityedge.modbus.internal.testing.Points.holding;
import static org.cityedge.modbus.internal.testing.Points.input;
import static org.cityedge.modbus.internal.testing.Points.limits;
import static org.cityedge.modbus.internal.testing.Points.polled;
import static org.cityedge.modbus.internal.testing.Points.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.AddressRange;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceLimits;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.PollClass;
import org.cityedge.api.profile.RegisterTable;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.Parity;
import org.junit.jupiter.api.Test;

class PollPlannerTest {

    private static final DeviceLimits WIDE = limits(125, 2000);
    private static final BusDefinition RS485_9600 = new BusDefinition("rs485", BusType.SERIAL, "/dev/ttyUSB0", 9600,
            Parity.NONE, 1, null, 0, 0, 1);

    private static List<String> blocks(PollPlan plan) {
        return plan.blocks().stream().map(ReadBlock::toString).toList();
    }

    @Test
    void neighbouringRegistersBecomeOneRequest() {
        PollPlan plan = PollPlanner.plan(List.of(holding("a", 2, DataType.UINT16), holding("b", 0, DataType.UINT16),
                holding("c", 1, DataType.INT16)), WIDE, RequestCost.tcp(100));

        assertThat(blocks(plan)).containsExactly("HOLDING[0..2]");
        assertThat(plan.blocks().get(0).points()).extracting(PointDefinition::name).containsExactly("b", "c", "a");
    }

    @Test
    void aGapIsReadWhenItCostsNoMoreThanARequestAndSplitOtherwise() {
        RequestCost tenBytes = new RequestCost(10);
        // gap of 5 registers = 10 bytes: as cheap as a request, so one request
        assertThat(blocks(PollPlanner.plan(List.of(holding("a", 0, DataType.UINT16), holding("b", 6,
                DataType.UINT16)), WIDE, tenBytes))).containsExactly("HOLDING[0..6]");
        // gap of 6 registers = 12 bytes: dearer than a request, so two
        assertThat(blocks(PollPlanner.plan(List.of(holding("a", 0, DataType.UINT16), holding("b", 7,
                DataType.UINT16)), WIDE, tenBytes))).containsExactly("HOLDING[0..0]", "HOLDING[7..7]");
    }

    @Test
    void rtuOverheadFollowsTheBaudRate() {
        // 8 request + 5 reply header/CRC + 7 silence characters + 2 ms turnaround at 960 characters/s
        RequestCost cost = RequestCost.rtu(RS485_9600, WIDE, 2, 0);
        assertThat(cost.overheadBytes()).isCloseTo(8 + 5 + 7 + 1.92, within(1e-9));

        // 10 registers (20 bytes) of gap are cheaper than 21.92 bytes of request; 11 (22 bytes) are not
        assertThat(blocks(PollPlanner.plan(List.of(input("a", 0, DataType.UINT16), input("b", 11, DataType.UINT16)),
                WIDE, cost))).containsExactly("INPUT[0..11]");
        assertThat(blocks(PollPlanner.plan(List.of(input("a", 0, DataType.UINT16), input("b", 12, DataType.UINT16)),
                WIDE, cost))).containsExactly("INPUT[0..0]", "INPUT[12..12]");
    }

    @Test
    void slowerBusesAndInterFrameDelaysMakeRequestsDearer() {
        BusDefinition fast = new BusDefinition("f", BusType.SERIAL, "/dev/x", 115200, Parity.EVEN, 1, null, 0, 0, 1);
        BusDefinition delayed = new BusDefinition("d", BusType.SERIAL, "/dev/x", 9600, Parity.NONE, 1, null, 0, 10,
                1);
        double at9600 = RequestCost.rtu(RS485_9600, WIDE, 2, 0).overheadBytes();
        // 115200 8E1: 11 bits a character, 10.47 characters/ms; the turnaround costs 20.9 characters
        assertThat(RequestCost.rtu(fast, WIDE, 2, 0).overheadBytes()).isCloseTo(20 + 2 * 115200 / 11.0 / 1000,
                within(1e-9));
        assertThat(RequestCost.rtu(delayed, WIDE, 2, 0).overheadBytes()).isCloseTo(at9600 + 9.6, within(1e-9));
        assertThat(RequestCost.rtu(RS485_9600, new DeviceLimits(125, 2000, List.of(), 1000, 5), 2, 0)
                .overheadBytes()).isCloseTo(at9600 + 4.8, within(1e-9));
    }

    @Test
    void aForbiddenRangeIsNeverReadEvenWhenTheGapIsCheap() {
        DeviceLimits limits = limits(125, 2000, new AddressRange(RegisterTable.HOLDING, 2, 3));
        PollPlan plan = PollPlanner.plan(List.of(holding("a", 0, DataType.UINT16), holding("b", 1, DataType.UINT16),
                holding("c", 5, DataType.UINT16), holding("d", 4, DataType.UINT16)), limits, RequestCost.tcp(100));

        assertThat(blocks(plan)).containsExactly("HOLDING[0..1]", "HOLDING[4..5]");
        assertThat(plan.blocks()).noneMatch(b -> limits.isForbidden(b.table(), b.start(), b.count()));
    }

    @Test
    void aForbiddenRangeOfAnotherTableDoesNotSplit() {
        DeviceLimits limits = limits(125, 2000, new AddressRange(RegisterTable.INPUT, 2, 3));
        assertThat(blocks(PollPlanner.plan(List.of(holding("a", 0, DataType.UINT16), holding("b", 5,
                DataType.UINT16)), limits, RequestCost.tcp(100)))).containsExactly("HOLDING[0..5]");
    }

    @Test
    void aPointInsideAForbiddenRangeIsReportedUnreadable() {
        DeviceLimits limits = limits(125, 2000, new AddressRange(RegisterTable.HOLDING, 10, 10));
        PollPlan plan = PollPlanner.plan(List.of(holding("ok", 0, DataType.UINT16), holding("bad", 9,
                DataType.UINT32)), limits, RequestCost.tcp(100));

        assertThat(blocks(plan)).containsExactly("HOLDING[0..0]");
        assertThat(plan.unreadable()).singleElement().satisfies(u -> {
            assertThat(u.point().name()).isEqualTo("bad");
            assertThat(u.reason()).contains("forbid");
        });
    }

    @Test
    void maxReadRegistersIsHonouredWithTheFewestRequests() {
        List<PointDefinition> points = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            points.add(holding("p" + i, i, DataType.UINT16));
        }
        PollPlan plan = PollPlanner.plan(points, limits(4, 2000), RequestCost.tcp(100));

        assertThat(plan.blocks()).hasSize(3).allMatch(b -> b.count() <= 4);
        assertThat(plan.blocks().stream().mapToInt(b -> b.points().size()).sum()).isEqualTo(10);
    }

    @Test
    void multiWordPointsAreNeverCut() {
        PollPlan plan = PollPlanner.plan(List.of(holding("a", 0, DataType.UINT16), holding("f1", 1, DataType.FLOAT32),
                holding("f2", 3, DataType.FLOAT32)), limits(4, 2000), RequestCost.tcp(100));

        assertThat(blocks(plan)).containsExactly("HOLDING[0..2]", "HOLDING[3..4]");
    }

    @Test
    void aFloat64StaysWholeAtTheLimit() {
        PollPlan plan = PollPlanner.plan(List.of(holding("a", 0, DataType.UINT16), holding("d", 1, DataType.FLOAT64)),
                limits(4, 2000), RequestCost.tcp(100));

        assertThat(blocks(plan)).containsExactly("HOLDING[0..0]", "HOLDING[1..4]");
    }

    @Test
    void aPointWiderThanTheLargestReadIsUnreadable() {
        PollPlan plan = PollPlanner.plan(List.of(holding("d", 0, DataType.FLOAT64)), limits(2, 2000),
                RequestCost.tcp(100));

        assertThat(plan.blocks()).isEmpty();
        assertThat(plan.unreadable()).extracting(u -> u.point().name()).containsExactly("d");
    }

    @Test
    void bitsAreCheapToReadButMaxReadBitsHolds() {
        PollPlan plan = PollPlanner.plan(List.of(coil("a", 0), coil("b", 5), coil("c", 15), coil("d", 16)),
                limits(125, 16), RequestCost.tcp(100));

        assertThat(blocks(plan)).hasSize(2).allMatch(b -> b.startsWith("COIL"));
        assertThat(plan.blocks()).allMatch(b -> b.count() <= 16);
    }

    @Test
    void tablesAreReadSeparately() {
        PollPlan plan = PollPlanner.plan(List.of(holding("h", 0, DataType.UINT16), input("i", 0, DataType.UINT16),
                input("j", 1, DataType.UINT16), coil("c", 0)), WIDE, RequestCost.tcp(100));

        assertThat(blocks(plan)).containsExactlyInAnyOrder("HOLDING[0..0]", "INPUT[0..1]", "COIL[0..0]");
    }

    @Test
    void overlappingPointsShareTheirRegisters() {
        PollPlan plan = PollPlanner.plan(List.of(bitfield("flags", RegisterTable.INPUT, 30, Map.of(0, "x", 1, "y")),
                input("raw", 30, DataType.UINT16), input("pair", 29, DataType.UINT32)), WIDE, RequestCost.tcp(100));

        assertThat(blocks(plan)).containsExactly("INPUT[29..30]");
        assertThat(plan.blocks().get(0).points()).hasSize(3);
    }

    @Test
    void theNaivePlanSendsOneRequestPerPoint() {
        PollPlan plan = PollPlanner.naive(List.of(holding("a", 0, DataType.UINT16), holding("b", 1, DataType.UINT32),
                coil("c", 0)), WIDE);

        assertThat(blocks(plan)).containsExactlyInAnyOrder("HOLDING[0..0]", "HOLDING[1..2]", "COIL[0..0]");
    }

    @Test
    void aStreetlightControllerProfileNeedsOneRequestPerTableAndClass() {
        // shaped like device-profiles/saigon-slc-110.yaml
        DeviceProfile slc = profile("slc", limits(32, 16),
                polled(holding("dimLevel", 0, DataType.UINT16), PollClass.FAST),
                polled(coil("powerState", 0), PollClass.FAST),
                input("voltage", 10, DataType.UINT16), input("current", 11, DataType.UINT16),
                input("activePower", 12, DataType.UINT16), input("powerFactor", 13, DataType.UINT16),
                polled(input("frequency", 14, DataType.UINT16), PollClass.SLOW),
                polled(input("gearTemperature", 15, DataType.INT16), PollClass.SLOW),
                polled(input("activeEnergy", 20, DataType.UINT32), PollClass.SLOW),
                polled(input("operatingHours", 22, DataType.UINT32), PollClass.SLOW),
                polled(input("switchCount", 24, DataType.UINT32), PollClass.SLOW),
                polled(bitfield("faultFlags", RegisterTable.INPUT, 30, Map.of(0, "lampFailure")), PollClass.FAST));
        RequestCost cost = RequestCost.rtu(RS485_9600, slc.limits(), 2, 0);

        assertThat(blocks(PollPlanner.plan(slc, PollClass.FAST, cost)))
                .containsExactlyInAnyOrder("COIL[0..0]", "HOLDING[0..0]", "INPUT[30..30]");
        assertThat(blocks(PollPlanner.plan(slc, PollClass.NORMAL, cost))).containsExactly("INPUT[10..13]");
        assertThat(blocks(PollPlanner.plan(slc, PollClass.SLOW, cost))).containsExactly("INPUT[14..25]");
        // everything at once: input 10..30 is 21 registers, one request
        assertThat(blocks(PollPlanner.planAll(slc, cost))).containsExactlyInAnyOrder("COIL[0..0]", "HOLDING[0..0]",
                "INPUT[10..30]");
        assertThat(PollPlanner.naive(slc.points(), slc.limits()).blocks()).hasSize(12);
    }

    @Test
    void planIsOptimalAgainstExhaustiveSearchOnSmallCases() {
        // brute force over every way to cut 6 sorted points into runs
        int[] addresses = {0, 3, 4, 12, 13, 30};
        List<PointDefinition> points = new ArrayList<>();
        for (int i = 0; i < addresses.length; i++) {
            points.add(holding("p" + i, addresses[i], DataType.UINT16));
        }
        for (double overhead : new double[] {0, 3, 10, 20, 40, 100}) {
            RequestCost cost = new RequestCost(overhead);
            DeviceLimits limits = limits(14, 2000);
            double planned = cost(PollPlanner.plan(points, limits, cost), overhead);
            double best = Double.POSITIVE_INFINITY;
            for (int cuts = 0; cuts < 1 << (addresses.length - 1); cuts++) {
                double total = 0;
                int start = 0;
                boolean feasible = true;
                for (int i = 0; i < addresses.length; i++) {
                    boolean cutAfter = i == addresses.length - 1 || (cuts & (1 << i)) != 0;
                    if (cutAfter) {
                        int count = addresses[i] + 1 - addresses[start];
                        feasible &= count <= 14;
                        total += overhead + 2 * count;
                        start = i + 1;
                    }
                }
                if (feasible) {
                    best = Math.min(best, total);
                }
            }
            assertThat(planned).as("overhead %s", overhead).isCloseTo(best, within(1e-9));
        }
    }

    private static double cost(PollPlan plan, double overhead) {
        return plan.blocks().stream().mapToDouble(b -> overhead + 2.0 * b.count()).sum();
    }
}
