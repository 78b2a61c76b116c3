# Two entry points, both of which build the environment from scratch when needed:
#   make run    the main job (grade the reference, train word vectors, sentiment study)
#   make test   lint (ruff), types (mypy) and the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench lock clean sandbox kit kit-zh site browser regen

run: $(STAMP) sandbox
	$(BIN)/python -m word2vec_trainer.main_job

# Lint and format (ruff) and types (mypy, on the packages; settings in pyproject.toml) are
# checked first, then the suite runs on both cores, one test file per worker (a file's
# fixtures are built once).
test: $(STAMP) sandbox browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist loadfile

# The grader runs student code inside bubblewrap when it is installed (Debian/Ubuntu
# package `bubblewrap`); without it the grader falls back to resource limits and
# says so in every report. As root we install it; otherwise we only say how.
sandbox:
	@command -v bwrap >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing bubblewrap for the grader's sandbox (apt-get)..."; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap; } >/dev/null 2>&1 \
	      || echo "note: could not install bubblewrap; the grader will use resource limits only"; \
	  else \
	    echo "note: bubblewrap is not installed (sudo apt-get install bubblewrap); the grader will use resource limits only"; \
	  fi; }

# The self-study website (website/): runs the notebooks when they are not yet executed
# (outputs/notebooks/), then writes outputs/site/ (English) and outputs/site/zh/ (Chinese);
# open outputs/site/index.html.
site: $(STAMP)
	$(BIN)/python -m website

# The website's browser test (tests/website) needs headless Chromium; the site prefers
# Debian's complete MathJax; Chinese text (the Chinese site, Chinese figure labels) needs a CJK
# font (Debian's fonts-noto-cjk: Noto Sans CJK SC). As root we install them; otherwise the
# test is skipped.
browser:
	@{ command -v chromium >/dev/null 2>&1 && [ -f /usr/share/javascript/mathjax/MathJax.js ] \
	   && fc-list 2>/dev/null | grep -q "Noto Sans CJK SC"; } || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing chromium, libjs-mathjax and fonts-noto-cjk for the website's browser test (apt-get)..."; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libjs-mathjax fonts-noto-cjk; } >/dev/null 2>&1 \
	      || echo "note: could not install chromium or fonts-noto-cjk; the website's browser test will fail"; \
	  else \
	    echo "note: chromium is not installed (sudo apt-get install chromium libjs-mathjax fonts-noto-cjk); the browser test is skipped"; \
	  fi; }

# The venv is rebuilt whenever the pinned requirements change.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# The benchmarks, side by side with their baselines (gensim is an optional extra).
bench: $(STAMP) sandbox
	$(BIN)/pip install --quiet --disable-pip-version-check 'gensim==4.4.0' \
	  || echo "note: gensim could not be installed; its benchmark row is skipped"
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_word2vec.py
	$(BIN)/python benchmarks/bench_grader.py

# The student kit (dist/kit/): the released notebooks and a wheel with the notebook checker,
# expected outcomes recorded from solutions/, no reference code and no hidden checks.
kit: $(STAMP)
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python -m notebooks.kit build

# Rebuild everything derived from the assignment manifest (autograder/manifest.py): the source
# notebooks (their test cells' nbgrader points), then the sandbox child's copy of the names and
# the points tables of README.md and notebooks/README.md (`python -m autograder.regen --check`
# and the tests say when one is out of date).
regen: $(STAMP)
	$(BIN)/python -m notebooks.build
	$(BIN)/python -m autograder.regen

# The same kit with the Chinese edition's notebooks (dist/kit-zh/).
kit-zh: $(STAMP)
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python -m notebooks.kit build --language zh --out dist/kit-zh

# Re-pin every package after changing the direct dependencies in pyproject.toml.
lock:
	rm -rf $(VENV).lock && $(PYTHON) -m venv $(VENV).lock
	$(VENV).lock/bin/pip install --quiet -e '.[test]'
	$(VENV).lock/bin/pip freeze --exclude-editable | sed '1i # Every package the project installs, pinned (pip freeze of a fresh install on Python 3.11).\n# Regenerate: make lock' > requirements.lock
	rm -rf $(VENV).lock

clean:
	rm -rf $(VENV) outputs
