# nianbao: build, run, test and measure. Linux (Debian 12), Swift 6.
SWIFT ?= swift
APT_PACKAGES = libsystemd-dev pkg-config libsqlite3-dev
PREFIX ?= /usr/local

.PHONY: deps build run test bench clean

# Installs the Debian packages the build needs, only when one is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c release --product nianbao

# Runs the daemon on ./drop with its state in ./.nianbao (stderr when no journal is running).
run: build
	mkdir -p drop
	.build/release/nianbao watch

# The whole test suite, under a private journald in its own mount and PID namespace.
test: deps
	$(SWIFT) build --build-tests
	scripts/with-journald $(SWIFT) test --skip-build

# Prints the benchmark figures (release build); asserts nothing.
bench: deps
	$(SWIFT) build -c release --product nianbao-bench
	.build/release/nianbao-bench Tests/Fixtures/seed-2023.txt

clean:
	rm -rf .build
