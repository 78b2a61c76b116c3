# Two entry points, both of which build the environment from scratch when needed:
#   make run    the main job
#   make test   the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench lock clean

run: $(STAMP)
	$(BIN)/python -m solutions

test: $(STAMP)
	$(BIN)/python -m pytest

# The venv is rebuilt whenever the pinned requirements change.
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . \
	  || $(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# Re-pin every package after changing the direct dependencies in pyproject.toml.
lock:
	rm -rf $(VENV).lock && $(PYTHON) -m venv $(VENV).lock
	$(VENV).lock/bin/pip install --quiet -e '.[test]'
	$(VENV).lock/bin/pip freeze --exclude-editable | sed '1i # Every package the project installs, pinned (pip freeze of a fresh install on Python 3.11).\n# Regenerate: make lock' > requirements.lock
	rm -rf $(VENV).lock

clean:
	rm -rf $(VENV) outputs
