# Entry points for developers, CI and operators. `make test` is the one test command.
SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV        := .venv
PYTHON      ?= python3
REQUIREMENTS := tools/requirements.txt
# Stamp file: the virtualenv is rebuilt whenever the pinned requirements change.
VENV_STAMP  := $(VENV)/.installed
CFN_LINT    := $(VENV)/bin/cfn-lint
TEMPLATES   := $(sort $(wildcard templates/*.json))

MVN         ?= mvn
MVN_FLAGS   ?= -B -ntp

# The JDK is looked up when a Java target runs, so `make help` works anywhere.
define with_jdk
	jdk="$$(scripts/find-jdk 21)"; \
	export JAVA_HOME="$$jdk"; export PATH="$$jdk/bin:$$PATH"; \
	command -v $(MVN) >/dev/null || { echo "error: Maven ($(MVN)) is not installed" >&2; exit 1; }; \
	echo "Using JDK $$jdk"; \
	$(1)
endef

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

.PHONY: test
test: venv lint-templates test-emulator ## Run every test: cfn-lint, the emulator launcher's tests, unit and integration tests (mvn verify)
	@$(call with_jdk,$(MVN) $(MVN_FLAGS) verify)

.PHONY: test-emulator
test-emulator: venv ## Run the embedded emulator launcher's own tests (pytest)
	@cd emulator && ../$(VENV)/bin/python -m pytest -q -p no:cacheprovider

.PHONY: build
build: ## Compile and package every module without running tests
	@$(call with_jdk,$(MVN) $(MVN_FLAGS) -DskipTests package)

.PHONY: venv
venv: $(VENV_STAMP) ## Create the project virtualenv with the pinned Python tools

$(VENV_STAMP): $(REQUIREMENTS)
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) is needed for the project's Python tools" >&2; exit 1; }
	@[ -x $(VENV)/bin/python ] || $(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --requirement $(REQUIREMENTS)
	@touch $@

.PHONY: lint-templates
lint-templates: venv ## Run cfn-lint on every CloudFormation template
	@if [ -z "$(TEMPLATES)" ]; then echo "cfn-lint: no templates under templates/ yet"; else \
	  $(CFN_LINT) --format parseable -- $(TEMPLATES) && echo "cfn-lint: $(words $(TEMPLATES)) templates, no errors or warnings"; fi

.PHONY: run-local
run-local: ## Process the sample trade events on the embedded AWS emulator
	@echo "make run-local: the embedded emulator and Lambda host are not built yet (issue: run the whole pipeline offline)." >&2
	@exit 1

.PHONY: clean
clean: ## Remove build output (keeps the virtualenv)
	@$(call with_jdk,$(MVN) $(MVN_FLAGS) -q clean)

.PHONY: distclean
distclean: clean ## Remove build output and the virtualenv
	rm -rf $(VENV)
