#!/usr/bin/env bash
# Instructions per article spent on extraction, counted by valgrind (callgrind): a figure that,
# unlike time on a shared machine, does not move with other load. Use it to compare two builds
# of the same corpus; it does not count cache misses, so confirm with bench_extract.py.
#
#   bash bench/instructions.sh                          # 50 articles from ../shared/bench/dev
#   bash bench/instructions.sh --from PATH --n 100      # other articles (any input clashmap reads)
#
# Start-up (loading the gazetteer) runs under valgrind but is not counted: only the extraction
# loop is, which runs inside functools.reduce (the toggle). About 3 minutes for 50 articles.
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."
source="../shared/bench/dev"
n=50
while [ $# -gt 0 ]; do
  case "$1" in
    --from) source="$2"; shift 2 ;;
    --n) n="$2"; shift 2 ;;
    -h|--help) sed -n 2,10p "$self"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
out=$(mktemp)
log=$(mktemp)
trap 'rm -f "$out" "$log"' EXIT
python -c "import clashmap" 2>/dev/null || { echo "this python cannot import clashmap: activate its environment" >&2; exit 1; }
valgrind --tool=callgrind --collect-atstart=no --toggle-collect=functools_reduce \
  --callgrind-out-file="$out" python - "$source" "$n" >"$log" 2>&1 <<'EOF' || { tail -20 "$log" >&2; exit 1; }
import functools, sys
sys.path.insert(0, "bench")
from bench_extract import articles_from
from clashmap.extract.pipeline import Extractor
source, n = sys.argv[1], int(sys.argv[2])
arts = articles_from(source, n + 10, 500)
ex = Extractor()
for a in arts[:10]:
    ex.extract(a)  # warm: the memos and the tokenizer's cache, as in a long run
functools.reduce(lambda done, a: done + len(ex.extract(a)), arts[10:], 0)
EOF
total=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ && !done {gsub(",", "", $1); print $1; done = 1}')  # (awk reads on: no SIGPIPE)
[ -n "$total" ] || { echo "valgrind counted nothing (did the script fail?)" >&2; exit 1; }
python -c "import sys; t, n = int(sys.argv[1]), int(sys.argv[2]); print(f'{t / n / 1e6:.1f} million instructions an article ({n} articles from $source)')" "$total" "$n"
