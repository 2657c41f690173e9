#!/usr/bin/env bash
# Mutation testing of src/revhyper/domain/ with mutmut, one module at a time (docs/guide/tests-that-bite.md).
#
#   tools/mutation.sh                      # the modules below, in this order
#   tools/mutation.sh motion.faults loads  # only these (names under revhyper.domain)
#
# Runs niced, with MUTATION_CHILDREN (default 2) forked test runners; mutmut keeps its results
# in mutants/ (git-ignored), so a second run only re-tests what changed. Ends with the counts
# per module (tools/mutation_summary.py) and lists every survivor not explained in
# tools/mutation_explained.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
DEFAULT_MODULES="motion.faults motion.reps programming.adaptation programming.progression
knowledge.protocols loads plates training.log programming.athlete training.session_flow
training.analytics training.set_fields tempo units typed_numbers motion.prescription
knowledge.exercises body.anthropometry programming.planner"
MODULES=("$@")
if [ ${#MODULES[@]} -eq 0 ]; then
    read -r -a MODULES <<< "$(echo $DEFAULT_MODULES)"
fi
mkdir -p mutants
for module in "${MODULES[@]}"; do
    echo "== mutating revhyper.domain.$module"
    nice -n 10 .venv/bin/mutmut run "revhyper.domain.$module.*" \
        --max-children "${MUTATION_CHILDREN:-2}" > "mutants/run-$module.log" 2>&1 || {
        echo "mutmut failed on $module: see mutants/run-$module.log" >&2
        exit 1
    }
done
.venv/bin/python tools/mutation_summary.py "${MODULES[@]}"
