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
	jdk="$$(scripts/find-jdk 21)" || exit 1; \
	export JAVA_HOME="$$jdk"; export PATH="$$jdk/bin:$$PATH"; \
	command -v $(MVN) >/dev/null || { echo "error: Maven ($(MVN)) is not installed" >&2; exit 1; }; \
	echo "Using JDK $$jdk"; \
	$(1)
endef

.PHONY: help
help: ## List the targets
	@echo "Which target when: 'make check' while editing (a minute or two: compile, format, unit tests,"
	@echo "cfn-lint; no images, no emulator); 'make format' to apply the Java format; 'make test' before"
	@echo "a commit lands (everything CI runs); 'make run-local' to see the pipeline work on your input."
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

# test-images packages the function modules without their tests only to build the image tarballs
# that test-deploy opens; every Java test then runs in the one `mvn verify` below.
.PHONY: test
test: venv lint-templates check-class-names lint-python scan-templates lint-iam test-scan-tools test-emulator test-samples lint-scripts test-deploy test-image-run ## Run every test: cfn-lint, unique type names, ruff, checkov, parliament, the emulator launcher's and tools' tests, shellcheck, the image and deploy tests, each image's JVM under qemu, Java format, unit and integration tests (mvn verify)
	@$(call with_jdk,$(MVN) $(MVN_FLAGS) verify)

# The edit-test loop: `mvn test` runs the unit tests (*Test) only; the integration tests (*IT)
# and the images wait for make test.
.PHONY: check
check: venv lint-templates check-class-names lint-python ## Fast loop while editing: compile, Java format check, unit tests, cfn-lint (no images, no emulator)
	@$(call with_jdk,$(MVN) $(MVN_FLAGS) -q test spotless:check && echo "check: compiled; formatted; unit tests passed")

PYTHON_SOURCES := emulator deploy images samples tools integration-tests/src/test/resources

.PHONY: format
format: venv ## Apply google-java-format to every Java file (Spotless) and ruff's format to the Python
	@$(call with_jdk,$(MVN) $(MVN_FLAGS) -q -P benchmarks spotless:apply)
	@$(VENV)/bin/ruff check --fix --quiet $(PYTHON_SOURCES) && $(VENV)/bin/ruff format --quiet $(PYTHON_SOURCES)

.PHONY: lint-python
lint-python: venv ## Check the Python with ruff: lint (ruff.toml) and format
	@$(VENV)/bin/ruff check --quiet $(PYTHON_SOURCES) && $(VENV)/bin/ruff format --check --quiet $(PYTHON_SOURCES) && echo "ruff: no findings; formatted"

.PHONY: check-class-names
check-class-names: ## Fail when two types of the main code share a simple name
	@scripts/check-class-names

.PHONY: test-emulator
test-emulator: venv ## Run the embedded emulator launcher's own tests (pytest)
	@cd emulator && ../$(VENV)/bin/python -m pytest -q -p no:cacheprovider

.PHONY: test-samples
test-samples: venv ## Run the tests of samples/ (the global endpoint publisher; pytest, no network)
	@$(VENV)/bin/python -m pytest -q -p no:cacheprovider samples/tests

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

# The scanners live in their own virtualenv: checkov's pins conflict with tools/requirements.txt
# (tools/scan-requirements.txt says which).
SCAN_VENV         := .venv-scan
SCAN_REQUIREMENTS := tools/scan-requirements.txt
SCAN_VENV_STAMP   := $(SCAN_VENV)/.installed

.PHONY: venv-scan
venv-scan: $(SCAN_VENV_STAMP) ## Create the scanner virtualenv (checkov, parliament) from its pinned requirements

