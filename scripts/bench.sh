#!/usr/bin/env bash
# make bench: times the real aovpnlint binary over synthetic estates written by
# tools/benchgen and prints each measure against the targets of issue 7:
#   - whole lint of 2,000 profiles + 2,000 certificates (+ 2,000 irrelevant
#     files) <= 2x the time of tools/benchref, the minimal Go program that
#     reads the same files, tokenizes their XML and parses their certificates;
#   - certificate throughput >= 20x zlint's 280 certificates/s on one core;
#   - one small profile, whole process, < 20 ms;
#   - peak RSS over a tree of 100,000 small files < 100 MB.
# Wall times are the best of several runs (the machine is shared: the best run
# is the one least disturbed), taken with nanosecond clocks around the process;
# peak RSS comes from /usr/bin/time -f %M.
#
# Environment: RUNS (default 5), BENCH_TMP (default a new temp folder),
# TREE_FILES (default 100000), KEEP=1 to keep the estates.
set -euo pipefail

cd "$(dirname "$0")/.."
GO=${GO:-go}
RUNS=${RUNS:-5}
TREE_FILES=${TREE_FILES:-100000}
NOW=2026-06-01T00:00:00Z
ZLINT_CERTS_PER_S=280

if [ ! -x /usr/bin/time ]; then
	echo "bench: /usr/bin/time (GNU time) is needed for peak RSS" >&2
	exit 2
fi

echo "building bin/aovpnlint, bin/benchref, bin/benchgen"
mkdir -p bin
$GO build -o bin/aovpnlint ./cmd/aovpnlint
$GO build -o bin/benchref ./tools/benchref
$GO build -o bin/benchgen ./tools/benchgen

TMP=${BENCH_TMP:-$(mktemp -d)}
mkdir -p "$TMP"
if [ "${KEEP:-}" != 1 ]; then
	trap 'rm -rf "$TMP"' EXIT
fi

# measure N CMD...: runs CMD N times (output discarded) and sets WALL (best
# wall seconds), CPU (best user+system seconds) and RSS (largest peak RSS, KB).
measure() {
	local n=$1
	shift
	WALL=
	CPU=
	RSS=0
	for _ in $(seq "$n"); do
		local t0 t1 w r c
		t0=$(date +%s%N)
		/usr/bin/time -f '%U %S %M' -o "$TMP/time.out" "$@" >/dev/null 2>"$TMP/stderr.out" || {
			echo "bench: $* failed:" >&2
			cat "$TMP/stderr.out" >&2
			exit 1
		}
		t1=$(date +%s%N)
		w=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
		r=$(tail -n 1 "$TMP/time.out" | awk '{ print $3 }')
		c=$(tail -n 1 "$TMP/time.out" | awk '{ printf "%.2f", $1 + $2 }')
		if [ -z "$WALL" ] || awk -v a="$w" -v b="$WALL" 'BEGIN { exit !(a < b) }'; then
			WALL=$w
		fi
		if [ -z "$CPU" ] || awk -v a="$c" -v b="$CPU" 'BEGIN { exit !(a < b) }'; then
			CPU=$c
		fi
		if [ "$r" -gt "$RSS" ]; then
			RSS=$r
		fi
	done
}

calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo pass; else echo FAIL; fi; }

ROWS=()
row() { ROWS+=("$(printf '%-46s %-30s %-16s %s' "$1" "$2" "$3" "$4")"); }

LINT=(bin/aovpnlint check --format json --fail-on none --now "$NOW")

