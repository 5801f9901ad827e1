package org.parley.crypto.wycheproof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts how an implementation handled one vector file and prints the per-file summary line:
 * valid accepted, invalid rejected, acceptable accepted/rejected, skipped and why.
 *
 * <p>{@link #assertNoFailures()} fails the test if any valid vector was rejected or any invalid
 * vector accepted, listing the test-case ids.
 */
public final class WycheproofTally {
    private final String file;
    private final String provider;
    private int validAccepted;
    private int invalidRejected;
    private int acceptableAccepted;
    private int acceptableRejected;
    private final List<String> validRejected = new ArrayList<>();
    private final List<String> invalidAccepted = new ArrayList<>();
    private final Map<String, Integer> skipped = new TreeMap<>();

    WycheproofTally(String file, String provider) {
        this.file = file;
        this.provider = provider;
    }

    /** Records whether the implementation accepted {@code testCase}. */
    public void record(WycheproofCase testCase, boolean accepted) {
        switch (testCase.result()) {
            case VALID -> {
                if (accepted) {
                    validAccepted++;
                } else {
                    validRejected.add(testCase.toString());
                }
            }
            case INVALID -> {
                if (accepted) {
                    invalidAccepted.add(testCase.toString());
                } else {
                    invalidRejected++;
                }
            }
            case ACCEPTABLE -> {
                if (accepted) {
                    acceptableAccepted++;
                } else {
                    acceptableRejected++;
                }
            }
        }
    }

    /** Records a vector outside the implementation's scope, with the reason. */
    public void skip(WycheproofCase testCase, String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }

    public int invalidAcceptedCount() {
        return invalidAccepted.size();
    }

    public int checkedCount() {
        return validAccepted + validRejected.size() + invalidRejected + invalidAccepted.size()
                + acceptableAccepted + acceptableRejected;
    }

    /** The one-line summary printed into the test output. */
    public String summary() {
        int valid = validAccepted + validRejected.size();
        int invalid = invalidRejected + invalidAccepted.size();
        StringBuilder line = new StringBuilder()
                .append("Wycheproof ").append(file).append(" [").append(provider).append("]: ")
                .append("valid accepted ").append(validAccepted).append('/').append(valid)
                .append(", invalid rejected ").append(invalidRejected).append('/').append(invalid)
                .append(", invalid ACCEPTED ").append(invalidAccepted.size())
                .append(", acceptable accepted ").append(acceptableAccepted)
                .append(" rejected ").append(acceptableRejected);
        int skippedTotal = skipped.values().stream().mapToInt(Integer::intValue).sum();
        line.append(", skipped ").append(skippedTotal);
        if (!skipped.isEmpty()) {
            line.append(' ').append(skipped);
        }
        return line.toString();
    }

    /** Prints the summary and fails on any valid vector rejected or invalid vector accepted. */
    public void assertNoFailures() {
        System.out.println(summary());
        assertThat(checkedCount()).as("vectors checked in %s", file).isPositive();
        assertThat(invalidAccepted).as("invalid vectors accepted in %s", file).isEmpty();
        assertThat(validRejected).as("valid vectors rejected in %s", file).isEmpty();
    }
}
