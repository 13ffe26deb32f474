#!/usr/bin/env bash
# Installs what the benchmarks compare against, outside the project's own dependencies:
#   ripgrep and GNU time (Debian packages), and secretlint into the git-ignored bench/.tools/
#   with its own package.json, so the project's lockfile never carries a competitor.
# Idempotent; safe to re-run.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v rg >/dev/null || [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq ripgrep time >/dev/null
  else
    echo "setup-tools: please install ripgrep and GNU time (apt-get install ripgrep time)" >&2
  fi
fi

mkdir -p .tools
if [ ! -f .tools/node_modules/secretlint/bin/secretlint.js ]; then
  cat > .tools/package.json <<'JSON'
{
  "name": "sas-guard-bench-tools",
  "private": true,
  "description": "Third-party tools the benchmarks compare against. Git-ignored; written by bench/setup-tools.sh."
}
JSON
  (cd .tools && npm install --no-audit --no-fund --save-exact \
    secretlint@12.0.0 @secretlint/secretlint-rule-preset-recommend@12.0.0 @secretlint/secretlint-rule-pattern@12.0.0)
fi
echo "setup-tools: rg $(rg --version | head -1 | cut -d' ' -f2), secretlint $(node -p "require('./.tools/node_modules/secretlint/package.json').version")"