echo "generating estate A: 2,000 profiles, 2,000 certificates, 2,000 irrelevant files"
bin/benchgen -out "$TMP/a" -profiles 2000 -certs 2000 -irrelevant 2000 -seed 1
echo "reference: $(bin/benchref "$TMP/a")"
"${LINT[@]}" "$TMP/a" >/dev/null # warm the page cache for both programs
measure "$RUNS" bin/benchref "$TMP/a"
REF_WALL=$WALL REF_RSS=$RSS REF_CPU=$CPU
measure "$RUNS" "${LINT[@]}" "$TMP/a"
LINT_WALL=$WALL LINT_RSS=$RSS LINT_CPU=$CPU
RATIO=$(calc "$LINT_WALL / $REF_WALL")
CRATIO=$(calc "$LINT_CPU / $REF_CPU")
row "estate A: benchref wall, CPU (RSS)" "${REF_WALL} s, ${REF_CPU} s ($((REF_RSS / 1024)) MB)" "" ""
row "estate A: aovpnlint wall, CPU (RSS)" "${LINT_WALL} s, ${LINT_CPU} s ($((LINT_RSS / 1024)) MB)" "" ""
row "estate A: aovpnlint / benchref, wall" "${RATIO}x" "<= 2x" "$(verdict "$RATIO <= 2")"
row "estate A: aovpnlint / benchref, CPU time" "${CRATIO}x" "(info)" ""
if [ "${GOMAXPROCS_1:-1}" = 1 ]; then
	measure 3 env GOMAXPROCS=1 bin/benchref "$TMP/a"
	REF1=$WALL
	measure 3 env GOMAXPROCS=1 "${LINT[@]}" "$TMP/a"
	LINT1=$WALL
	R1=$(calc "$LINT1 / $REF1")
	row "estate A, GOMAXPROCS=1: aovpnlint / benchref" "${R1}x (${LINT1} s / ${REF1} s)" "(info)" ""
fi

echo "generating a certificates-only tree of 2,000 certificates"
bin/benchgen -out "$TMP/certs" -profiles 0 -certs 2000 -irrelevant 0 -seed 2 >/dev/null
"${LINT[@]}" "$TMP/certs" >/dev/null
measure "$RUNS" "${LINT[@]}" "$TMP/certs"
CPS=$(calc "2000 / $WALL" 0)
CX=$(calc "$CPS / $ZLINT_CERTS_PER_S" 1)
row "certificates/s (2,000 certs, all cores)" "$CPS/s = ${CX}x zlint" ">= 20x (5600/s)" "$(verdict "$CX >= 20")"
measure "$RUNS" env GOMAXPROCS=1 "${LINT[@]}" "$TMP/certs"
CPS1=$(calc "2000 / $WALL" 0)
CX1=$(calc "$CPS1 / $ZLINT_CERTS_PER_S" 1)
row "certificates/s, GOMAXPROCS=1" "$CPS1/s = ${CX1}x zlint" ">= 20x (5600/s)" "$(verdict "$CX1 >= 20")"

SMALL=testdata/examples/profiles/user-tunnel.xml
measure 10 "${LINT[@]}" "$SMALL"
MS=$(calc "$WALL * 1000" 1)
row "one small profile ($(wc -c <"$SMALL") B), whole process" "$MS ms" "< 20 ms" "$(verdict "$MS < 20")"

echo "generating a tree of $TREE_FILES small files"
bin/benchgen -out "$TMP/tree" -tree "$TREE_FILES" -seed 3
measure 2 "${LINT[@]}" "$TMP/tree"
MB=$(calc "$RSS / 1024" 1)
row "$TREE_FILES-file tree: peak RSS (wall ${WALL} s)" "$MB MB" "< 100 MB" "$(verdict "$MB < 100")"

echo
printf '%-46s %-30s %-16s %s\n' measure value target result
printf '%-46s %-30s %-16s %s\n' ------- ----- ------ ------
printf '%s\n' "${ROWS[@]}"
echo "($(nproc) CPUs; $(uname -m); $($GO version | cut -d' ' -f3); best of $RUNS runs unless said; load average $(cut -d' ' -f1-3 /proc/loadavg):"
echo " on a busy machine wall times suffer first; the CPU-time ratio is the steadier figure)"
