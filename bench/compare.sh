#!/usr/bin/env bash
# Side-by-side benchmark: the liburing C twin (bench/native) against the C# harness
# (bench/IoUring.Benchmarks), same workloads, same command line, interleaved runs.
#
#   bench/compare.sh [--seconds S] [--runs R] [--no-csharp] [--only GROUPS]
#
# GROUPS: a comma-separated subset of nop, read, async-read, echo, or async (= async-read,echo).
# Writes bench/results/latest.md (medians and ratios), bench/results/latest.svg (bar chart of the
# ratios) and bench/results/latest.raw.txt (every output line, tab-separated), and prints the tables.
# docs/benchmarks.md explains the workloads and how the ratios are computed.
set -euo pipefail

seconds=3
runs=3
want_csharp=1
only=all
while [[ $# -gt 0 ]]; do
    case $1 in
        --seconds) seconds=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --no-csharp) want_csharp=0; shift ;;
        --only) only=",$2,"; only=${only//,async,/,async-read,echo,}; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
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

# --- Workloads: id|label|arguments|who runs it|queue depth (reads)|reference arguments ------
# {file} is replaced by the test file's path. "c+cs" rows run on both twins, "cs" rows are the
# .NET RandomAccess baselines the C# harness alone provides, "cs+ref" rows (the async layer) run
# the C# harness twice per repetition, alternately: the io_uring engine ("cs") and .NET's own
# ("ref", the last column's arguments).
workloads=(
    "nop1|nop N=1|nop --batch 1|c+cs||"
    "nop32|nop N=32|nop --batch 32|c+cs||"
    "nop128|nop N=128|nop --batch 128|c+cs||"
    "read1|read QD1|read --file {file} --qd 1|c+cs|1|"
    "read32|read QD32|read --file {file} --qd 32|c+cs|32|"
    "read1f|read QD1 fixed|read --file {file} --qd 1 --fixed|c+cs|1|"
    "read32f|read QD32 fixed|read --file {file} --qd 32 --fixed|c+cs|32|"
    "ra1|read QD1 RandomAccess|read --file {file} --qd 1 --engine randomaccess|cs|1|"
    "ra32|read QD32 RandomAccess|read --file {file} --qd 32 --engine randomaccess|cs|32|"
    "raa1|read QD1 RandomAccess async|read --file {file} --qd 1 --engine randomaccess-async|cs|1|"
    "raa32|read QD32 RandomAccess async|read --file {file} --qd 32 --engine randomaccess-async|cs|32|"
)
for q in 1 32 256; do
    for mode in cache direct; do
        flag=""; name="page cache"
        if [[ $mode == direct ]]; then flag=" --direct"; name="O_DIRECT"; fi
        workloads+=("ar$q$mode|async-read Q=$q $name|async-read --engine iouring --file {file} --qd $q$flag|cs+ref|$q|async-read --engine randomaccess --file {file} --qd $q$flag")
    done
done
for n in 1 64 512; do
    for b in 64 4096; do
        workloads+=("echo${n}x$b|echo N=$n B=$b|echo --engine iouring --connections $n --size $b|cs+ref||echo --engine sockets --connections $n --size $b")
    done
done

# --only keeps the rows whose command (the arguments' first word) is one of the named groups.
selected=()
for w in "${workloads[@]}"; do
    IFS='|' read -r _id _label args _who _qd _ref <<< "$w"
    if [[ $only == all || $only == *",${args%% *},"* ]]; then selected+=("$w"); fi
done
if [[ ${#selected[@]} -eq 0 ]]; then
    echo "compare.sh: --only ${only:1:-1} selects no workload (groups: nop, read, async-read, echo, async)" >&2
    exit 2
fi
workloads=("${selected[@]}")
need_c=0; need_file=0
for w in "${workloads[@]}"; do
    [[ $w == *"|c+cs|"* ]] && need_c=1
    [[ $w == *"{file}"* ]] && need_file=1
done

# --- The C twin -----------------------------------------------------------------------------
if [[ $need_c -eq 1 ]]; then
    if [[ ! -f /usr/include/liburing.h ]]; then
        echo "compare.sh: liburing.h not found; install it with: apt-get install -y liburing-dev" >&2
        exit 1
    fi
    mkdir -p bench/native/build
    echo "building the C twin ($native_bin)" >&2
    gcc -O2 -Wall -Wextra -o "$native_bin" bench/native/*.c -luring
fi

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
            # The built program itself when there is one: 'dotnet run' evaluates the project on every
            # run, seconds each on a loaded machine, hundreds of times in a full comparison.
            apphost=$(compgen -G "$csharp_project/bin/Release/net*/$(basename "$csharp_project")" | head -n 1 || true)
            if [[ -n $apphost && -x $apphost ]]; then csharp=("$apphost"); fi
            # The harness must speak the twin's protocol: one result line per run (and must not,
            # say, start a BenchmarkDotNet suite instead, hence the timeout).
            if probe=$(timeout 120 "${csharp[@]}" nop --batch 1 --seconds 0.2 2> "$work/csharp-probe.err") &&
                grep -q '^nop .*ops_per_s=' <<< "$probe"; then
                csharp_status="${csharp[*]} (dotnet build -c Release $csharp_project)"
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
warm() { if [[ $need_file -eq 1 ]]; then cat "$test_file" > /dev/null; fi; }
if [[ $need_file -eq 1 ]]; then
    echo "creating the 256 MiB test file in $work" >&2
    head -c "$file_size" /dev/urandom > "$test_file"
    warm
fi


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
    IFS='|' read -r id label args who qd ref <<< "$w"
    read -r -a argv <<< "${args//\{file\}/$test_file}"
    argv+=(--seconds "$seconds")
    read -r -a refv <<< "${ref//\{file\}/$test_file}"
    refv+=(--seconds "$seconds")
    if [[ $who != c+cs && ${#csharp[@]} -eq 0 ]]; then
        continue
    fi
    echo "$label" >&2
    # Interleave the twins (and the io_uring and .NET engines) so drift in the machine's load hits
    # both alike; the order alternates between repetitions so neither always runs first.
    for ((r = 1; r <= runs; r++)); do
        if [[ ${argv[0]} == read || ${argv[0]} == async-read ]]; then warm; fi
        if [[ $who == c+cs ]]; then run_one c "$id" "$r" "${argv[@]}"; fi
        if [[ $who == cs+ref && $((r % 2)) -eq 0 ]]; then run_one ref "$id" "$r" "${refv[@]}"; fi
        if [[ ${#csharp[@]} -gt 0 ]]; then run_one cs "$id" "$r" "${argv[@]}"; fi
        if [[ $who == cs+ref && $((r % 2)) -eq 1 ]]; then run_one ref "$id" "$r" "${refv[@]}"; fi
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
    wid, label, _args, who, qd, _ref = line.rstrip("\n").split("|")
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

def spread(wid, twin):
    """Half the range of the runs' ops/s around their median, in percent: how far apart the repetitions landed."""
    values = [float(s["ops_per_s"]) for s in samples.get((wid, twin), [])]
    if len(values) < 2:
        return ""
    return f"±{(max(values) - min(values)) / 2 / statistics.median(values) * 100:.0f}%"

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
async_rows = []
for w in workloads:
    if w["who"] == "cs+ref":
        io_ops, ref_ops = median(w["id"], "cs", "ops_per_s"), median(w["id"], "ref", "ops_per_s")
        io_cpu, ref_cpu = median(w["id"], "cs", "ops_per_cpu_s"), median(w["id"], "ref", "ops_per_cpu_s")
        if io_ops is None and ref_ops is None:
            continue
        async_rows.append({
            "label": w["label"], "io_ops": io_ops, "ref_ops": ref_ops, "io_cpu": io_cpu, "ref_cpu": ref_cpu,
            "io_ref": ratio(io_ops, ref_ops), "io_ref_cpu": ratio(io_cpu, ref_cpu),
            "io_alloc": median(w["id"], "cs", "alloc_bytes_per_op"), "ref_alloc": median(w["id"], "ref", "alloc_bytes_per_op"),
            "spread": f'{spread(w["id"], "cs")} / {spread(w["id"], "ref")}',
        })
        continue
    c_ops = median(w["id"], "c", "ops_per_s")
    cs_ops = median(w["id"], "cs", "ops_per_s")
    c_cpu = median(w["id"], "c", "ops_per_cpu_s")
    cs_cpu = median(w["id"], "cs", "ops_per_cpu_s")
    row = {
        "label": w["label"],
        "c_ops": c_ops, "cs_ops": cs_ops,
        "cs_alloc": median(w["id"], "cs", "alloc_bytes_per_op"),
        "spread": f'{spread(w["id"], "c")} / {spread(w["id"], "cs")}' if w["who"] == "c+cs" else spread(w["id"], "cs"),
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
          "| C#/RandomAccess | per CPU-s | C#/RandomAccess async | per CPU-s | spread C / C# |")
lines = [header, "|" + "---|" * 11]
for r in rows:
    lines.append("| " + " | ".join([
        r["label"], fmt(r["c_ops"]), fmt(r["cs_ops"]), fmt(r["cs_alloc"], 1),
        fmt(r["cs_c"], 2), fmt(r["cs_c_cpu"], 2), fmt(r["cs_ra"], 2), fmt(r["cs_ra_cpu"], 2),
        fmt(r["cs_raa"], 2), fmt(r["cs_raa_cpu"], 2), r["spread"],
    ]) + " |")
table = "\n".join(lines) if rows else ""

# The async layer against .NET's own I/O (RandomAccess.ReadAsync; a Socket echo server). For echo, "per CPU-s" is per
# second of the SERVER process's CPU time and the allocations are the server's.
async_lines = ["| workload | io_uring ops/s | .NET ops/s | io_uring/.NET | per CPU-s | io_uring alloc B/op "
               "| .NET alloc B/op | spread io_uring / .NET |", "|" + "---|" * 8]
for r in async_rows:
    async_lines.append("| " + " | ".join([
        r["label"], fmt(r["io_ops"]), fmt(r["ref_ops"]), fmt(r["io_ref"], 2), fmt(r["io_ref_cpu"], 2),
        fmt(r["io_alloc"], 2), fmt(r["ref_alloc"], 2), r["spread"],
    ]) + " |")
async_table = "\n".join(async_lines) if async_rows else ""

with open(f"{results}/latest.md", "w") as md:
    md.write("# Benchmark results (latest run of bench/compare.sh)\n\n")
    md.write(f"- Kernel {kernel}; CPU {cpu} ({cores} online); liburing-dev {liburing}\n")
    md.write(f"- C#: {cs_status}\n")
    md.write(f"- Each figure is the median of {runs} runs of {seconds} s, the twins interleaved; "
             "reads hit a warmed 256 MiB file in the page cache.\n")
    md.write("- Ratios divide ops/s (above 1: the C# io_uring layer is faster); a \"per CPU-s\" column divides "
             "ops per second of process CPU time instead (per core, and less disturbed by other load); "
             "see docs/benchmarks.md. Blank: not measured.\n\n")
    if table:
        md.write(table + "\n\n")
    if async_table:
        md.write("## The async layer (IoUring.Interop.Async) against .NET's own I/O\n\n"
                 "async-read: Q awaited 4 KiB random reads in flight, `RingEngine.ReadAsync` against "
                 "`RandomAccess.ReadAsync`, per CPU-s = this process's CPU. echo: N connections of B-byte round trips "
                 "against a `RingEngine` server or a `Socket` server (each in its own process, the same client); "
                 "per CPU-s = the server process's CPU, alloc = the server's.\n\n")
        md.write(async_table + "\n\n")
    md.write("![ratios](latest.svg)\n")

# Hand-written SVG: one horizontal bar per ratio, a dashed line at parity (1.0).
series = [("cs_c", "C# / C (liburing)", "#3b6fb6"),
          ("cs_c_cpu", "same, per CPU-s", "#9db7db"),
          ("cs_ra", "C# / RandomAccess", "#e08a2c"),
          ("cs_ra_cpu", "same, per CPU-s", "#efc495"),
          ("cs_raa", "C# / RandomAccess async", "#4a9a5b"),
          ("cs_raa_cpu", "same, per CPU-s", "#a4ccad"),
          ("io_ref", "async io_uring / .NET", "#8e44ad"),
          ("io_ref_cpu", "same, per CPU-s", "#cfa8de")]
bars = [(r["label"], key, r.get(key)) for r in rows + async_rows for key, _, _ in series if r.get(key) is not None]
label_w, plot_w, bar_h, gap, top = 200, 540, 14, 4, 70
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
    lx, ly = 10 + (i // 2 % 3) * 200, 30 + (i // 2 // 3) * 16
    svg.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{series[i][2]}"/>'
               f'<rect x="{lx + 11}" y="{ly}" width="10" height="10" fill="{series[i + 1][2]}"/>'
               f'<text x="{lx + 25}" y="{ly + 9}">{series[i][1]}</text>')
svg.append(f'<text x="{10 + 200}" y="{30 + 16 + 9}">dark: ops/s, light: per CPU-s</text>')
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
print()
print(async_table)
PY
echo "wrote $results/latest.md, $results/latest.svg, $results/latest.raw.txt" >&2
