#!/usr/bin/env bash
# One-time (idempotent) setup: system packages for PDF and browser tests, then .venv.
# Called by `make setup`, which every other make target depends on.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
              texlive-xetex fonts-freefont-otf chromium chromium-driver poppler-utils)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these Debian packages are needed for the PDF and the browser tests:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    echo "setup: continuing; HTML builds work without them." >&2
  fi
fi

stamp=.venv/.installed
want=$(cat requirements.txt constraints.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: creating .venv from requirements.txt (pinned, constrained by constraints.txt)"
  python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip 2>/dev/null
  .venv/bin/pip install -q -r requirements.txt -c constraints.txt 2> >(grep -v "is ignored" >&2)
  .venv/bin/pip install -q --no-deps -e . 2> >(grep -v "is ignored" >&2)
  # jsonschema imports rfc3987-syntax (an optional extra Jupyter asks for) in every process that validates
  # anything, and it compiles ~38 grammars at import: about 2 s of CPU per build, test worker and kernel
  # manager, for the "iri" format no schema here uses (jsonschema issue 1428). Without it jsonschema skips
  # that one format check.
  .venv/bin/pip uninstall -q -y rfc3987-syntax
  # The notebooks name the kernel "rusregions"; register it inside the venv.
  .venv/bin/python -m ipykernel install --sys-prefix --name rusregions --display-name "Python (rusregions)" >/dev/null
  echo "$want" > "$stamp"
fi

# cffconvert pins jsonschema<4, which Jupyter Book cannot use: it gets a venv of its own.
if [ ! -x .venv/tools/cff/bin/cffconvert ]; then
  python3 -m venv .venv/tools/cff
  .venv/tools/cff/bin/pip install -q "cffconvert==2.0.0" >/dev/null 2>&1
fi
