# nianbao: build, run, test and measure. Linux (Debian 12), Swift 6.
SWIFT ?= swift
APT_PACKAGES = libsystemd-dev pkg-config libsqlite3-dev libxml2-dev libdeflate-dev libxlsxwriter-dev libpoppler-glib-dev
PREFIX ?= /usr/local

.PHONY: deps build release run test fuzz system-test bench clean install install-files uninstall deb

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
# Then the system test (a real systemd, a real smbd; see system-test below).
# The tests also read exported .xlsx files back with an independent reader (openpyxl), render
# the office's page in a real browser (headless Chromium), and have LibreOffice save the generated
# Word documents as PDF, as an agency's office suite does.
TEST_APT_PACKAGES = python3-openpyxl chromium libreoffice-writer-nogui
test: APT_PACKAGES += $(TEST_APT_PACKAGES)
test: deps
	$(SWIFT) build --build-tests
	scripts/with-journald $(SWIFT) test --skip-build
	scripts/fuzz
	scripts/system-test

# libFuzzer + AddressSanitizer on each reader (text, docx, html, pdf), FUZZ_SECONDS each (default 60):
# fails on any crash, leak, timeout or out-of-memory. See scripts/fuzz and Fuzz/.
fuzz: deps
	scripts/fuzz

# Prints the benchmark figures; asserts nothing. The release build with the Swift runtime linked
# in, as `make install` builds it (memory is measured on what is installed), in a build folder of
# its own so that it never forces a rebuild of .build/release. First the core (nianbao-bench:
# reports per second on one core), then the daemon next to a private journald
# (scripts/loadbench: burst, latency, memory, idle wake-ups, start-up at scale, and the
# inotifywait baseline; about 8 minutes), then the office's view at scale (scripts/office-bench:
# `agencies` and `export` on 1,000,000 ledger rows, 10,000 agencies). Not part of `make test`.
BENCH_APT_PACKAGES = inotify-tools python3 systemd
BENCH_BUILD = $(SWIFT) build -c release --static-swift-stdlib --scratch-path .build/bench
bench: APT_PACKAGES += $(BENCH_APT_PACKAGES)
bench: deps
	$(BENCH_BUILD) --product nianbao-bench
	$(BENCH_BUILD) --product nianbao
	.build/bench/release/nianbao-bench Tests/Fixtures/seed-2023.txt Tests/Fixtures/seed-2023.docx Tests/Fixtures/seed-2023.html Tests/Fixtures/seed-2023.pdf
	scripts/loadbench --nianbao .build/bench/release/nianbao
	scripts/office-bench --nianbao .build/bench/release/nianbao

clean:
	rm -rf .build

# Installs the release build (Swift runtime linked statically) as $(PREFIX)/bin/nianbao, the
# unit, the journal catalogs, sysusers and tmpfiles, and the default configuration as
# /etc/nianbao/nianbao.toml (never overwriting an existing one). Without DESTDIR it then
# updates the catalog database, creates the user and folders, and reloads systemd.
# systemd reads units, catalogs, sysusers.d and tmpfiles.d under /usr/lib and /usr/local/lib
# only: they go to /usr/lib when PREFIX=/usr, else to /usr/local/lib.
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
DOCDIR ?= $(PREFIX)/share/doc/nianbao
SYSCONFDIR ?= /etc
SYSTEMD_LIBDIR ?= $(if $(filter /usr,$(PREFIX)),/usr/lib,/usr/local/lib)
UNITDIR ?= $(SYSTEMD_LIBDIR)/systemd/system
CATALOGDIR ?= $(SYSTEMD_LIBDIR)/systemd/catalog
SYSUSERSDIR ?= $(SYSTEMD_LIBDIR)/sysusers.d
TMPFILESDIR ?= $(SYSTEMD_LIBDIR)/tmpfiles.d
RELEASE_BIN = .build/release/nianbao
# The paths in the unit and catalogs follow PREFIX. The installed configuration names the
# server's folders (the repository's copy keeps the developer defaults ./drop, ./.nianbao), and
# the status file the unit's RuntimeDirectory, so that `nianbao status` finds it with no flag.
SED_PATHS = sed -e 's|/usr/local/bin/nianbao|$(BINDIR)/nianbao|g' -e 's|/usr/local/share/doc/nianbao|$(DOCDIR)|g'
SED_CONFIG = sed -e 's|^drop = .*|drop = "/srv/nianbao/drop"|' -e 's|^state_dir = .*|state_dir = "/var/lib/nianbao"|' \
	-e 's|^status_file = .*|status_file = "/run/nianbao/status.json"|'
# systemctl talks to a running systemd only.
SYSTEMD_RUNNING = [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]

# The release build that `make install` installs: the Swift runtime linked statically, so the
# binary runs on a server without a Swift toolchain.
release: deps
	$(SWIFT) build -c release --product nianbao --static-swift-stdlib

