#!/usr/bin/env bash
# Kestrel transport benchmark: wrk against samples/IoUring.WebApp on the Sockets transport and on the io_uring
# transport, each in its default and its fastest set-up, in one run, interleaved, median of R repetitions per scenario.
#
#   bench/wrk/run.sh [--duration S] [--runs R] [--threads T] [--engines N] [--configs "C ..."] [--no-sleeper]
#
# Configurations (--configs, default all four): sockets (Kestrel's default), sockets-inline (.NET's fastest:
# UnsafePreferInlineScheduling and DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 on the server), iouring (the
# reactor, this transport's default), iouring-inline (ContinuationMode.Inline); iouring-pool (ContinuationMode.ThreadPool),
# iouring-reuseport (the default with one SO_REUSEPORT listening socket per ring) and iouring-multishot (the reactor
# with IoUringTransportOptions.MultishotReceive) may be added.
# Scenarios: /plaintext with 16 and 256 connections, /plaintext pipelined 16 deep with 256 connections, and
# sleeper-16: /plaintext with 16 connections while one more client keeps requesting /sleep, whose handler blocks
# its thread for 200 ms (the p99 of the others shows what one blocking handler costs them).
# Writes bench/results/wrk.md (table: requests/s, p50/p90/p99 or 'not printed', server CPU seconds, ratios),
# bench/results/wrk.svg (chart of the io_uring/Sockets ratios) and bench/results/wrk.raw.txt (every run).
# docs/benchmarks.md ("Kestrel transport under wrk") explains the method.
set -euo pipefail

duration=10
runs=3
threads=2
engines=
configs="sockets sockets-inline iouring iouring-inline"
sleeper=true
while [[ $# -gt 0 ]]; do
    case $1 in
        --duration) duration=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --engines) engines=$2; shift 2 ;;
        --configs) configs=$2; shift 2 ;;
        --no-sleeper) sleeper=false; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
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

read -r -a transports <<< "$configs"
declare -A port=([sockets]=5081 [iouring]=5082 [sockets-inline]=5083 [iouring-inline]=5084 [iouring-pool]=5085 [iouring-reuseport]=5086 [iouring-multishot]=5087)
declare -A pid_of
for transport in "${transports[@]}"; do
    [[ -n ${port[$transport]:-} ]] || { echo "run.sh: unknown configuration $transport" >&2; exit 2; }
    args=()
    inline_env=
    case $transport in
        sockets) args=(--transport sockets) ;;
        sockets-inline) args=(--transport sockets --inline true); inline_env=1 ;;
        iouring) args=(--transport iouring) ;;
        iouring-inline) args=(--transport iouring --continuations inline) ;;
        iouring-pool) args=(--transport iouring --continuations pool) ;;
        iouring-reuseport) args=(--transport iouring --reuseport true) ;;
        iouring-multishot) args=(--transport iouring --multishot true) ;;
    esac
    [[ $transport == iouring* && -n $engines ]] && args+=(--engines "$engines")
    if [[ -n $inline_env ]]; then
        DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 dotnet "$app_dll" "${args[@]}" --urls "http://127.0.0.1:${port[$transport]}" \
            > "$work/$transport.log" 2>&1 &
    else
        env -u DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS dotnet "$app_dll" "${args[@]}" --urls "http://127.0.0.1:${port[$transport]}" \
            > "$work/$transport.log" 2>&1 &
    fi
    pid_of[$transport]=$!
    pids+=($!)
done
for transport in "${transports[@]}"; do
    for _ in $(seq 100); do
        curl -fs "http://127.0.0.1:${port[$transport]}/plaintext" > /dev/null 2>&1 && break
        sleep 0.1
    done
    curl -fs "http://127.0.0.1:${port[$transport]}/plaintext" > /dev/null || {
        echo "the $transport server did not start:" >&2; cat "$work/$transport.log" >&2; exit 1; }
    if [[ $transport == iouring* ]] && grep -q "using the Sockets transport" "$work/$transport.log"; then
        echo "the $transport server fell back to Sockets:" >&2; cat "$work/$transport.log" >&2; exit 1
    fi
done

# utime + stime of a process, in clock ticks (proc(5): fields 14 and 15 of /proc/PID/stat).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
ticks_per_s=$(getconf CLK_TCK)

scenarios=("plaintext-16:16:" "plaintext-256:256:" "pipelined-256:256:16")
$sleeper && scenarios+=("sleeper-16:16:")
run_wrk() {   # transport scenario seconds -> one raw line
    local transport=$1 spec=$2 seconds=$3
    local name=${spec%%:*} rest=${spec#*:}
    local sleeping=
    if [[ $name == sleeper-* ]]; then
        # One more client keeps one /sleep request in flight for the whole run (bounded by its own count).
        ( end=$((SECONDS + seconds)); while (( SECONDS < end )); do
              curl -fs -m 5 "http://127.0.0.1:${port[$transport]}/sleep" > /dev/null || true; done ) &
        sleeping=$!
    fi
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
    [[ -n $sleeping ]] && wait "$sleeping" 2> /dev/null
    printf '%s\n' "$out" > "$work/wrk.out"
    python3 bench/wrk/parse.py "$work/wrk.out" "$transport" "$name" "$before" "$after" "$ticks_per_s"
}

echo "warming up both servers" >&2
for transport in "${transports[@]}"; do
    for spec in "${scenarios[@]}"; do run_wrk "$transport" "$spec" 2 > /dev/null; done
done

raw=$results/wrk.raw.txt
: > "$raw"
for rep in $(seq "$runs"); do
    for spec in "${scenarios[@]}"; do
        # Rotate which configuration goes first, so drift on a shared machine does not favour one side.
        order=()
        for i in "${!transports[@]}"; do order+=("${transports[$(( (i + rep) % ${#transports[@]} ))]}"); done
        for transport in "${order[@]}"; do
            line=$(run_wrk "$transport" "$spec" "$duration")
            echo "run $rep	$line" | tee -a "$raw" >&2
        done
    done
done

python3 bench/wrk/report.py "$raw" "$results" "$duration" "$runs" "$threads" "${engines:-default}" "$configs" "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrote $results/wrk.md, $results/wrk.svg, $results/wrk.raw.txt" >&2
