#!/usr/bin/env bash
# Side-by-side benchmark: the liburing C twin (bench/native) against the C# harness
# (bench/IoUring.Benchmarks), same workloads, same command line, interleaved runs.
#
#   bench/compare.sh [--seconds S] [--runs R] [--no-csharp]
#
# Writes bench/results/latest.md (medians and ratios), bench/results/latest.svg (bar chart of the
# ratios) and bench/results/latest.raw.txt (every output line, tab-separated), and prints the table.
# docs/benchmarks.md explains the workloads and how the ratios are computed.
set -euo pipefail

seconds=3
runs=3
want_csharp=1
while [[ $# -gt 0 ]]; do
    case $1 in
        --seconds) seconds=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --no-csharp) want_csharp=0; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "compare.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
results=bench/results
native_bin=bench/native/build/iouring_bench
# CSHARP_PROJECT lets a stand-in harness exercise this script before the real one exists.
csharp_project=${CSHARP_PROJECT:-bench/IoUring.Benchmarks}
file_size=$((256 * 1024 * 1024))
export LC_ALL=C

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- The C twin -----------------------------------------------------------------------------
if [[ ! -f /usr/include/liburing.h ]]; then
    echo "compare.sh: liburing.h not found; install it with: apt-get install -y liburing-dev" >&2
    exit 1
fi
mkdir -p bench/native/build
echo "building the C twin ($native_bin)" >&2
gcc -O2 -Wall -Wextra -o "$native_bin" bench/native/*.c -luring

# --- The C# harness (written separately; the comparison still runs without it) ---------------
csharp_status="not run (--no-csharp)"
csharp=()
if [[ $want_csharp -eq 1 ]]; then
    if ! compgen -G "$csharp_project/*.cs" > /dev/null && ! compgen -G "$csharp_project/**/*.cs" > /dev/null; then
        csharp_status="not available: $csharp_project has no sources yet (its CLI is still to be written)"
    else
        echo "building the C# harness ($csharp_project, Release)" >&2
        if ! dotnet build -c Release "$csharp_project" > "$work/csharp-build.log" 2>&1; then
            csharp_status="not available: 'dotnet build -c Release $csharp_project' failed (log below)"
            tail -n 20 "$work/csharp-build.log" >&2
        else
            csharp=(dotnet run -c Release --no-build --project "$csharp_project" --)
            # The harness must speak the twin's protocol: one result line per run (and must not,
            # say, start a BenchmarkDotNet suite instead, hence the timeout).
            if probe=$(timeout 120 "${csharp[@]}" nop --batch 1 --seconds 0.2 2> "$work/csharp-probe.err") &&
                grep -q '^nop .*ops_per_s=' <<< "$probe"; then
                csharp_status="dotnet run -c Release --project $csharp_project"
            else
                csharp_status="not available: '$csharp_project nop --batch 1' printed no result line"
                head -n 20 "$work/csharp-probe.err" >&2
                csharp=()
            fi
        fi
    fi
fi
echo "C# harness: $csharp_status" >&2

# --- The test file: 256 MiB of random bytes, read once so it sits in the page cache ----------
test_file=$work/bench.dat
echo "creating the 256 MiB test file in $work" >&2
head -c "$file_size" /dev/urandom > "$test_file"
warm() { cat "$test_file" > /dev/null; }
warm

# --- Workloads: id|label|arguments|who runs it|queue depth (reads) ---------------------------
# {file} is replaced by the test file's path. "c+cs" rows run on both twins, "cs" rows are the
# .NET RandomAccess baselines the C# harness alone provides.
workloads=(
    "nop1|nop N=1|nop --batch 1|c+cs|"
    "nop32|nop N=32|nop --batch 32|c+cs|"
    "nop128|nop N=128|nop --batch 128|c+cs|"
    "read1|read QD1|read --file {file} --qd 1|c+cs|1"
    "read32|read QD32|read --file {file} --qd 32|c+cs|32"
    "read1f|read QD1 fixed|read --file {file} --qd 1 --fixed|c+cs|1"
    "read32f|read QD32 fixed|read --file {file} --qd 32 --fixed|c+cs|32"
    "ra1|read QD1 RandomAccess|read --file {file} --qd 1 --engine randomaccess|cs|1"
    "ra32|read QD32 RandomAccess|read --file {file} --qd 32 --engine randomaccess|cs|32"
    "raa1|read QD1 RandomAccess async|read --file {file} --qd 1 --engine randomaccess-async|cs|1"
    "raa32|read QD32 RandomAccess async|read --file {file} --qd 32 --engine randomaccess-async|cs|32"
)

raw=$work/raw.tsv
: > "$raw"
printf '%s\n' "${workloads[@]}" > "$work/workloads.txt"

