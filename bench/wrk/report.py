#!/usr/bin/env python3
"""Turns bench/results/wrk.raw.txt (one line per wrk run, from run.sh) into bench/results/wrk.md and wrk.svg.

    bench/wrk/report.py RAW RESULTS_DIR DURATION RUNS THREADS ENGINES CONFIGS LOADAVG
"""
import statistics, sys, re, os, datetime, platform
raw, results, duration, runs, threads, engines, configs, load = sys.argv[1:]

rows = {}
for line in open(raw):
    parts = line.rstrip("\n").split("\t")
    transport, name = parts[1], parts[2]
    values = dict(p.split("=") for p in parts[3:])
    rows.setdefault((name, transport), []).append({k: float(v) for k, v in values.items()})
def med(name, transport, key):
    # A latency wrk did not print is NaN in the raw line; the median is over the runs that have it.
    values = [r[key] for r in rows[(name, transport)] if r[key] == r[key]]
    return statistics.median(values) if values else float("nan")
def ms(value):
    return "not printed" if value != value else f"{value:.2f}"
LABEL = {"sockets": "Sockets", "sockets-inline": "Sockets, inline", "iouring": "io_uring (reactor)",
         "iouring-inline": "io_uring, inline", "iouring-pool": "io_uring, pool",
         "iouring-reuseport": "io_uring, SO_REUSEPORT", "iouring-multishot": "io_uring, multishot receive"}
order = [c for c in configs.split() if c in LABEL]
names = ["plaintext-16", "plaintext-256", "pipelined-256", "sleeper-16"]
cpu_model = next((l.split(": ", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
lines = [
    "# Kestrel transports under wrk: io_uring vs Sockets, each in its default and its fastest set-up",
    "",
    f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, kernel {platform.release()}, {os.cpu_count()} CPUs ({cpu_model}); "
    f"wrk -t{threads} -d{duration}s --latency, medians of {runs} interleaved runs; io_uring engines: {engines}. "
    f"wrk runs on the same machine as the servers, so they share its CPUs; load average at the end: {load}. "
    "sleeper-16: /plaintext with 16 connections while another client keeps one request in flight to /sleep, whose "
    "handler blocks its thread for 200 ms. Latencies wrk did not print read 'not printed'.",
    "",
    "| scenario | configuration | requests/s | p50 ms | p90 ms | p99 ms | server CPU s | errors |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
]
for name in names:
    for t in order:
        if (name, t) not in rows:
            continue
        lines.append(f"| {name} | {LABEL[t]} | {med(name, t, 'rps'):,.0f} | {ms(med(name, t, 'p50_ms'))} | {ms(med(name, t, 'p90_ms'))} | "
                     f"{ms(med(name, t, 'p99_ms'))} | {med(name, t, 'cpu_s'):.1f} | {med(name, t, 'errors'):.0f} |")
eff = lambda name, t: med(name, t, "rps") * float(duration) / max(med(name, t, "cpu_s"), 1e-9)
pairs = [(a, b) for a, b in (("iouring", "sockets"), ("iouring-inline", "sockets"), ("sockets-inline", "sockets"),
                             ("iouring-pool", "sockets"), ("iouring-reuseport", "sockets"), ("iouring-reuseport", "iouring"),
                             ("iouring-multishot", "sockets"), ("iouring-multishot", "iouring"),
                             ("iouring-inline", "sockets-inline"), ("iouring", "sockets-inline"))
         if a in order and b in order]
lines += ["", "Ratios (medians; requests/s · requests per server CPU-second · p99 ratio, lower is better):", "",
          "| scenario | " + " | ".join(f"{LABEL[a]} / {LABEL[b]}" for a, b in pairs) + " |",
          "|---|" + "---:|" * len(pairs)]
ratios = []
for name in names:
    if not all((name, t) in rows for t in order):
        continue
    cells = []
    for a, b in pairs:
        rps_ratio = med(name, a, "rps") / med(name, b, "rps")
        eff_ratio = eff(name, a) / eff(name, b)
        p99 = med(name, a, "p99_ms") / med(name, b, "p99_ms")
        cells.append(f"{rps_ratio:.2f} · {eff_ratio:.2f} · {'n/a' if p99 != p99 else f'{p99:.2f}'}")
        if (a, b) == ("iouring", "sockets"):
            ratios.append((name, rps_ratio, eff_ratio))
    lines.append(f"| {name} | " + " | ".join(cells) + " |")
lines += ["", "Targets (issue 17): default vs default ≥ 1.5× rps at plaintext 16 and 256, ≥ 1.3× pipelined; fastest vs "
          "fastest ≥ 1.3× and ≥ 1.2×; p99 no worse. The chart shows io_uring (reactor) / Sockets (default).", "", "![ratios](wrk.svg)", ""]
open(f"{results}/wrk.md", "w").write("\n".join(lines))

label_w, plot_w, bar_h, gap, top = 130, 420, 16, 10, 50
vmax = max([2.0] + [max(r[1], r[2]) * 1.1 for r in ratios])
x = lambda v: label_w + v / vmax * plot_w
height = top + len(ratios) * (2 * bar_h + gap) + 40
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + plot_w + 60}" height="{height}" font-family="sans-serif" font-size="12">',
       '<rect width="100%" height="100%" fill="white"/>',
       '<text x="10" y="18" font-size="14">Kestrel on io_uring / Kestrel on Sockets (wrk, medians)</text>',
       '<rect x="10" y="30" width="10" height="10" fill="#1f5fa8"/><text x="24" y="39">requests/s</text>',
       '<rect x="110" y="30" width="10" height="10" fill="#8db3e2"/><text x="124" y="39">requests per server CPU-second</text>']
y = top
for name, rps_ratio, eff_ratio in ratios:
    for value, colour in ((rps_ratio, "#1f5fa8"), (eff_ratio, "#8db3e2")):
        svg.append(f'<rect x="{label_w}" y="{y}" width="{x(value) - label_w:.1f}" height="{bar_h}" fill="{colour}"/>')
        svg.append(f'<text x="{x(value) + 4:.1f}" y="{y + bar_h - 3}">{value:.2f}</text>')
        y += bar_h
    svg.append(f'<text x="{label_w - 6}" y="{y - bar_h - 3}" text-anchor="end">{name}</text>')
    y += gap
svg.append(f'<line x1="{x(1):.1f}" y1="{top - 4}" x2="{x(1):.1f}" y2="{y}" stroke="black" stroke-dasharray="4 3"/>')
svg.append(f'<text x="{x(1):.1f}" y="{y + 14}" text-anchor="middle">1.0 = parity</text>')
svg.append("</svg>")
open(f"{results}/wrk.svg", "w").write("\n".join(svg) + "\n")
print("\n".join(lines))