$(SCAN_VENV_STAMP): $(SCAN_REQUIREMENTS)
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) is needed for the scanners" >&2; exit 1; }
	@[ -x $(SCAN_VENV)/bin/python ] || $(PYTHON) -m venv $(SCAN_VENV)
	@$(SCAN_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --requirement $(SCAN_REQUIREMENTS)
	@touch $@

# Every check that does not fit a resource is skipped in that resource's Metadata, with its reason
# (docs/security.md); --skip-download keeps checkov offline.
.PHONY: scan-templates
scan-templates: venv-scan ## Scan the CloudFormation templates with checkov: no failed check allowed
	@$(SCAN_VENV)/bin/checkov --quiet --compact --skip-download --framework cloudformation \
	  $(foreach template,$(TEMPLATES),--file $(template)) \
	  | tee $(SCAN_VENV)/checkov.txt | grep -E 'Passed checks|FAILED|Check:' || true
	@grep -q 'Failed checks: 0,' $(SCAN_VENV)/checkov.txt || { echo "checkov: failed checks (above)" >&2; exit 1; }

.PHONY: lint-iam
lint-iam: venv-scan ## Lint every IAM identity policy of the templates with parliament
	@$(SCAN_VENV)/bin/python tools/lint_iam_policies.py $(TEMPLATES)

.PHONY: test-scan-tools
test-scan-tools: venv-scan ## Run the tests of tools/ (pytest): the IAM policy linter, make cost's pricing rules, make capacity's model
	@cd tools && ../$(SCAN_VENV)/bin/python -m pytest -q -p no:cacheprovider

.PHONY: lint-templates
lint-templates: venv ## Run cfn-lint on every CloudFormation template
	@if [ -z "$(TEMPLATES)" ]; then echo "cfn-lint: no templates under templates/ yet"; else \
	  $(CFN_LINT) --format parseable -- $(TEMPLATES) && echo "cfn-lint: $(words $(TEMPLATES)) templates, no errors or warnings"; fi

.PHONY: run-local
# run-local packages the function modules and integration-tests (tests skipped: they run in
# `make test`) only when a pom or a main source file changed since its last build.
RUN_LOCAL_BUILD   := integration-tests/target/run-local-build.stamp
RUN_LOCAL_SOURCES := $(shell find pom.xml shared-model function-support templates validator enricher recorder global-table-resource trades-cli integration-tests \
                       -path '*/target' -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -type f -print 2>/dev/null)

$(RUN_LOCAL_BUILD): $(RUN_LOCAL_SOURCES)
	@$(call with_jdk,$(MVN) $(MVN_FLAGS) -q -pl integration-tests -am -DskipTests package) && touch $@

# PARAMETERS overrides root.json parameter defaults for run-local, thresholds included, e.g.
# PARAMETERS="MaxTradeAge=P30D KnownVenues=XNAS,XLON"; without it trades are judged as a default
# deployment judges them.
PARAMETERS ?=

# KEEP=1 keeps the platform up after the run (until Ctrl-C) and writes target/run-local/platform.json,
# where `bin/trades --local` finds its emulator.
run-local: venv $(RUN_LOCAL_BUILD) ## Process trade events end to end offline (INPUT=samples/trades.jsonl, OUTPUT=target/run-local/results.jsonl, PARAMETERS="MaxTradeAge=P30D ...", KEEP=1 to keep it up for bin/trades --local)
	@$(call with_jdk,java -Dproject.root="$(CURDIR)" -cp "integration-tests/target/classes:integration-tests/target/run-local-lib/*" \
	    com.tradeprocessing.integration.runlocal.RunLocal \
	    --input "$${INPUT:-samples/trades.jsonl}" --output "$${OUTPUT:-target/run-local/results.jsonl}" \
	    $(if $(KEEP),--keep true) \
	    $(foreach parameter,$(PARAMETERS),--parameter '$(parameter)'))

# The trades command line (trades-cli, bin/trades); its jar is rebuilt when its sources change.
TRADES_JAR     := trades-cli/target/trades.jar
TRADES_SOURCES := $(shell find pom.xml shared-model function-support recorder trades-cli \
                    -path '*/target' -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -type f -print 2>/dev/null)

$(TRADES_JAR): $(TRADES_SOURCES)
	@$(call with_jdk,$(MVN) $(MVN_FLAGS) -q -pl trades-cli -am -DskipTests package)

.PHONY: trades
trades: $(TRADES_JAR) ## The operators' and compliance command line: make trades ARGS="list --env dev --status REJECTED --date 2026-11-25" (or bin/trades ...)
	@bin/trades $(ARGS)

.PHONY: bench
# Not part of `make test`: minutes of measurements, best on a quiet machine; docs/performance.md has
# the latest figures. RUNS and WARM size the cold-start harness; VARIANTS (comma-separated, default
# shipped,no_archive,defaults; "as shipped" includes the image's AppCDS archive, ADR 0029) may add
# aot_cache on a JDK 25.
BENCH_CP := benchmarks/target/classes:benchmarks/target/lib/*
bench: venv ## Measure: JMH on the domain paths, the init breakdown, cold start side by side, warm latency (RUNS=10 WARM=1000 VARIANTS=...)
	@$(call with_jdk,$(MVN) $(MVN_FLAGS) -q -P benchmarks -pl benchmarks -am -DskipTests package && \
	  java -cp "$(BENCH_CP)" org.openjdk.jmh.Main -rf json -rff benchmarks/target/jmh-result.json && \
	  java -cp "$(BENCH_CP)" com.tradeprocessing.benchmarks.init.InitBreakdown --module validator \
	    --runs "$${RUNS:-10}" --jvm-option -XX:+UseSerialGC --jvm-option -XX:TieredStopAtLevel=1 --jvm-option -Xshare:auto && \
	  java -Dproject.root="$(CURDIR)" -cp "$(BENCH_CP)" com.tradeprocessing.benchmarks.coldstart.ColdStartHarness \
	    --runs "$${RUNS:-10}" --warm "$${WARM:-1000}" $${VARIANTS:+--variants "$$VARIANTS"})

.PHONY: chaos
# ReliabilityIT alone, on EVENTS events (10,000 by default) with faults injected everywhere; its
# figures go to integration-tests/target/reliability/figures.json (docs/reliability.md).
chaos: venv ## Fault injection at volume: EVENTS=10000 trade events through the local pipeline while every dependency fails now and then; nothing may be lost
	@$(call with_jdk,start=$$(date +%s); \
	  $(MVN) $(MVN_FLAGS) -q -pl integration-tests -am verify -Dit.test=ReliabilityIT -Dtest=NoSuchTest \
	    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
	    -Dreliability.events=$${EVENTS:-10000} && \
	  echo "chaos: $${EVENTS:-10000} events in $$(( $$(date +%s) - start )) s; figures in integration-tests/target/reliability/figures.json")

.PHONY: cost
# Not part of `make test`: a local run of COST_TRADES generated events (samples/generate_trades.py),
# at most two executions in flight so that no execution waits for a container (its duration is
# the Express billed duration), then tools/cost prices what it measured and regenerates
# docs/cost.md. Raw measurements in target/cost/raw, figures in target/cost/measurements.json.
COST_TRADES ?= 480
cost: venv $(RUN_LOCAL_BUILD) ## Cost per million trades, Standard and Express, from a local run's measurements (COST_TRADES=480); regenerates docs/cost.md
	@mkdir -p target/cost && $(VENV)/bin/python samples/generate_trades.py $(COST_TRADES) > target/cost/trades.jsonl
	@$(call with_jdk,java -Dproject.root="$(CURDIR)" -cp "integration-tests/target/classes:integration-tests/target/run-local-lib/*" \
	    com.tradeprocessing.integration.runlocal.RunLocal --input target/cost/trades.jsonl \
	    --output target/cost/results.jsonl --measurements target/cost/raw --max-in-flight 2 > target/cost/run-local.log \
	    || { tail -20 target/cost/run-local.log >&2; exit 1; })
	@cd tools && ../$(VENV)/bin/python -m cost.measure --raw ../target/cost/raw --logs ../target/run-local/logs \
	    --output ../target/cost/measurements.json --input "make cost COST_TRADES=$(COST_TRADES)" && \
	  ../$(VENV)/bin/python -m cost.report --measurements ../target/cost/measurements.json \
	    --prices cost/prices-us-east-1.json --assumptions cost/assumptions.json \
	    --template cost/cost.md.in --output ../docs/cost.md

.PHONY: capacity
# Not part of `make test`: the market-open simulation (tools/capacity) over the quotas of
# tools/capacity/quotas-us-east-1.json, the templates' reserved concurrency and the durations
# `make cost` measured (target/cost/measurements.json), or docs/performance.md's without them.
capacity: venv ## Capacity at market open: sustainable and burst trades/s, the first limit, a 2,000 trades/s burst for 5 minutes; regenerates docs/capacity.md
	@cd tools && ../$(VENV)/bin/python -m capacity.model --quotas capacity/quotas-us-east-1.json \
	    --templates ../templates --measurements ../target/cost/measurements.json \
	    --template capacity/capacity.md.in --output ../docs/capacity.md

.PHONY: clean
clean: ## Remove build output (keeps the virtualenv)
	@$(call with_jdk,$(MVN) $(MVN_FLAGS) -q clean)

.PHONY: distclean
distclean: clean ## Remove build output and the virtualenvs
	rm -rf $(VENV) $(SCAN_VENV)

# --- Function images and deployment (deploy/, docs/deploy.md) ------------------------------------
FUNCTION_MODULES := validator,enricher,recorder,global-table-resource
SHELL_SCRIPTS    := $(sort $(wildcard deploy/*.sh deploy/tests/*.sh))

.PHONY: lint-scripts
lint-scripts: venv ## Run shellcheck on the deploy scripts
	@$(VENV)/bin/shellcheck --external-sources -- $(SHELL_SCRIPTS) && echo "shellcheck: $(words $(SHELL_SCRIPTS)) scripts, no findings"

.PHONY: test-images
# The base comes from the pinned Debian packages of images/debian-arm64.lock and each image's
# class-data archive is trained under qemu by the image's own JVM (ADR 0029), two modules side by
# side (-T 2): minutes on a clean clone, seconds once an archive was trained for the same inputs
# (kept in ~/.cache/trade-processing/app-cds by their digest).
test-images: venv ## Build the four function images offline (Debian base, trained archive, stand-in extension) to <module>/target/jib-image.tar
	@$(call with_jdk,start=$$(date +%s); \
	  $(MVN) $(MVN_FLAGS) -q -T 2 -P lambda-images-offline -pl $(FUNCTION_MODULES) -am -DskipTests package && \
	  echo "images: 4 offline image tarballs built in $$(( $$(date +%s) - start )) s")

# Each image's own arm64 JVM under qemu answers one invocation through the runtime interface client
# with its class-data archive (ADR 0029); images/'s unit tests run first.
.PHONY: test-image-run
test-image-run: venv test-images ## Run each function image's arm64 JVM under qemu: one invocation each, its archive used (pytest)
	@start=$$(date +%s); cd images && ../$(VENV)/bin/python -m pytest -q -s && \
	  echo "image run: 4 images executed under qemu in $$(( $$(date +%s) - start )) s"

.PHONY: test-deploy
test-deploy: venv test-images ## Run deploy/'s tests: extension fetch, image tarballs, deploy and destroy plans (pytest)
	@cd deploy && ../$(VENV)/bin/python -m pytest -q

.PHONY: test-rehearsal
test-rehearsal: venv ## Rehearse make deploy and make destroy on the embedded emulator (DeployRehearsalIT; part of make test)
	@$(call with_jdk,$(MVN) $(MVN_FLAGS) -q -pl integration-tests -am verify -Dit.test=DeployRehearsalIT \
	    -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false)

.PHONY: images
images: venv ## Build the four arm64 function images to <module>/target/jib-image.tar (needs the network; LAMBDA_INSIGHTS_SHA256 while none is pinned)
	@$(VENV)/bin/python deploy/lambda-insights.py fetch
	@$(call with_jdk,$(MVN) $(MVN_FLAGS) -T 2 -P lambda-images -pl $(FUNCTION_MODULES) -am -DskipTests package)

.PHONY: deploy
deploy: venv ## Deploy environment ENV=<suffix> to AWS; DRY_RUN=1 prints the AWS commands without running them
	@deploy/deploy.sh "$(ENV)"

.PHONY: destroy
destroy: venv ## Remove environment ENV=<suffix> from AWS, replica region first; DRY_RUN=1 prints the commands
	@deploy/destroy.sh "$(ENV)"