run_one() { # twin id run args...
    local twin=$1 id=$2 run=$3; shift 3
    local out line limit
    limit=$(awk -v s="$seconds" 'BEGIN { printf "%d", s + 120 }')
    if [[ $twin == c ]]; then
        if ! out=$(timeout "$limit" "$native_bin" "$@"); then
            echo "compare.sh: the C twin failed (or ran past ${limit}s): $native_bin $*" >&2
            exit 1
        fi
    else
        if ! out=$(timeout "$limit" "${csharp[@]}" "$@" 2> "$work/csharp-run.err"); then
            echo "  C# run failed: $*" >&2
            head -n 5 "$work/csharp-run.err" >&2
            out=""
        fi
    fi
    line=$(grep 'ops_per_s=' <<< "$out" | tail -n 1 || true)
    printf '%s\t%s\t%s\t%s\n' "$id" "$twin" "$run" "$line" >> "$raw"
    if [[ -n $line ]]; then echo "  $twin: $line" >&2; fi
}

for w in "${workloads[@]}"; do
    IFS='|' read -r id label args who qd <<< "$w"
    read -r -a argv <<< "${args//\{file\}/$test_file}"
    argv+=(--seconds "$seconds")
    if [[ $who == cs && ${#csharp[@]} -eq 0 ]]; then
        continue
    fi
    echo "$label" >&2
    # Interleave the twins so drift in the machine's load hits both alike.
    for ((r = 1; r <= runs; r++)); do
        if [[ ${argv[0]} == read ]]; then warm; fi
        if [[ $who == c+cs ]]; then run_one c "$id" "$r" "${argv[@]}"; fi
        if [[ ${#csharp[@]} -gt 0 ]]; then run_one cs "$id" "$r" "${argv[@]}"; fi
    done
done

# --- Report --------------------------------------------------------------------------------
mkdir -p "$results"
{ printf 'workload\ttwin\trun\tline\n'; cat "$raw"; } > "$results/latest.raw.txt"

liburing_version=$(dpkg-query -W -f '${Version}' liburing-dev 2> /dev/null || echo unknown)
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)

python3 - "$raw" "$work/workloads.txt" "$results" "$runs" "$seconds" "$(uname -r)" \
    "$cpu" "$(nproc)" "$liburing_version" "$csharp_status" <<'PY'
import re
import statistics
import sys

raw_path, workloads_path, results, runs, seconds, kernel, cpu, cores, liburing, cs_status = sys.argv[1:]

workloads = []
for line in open(workloads_path):
    wid, label, _args, who, qd = line.rstrip("\n").split("|")
    workloads.append({"id": wid, "label": label, "who": who, "qd": qd})

samples = {}  # (id, twin) -> list of dicts
for line in open(raw_path):
    wid, twin, _run, text = line.rstrip("\n").split("\t", 3)
    fields = dict(re.findall(r"(\w+)=(\S+)", text))
    if "ops_per_s" in fields:
        samples.setdefault((wid, twin), []).append(fields)

def median(wid, twin, key):
    values = [float(s[key]) for s in samples.get((wid, twin), []) if key in s]
    return statistics.median(values) if values else None

def fmt(value, digits=0):
    if value is None:
        return ""
    return f"{value:,.{digits}f}"

def ratio(a, b):
    return a / b if a is not None and b else None

baseline = {}  # (engine, qd, key) -> C# median of the RandomAccess rows (ops_per_s, ops_per_cpu_s)
for w in workloads:
    if w["who"] == "cs":
        engine = "async" if "async" in w["label"] else "sync"
        for key in ("ops_per_s", "ops_per_cpu_s"):
            baseline[(engine, w["qd"], key)] = median(w["id"], "cs", key)

rows = []
for w in workloads:
    c_ops = median(w["id"], "c", "ops_per_s")
    cs_ops = median(w["id"], "cs", "ops_per_s")
    c_cpu = median(w["id"], "c", "ops_per_cpu_s")
    cs_cpu = median(w["id"], "cs", "ops_per_cpu_s")
    row = {
        "label": w["label"],
        "c_ops": c_ops, "cs_ops": cs_ops,
        "cs_alloc": median(w["id"], "cs", "alloc_bytes_per_op"),
        "cs_c": None, "cs_c_cpu": None, "cs_ra": None, "cs_ra_cpu": None, "cs_raa": None, "cs_raa_cpu": None,
    }
    if w["who"] == "c+cs":
        row["cs_c"] = ratio(cs_ops, c_ops)
        row["cs_c_cpu"] = ratio(cs_cpu, c_cpu)
        if w["qd"]:
            row["cs_ra"] = ratio(cs_ops, baseline.get(("sync", w["qd"], "ops_per_s")))
            row["cs_ra_cpu"] = ratio(cs_cpu, baseline.get(("sync", w["qd"], "ops_per_cpu_s")))
            row["cs_raa"] = ratio(cs_ops, baseline.get(("async", w["qd"], "ops_per_s")))
            row["cs_raa_cpu"] = ratio(cs_cpu, baseline.get(("async", w["qd"], "ops_per_cpu_s")))
    if w["who"] == "cs" and cs_ops is None:
        continue  # baseline rows only exist when the C# harness ran
    rows.append(row)

header = ("| workload | C ops/s | C# ops/s | C# alloc B/op | C#/C | C#/C per CPU-s "
          "| C#/RandomAccess | per CPU-s | C#/RandomAccess async | per CPU-s |")
lines = [header, "|" + "---|" * 10]
for r in rows:
    lines.append("| " + " | ".join([
        r["label"], fmt(r["c_ops"]), fmt(r["cs_ops"]), fmt(r["cs_alloc"], 1),
        fmt(r["cs_c"], 2), fmt(r["cs_c_cpu"], 2), fmt(r["cs_ra"], 2), fmt(r["cs_ra_cpu"], 2),
        fmt(r["cs_raa"], 2), fmt(r["cs_raa_cpu"], 2),
    ]) + " |")
table = "\n".join(lines)

with open(f"{results}/latest.md", "w") as md:
    md.write("# Benchmark results (latest run of bench/compare.sh)\n\n")
    md.write(f"- Kernel {kernel}; CPU {cpu} ({cores} online); liburing-dev {liburing}\n")
    md.write(f"- C#: {cs_status}\n")
    md.write(f"- Each figure is the median of {runs} runs of {seconds} s, the twins interleaved; "
             "reads hit a warmed 256 MiB file in the page cache.\n")
    md.write("- Ratios divide ops/s (above 1: the C# io_uring layer is faster); a \"per CPU-s\" column divides "
             "ops per second of process CPU time instead (per core, and less disturbed by other load); "
             "see docs/benchmarks.md. Blank: not measured.\n\n")
    md.write(table + "\n\n![ratios](latest.svg)\n")

# Hand-written SVG: one horizontal bar per ratio, a dashed line at parity (1.0).
series = [("cs_c", "C# / C (liburing)", "#3b6fb6"),
          ("cs_c_cpu", "same, per CPU-s", "#9db7db"),
          ("cs_ra", "C# / RandomAccess", "#e08a2c"),
          ("cs_ra_cpu", "same, per CPU-s", "#efc495"),
          ("cs_raa", "C# / RandomAccess async", "#4a9a5b"),
          ("cs_raa_cpu", "same, per CPU-s", "#a4ccad")]
bars = [(r["label"], key, r[key]) for r in rows for key, _, _ in series if r[key] is not None]
label_w, plot_w, bar_h, gap, top = 200, 540, 14, 4, 56
height = top + max(1, len(bars)) * (bar_h + gap) + 40
limit = max([1.25] + [v * 1.1 for _, _, v in bars])
x = lambda v: label_w + v / limit * plot_w
color = {key: c for key, _, c in series}
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + plot_w + 60}" '
       f'height="{height}" font-family="sans-serif" font-size="11">',
       '<rect width="100%" height="100%" fill="white"/>',
       f'<text x="10" y="18" font-size="14" font-weight="bold">'
       f'IoUring.Interop: throughput ratios (ops/s, median of {runs})</text>']
# Legend: one entry per comparison, its dark swatch (ops/s) beside its light one (per CPU-s), so it fits one line.
for i in range(0, len(series), 2):
    lx = 10 + (i // 2) * 200
    svg.append(f'<rect x="{lx}" y="30" width="10" height="10" fill="{series[i][2]}"/>'
               f'<rect x="{lx + 11}" y="30" width="10" height="10" fill="{series[i + 1][2]}"/>'
               f'<text x="{lx + 25}" y="39">{series[i][1]}</text>')
svg.append(f'<text x="{10 + (len(series) // 2) * 200}" y="39">dark: ops/s, light: per CPU-s</text>')
if not bars:
    svg.append(f'<text x="{label_w}" y="{top + 14}">No ratios yet: the C# harness has not run '
               '(C figures are in latest.md).</text>')
previous = None
for i, (label, key, value) in enumerate(bars):
    y = top + i * (bar_h + gap)
    if label != previous:
        svg.append(f'<text x="{label_w - 6}" y="{y + bar_h - 3}" text-anchor="end">{label}</text>')
        previous = label
    svg.append(f'<rect x="{label_w}" y="{y}" width="{x(value) - label_w:.1f}" height="{bar_h}" '
               f'fill="{color[key]}"/>')
    svg.append(f'<text x="{x(value) + 4:.1f}" y="{y + bar_h - 3}">{value:.2f}</text>')
axis_y = top + max(1, len(bars)) * (bar_h + gap)
svg.append(f'<line x1="{x(1):.1f}" y1="{top - 4}" x2="{x(1):.1f}" y2="{axis_y}" '
           'stroke="black" stroke-dasharray="4 3"/>')
svg.append(f'<text x="{x(1):.1f}" y="{axis_y + 14}" text-anchor="middle">1.0 = parity</text>')
svg.append("</svg>")
with open(f"{results}/latest.svg", "w") as out:
    out.write("\n".join(svg) + "\n")

print(table)
PY
echo "wrote $results/latest.md, $results/latest.svg, $results/latest.raw.txt" >&2