install: release install-files
	@if [ -z "$(DESTDIR)" ]; then \
		set -x; \
		journalctl --update-catalog && \
		systemd-sysusers $(SYSUSERSDIR)/nianbao.conf && \
		systemd-tmpfiles --create $(TMPFILESDIR)/nianbao.conf || exit 1; \
	fi
	@if $(SYSTEMD_RUNNING); then set -x; systemctl daemon-reload && systemctl try-restart nianbao.service; fi

# The files of `make install` under $(DESTDIR), without building and without touching the
# running system: debian/rules stages the package with it.
install-files:
	install -D -m 0755 $(RELEASE_BIN) $(DESTDIR)$(BINDIR)/nianbao
	install -d -m 0755 $(DESTDIR)$(UNITDIR) $(DESTDIR)$(CATALOGDIR) $(DESTDIR)$(DOCDIR)
	$(SED_PATHS) systemd/nianbao.service > $(DESTDIR)$(UNITDIR)/nianbao.service
	$(SED_PATHS) systemd/nianbao.catalog > $(DESTDIR)$(CATALOGDIR)/nianbao.catalog
	$(SED_PATHS) systemd/nianbao.zh_CN.catalog > $(DESTDIR)$(CATALOGDIR)/nianbao.zh_CN.catalog
	chmod 0644 $(DESTDIR)$(UNITDIR)/nianbao.service $(DESTDIR)$(CATALOGDIR)/nianbao.catalog $(DESTDIR)$(CATALOGDIR)/nianbao.zh_CN.catalog
	install -D -m 0644 systemd/nianbao.sysusers $(DESTDIR)$(SYSUSERSDIR)/nianbao.conf
	install -D -m 0644 systemd/nianbao.tmpfiles $(DESTDIR)$(TMPFILESDIR)/nianbao.conf
	install -m 0644 README.md $(DESTDIR)$(DOCDIR)/README.md
	install -m 0644 config/nianbao.toml $(DESTDIR)$(DOCDIR)/nianbao.toml.example
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/nianbao/nianbao.toml ]; then \
		echo "keeping the existing $(DESTDIR)$(SYSCONFDIR)/nianbao/nianbao.toml (the default is $(DOCDIR)/nianbao.toml.example)"; \
	else \
		echo "installing $(DESTDIR)$(SYSCONFDIR)/nianbao/nianbao.toml"; \
		install -d -m 0755 $(DESTDIR)$(SYSCONFDIR)/nianbao && \
		$(SED_CONFIG) config/nianbao.toml > $(DESTDIR)$(SYSCONFDIR)/nianbao/nianbao.toml && \
		chmod 0644 $(DESTDIR)$(SYSCONFDIR)/nianbao/nianbao.toml; \
	fi

# The Debian package: nianbao_<version>_<arch>.deb here, built by scripts/build-deb with
# debhelper (debian/rules: maintainer scripts, conffile, dependencies) from the release build,
# with man pages and shell completions generated from the argument parser, and checked with
# lintian. generate-manual is swift-argument-parser's tool behind its `generate-manual` plugin,
# built with the release build's flags: the plugin itself would build the whole package again
# without --static-swift-stdlib. Then `apt install ./nianbao_*.deb`.
DEB_APT_PACKAGES = debhelper dpkg-dev lintian groff-base man-db python3
deb: APT_PACKAGES += $(DEB_APT_PACKAGES)
deb: release
	$(SWIFT) build -c release --product generate-manual --static-swift-stdlib
	scripts/build-deb

# Undoes `make install`. Kept, as a package's removal keeps them: the ledger (/var/lib/nianbao),
# the drop and results folders, the nianbao user and groups (systemd never deletes users), and
# /etc/nianbao/nianbao.toml when it was changed (it is removed when still the default).
uninstall:
	@if $(SYSTEMD_RUNNING); then set -x; systemctl disable --now nianbao.service || true; fi
	rm -f $(DESTDIR)$(BINDIR)/nianbao $(DESTDIR)$(UNITDIR)/nianbao.service \
		$(DESTDIR)$(CATALOGDIR)/nianbao.catalog $(DESTDIR)$(CATALOGDIR)/nianbao.zh_CN.catalog \
		$(DESTDIR)$(SYSUSERSDIR)/nianbao.conf $(DESTDIR)$(TMPFILESDIR)/nianbao.conf
	rm -rf $(DESTDIR)$(DOCDIR)
	@config=$(DESTDIR)$(SYSCONFDIR)/nianbao/nianbao.toml; \
	if [ -e $$config ]; then \
		if $(SED_CONFIG) config/nianbao.toml | cmp -s - $$config; then \
			rm -f $$config; rmdir $(DESTDIR)$(SYSCONFDIR)/nianbao 2>/dev/null || true; \
		else \
			echo "keeping $$config (changed from the default)"; \
		fi; \
	fi
	@if [ -z "$(DESTDIR)" ]; then set -x; journalctl --update-catalog; fi
	@if $(SYSTEMD_RUNNING); then set -x; systemctl daemon-reload; fi

# The system test: boots a throw-away systemd in namespaces, runs `make install` inside it,
# uploads reports through a real smbd and checks the journal, the status file, reload, the
# watchdog and stop. Needs root; leaves nothing behind. See scripts/system-test.
system-test: deps
	scripts/system-test
