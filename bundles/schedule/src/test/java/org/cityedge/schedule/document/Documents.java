package org.cityedge.schedule.document;

/** Schedule documents used across the tests. */
public final class Documents {

    private Documents() {
    }

    /**
     * Circuit A: residential (on 10 min after sunset at 100 %, 50 % from 23:00, 30 % from 01:30, off at sunrise);
     * circuit B: main road (on at dusk, 80 % from 00:00, off at dawn + 5 min); Tet nights brighter everywhere;
     * everything else runs the residential program.
     */
    public static String sample(long version) {
        return """
                {
                  "type": "schedule",
                  "version": %d,
                  "description": "Dong Xoai 2027",
                  "programs": {
                    "residential": {"steps": [
                      {"at": "sunset", "offsetMinutes": 10, "level": 100},
                      {"at": "23:00", "level": 50},
                      {"at": "01:30", "level": 30},
                      {"at": "sunrise", "level": 0}
                    ]},
                    "main-road": {"steps": [
                      {"at": "dusk", "level": 100},
                      {"at": "00:00", "level": 80},
                      {"at": "dawn", "offsetMinutes": 5, "level": 0}
                    ]},
                    "tet": {"steps": [
                      {"at": "sunset", "offsetMinutes": -15, "level": 100},
                      {"at": "sunrise", "offsetMinutes": 15, "level": 0}
                    ]}
                  },
                  "default": {"program": "residential",
                    "exceptions": [{"name": "tet-2027", "from": "2027-02-05", "to": "2027-02-10", "program": "tet"}]},
                  "groups": {
                    "circuit-a": {"program": "residential",
                      "exceptions": [{"name": "tet-2027", "from": "2027-02-05", "to": "2027-02-10", "program": "tet"}]},
                    "circuit-b": {"program": "main-road",
                      "exceptions": [
                        {"name": "tet-2027", "from": "2027-02-05", "to": "2027-02-10", "program": "tet"},
                        {"name": "weekend", "weekdays": ["saturday", "sunday"], "program": "residential"}
                      ]}
                  }
                }
                """.formatted(version);
    }
}
