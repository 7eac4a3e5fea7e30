package org.cityedge.provisioning.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.cityedge.provisioning.internal.FileInstallReader;
import org.junit.jupiter.api.Test;

/** What CfgFormat writes, FileInstall 3.7.4's own parser reads back as the same values. */
class CfgFormatTest {

    private static Map<String, Object> roundTrip(Map<String, Object> properties) throws Exception {
        return FileInstallReader.parse(CfgFormat.encode(properties, "test"));
    }

    @Test
    void arraysReadBackAsArraysAndStringsAsStrings() throws Exception {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("pointPolicies", new String[] {"activePower=5/900", "pm*=0.5/600", "a,b"});
        in.put("brokerUrl", "ssl://broker.example:8883");
        in.put("empty", new String[0]);
        Map<String, Object> out = roundTrip(in);
        assertThat(out.get("pointPolicies")).isEqualTo(new String[] {"activePower=5/900", "pm*=0.5/600", "a,b"});
        assertThat(out.get("brokerUrl")).isEqualTo("ssl://broker.example:8883");
        assertThat(out.get("empty")).isEqualTo(new String[0]);
    }

    @Test
    void interpolationEscapesAndNonAsciiSurvive() throws Exception {
        Map<String, Object> in = Map.of(
                "password", "p${user.home}\\x\"q'{}#!=:",
                "name", "Đèn đường Trần Hưng Đạo\ttab\nnewline",
                "pem", "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n");
        assertThat(roundTrip(in)).isEqualTo(in);
    }

    @Test
    void typedScalarsKeepTheirType() throws Exception {
        Map<String, Object> in = Map.of("i", 5, "l", 6L, "b", true, "d", 1.5d, "ints", new Integer[] {1, 2});
        Map<String, Object> out = roundTrip(in);
        assertThat(out.get("i")).isEqualTo(5);
        assertThat(out.get("l")).isEqualTo(6L);
        assertThat(out.get("b")).isEqualTo(true);
        assertThat(out.get("d")).isEqualTo(1.5d);
        assertThat(out.get("ints")).isEqualTo(new Integer[] {1, 2});
    }

    @Test
    void randomTextOverAHostileAlphabetRoundTrips() throws Exception {
        String alphabet = "a\\${}\"',=:#! \t\r\né\u1ea1[]()\u0001L";
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            Map<String, Object> in = new LinkedHashMap<>();
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                if (random.nextBoolean()) {
                    String[] items = new String[random.nextInt(4)];
                    Arrays.setAll(items, n -> text(random, alphabet));
                    in.put("k" + k, items);
                } else {
                    in.put("k" + k, text(random, alphabet));
                }
            }
            Map<String, Object> out = roundTrip(in);
            for (Map.Entry<String, Object> e : in.entrySet()) {
                assertThat(out.get(e.getKey())).as("%s in %s", e.getKey(), CfgFormat.encode(in, "x"))
                        .isEqualTo(e.getValue());
            }
        }
    }

    private static String text(Random random, String alphabet) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(10); i > 0; i--) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
