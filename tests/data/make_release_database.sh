#!/usr/bin/env bash
# Build tests/data/release_a0beb77.sqlite: a SQLite database written by the release before the
# server work (commit a0beb77, schema revision 0004), with that release's own CLI.
#
# tests/integration/test_accounts_migration.py upgrades a copy of it to the newest schema and
# checks that every athlete, program, session, set, analysis and body mass survives.
#
# What it does:
#   1. checks out commit a0beb77 into a temporary git worktree (removed at the end);
#   2. runs that checkout's CLI (PYTHONPATH=<worktree>/src python -m revhyper) on a temporary
#      data directory:
#        revhyper demo                         the sample athlete and a stored plan
#        revhyper athlete add                  two more athletes (one in lb with own plates,
#                                              one with a non-ASCII name, back pain and clearance)
#        revhyper athlete plan                 a 4-week program for each
#        revhyper athlete weigh                body masses on three dates
#        revhyper synth / analyze --json       a keypoint clip and its form analysis
#        revhyper log set                      working sets, a warm-up, single-leg sets
#                                              (left and right), one linked to the analysis
#                                              (--analysis-file) and one with notes
#        revhyper log session                  a whole session with pain before/after
#   3. VACUUMs the database into one file (journal mode DELETE) and writes it to the output.
#
# Dates are fixed (November 2026) so that the stored log is the same on every run; the
# programs' and rows' creation times are the time of the run.
#
# Usage (from the repository):  tests/data/make_release_database.sh [OUTPUT]
#   PYTHON  the interpreter with revhyper's dependencies (default: .venv/bin/python of the
#           repository, else python3).
set -euo pipefail

RELEASE=a0beb77
repo=$(git rev-parse --show-toplevel)
output=${1:-$repo/tests/data/release_$RELEASE.sqlite}
default_python=python3
[[ -x $repo/.venv/bin/python ]] && default_python=$repo/.venv/bin/python
python=${PYTHON:-$default_python}

work=$(mktemp -d)
tree=$work/release
data=$work/data
cleanup() {
    git -C "$repo" worktree remove --force "$tree" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

git -C "$repo" worktree add --detach "$tree" "$RELEASE" >/dev/null
mkdir -p "$data"

run() {
    REVHYPER_DATA_DIR=$data REVHYPER_DATABASE_URL="sqlite:///$data/revhyper.db" \
        PYTHONPATH=$tree/src "$python" -m revhyper "$@" >/dev/null
}

run demo

run athlete add Riley --goal strength --level intermediate --equipment machine \
    --equipment bench --body-mass 82.5 --height 1.80 --sex female --known-set 40x10@8 \
    --unit lb --plates 45x4,25x2,10x2,5x2,2.5x2
run athlete add "Jördis Ünal" --goal hypertrophy --level novice --equipment floor \
    --equipment stability-ball --pain 2 --clearance --floor-criterion-met

run athlete plan Riley --weeks 4 --days-per-week 3 --start 2026-11-02
run athlete plan "Jördis Ünal" --weeks 4 --days-per-week 2 --start 2026-11-03

run athlete weigh Riley 82.5 --date 2026-11-02
run athlete weigh Riley 82.1 --date 2026-11-09
run athlete weigh "Jördis Ünal" 64.3 --date 2026-11-03

run synth "$work/clip.kp.json" --reps 8 --seed 7 --noise low
REVHYPER_DATA_DIR=$data PYTHONPATH=$tree/src "$python" -m revhyper analyze --json \
    --variation machine-reverse-hyper "$work/clip.kp.json" >"$work/analysis.json"

# Riley (unit lb): loads typed in pounds, stored in kilograms.
run log set --athlete Riley --variation machine-reverse-hyper --reps 10 --load 45 --warmup \
    --date 2026-11-02
run log set --athlete Riley --variation machine-reverse-hyper --reps 10 --load 90 --rpe 7.5 \
    --tempo 2-1-2-0 --date 2026-11-02 --analysis-file "$work/analysis.json"
run log set --athlete Riley --variation machine-reverse-hyper --reps 9 --load 90 --rpe 8.5 \
    --pain 1 --notes "last rep slow; hips stayed down" --date 2026-11-02
run log set --athlete Riley --variation single-leg-reverse-hyper --reps 8 --load 0 \
    --side left --rir 2 --date 2026-11-04
run log set --athlete Riley --variation single-leg-reverse-hyper --reps 8 --load 0 \
    --side right --rir 2 --date 2026-11-04
run log set --athlete Riley --variation isometric-hold --reps 3 --hold 20 --date 2026-11-06

# Jördis: a whole session at once, then a set on another day.
run log session --athlete "Jördis Ünal" --date 2026-11-03 --variation floor-hyperextension \
    --set "reps=15" --set "reps=15,rpe=7" --set "reps=12,rpe=8" --pain-before 2 \
    --pain-after 1 --notes "first floor session"
run log set --athlete "Jördis Ünal" --variation stability-ball-reverse-hyper --reps 12 \
    --band "light red" --date 2026-11-05

"$python" - "$data/revhyper.db" "$output" <<'PY'
import sqlite3
import sys
from pathlib import Path

source, target = sys.argv[1], Path(sys.argv[2])
target.unlink(missing_ok=True)
connection = sqlite3.connect(source)
connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
connection.execute("VACUUM INTO ?", (str(target),))
connection.close()
copy = sqlite3.connect(target)
copy.execute("PRAGMA journal_mode=DELETE")
revision = copy.execute("SELECT version_num FROM alembic_version").fetchone()[0]
counts = {
    table: copy.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    for table in ("athlete", "program", "session", "training_set", "form_analysis", "body_mass")
}
copy.close()
print(f"{target} ({target.stat().st_size // 1024} kB) at revision {revision}: {counts}")
PY
