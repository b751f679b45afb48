# nianbao: build, run, test and measure. Linux (Debian 12), Swift 6.
SWIFT ?= swift
APT_PACKAGES = libsystemd-dev pkg-config libsqlite3-dev libxml2-dev zlib1g-dev
PREFIX ?= /usr/local

.PHONY: deps build run test bench clean install uninstall

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
	.build/release/nianbao-bench Tests/Fixtures/seed-2023.txt Tests/Fixtures/seed-2023.docx Tests/Fixtures/seed-2023.html

clean:
	rm -rf .build

# Installs the release build (Swift runtime linked statically), the unit, the catalogs,
# sysusers and tmpfiles, and the default configuration (never overwriting an existing one).
DESTDIR ?=
install: deps
	$(SWIFT) build -c release --product nianbao --static-swift-stdlib
	install -D -m 0755 .build/release/nianbao $(DESTDIR)$(PREFIX)/bin/nianbao
	install -D -m 0644 systemd/nianbao.service $(DESTDIR)/etc/systemd/system/nianbao.service
	install -D -m 0644 systemd/nianbao.catalog $(DESTDIR)/usr/lib/systemd/catalog/nianbao.catalog
	install -D -m 0644 systemd/nianbao.zh_CN.catalog $(DESTDIR)/usr/lib/systemd/catalog/nianbao.zh_CN.catalog
	install -D -m 0644 systemd/nianbao.sysusers $(DESTDIR)/usr/lib/sysusers.d/nianbao.conf
	install -D -m 0644 systemd/nianbao.tmpfiles $(DESTDIR)/usr/lib/tmpfiles.d/nianbao.conf
	install -D -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/nianbao/README.md
	[ -e $(DESTDIR)/etc/nianbao/nianbao.toml ] || install -D -m 0644 config/nianbao.toml $(DESTDIR)/etc/nianbao/nianbao.toml
	if [ -z "$(DESTDIR)" ]; then journalctl --update-catalog; systemd-sysusers nianbao.conf; systemd-tmpfiles --create nianbao.conf; systemctl daemon-reload 2>/dev/null || true; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/nianbao $(DESTDIR)/etc/systemd/system/nianbao.service \
		$(DESTDIR)/usr/lib/systemd/catalog/nianbao.catalog $(DESTDIR)/usr/lib/systemd/catalog/nianbao.zh_CN.catalog \
		$(DESTDIR)/usr/lib/sysusers.d/nianbao.conf $(DESTDIR)/usr/lib/tmpfiles.d/nianbao.conf
	rm -rf $(DESTDIR)$(PREFIX)/share/doc/nianbao
	if [ -z "$(DESTDIR)" ]; then journalctl --update-catalog; systemctl daemon-reload 2>/dev/null || true; fi
