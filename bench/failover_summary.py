#!/usr/bin/env python3
"""bench/failover_summary.py: the table of bench/failover_bench.sh's result rows.

Usage: failover_summary.py RESULTS...  (rows "FAMILY INTERVAL_MS IMPL MODE lost gap_ms
cut_to_adv_ms cut_to_garp_ms takeover_ms bound_ms ping_interval_ms adv_to_reply_ms", one per
failover).
A block per (family, interval, mode): n2os and keepalived, each median [min..max] over its
runs, then the ratio of the medians n2os / keepalived. A separate file so that --all can
print one table of every cell from the rows its runs appended.

The targets are issue 11's: a silent failure taken over within 1 ms of Master_Down_Interval
(takeover on the wire - bound), and with 100 ms adverts a `shutdown` outage at the host
within 10 ms of Skew_Time (longest ping gap - bound); judged on the median, the max shown.
"""
import statistics
import sys

rows = []
for path in sys.argv[1:]:
    rows += [line.split() for line in open(path) if line.strip()]

IMPL = {"n2os": "n2os", "ka": "keepalived"}
HOW = {("n2os", "shutdown"): "cmsh shutdown", ("ka", "shutdown"): "SIGTERM",
       ("n2os", "silent"): "port disabled", ("ka", "silent"): "port disabled"}


def f(vals, nd=1):
    return f"{statistics.median(vals):.{nd}f} [{min(vals):.{nd}f}..{max(vals):.{nd}f}]"


def target(mode, iv, take_err, out_err):
    """(what, met) of issue 11 for the cell, or None where it sets none."""
    if mode == "silent":
        return "takeover - bound <= 1 ms", statistics.median(take_err) <= 1.0
    if mode == "shutdown" and iv == 100:
        return "outage - bound <= 10 ms", statistics.median(out_err) <= 10.0
    return None


cols = ["takeover on wire", "takeover - bound", "outage at h1", "outage - bound",
        "cut -> 1st advert", "cut -> 1st GARP/NA", "1st advert -> reply", "lost x ping int."]
print(f"{'':28} " + " ".join(f"{c:>24}" for c in cols) + "  bound")
cells = sorted({(r[0], int(r[1]), r[3]) for r in rows}, key=lambda c: (c[0], -c[1], c[2]))
for fam, iv, mode in cells:
    r = [x for x in rows if (x[0], int(x[1]), x[3]) == (fam, iv, mode)]
    bound = float(r[0][9])
    what = "Skew_Time" if mode == "shutdown" else "Master_Down_Interval"
    print(f"-- {fam}, {iv} ms adverts, {mode}: bound {what} = {bound:g} ms")
    med = {}
    for impl in ("n2os", "ka"):
        x = [y for y in r if y[2] == impl]
        if not x:
            continue
        take = [float(y[8]) for y in x]
        gap = [float(y[5]) for y in x]
        take_err = [t - bound for t in take]
        out_err = [g - bound for g in gap]
        vals = [f(take, 2), f(take_err, 2), f(gap), f(out_err), f([float(y[6]) for y in x]),
                f([float(y[7]) for y in x]), f([float(y[11]) for y in x]),
                f([int(y[4]) * float(y[10]) for y in x])]
        med[impl] = [statistics.median(v) for v in (take, gap, [float(y[6]) for y in x])]
        t = target(mode, iv, take_err, out_err)
        verdict = "" if t is None else f"  target {t[0]}: {'met' if t[1] else 'MISSED'}"
        name = f"{IMPL[impl]} ({HOW[impl, mode]}, {len(x)})"
        print(f"{name:28} " + " ".join(f"{v:>24}" for v in vals) + verdict)
    if len(med) == 2:
        ratio = [a / b if b else float("nan") for a, b in zip(med["n2os"], med["ka"])]
        print(f"{'ratio n2os / keepalived':28} {ratio[0]:>24.2f} {'':>24} {ratio[1]:>24.2f} "
              f"{'':>24} {ratio[2]:>24.2f}")
ivs = [float(x[10]) for x in rows]
if ivs:
    print(f"(ms; median [min..max] of the runs in parentheses; ping really sent every "
          f"{statistics.median(ivs):.2f} ms [{min(ivs):.2f}..{max(ivs):.2f}])")
