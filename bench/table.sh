#!/usr/bin/env bash
# Prints results.tsv (RESULT lines of parley-bench) as one Markdown table: a row per scenario, a
# column per server, and the ratio Parley / best peer, oriented so that > 1 always means Parley is
# better (for ms, KiB and % of a core, lower is better, so the ratio is best peer / Parley). A
# fan-out figure whose next step failed with the generator's core full is marked "(generator-bound)":
# it is a lower bound of that server's, set by the generator as much as by the server.
#
#   bench/table.sh RESULTS.tsv
set -euo pipefail
awk -F'\t' '
BEGIN {
    ncol = split("parley ngircd inspircd redis redis-aof jdk-tls", cols, " ")
    split("Parley ngIRCd InspIRCd Redis Redis-AOF JDK-TLS", names, " ")
}
$1 == "RESULT" && $5 == "skipped" { skipped[$2] = $6; next } # a check that could not run: a sentence, not a row
$1 == "RESULT" {
    key = $2; target = $3
    if (!(key in unit)) { order[++rows] = key }
    value[key, target] = $4; unit[key] = $5; detail[key, target] = $6
    if ($6 ~ /generator-bound above/) { bound[key, target] = 1; anybound = 1 }
}
# The sentence of a fan-out target check (bench/README.md "The fan-out target"): Parley at R = 1.5 x the
# sustained msg/s of a peer, and whether it met the target (FanoutTargetCheck decided: its detail starts "met" or "missed").
function target_check(label, lead,    key, c, peer, d, verdict) {
    key = "fanout-N100-target-" label
    if (key in skipped) { print ""; print lead ": not checked, " skipped[key] "."; return }
    if (value[key, "parley"] == "") return # (the loop of the table above made an empty entry of every cell it read)
    for (c = 2; c <= ncol; c++) if (value[key "-p99", cols[c]] != "") peer = c
    d = detail[key, "parley"]; verdict = (d ~ /^met:/ ? "met" : d ~ /^missed:/ ? "missed" : "not decided")
    print ""
    printf "%s: Parley at %.0f msg/s = 1.5 × %s'"'"'s sustained %.0f: delivered %.2f %%, p99 %s ms against %s'"'"'s %s ms: %s\n", lead,
        value[key, "parley"], names[peer], value[key, cols[peer]], value[key "-delivered", "parley"],
        fmt(value[key "-p99", "parley"]), names[peer], fmt(value[key "-p99", cols[peer]]), verdict
    print "(" d ")"
}
function fmt(v) {
    if (v == "") return "-"
    if (v + 0 >= 100) return sprintf("%.0f", v)
    if (v + 0 >= 1) return sprintf("%.2f", v)
    return sprintf("%.3f", v)
}
END {
    header = "| scenario | unit |"; rule = "|---|---|"
    for (c = 1; c <= ncol; c++) { header = header " " names[c] " |"; rule = rule "---|" }
    print header " Parley / best peer |"; print rule "---|"
    for (r = 1; r <= rows; r++) {
        key = order[r]; u = unit[key]
        lower = (u == "ms" || u == "KiB" || u ~ /%/ || u ~ /CPU\/delivery/)
        line = "| " key " | " u " |"; best = ""
        for (c = 1; c <= ncol; c++) {
            v = value[key, cols[c]]
            line = line " " fmt(v) ((key, cols[c]) in bound ? " (generator-bound)" : "") " |"
            if (c > 1 && v != "") {
                if (best == "" || (lower ? v + 0 < best + 0 : v + 0 > best + 0)) best = v
            }
        }
        p = value[key, "parley"]; ratio = "-"
        if (p != "" && best != "" && key !~ /-target-(ngircd|best-peer)$/) { # a target check offers 1.5x by design
            if (lower && p + 0 > 0) ratio = sprintf("%.2f", best / p)
            else if (!lower && best + 0 > 0) ratio = sprintf("%.2f", p / best)
        }
        print line " " ratio " |"
    }
    if (("overload-N100-2x-share", "parley") in value) {
        share = value["overload-N100-2x-share", "parley"]; rec = value["overload-N100-recovery", "parley"]
        print ""
        printf "Issue 13 §3 (Parley, N = 100, S, 1.5S, 2S, 0.5S back to back, S its sustained rate): at 2S %.1f %% of the maximum, S x (N - 1)" \
            " deliveries/s (target >= 90 %%: %s); p99 of the messages delivered at 1.5S %s ms, at 2S %s ms; after the drop" \
            " to 0.5S, every 100 ms had p99 <= 50 ms from %s on.\n", 100 * share, (share >= 0.9 ? "met" : "missed"),
            fmt(value["overload-N100-p99-1.5x", "parley"]), fmt(value["overload-N100-p99-2x", "parley"]),
            (rec + 0 < 0 ? "no point of the 0.5S step (not recovered)" : sprintf("%.1f s", rec))
        print "(" detail["overload-N100-2x-share", "parley"] ")"
    }
    target_check("ngircd", "Issue 13 fan-out target (≥ 1.5× ngIRCd'"'"'s sustained deliveries/s at equal or better p99)")
    target_check("best-peer", "The same against the best peer")
    if (anybound) {
        print ""
        print "(generator-bound): the next step offered was not sustained while the load generator used its whole"
        print "core or its senders were late on their schedule (send lag p99 above a tenth of the latency of the step,"
        print "at least 5 ms; see bench/README.md); the figure is a lower bound for that server, not its limit."
    }
}' "$1"
