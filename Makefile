# The one entry point. `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
ASSETS_STAMP := $(VENV)/.web-assets-from-lock
# Apache Superset (make bi) in a virtualenv of its own: its dependencies never mix with the warehouse's
BI_VENV := .venv-bi
BI_STAMP := $(BI_VENV)/.installed-from-lock
# Spark's packages (pyspark, dbt-spark, a JDK) join .venv only for make spark and make test
SPARK_STAMP := $(VENV)/.spark-from-lock
# Bootstrap, jQuery, Font Awesome... for GX Data Docs that work offline (orchestration/data_docs.py)
export HOTLINE_WEB_ASSETS ?= $(CURDIR)/$(VENV)/web-assets
SIZE ?= 1000000
export PYTHONIOENCODING := utf-8
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
# one spelling of the warehouse path for every dbt call, so dbt's partial parsing survives between them
export HOTLINE_DUCKDB_PATH ?= $(CURDIR)/warehouse/hotline.duckdb
# make run PERIOD=2024-02 JURISDICTION=东昌府区: the bulletin of that period (default: the latest complete one)
PERIOD ?=
JURISDICTION ?=

.PHONY: setup bi-setup spark-setup run build spark pg pg-stop metrics bi bi-stop bulletin test faults lint fix docs dev bench sample lock clean

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check --progress-bar on -r requirements.lock
	touch $(STAMP)

$(ASSETS_STAMP): requirements-assets.lock $(STAMP)
	$(BIN)/pip download --disable-pip-version-check --no-deps --require-hashes -r requirements-assets.lock -d $(HOTLINE_WEB_ASSETS)
	touch $(ASSETS_STAMP)

setup: $(STAMP) $(ASSETS_STAMP) ## virtualenv with the pinned dependencies, and the Data Docs' web assets

$(BI_STAMP): requirements-bi.lock
	$(PYTHON) -m venv $(BI_VENV)
	$(BI_VENV)/bin/pip install --disable-pip-version-check --progress-bar off -r requirements-bi.lock
	touch $(BI_STAMP)

bi-setup: $(BI_STAMP) ## Superset's own virtualenv, from requirements-bi.lock

$(SPARK_STAMP): requirements-spark.lock $(STAMP)
	$(BIN)/pip install --disable-pip-version-check --progress-bar off -c requirements.lock -r requirements-spark.lock
	touch $(SPARK_STAMP)

spark-setup: $(SPARK_STAMP) ## Spark's optional group into .venv, from requirements-spark.lock

run: setup ## the scheduled job, in process: land -> dbt build -> checks -> publish -> bulletin (.docx .html .pdf)
	$(BIN)/dbt parse --quiet
	$(BIN)/python -m orchestration.run $(if $(PERIOD),--period $(PERIOD)) $(if $(JURISDICTION),--jurisdiction $(JURISDICTION)) $(if $(V),-v)

build: setup ## the same warehouse without Dagster (seed or land, then dbt build)
	$(BIN)/python -m hotline build

pg: setup ## the warehouse built on PostgreSQL: HOTLINE_PG_DSN's server, else the project's own (left running)
	HOTLINE_ENGINE=postgres $(BIN)/python -m hotline build
	@$(BIN)/python -m hotline pg status

spark: setup spark-setup ## the warehouse built on a local Spark session (tables and lake under warehouse/)
	HOTLINE_ENGINE=spark $(BIN)/python -m hotline build

pg-stop: setup ## stop the project's own PostgreSQL server (warehouse/postgres)
	$(BIN)/python -m hotline pg stop

QUERY ?= bulletin_overview
metrics: setup ## a saved query of the semantic layer on the warehouse: make metrics QUERY=bulletin_tier_totals
	$(BIN)/dbt parse --quiet
	$(BIN)/mf query --saved-query $(QUERY)

bi: setup bi-setup ## Superset on http://127.0.0.1:8088 with the bulletin dashboard, on the PostgreSQL serving database
	HOTLINE_SERVING=postgres $(MAKE) --no-print-directory run
	$(BIN)/python -m hotline bi start

bi-stop: setup ## stop Superset
	$(BIN)/python -m hotline bi stop

bulletin: setup ## the bulletin from the serving copy, no build: make bulletin PERIOD=2025-12 JURISDICTION=青禾县
	$(BIN)/python -m hotline bulletin $(if $(PERIOD),--period $(PERIOD)) $(if $(JURISDICTION),--jurisdiction $(JURISDICTION))

test: setup spark-setup lint ## everything CI checks
	@# Superset's virtualenv for the BI test: when it cannot be made, that test is skipped and says why
	-$(MAKE) --no-print-directory bi-setup
	$(BIN)/dbt parse --quiet
	$(BIN)/python -m pytest

KILLS ?= 10
faults: setup ## the fault suite at length: make faults KILLS=10 (runs killed at random points, damaged exports)
	$(BIN)/dbt parse --quiet
	HOTLINE_FAULT_KILLS=$(KILLS) HOTLINE_FAULT_EXAMPLES=500 HOTLINE_FAULT_BUILDS=10 $(BIN)/python -m pytest -s -q \
		tests/python/test_kill_faults.py tests/python/test_property_damage.py tests/python/test_publish_faults.py \
		tests/python/test_landing_damaged.py tests/python/test_rejected_files.py

lint: setup ## ruff on Python, sqlfluff (dbt templater, duckdb dialect) on SQL
	$(BIN)/ruff check hotline orchestration tests bench bi
	$(BIN)/sqlfluff lint models tests/dbt analyses

fix: setup ## apply the linters' fixes
	$(BIN)/ruff check --fix hotline orchestration tests bench bi
	$(BIN)/sqlfluff fix models tests/dbt analyses

docs: setup ## dbt docs (target/index.html)
	$(BIN)/dbt docs generate

dev: setup ## the Dagster UI on http://127.0.0.1:3000
	$(BIN)/dbt parse --quiet
	mkdir -p $(DAGSTER_HOME) && cp orchestration/dagster.yaml $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/dagster dev -m orchestration.definitions -h 127.0.0.1 -p 3000

ENGINE ?= duckdb
bench: setup ## benchmark: make bench SIZE=1000000 (ENGINE=spark: DuckDB and Spark side by side)
	$(if $(filter spark,$(ENGINE)),$(MAKE) --no-print-directory spark-setup)
	$(BIN)/python -m bench --size $(SIZE) --engine $(ENGINE)

sample: setup ## regenerate the embedded sample seeds from the generator
	$(BIN)/python -m hotline sample

lock: ## re-pin requirements.lock from pyproject.toml's ranges
	rm -rf /tmp/hotline-lock-venv && $(PYTHON) -m venv /tmp/hotline-lock-venv
	/tmp/hotline-lock-venv/bin/pip install --quiet $$($(PYTHON) -c "import tomllib;print(' '.join(repr(d) for d in tomllib.load(open('pyproject.toml','rb'))['project']['dependencies']))" | tr -d "'")
	{ head -2 requirements.lock; /tmp/hotline-lock-venv/bin/pip freeze; } > requirements.lock.new && mv requirements.lock.new requirements.lock

clean: ## remove build artifacts and the local warehouse (its PostgreSQL server and Superset stopped first)
	-test -x $(BIN)/python && $(BIN)/python -m hotline bi stop && $(BIN)/python -m hotline pg stop
	rm -rf target logs warehouse .dagster_home bench/data
