#!/usr/bin/env python3
"""Prints one tab-separated result line from the output of `wrk --latency` (read from a file).

    bench/wrk/parse.py WRK_OUTPUT TRANSPORT SCENARIO CPU_TICKS_BEFORE CPU_TICKS_AFTER TICKS_PER_SECOND
"""
import re
import sys

path, transport, name, before, after, hz = sys.argv[1:]
text = open(path).read()
UNIT = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def milliseconds(value, unit):
    return float(value) * UNIT[unit] * 1e3


rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
latency = {p: milliseconds(v, u) for p, v, u in re.findall(r"^\s*(50|75|90|99)%\s+([\d.]+)(us|ms|s|m|h)\s*$", text, re.M)}
# wrk sometimes prints a higher percentile as 0.00us (seen for p99 with 16-deep pipelining while p90 was 12 ms):
# an impossible value, so it counts as not printed rather than as a fast tail.
for low, high in (("50", "75"), ("75", "90"), ("90", "99")):
    if low in latency and latency.get(high) == 0.0 and latency[low] > 0.0:
        del latency[high]
missing = [p for p in ("50", "90", "99") if p not in latency]
if missing:
    sys.stderr.write(f"parse.py: no {', '.join(missing)}% latency in wrk's output:\n{text}\n")
errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors += int(non2xx.group(1)) if non2xx else 0
cpu = (int(after) - int(before)) / int(hz)
nan = float("nan")
print(f"{transport}\t{name}\trps={rps:.0f}\tp50_ms={latency.get('50', nan):.3f}\tp90_ms={latency.get('90', nan):.3f}"
      f"\tp99_ms={latency.get('99', nan):.3f}\tcpu_s={cpu:.2f}\terrors={errors}")
