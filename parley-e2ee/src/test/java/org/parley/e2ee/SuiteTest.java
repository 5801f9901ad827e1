package org.parley.e2ee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuiteTest {

    @Test
    void negotiationPicksTheStrongestCommonSuiteOrNone() {
        assertThat(E2eSuite.negotiate(List.of(E2eSuite.values()), List.of(E2eSuite.CLASSIC, E2eSuite.PQ_START)))
                .contains(E2eSuite.PQ_START);
        assertThat(E2eSuite.negotiate(List.of(E2eSuite.CLASSIC), List.of(E2eSuite.values()))).contains(E2eSuite.CLASSIC);
        assertThat(E2eSuite.negotiate(List.of(E2eSuite.CLASSIC), List.of(E2eSuite.PQ_RATCHET))).isEmpty();
    }

    @Test
    void labelsNameThePropertiesParleySuitesLists() {
        assertThat(E2eSuite.DEFAULT).isEqualTo(E2eSuite.PQ_RATCHET);
        assertThat(E2eSuite.fromLabel("pq-start")).contains(E2eSuite.PQ_START);
        assertThat(E2eSuite.CLASSIC.labels().postQuantum()).isEqualTo("none");
        assertThat(E2eSuite.PQ_RATCHET.labels().postCompromise()).contains("post-quantum");
        assertThat(E2eSuite.PQ_START.labels().postCompromise()).isEqualTo("classical only");
    }
}
