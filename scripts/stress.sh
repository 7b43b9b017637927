#!/usr/bin/env bash
# pnpm test:stress [RUNS]  — the suite as CI meets it, RUNS times in a row (default 5): each
# run in a fresh clone of HEAD (commit first: the working tree's changes are not in it),
# installed by scripts/bootstrap.sh, then `pnpm test`, while another process keeps one core
# busy the whole time (`node -e 'for(;;){}'`). Prints one row per run and exits non-zero if
# any run failed; a failed run's log is kept and its path printed.
set -uo pipefail
runs=${1:-5}
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
head=$(git -C "$root" rev-parse --short HEAD)
hog=""
trap '[ -n "$hog" ] && kill "$hog" 2>/dev/null' EXIT
rows=()
failed=0
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d -t llm-files-stress-XXXXXX)
  git clone -q "$root" "$dir/repo"
  node -e 'for(;;){}' &
  hog=$!
  start=$(date +%s)
  (cd "$dir/repo" && bash scripts/bootstrap.sh && echo "stress: pnpm test from $(date +%s)" && TURBO_TELEMETRY_DISABLED=1 CI=true pnpm test) >"$dir/log" 2>&1
  status=$?
  kill "$hog" 2>/dev/null
  wait "$hog" 2>/dev/null
  hog=""
  end=$(date +%s)
  total=$((end - start))
  plain=$(sed 's/\x1b\[[0-9;]*m//g' "$dir/log")
  from=$(grep -oE '^stress: pnpm test from [0-9]+' <<<"$plain" | grep -oE '[0-9]+$')
  tests=$(grep -E '^ +Tests +' <<<"$plain" | tail -n 1 | sed -E 's/^ +Tests +//')
  testing=$(grep -oE '^(ok  |FAIL) tests \([0-9.]+ s\)' <<<"$plain" | grep -oE '[0-9.]+ s')
  if [ "$status" -eq 0 ]; then
    verdict=green
    rm -rf "$dir"
  else
    verdict="RED (log: $dir/log)"
    failed=$((failed + 1))
  fi
  row="run $i: $verdict; ${tests:-no test summary}; pnpm test $((end - ${from:-$end})) s (its tests step ${testing:-?}); clone to end ${total} s"
  echo "$row"
  rows+=("$row")
done
echo
echo "stress: $runs runs of HEAD ($head) with one core kept busy; $((runs - failed)) green, $failed red"
[ "$failed" -eq 0 ]
