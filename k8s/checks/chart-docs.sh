#!/usr/bin/env bash
# Prints charts/trace-arcade/README.md as helm-docs makes it from README.md.gotmpl and the `# --`
# comments of values.yaml, in prettier's layout (the repository's format check covers the README):
#   bash k8s/checks/chart-docs.sh > charts/trace-arcade/README.md
# k8s/checks/run-tool-checks.sh compares it with the README. helm-docs: k8s/checks/install-tools.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
PATH="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin:$PWD/node_modules/.bin:$PATH"

helm-docs --chart-search-root charts/trace-arcade --template-files README.md.gotmpl --dry-run --log-level error \
  | prettier --stdin-filepath charts/trace-arcade/README.md
