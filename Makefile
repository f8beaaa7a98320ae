# xm: build, unit tests, and the real-Xen suite (Xen 4.17 under QEMU). `make help` lists targets.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
SCENARIOS ?=
FUZZ_RUNS ?= 20000

.PHONY: help setup build unit fuzz-smoke integration test demo
.NOTPARALLEL:

help:
	@echo "make setup        install the Debian packages the build and the tests need (root)"
	@echo "make build        swift build"
	@echo "make unit         swift test"
	@echo "make fuzz-smoke   a short libFuzzer run of the parser (FUZZ_RUNS=$(FUZZ_RUNS))"
	@echo "make integration  real-Xen suite: Tests/Integration/run.sh [SCENARIOS='00-toolstack 10-dryrun']"
	@echo "make test         setup + unit + fuzz-smoke + integration (what CI runs)"
	@echo "make demo         setup + xm against a Xen host: this one if it is a dom0, else Xen under QEMU"

setup:
	scripts/setup-debian.sh

build:
	swift build

unit:
	swift test

fuzz-smoke:
	fuzz/run.sh $(FUZZ_RUNS)

integration:
	Tests/Integration/run.sh $(SCENARIOS)

test: setup unit fuzz-smoke integration

demo: setup
	scripts/demo.sh
