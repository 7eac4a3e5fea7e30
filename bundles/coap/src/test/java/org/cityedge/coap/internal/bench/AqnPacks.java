package org.cityedge.coap.internal.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.cityedge.api.profile.Access;
import org.cityedge.api.profile.CoapBinding;
import org.cityedge.api.profile.CoapFormat;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.Protocol;
import org.cityedge.coap.internal.TestSites;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;

/**
 * device-profiles/mekong-aqn2.yaml in code, and packs as the node sends them: 6 records of /3428/0 (base name once)
 * and 1 of /3303/0, no times (the gateway stamps them), values varying from pack to pack and all within range.
 */
final class AqnPacks {

    static final String PROFILE = "mekong-aqn2";
    static final int RECORDS = 7;
    private static final int POOL = 64;
    private static final String[] AIR = {"1", "3", "7", "9", "12", "15"};
    private static final double[] AIR_MAX = {400, 250, 20, 5, 5, 5};

    private AqnPacks() {
    }

    /** The SenML formats of the bench: name, Content-Format. */
    enum Format {
        JSON(MediaTypeRegistry.APPLICATION_SENML_JSON), CBOR(MediaTypeRegistry.APPLICATION_SENML_CBOR);

        final int contentFormat;

        Format(int contentFormat) {
            this.contentFormat = contentFormat;
        }
    }

    static DeviceProfile profile() {
        return new DeviceProfile(PROFILE, "Mekong Instruments", "AQN-2", null, "AirQualityObserved", null, List.of(
                air("pm10", 2000, "ug/m3", "1"), air("pm25", 1000, "ug/m3", "3"), air("co", 1000, "ppm", "7"),
                air("so2", 100, "ppm", "9"), air("o3", 100, "ppm", "12"), air("no2", 100, "ppm", "15"),
                TestSites.point("temperature", DataType.FLOAT64, Access.READ, -40d, 85d, "Cel",
                        new CoapBinding("/3303/0", CoapFormat.SENML_CBOR, "/3303/0/5700", false))),
                null, null, "mekong-aqn2.yaml", Protocol.COAP);
    }

    private static PointDefinition air(String name, double max, String unit, String resource) {
        return TestSites.point(name, DataType.FLOAT64, Access.READ, 0d, max, unit,
                new CoapBinding("/3428/0", CoapFormat.SENML_CBOR, "/3428/0/" + resource, false));
    }

    /** A pool of distinct packs in one format, the same for every run (fixed seed). */
    static byte[][] pool(Format format) {
        Random random = new Random(42);
        byte[][] packs = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            double[] air = new double[AIR.length];
            for (int r = 0; r < AIR.length; r++) {
                air[r] = Math.round(random.nextDouble() * AIR_MAX[r] * 100) / 100.0;
            }
            double temperature = Math.round((20 + random.nextDouble() * 15) * 10) / 10.0;
            packs[i] = format == Format.JSON ? json(air, temperature) : cbor(air, temperature);
        }
        return packs;
    }

    private static byte[] json(double[] air, double temperature) {
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < AIR.length; r++) {
            b.append(r == 0 ? "{\"bn\":\"/3428/0/\"," : ",{").append("\"n\":\"").append(AIR[r]).append("\",\"v\":")
                    .append(String.format(Locale.ROOT, "%s", air[r])).append('}');
        }
        b.append(",{\"bn\":\"/3303/0/\",\"n\":\"5700\",\"v\":").append(temperature).append("}]");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] cbor(double[] air, double temperature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
            g.writeStartArray();
            for (int r = 0; r < AIR.length; r++) {
                record(g, r == 0 ? "/3428/0/" : null, AIR[r], air[r]);
            }
            record(g, "/3303/0/", "5700", temperature);
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** RFC 8428 §6 labels: -2 bn, 0 n, 2 v. */
    private static void record(CBORGenerator g, String baseName, String name, double value) throws IOException {
        g.writeStartObject();
        if (baseName != null) {
            g.writeFieldId(-2);
            g.writeString(baseName);
        }
        g.writeFieldId(0);
        g.writeString(name);
        g.writeFieldId(2);
        g.writeNumber(value);
        g.writeEndObject();
    }
}
