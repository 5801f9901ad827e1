package org.parley.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MeterFamilyTest {

    @Test
    void aLabelSeenAgainGetsTheSameMeter() {
        MeterFamily<AtomicInteger> family = new MeterFamily<>(4, label -> new AtomicInteger());

        family.of("JoinRoom").incrementAndGet();
        family.of("JoinRoom").incrementAndGet();

        assertThat(family.of("JoinRoom")).hasValue(2);
    }

    @Test
    void pastTheCapEveryNewLabelIsCountedUnderOther() {
        List<String> created = new ArrayList<>();
        MeterFamily<AtomicInteger> family = new MeterFamily<>(2, label -> {
            created.add(label);
            return new AtomicInteger();
        });

        family.of("a").incrementAndGet();
        family.of("b").incrementAndGet();
        family.of("c").incrementAndGet();
        family.of("d").incrementAndGet();

        assertThat(created).containsExactly("a", "b", MeterFamily.OTHER);
        assertThat(family.of("e")).hasValue(2);
        assertThat(family.of("a")).hasValue(1);
    }
}
