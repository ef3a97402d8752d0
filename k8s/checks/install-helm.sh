#!/usr/bin/env bash
# Installs the helm binary that the chart checks use (helm.sh/helm/v3 at HELM_VERSION) with
# `go install`, into $(go env GOPATH)/bin. Does nothing when that binary is already this version.
set -euo pipefail

HELM_VERSION=v3.22.0

# shellcheck source=k8s/checks/go-command.sh
source "$(dirname "$0")/go-command.sh"
GO="$(go_command)"

HELM="$("$GO" env GOPATH)/bin/helm"
# A helm built by `go install` reports only its minor version (v3.22) in `helm version`; its module
# version is in the binary's build information.
if [ -x "$HELM" ] && "$GO" version -m "$HELM" | grep -Eq "^\s+mod\s+helm\.sh/helm/v3\s+${HELM_VERSION}\s"; then
  echo "helm ${HELM_VERSION} already at ${HELM}"
  exit 0
fi

echo "installing helm ${HELM_VERSION} into ${HELM} (a few minutes on 2 cores)"
"$GO" install "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}"
"$HELM" version
