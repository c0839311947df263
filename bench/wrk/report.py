#!/usr/bin/env python3
"""Turns bench/results/wrk.raw.txt (one line per wrk run, from run.sh) into bench/results/wrk.md and wrk.svg.

    bench/wrk/report.py RAW RESULTS_DIR DURATION RUNS THREADS ENGINES INLINE LOADAVG
"""
import statistics, sys, re, os, datetime, platform
raw, results, duration, runs, threads, engines, inline, load = sys.argv[1:]

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
names = ["plaintext-16", "plaintext-256", "pipelined-256"]
cpu_model = next((l.split(": ", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
lines = [
    "# Kestrel transports under wrk: io_uring vs Sockets",
    "",
    f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, kernel {platform.release()}, {os.cpu_count()} CPUs ({cpu_model}); "
    f"wrk -t{threads} -d{duration}s --latency, medians of {runs} interleaved runs; io_uring engines: {engines}, "
    f"inline continuations: {inline}. wrk runs on the same machine as the server, so both share its CPUs; "
    f"load average at the end: {load}.",
    "",
    "| scenario | transport | requests/s | p50 ms | p90 ms | p99 ms | server CPU s | errors | rps ratio (io_uring/Sockets) | requests per CPU-s ratio |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
]
ratios = []
for name in names:
    if (name, "sockets") not in rows or (name, "iouring") not in rows:
        continue
    rps_ratio = med(name, "iouring", "rps") / med(name, "sockets", "rps")
    eff = lambda t: med(name, t, "rps") * float(duration) / max(med(name, t, "cpu_s"), 1e-9)
    eff_ratio = eff("iouring") / eff("sockets")
    ratios.append((name, rps_ratio, eff_ratio))
    for t, label in (("sockets", "Sockets"), ("iouring", "io_uring")):
        tail = f"{rps_ratio:.2f} | {eff_ratio:.2f}" if t == "iouring" else " | "
        lines.append(f"| {name} | {label} | {med(name, t, 'rps'):,.0f} | {med(name, t, 'p50_ms'):.2f} | {med(name, t, 'p90_ms'):.2f} | "
                     f"{med(name, t, 'p99_ms'):.2f} | {med(name, t, 'cpu_s'):.1f} | {med(name, t, 'errors'):.0f} | {tail} |")
lines += ["", "Target: rps ratio >= 1.2 at 256 connections (plain and pipelined), >= 1.0 at 16.", "", "![ratios](wrk.svg)", ""]
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
