#!/usr/bin/env bash
# The execution-model comparison: the async layer against .NET, each in its default set-up and in its fastest
# (inline completions), in one run, interleaved, medians of R repetitions.
#
#   bench/reactors.sh [--seconds S] [--runs R] [--only async-read|echo]
#
# Rows: 4 KiB page-cache reads with 1, 32 and 256 in flight (async-read), and 64-byte echo round trips over 1, 64
# and 512 loopback connections (echo). Configurations, each a harness command that differs only in its flag:
#   io_uring default   --engine iouring                         (ContinuationMode.Reactor)
#   io_uring inline    --engine iouring --continuations inline  (ContinuationMode.Inline)
#   .NET default       --engine randomaccess | sockets
#   .NET inline        --engine sockets --continuations inline  (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 on the
#                      echo server child only; RandomAccess has no such mode, so its row repeats the default)
# For echo, CPU is the server child's alone (the client is the same process and code for every row).
# Writes bench/results/reactors.md and bench/results/reactors.raw.txt.
set -euo pipefail

seconds=2
runs=3
only=all
while [[ $# -gt 0 ]]; do
    case $1 in
        --seconds) seconds=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "reactors.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export LC_ALL=C DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS
results=bench/results
mkdir -p "$results"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "building the harness (Release)" >&2
dotnet build -c Release bench/IoUring.Benchmarks -o "$work/bin" > /dev/null
harness=(dotnet "$work/bin/IoUring.Benchmarks.dll")
file=$work/reads.bin
head -c $((256 * 1024 * 1024)) /dev/urandom > "$file"
cat "$file" > /dev/null   # into the page cache

rows=()
if [[ $only == all || $only == async-read ]]; then
    for q in 1 32 256; do
        rows+=("reads Q=$q|async-read --file $file --qd $q --engine iouring|async-read --file $file --qd $q --engine randomaccess")
    done
fi
if [[ $only == all || $only == echo ]]; then
    for n in 1 64 512; do
        rows+=("echo N=$n|echo --connections $n --size 64 --engine iouring|echo --connections $n --size 64 --engine sockets")
    done
fi
configs=("io-default|" "io-inline|--continuations inline" "net-default|" "net-inline|--continuations inline")

raw=$results/reactors.raw.txt
: > "$raw"
for rep in $(seq "$runs"); do
    for row in "${rows[@]}"; do
        IFS='|' read -r label io net <<< "$row"
        for i in "${!configs[@]}"; do
            # Rotate the order each repetition, so drift on a shared machine does not favour one configuration.
            IFS='|' read -r name flag <<< "${configs[$(( (i + rep) % ${#configs[@]} ))]}"
            if [[ $name == io-* ]]; then args=$io; else args=$net; fi
            read -r -a argv <<< "$args $flag --seconds $seconds"
            line=$(timeout $((seconds + 120)) "${harness[@]}" "${argv[@]}" | grep 'ops_per_s=' | tail -n 1 || true)
            printf '%s\t%s\t%s\t%s\n' "$label" "$name" "$rep" "$line" | tee -a "$raw" >&2
        done
    done
done

python3 - "$raw" "$results" "$runs" "$seconds" "$(uname -r)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import re, statistics, sys, datetime
raw, results, runs, seconds, kernel, cores, load = sys.argv[1:]
samples = {}
order = []
for line in open(raw):
    label, name, _rep, text = line.rstrip("\n").split("\t", 3)
    fields = dict(re.findall(r"(\w+)=(\S+)", text))
    if label not in order:
        order.append(label)
    if "ops_per_s" in fields:
        samples.setdefault((label, name), []).append(fields)
def med(label, name, key):
    values = [float(s[key]) for s in samples.get((label, name), []) if key in s]
    return statistics.median(values) if values else float("nan")
def spread(label, name):
    values = [float(s["ops_per_s"]) for s in samples.get((label, name), [])]
    return f"±{(max(values) - min(values)) / 2 / statistics.median(values) * 100:.0f}%" if len(values) > 1 else ""
def pair(label, a, b):
    return f"{med(label, a, 'ops_per_s') / med(label, b, 'ops_per_s'):.2f} · {med(label, a, 'ops_per_cpu_s') / med(label, b, 'ops_per_cpu_s'):.2f}"
lines = [
    "# Execution models: io_uring's reactor against .NET, default and fastest set-ups",
    "",
    f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, kernel {kernel}, {cores} CPUs; bench/reactors.sh "
    f"--runs {runs} --seconds {seconds}: medians of {runs} interleaved runs; load average at the end {load}. "
    "Ratios are ops/s · ops per CPU-second (for echo, the server process's CPU).",
    "",
    "| row | io default ops/s | io inline ops/s | .NET default ops/s | .NET inline ops/s | io default / .NET default | io inline / .NET inline | .NET inline / .NET default | io default / .NET inline | spread (io default, .NET default) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
]
for label in order:
    lines.append(f"| {label} | {med(label, 'io-default', 'ops_per_s'):,.0f} | {med(label, 'io-inline', 'ops_per_s'):,.0f} | "
                 f"{med(label, 'net-default', 'ops_per_s'):,.0f} | {med(label, 'net-inline', 'ops_per_s'):,.0f} | "
                 f"{pair(label, 'io-default', 'net-default')} | {pair(label, 'io-inline', 'net-inline')} | "
                 f"{pair(label, 'net-inline', 'net-default')} | {pair(label, 'io-default', 'net-inline')} | "
                 f"{spread(label, 'io-default')}, {spread(label, 'net-default')} |")
open(f"{results}/reactors.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
