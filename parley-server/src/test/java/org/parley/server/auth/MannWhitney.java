package org.parley.server.auth;

import java.util.Arrays;

/**
 * The Mann-Whitney U test's z value (normal approximation, with the tie correction) for two
 * independent samples: how many standard deviations sample {@code a}'s rank sum lies above what
 * it would be if both came from one distribution. |z| below about 2 means no measurable
 * difference at the 5 % level; a timing side channel shows as a large |z| given enough samples.
 */
record MannWhitney(double u, double z) {

    static MannWhitney of(long[] a, long[] b) {
        int n1 = a.length;
        int n2 = b.length;
        int total = n1 + n2;
        long[][] all = new long[total][];
        for (int i = 0; i < n1; i++) {
            all[i] = new long[] {a[i], 0};
        }
        for (int i = 0; i < n2; i++) {
            all[n1 + i] = new long[] {b[i], 1};
        }
        Arrays.sort(all, (x, y) -> Long.compare(x[0], y[0]));
        double rankSumA = 0;
        double tieTerm = 0;
        for (int start = 0; start < total; ) {
            int end = start;
            while (end < total && all[end][0] == all[start][0]) {
                end++;
            }
            double rank = (start + 1 + end) / 2.0;
            for (int i = start; i < end; i++) {
                if (all[i][1] == 0) {
                    rankSumA += rank;
                }
            }
            double ties = end - start;
            tieTerm += ties * ties * ties - ties;
            start = end;
        }
        double u = rankSumA - n1 * (n1 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2.0;
        double variance = n1 * (double) n2 / 12.0 * ((total + 1) - tieTerm / (total * (double) (total - 1)));
        return new MannWhitney(u, variance == 0 ? 0 : (u - mean) / Math.sqrt(variance));
    }
}
