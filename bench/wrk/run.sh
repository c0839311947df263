#!/usr/bin/env bash
# Kestrel transport benchmark: wrk against samples/IoUring.WebApp on the Sockets transport and on the io_uring
# transport, in one run, interleaved, median of R repetitions per scenario.
#
#   bench/wrk/run.sh [--duration S] [--runs R] [--threads T] [--engines N] [--inline]
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
inline=false
while [[ $# -gt 0 ]]; do
    case $1 in
        --duration) duration=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --engines) engines=$2; shift 2 ;;
        --inline) inline=true; shift ;;
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
    if [[ $transport == iouring ]]; then
        extra=(--inline "$inline")
        [[ -n $engines ]] && extra+=(--engines "$engines")
    fi
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
    printf '%s\n' "$out" > "$work/wrk.out"
    python3 bench/wrk/parse.py "$work/wrk.out" "$transport" "$name" "$before" "$after" "$ticks_per_s"
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

python3 bench/wrk/report.py "$raw" "$results" "$duration" "$runs" "$threads" "${engines:-default}" "$inline" "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrote $results/wrk.md, $results/wrk.svg, $results/wrk.raw.txt" >&2
