#!/usr/bin/env bash
# Extract the projects of projects.tsv at their documented commits.
# Usage: extract.sh [SLUG...]   (default: every row)
# Env: OUT (default /tmp/rc15/src), MIRROR (default /work/.mirror).
# Each project's git dir is $MIRROR/<owner>+<name>/repo (where the fetch tool
# puts it). `git archive <commit>` is written to $OUT/<slug>; only the row's
# paths column limits what is extracted (wekan), nothing else is pruned
# except the files the snapshot lacks (4 MiB and more), listed in
# $OUT/<slug>.missing.
# A commit missing from the snapshot falls back to HEAD, with a warning and a
# line in $OUT/<slug>.commit saying so.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/rc15/src}
MIRROR=${MIRROR:-/work/.mirror}
mkdir -p "$OUT"
want=" $* "
status=0
while IFS=$'\t' read -r slug repo commit paths flags; do
  [[ -z "$slug" || "$slug" == \#* ]] && continue
  [[ $# -gt 0 && "$want" != *" $slug "* ]] && continue
  gitdir=$MIRROR/${repo/\//+}/repo
  if [[ ! -d "$gitdir" ]]; then
    echo "extract: $slug: no snapshot at $gitdir (call fetch github:$repo)" >&2
    status=1; continue
  fi
  used=$commit
  if ! git --git-dir="$gitdir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    used=$(git --git-dir="$gitdir" rev-parse HEAD)
    echo "extract: WARNING $slug: commit $commit not in the snapshot, using HEAD $used" >&2
  fi
  dest=$OUT/$slug
  rm -rf "$dest"; mkdir -p "$dest"
  pathspec=()
  [[ "$paths" != "-" ]] && read -r -a pathspec <<<"$paths"
  # A snapshot lacks files of 4 MiB and more (images, bundles, fonts), and
  # git archive stops at the first missing blob. Archive a tree without them,
  # written into a scratch object store so the mirror itself is not changed.
  missing=$OUT/$slug.missing
  git --git-dir="$gitdir" ls-tree -r -z "$used" -- "${pathspec[@]}" |
    python3 -c '
import subprocess, sys
entries = [e for e in sys.stdin.buffer.read().split(b"\0") if e]
blobs = [e for e in entries if e.split(b" ")[1] == b"blob"]
check = subprocess.run(["git", "--git-dir", sys.argv[1], "cat-file", "--batch-check"],
    input=b"".join(e.split(b" ")[2].split(b"\t")[0] + b"\n" for e in blobs),
    capture_output=True, check=True).stdout.splitlines()
for entry, answer in zip(blobs, check):
    if answer.endswith(b" missing"):
        sys.stdout.buffer.write(entry.split(b"\t", 1)[1] + b"\n")
' "$gitdir" >"$missing"
  tree=$used
  scratch=
  if [[ -s "$missing" ]]; then
    echo "extract: $slug: $(wc -l <"$missing") file(s) absent from the snapshot (>= 4 MiB), skipped; list in $missing" >&2
    scratch=$(mktemp -d)
    export GIT_INDEX_FILE=$scratch/index GIT_OBJECT_DIRECTORY=$scratch/objects
    export GIT_ALTERNATE_OBJECT_DIRECTORIES=$gitdir/objects
    mkdir -p "$GIT_OBJECT_DIRECTORY"
    git --git-dir="$gitdir" read-tree "$used"
    tr '\n' '\0' <"$missing" | git --git-dir="$gitdir" update-index --force-remove -z --stdin
    tree=$(git --git-dir="$gitdir" write-tree)
  else
    rm -f "$missing"
  fi
  if ! git --git-dir="$gitdir" archive --format=tar "$tree" -- "${pathspec[@]}" | tar -x -C "$dest"; then
    echo "extract: $slug: git archive failed" >&2
    status=1
  fi
  if [[ -n "$scratch" ]]; then
    unset GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
    rm -rf "$scratch"
  fi
  if [[ "$used" == "$commit" ]]; then
    echo "$commit" >"$OUT/$slug.commit"
  else
    echo "$used HEAD (documented $commit missing)" >"$OUT/$slug.commit"
  fi
  echo "extract: $slug at $used ($(find "$dest" -type f | wc -l) files)"
done <"$here/projects.tsv"
exit $status
