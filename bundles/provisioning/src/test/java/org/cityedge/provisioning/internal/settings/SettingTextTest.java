package org.cityedge.provisioning.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SettingTextTest {

    @Test
    void splitsOnUnescapedCommasAndTrims() {
        assertThat(SettingText.split(" a=1/2 , pm*=0.5/600,,x\\,y ")).containsExactly("a=1/2", "pm*=0.5/600", "x,y");
    }

    @Test
    void joinedTextSplitsBackToTheSameElements() {
        String[] items = {"a,b", "back\\slash", "plain"};
        assertThat(SettingText.split(SettingText.text(items))).containsExactly(items);
        assertThat(SettingText.text(List.of("x", "y"))).isEqualTo("x,y");
        assertThat(SettingText.text(5)).isEqualTo("5");
    }

    @Test
    void normalizesCollectionsAndPrimitiveArrays() {
        assertThat(SettingText.normalize(List.of("a", "b"))).isEqualTo(new String[] {"a", "b"});
        assertThat(SettingText.normalize(new int[] {1, 2})).isEqualTo(new Integer[] {1, 2});
    }
}
