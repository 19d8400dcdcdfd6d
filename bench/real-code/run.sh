#!/usr/bin/env bash
# Run leaklint over the extracted projects.
# Usage: run.sh BIN OUT [SLUG...]   (default: every row of projects.tsv)
# Env: SRC (default /tmp/rc15/src, where extract.sh put the projects),
#      JOBS (projects run at once, default 2).
# In each project root: BIN --isolated --format json --exit-zero . plus the
# row's flags; writes OUT/<slug>.json, .err, .secs and OUT/summary.tsv
# (slug, findings, high, medium, seconds; a last row "total").
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: run.sh BIN OUT [SLUG...]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
BIN=$(realpath "$1"); OUT=$(realpath -m "$2"); shift 2
SRC=${SRC:-/tmp/rc15/src}
JOBS=${JOBS:-2}
mkdir -p "$OUT"
want=" $* "

run_one() {  # slug flags
  local slug=$1 flags=$2 args=() start end
  [[ "$flags" != "-" ]] && eval "args=($flags)"
  if [[ ! -d "$SRC/$slug" ]]; then
    echo "run: $slug: not extracted in $SRC (run extract.sh $slug)" >&2
    return 1
  fi
  start=$(date +%s.%N)
  (cd "$SRC/$slug" && "$BIN" --isolated --format json --exit-zero "${args[@]}" .) \
    >"$OUT/$slug.json" 2>"$OUT/$slug.err" || echo "run: $slug: exit $?" >&2
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.1f}')" >"$OUT/$slug.secs"
  echo "run: $slug $(cat "$OUT/$slug.secs") s"
}

slugs=()
while IFS=$'\t' read -r slug repo commit paths flags; do
  [[ -z "$slug" || "$slug" == \#* ]] && continue
  [[ $# -gt 0 && "$want" != *" $slug "* ]] && continue
  slugs+=("$slug")
  while [[ $(jobs -rp | wc -l) -ge $JOBS ]]; do wait -n || true; done
  run_one "$slug" "$flags" &
done <"$here/projects.tsv"
wait || true

python3 "$here/summarize.py" "$OUT" "${slugs[@]}" >"$OUT/summary.tsv"
tail -n 1 "$OUT/summary.tsv"
