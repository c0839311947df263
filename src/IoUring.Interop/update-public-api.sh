#!/usr/bin/env bash
# Records the package's current public surface in PublicAPI.Unshipped.txt (docs/public-api.md).
#
#   src/IoUring.Interop/update-public-api.sh [PROJECT_DIR]    (default: src/IoUring.Interop; also src/IoUring.Interop.AspNetCore)
#
# Builds src/IoUring.Interop once, takes the symbols the PublicApiAnalyzers report as added (RS0016) or gone (RS0017),
# and edits the baseline: added symbols are appended, gone ones removed from Unshipped (or marked *REMOVED* when they
# had shipped). `dotnet format analyzers --diagnostics RS0016` cannot do this job: it does not fix diagnostics in
# generated code, and most of the surface (the Native layer, the generated enums and register calls) is generated.
set -euo pipefail
here="$(cd "${1:-$(dirname "$0")}" && pwd)"
project="$(ls "$here"/*.csproj)"
shipped="$here/PublicAPI.Shipped.txt"
unshipped="$here/PublicAPI.Unshipped.txt"
log="$(mktemp)"
trap 'rm -f "$log" "$log.added" "$log.removed"' EXIT

# Touching the baseline (an AdditionalFiles input) makes the compiler run, so every diagnostic is reported again.
touch "$unshipped"
dotnet build "$project" -p:TreatWarningsAsErrors=false -clp:NoSummary > "$log" || true

sed -n "s/.*RS0016: Symbol '\(.*\)' is not part of the declared public API.*/\1/p" "$log" | sort -u > "$log.added"
sed -n "s/.*RS0017: Symbol '\(.*\)' is part of the declared API, but is either not public or could not be found.*/\1/p" "$log" | sort -u > "$log.removed"

if grep -qE "error (CS|MSB)[0-9]+" "$log"; then
    grep -E "error (CS|MSB)[0-9]+" "$log" | sort -u >&2
    echo "The build failed for another reason; the baseline is unchanged." >&2
    exit 1
fi

python3 - "$shipped" "$unshipped" "$log.added" "$log.removed" <<'PY'
import sys
shipped_path, unshipped_path, added_path, removed_path = sys.argv[1:]
read = lambda p: [l.rstrip("\n") for l in open(p, encoding="utf-8") if l.strip()]
shipped, unshipped = set(read(shipped_path)), read(unshipped_path)
added, removed = read(added_path), set(read(removed_path))
body = [l for l in unshipped if not l.startswith("#") and l not in removed]
body += [f"*REMOVED*{s}" for s in removed if s in shipped]
body += added
with open(unshipped_path, "w", encoding="utf-8", newline="\n") as f:
    f.write("#nullable enable\n")
    f.writelines(l + "\n" for l in sorted(set(body), key=lambda l: (l.removeprefix("*REMOVED*"), l)))
print(f"PublicAPI.Unshipped.txt: {len(added)} added, {len(removed)} removed.")
PY
