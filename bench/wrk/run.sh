#!/usr/bin/env bash
# Kestrel transport benchmark: wrk against samples/IoUring.WebApp on the Sockets transport and on the io_uring
# transport, in one run, interleaved, median of R repetitions per scenario.
#
#   bench/wrk/run.sh [--duration S] [--runs R] [--threads T] [--engines N]
#
# Scenarios: /plaintext with 16 and 256 connections, and /plaintext pipelined 16 deep with 256 connections.
# Writes bench/results/wrk.md (table: requests/s, latency percentiles, server CPU seconds, ratios),
# bench/results/wrk.svg (chart of the io_uring/Sockets ratios) and bench/results/wrk.raw.txt (every run).
# docs/benchmarks.md ("Kestrel transport under wrk") explains the method.
set -euo pipefail

duration=10
runs=3
threads=2
engines=
while [[ $# -gt 0 ]]; do
    case $1 in
        --duration) duration=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --engines) engines=$2; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
results=bench/results
mkdir -p "$results"
export LC_ALL=C DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v wrk > /dev/null 2>&1; then
    echo "installing wrk (apt-get)" >&2
    apt-get update -qq && apt-get install -y -qq wrk > /dev/null
fi

echo "building samples/IoUring.WebApp (Release)" >&2
dotnet build -c Release samples/IoUring.WebApp -o "$root/samples/IoUring.WebApp/bin/bench" > /dev/null
app_dll=$root/samples/IoUring.WebApp/bin/bench/IoUring.WebApp.dll

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

declare -A port=([sockets]=5081 [iouring]=5082)
declare -A pid_of
for transport in sockets iouring; do
    extra=()
    [[ $transport == iouring && -n $engines ]] && extra=(--engines "$engines")
    dotnet "$app_dll" --transport "$transport" --urls "http://127.0.0.1:${port[$transport]}" "${extra[@]}" \
        > "$work/$transport.log" 2>&1 &
    pid_of[$transport]=$!
    pids+=($!)
done
for transport in sockets iouring; do
    for _ in $(seq 100); do
        curl -fs "http://127.0.0.1:${port[$transport]}/plaintext" > /dev/null 2>&1 && break
        sleep 0.1
    done
    curl -fs "http://127.0.0.1:${port[$transport]}/plaintext" > /dev/null || {
        echo "the $transport server did not start:" >&2; cat "$work/$transport.log" >&2; exit 1; }
done
if grep -q "using the Sockets transport" "$work/iouring.log"; then
    echo "the io_uring server fell back to Sockets:" >&2; cat "$work/iouring.log" >&2; exit 1
fi

# utime + stime of a process, in clock ticks (proc(5): fields 14 and 15 of /proc/PID/stat).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
ticks_per_s=$(getconf CLK_TCK)

scenarios=("plaintext-16:16:" "plaintext-256:256:" "pipelined-256:256:16")
run_wrk() {   # transport scenario seconds -> one raw line
    local transport=$1 spec=$2 seconds=$3
    local name=${spec%%:*} rest=${spec#*:}
    local connections=${rest%%:*} depth=${rest#*:}
    local script=()
    [[ -n $depth ]] && script=(-s bench/wrk/pipeline.lua)
    local t=$threads
    (( t > connections )) && t=$connections
    local before after out
    before=$(cpu_ticks "${pid_of[$transport]}")
    out=$(wrk -t "$t" -c "$connections" -d "${seconds}s" --latency "${script[@]}" \
        "http://127.0.0.1:${port[$transport]}/plaintext" ${depth:+-- "$depth"})
    after=$(cpu_ticks "${pid_of[$transport]}")
    python3 - "$transport" "$name" "$before" "$after" "$ticks_per_s" <<PY
import re, sys
transport, name, before, after, hz = sys.argv[1:]
text = """$out"""
def seconds(v, unit):
    return float(v) * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
lat = {p: seconds(v, u) * 1e3 for p, v, u in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)}
errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
cpu = (int(after) - int(before)) / int(hz)
print(f"{transport}\t{name}\trps={rps:.0f}\tp50_ms={lat.get('50', 0):.3f}\tp90_ms={lat.get('90', 0):.3f}\tp99_ms={lat.get('99', 0):.3f}"
      f"\tcpu_s={cpu:.2f}\terrors={errors + (int(non2xx.group(1)) if non2xx else 0)}")
PY
}

echo "warming up both servers" >&2
for transport in sockets iouring; do
    for spec in "${scenarios[@]}"; do run_wrk "$transport" "$spec" 2 > /dev/null; done
done

raw=$results/wrk.raw.txt
: > "$raw"
for rep in $(seq "$runs"); do
    for spec in "${scenarios[@]}"; do
        # Alternate which transport goes first, so drift on a shared machine does not favour one side.
        if (( rep % 2 )); then order=(sockets iouring); else order=(iouring sockets); fi
        for transport in "${order[@]}"; do
            line=$(run_wrk "$transport" "$spec" "$duration")
            echo "run $rep	$line" | tee -a "$raw" >&2
        done
    done
done

python3 - "$raw" "$results" "$duration" "$runs" "$threads" "${engines:-default}" <<'PY'
import statistics, sys, re, os, datetime, platform
raw, results, duration, runs, threads, engines = sys.argv[1:]
rows = {}
for line in open(raw):
    parts = line.rstrip("\n").split("\t")
    transport, name = parts[1], parts[2]
    values = dict(p.split("=") for p in parts[3:])
    rows.setdefault((name, transport), []).append({k: float(v) for k, v in values.items()})
def med(name, transport, key):
    return statistics.median(r[key] for r in rows[(name, transport)])
names = ["plaintext-16", "plaintext-256", "pipelined-256"]
cpu_model = next((l.split(": ", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
lines = [
    "# Kestrel transports under wrk: io_uring vs Sockets",
    "",
    f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, kernel {platform.release()}, {os.cpu_count()} CPUs ({cpu_model}); "
    f"wrk -t{threads} -d{duration}s --latency, medians of {runs} interleaved runs; io_uring engines: {engines}. "
    "wrk runs on the same machine as the server, so both share its CPUs.",
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
PY
echo "wrote $results/wrk.md, $results/wrk.svg, $results/wrk.raw.txt" >&2
