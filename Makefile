# xm: build, unit tests, and the real-Xen suite (Xen 4.17 under QEMU). `make help` lists targets.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
SCENARIOS ?=

.PHONY: help setup build unit integration test demo

help:
	@echo "make setup        install the Debian packages the build and the tests need (root)"
	@echo "make build        swift build"
	@echo "make unit         swift test"
	@echo "make integration  real-Xen suite: Tests/Integration/run.sh [SCENARIOS='00-toolstack 10-dryrun']"
	@echo "make test         setup + unit + integration (what CI runs)"
	@echo "make demo         setup + xm against a Xen host: this one if it is a dom0, else Xen under QEMU"

setup:
	scripts/setup-debian.sh

build:
	swift build

unit:
	swift test

integration:
	Tests/Integration/run.sh $(SCENARIOS)

test: setup unit integration

demo: setup
	scripts/demo.sh
