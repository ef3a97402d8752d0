# Sourced by the install scripts of k8s/checks: go_command prints the go command to use (go on PATH,
# else the official installation's /usr/local/go/bin/go), or fails with a clear message.
# shellcheck shell=bash
go_command() {
  if command -v go >/dev/null; then
    echo go
  elif [ -x /usr/local/go/bin/go ]; then
    echo /usr/local/go/bin/go
  else
    echo "$(basename "$0"): expected Go (go on PATH or /usr/local/go/bin/go); found neither" >&2
    return 1
  fi
}
