#!/usr/bin/env bash
# Installs the checkers of the chart, the kind workflow and its shell steps, each at a pinned
# version, and skips each one that is already there at that version:
#   actionlint   (go install, into $(go env GOPATH)/bin)
#   helm-docs    (go install, into $(go env GOPATH)/bin)
#   ct           chart-testing (go build, into $(go env GOPATH)/bin), with yamllint and yamale
#                from PyPI in a virtualenv under ${XDG_CACHE_HOME:-$HOME/.cache}/trace-arcade/ct-venv,
#                and its chart schema and yamllint rules (etc/ of its module) beside them
#   ShellCheck   (the Debian package shellcheck)
# k8s/checks/run-tool-checks.sh runs them. Helm itself: k8s/checks/install-helm.sh.
set -euo pipefail

ACTIONLINT_VERSION=v1.7.12
HELM_DOCS_VERSION=v1.14.2
CHART_TESTING_VERSION=v3.14.0
YAMLLINT_VERSION=1.38.0
YAMALE_VERSION=6.1.0

# shellcheck source=k8s/checks/go-command.sh
source "$(dirname "$0")/go-command.sh"
GO="$(go_command)"
GOBIN_DIR="$("$GO" env GOPATH)/bin"

CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/trace-arcade"

# has_version <binary> <module path> <version>: a Go binary carries the versions of its modules in its
# build information (the main module's as "mod", a dependency's as "dep").
has_version() {
  [ -x "$1" ] && "$GO" version -m "$1" | grep -Eq "^\s+(mod|dep)\s+${2//./\\.}\s+${3}(\s|$)"
}

# go_tool <binary> <module path> <package path> <version>
go_tool() {
  local binary="$GOBIN_DIR/$1" module="$2" package="$3" version="$4"
  if has_version "$binary" "$module" "$version"; then
    echo "$1 ${version} already at ${binary}"
    return
  fi
  echo "installing $1 ${version} into ${binary}"
  "$GO" install "${package}@${version}"
}

go_tool actionlint github.com/rhysd/actionlint github.com/rhysd/actionlint/cmd/actionlint "$ACTIONLINT_VERSION"
go_tool helm-docs github.com/norwoodj/helm-docs github.com/norwoodj/helm-docs/cmd/helm-docs "$HELM_DOCS_VERSION"
# chart-testing: the module proxy serves the release but not the module's version list, which
# `go install pkg@version` asks for; a throwaway module that requires the release builds it instead.
CT="$GOBIN_DIR/ct"
CT_ETC="$CACHE/ct-etc"
if has_version "$CT" github.com/helm/chart-testing/v3 "$CHART_TESTING_VERSION" && [ -f "$CT_ETC/chart_schema.yaml" ]; then
  echo "ct ${CHART_TESTING_VERSION} already at ${CT}"
else
  echo "installing ct ${CHART_TESTING_VERSION} into ${CT}"
  BUILD="$(mktemp -d)"
  trap 'rm -rf "$BUILD"' EXIT
  (
    cd "$BUILD"
    "$GO" mod init ct-build >/dev/null 2>&1
    "$GO" get "github.com/helm/chart-testing/v3/ct@${CHART_TESTING_VERSION}"
    "$GO" build -o "$CT" github.com/helm/chart-testing/v3/ct
  )
  mkdir -p "$CT_ETC"
  cp "$("$GO" env GOMODCACHE)/github.com/helm/chart-testing/v3@${CHART_TESTING_VERSION}/etc/"{chart_schema.yaml,lintconf.yaml} "$CT_ETC/"
  chmod u+w "$CT_ETC"/*
fi

VENV="$CACHE/ct-venv"
if [ -x "$VENV/bin/yamllint" ] && [ -x "$VENV/bin/yamale" ] \
  && [ "$("$VENV/bin/python" -m pip show yamllint 2>/dev/null | sed -n 's/^Version: //p')" = "$YAMLLINT_VERSION" ] \
  && [ "$("$VENV/bin/python" -m pip show yamale 2>/dev/null | sed -n 's/^Version: //p')" = "$YAMALE_VERSION" ]; then
  echo "yamllint ${YAMLLINT_VERSION} and yamale ${YAMALE_VERSION} already in ${VENV}"
else
  echo "installing yamllint ${YAMLLINT_VERSION} and yamale ${YAMALE_VERSION} into ${VENV}"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "yamllint==${YAMLLINT_VERSION}" "yamale==${YAMALE_VERSION}"
fi

if command -v shellcheck >/dev/null; then
  echo "shellcheck $(shellcheck --version | sed -n 's/^version: //p') already installed"
else
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends shellcheck
fi
