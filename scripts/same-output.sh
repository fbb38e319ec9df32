#!/usr/bin/env bash
# Checks that extraction gives byte for byte the JSON it gave before a change.
#   scripts/same-output.sh save   # before the change: writes the reference outputs
#   scripts/same-output.sh check  # after: compares, prints the differing claims
# Inputs: the bundled samples, the held-out eval set, and, where ../shared exists, the dev
# set, the attribution dev set and the seeds. References go to $SAME_OUTPUT_DIR
# (default /tmp/claimtrack-same-output).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-check}
dir=${SAME_OUTPUT_DIR:-/tmp/claimtrack-same-output}
mkdir -p "$dir"
bin=${CLAIMTRACK_BIN:-target/release/claimtrack}
declare -A sets=([samples]=assets/samples [eval]=tests/eval/articles)
[ -d ../shared/devset/articles ] && sets[dev]=../shared/devset/articles
[ -d ../shared/devset-attrib/articles ] && sets[attrib]=../shared/devset-attrib/articles
[ -d ../shared/seeds ] && sets[seeds]=../shared/seeds
status=0
for name in "${!sets[@]}"; do
    out="$dir/$name.new.json"
    "$bin" extract --format json "${sets[$name]}" > "$out" || true
    if [ "$mode" = save ]; then
        mv "$out" "$dir/$name.json"
        echo "saved $name"
    elif cmp -s "$out" "$dir/$name.json"; then
        echo "same: $name"
    else
        echo "DIFFERENT: $name ($(diff "$dir/$name.json" "$out" | grep -c '^[<>]') lines)"
        diff "$dir/$name.json" "$out" | head -20 || true
        status=1
    fi
done
exit $status
