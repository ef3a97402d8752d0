#!/usr/bin/env bash
# The checks of other tools on the chart, the kind workflow and the scripts (k8s/checks/install-tools.sh
# installs them; helm: k8s/checks/install-helm.sh):
#   1. actionlint on .github/workflows/*.yml; it runs shellcheck on every `run:` step
#   2. shellcheck on the scripts of k8s/checks
#   3. the chart's README against helm-docs (k8s/checks/chart-docs.sh)
#   4. ct lint (chart-testing) with the value sets of charts/trace-arcade/ci/
# Each one runs; the script fails when any failed.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
GOBIN_DIR="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/trace-arcade"
PATH="$GOBIN_DIR:$CACHE/ct-venv/bin:$PWD/node_modules/.bin:$PATH"

failed=()
check() {
  local name="$1"
  shift
  printf '\n--> %s\n' "$name"
  if "$@"; then echo "ok: $name"; else failed+=("$name"); fi
}

command -v shellcheck >/dev/null || { echo "run-tool-checks.sh: shellcheck not found: run k8s/checks/install-tools.sh" >&2; exit 1; }

check "actionlint (with shellcheck on run: steps)" actionlint -shellcheck "$(command -v shellcheck)" .github/workflows/*.yml
check "shellcheck k8s/checks/*.sh" shellcheck --external-sources k8s/checks/*.sh

readme_is_current() {
  local generated
  generated="$(mktemp)"
  bash k8s/checks/chart-docs.sh > "$generated" || return 1
  if ! diff -u charts/trace-arcade/README.md "$generated"; then
    echo "charts/trace-arcade/README.md is stale: bash k8s/checks/chart-docs.sh > charts/trace-arcade/README.md" >&2
    rm -f "$generated"
    return 1
  fi
  rm -f "$generated"
}
check "helm-docs: the chart's README is current" readme_is_current

check "ct lint" ct lint --config k8s/checks/ct.yaml \
  --chart-yaml-schema "$CACHE/ct-etc/chart_schema.yaml"

if [ "${#failed[@]}" -gt 0 ]; then
  printf '\nfailed: %s\n' "${failed[@]}" >&2
  exit 1
fi
printf '\nall tool checks passed\n'
