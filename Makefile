# Build and install crmtool: `crm`, `pm_crmgen`, their man pages, the
# bash completion and pm_crmgen's templates, in FHS places.
#
#   make                      build (release)
#   make install PREFIX=/usr/local [DESTDIR=/tmp/stage] [CRM_NAME=crm]
#   make uninstall PREFIX=…   (same PREFIX/CRM_NAME as install)
#   make deb                  target/debian/crmtool_VERSION_ARCH.deb and
#                             crmtool-as-crm_VERSION_all.deb (see packaging/)
#   make rpm                  target/rpm/RPMS/ARCH/crmtool-VERSION-1.ARCH.rpm
#                             and crmtool-as-crm (rpmbuild; see packaging/)
#
# CRM_NAME is the name `crm` is installed under. The default, crmtool,
# installs beside crmsh; CRM_NAME=crm replaces crmsh's command (a
# package manager should then remove crmsh: the crmtool-as-crm package
# declares that conflict).

PREFIX ?= /usr/local
DESTDIR ?=
CRM_NAME ?= crmtool
PROFILE ?= release
CARGO ?= cargo

BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/crmtool
COMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHDIR = $(PREFIX)/share/zsh/vendor-completions
FISHDIR = $(PREFIX)/share/fish/vendor_completions.d

ifeq ($(PROFILE),release)
CARGO_FLAGS = --release
else
CARGO_FLAGS =
endif
TARGET = target/$(if $(filter release,$(PROFILE)),release,debug)

VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)

.PHONY: all build install uninstall deb rpm clean-package

all: build

build:
	$(CARGO) build --locked $(CARGO_FLAGS) --bin crm --bin pm_crmgen

install: build
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(COMPDIR) $(DESTDIR)$(ZSHDIR) $(DESTDIR)$(FISHDIR)
	install -m 0755 $(TARGET)/crm $(DESTDIR)$(BINDIR)/$(CRM_NAME)
	install -m 0755 $(TARGET)/pm_crmgen $(DESTDIR)$(BINDIR)/pm_crmgen
	install -m 0644 man/crm.8 $(DESTDIR)$(MANDIR)/man8/$(CRM_NAME).8
	install -m 0644 man/pm_crmgen.1 $(DESTDIR)$(MANDIR)/man1/pm_crmgen.1
	install -m 0644 templates/*.csv templates/*.xlsx templates/README.md $(DESTDIR)$(DATADIR)/templates/
	# The completion scripts, from the program (`crm completion SHELL NAME`).
	$(TARGET)/crm completion bash $(CRM_NAME) > $(DESTDIR)$(COMPDIR)/$(CRM_NAME)
	$(TARGET)/crm completion bash pm_crmgen > $(DESTDIR)$(COMPDIR)/pm_crmgen
	$(TARGET)/crm completion zsh $(CRM_NAME) > $(DESTDIR)$(ZSHDIR)/_$(CRM_NAME)
	$(TARGET)/crm completion zsh pm_crmgen > $(DESTDIR)$(ZSHDIR)/_pm_crmgen
	$(TARGET)/crm completion fish $(CRM_NAME) > $(DESTDIR)$(FISHDIR)/$(CRM_NAME).fish
	$(TARGET)/crm completion fish pm_crmgen > $(DESTDIR)$(FISHDIR)/pm_crmgen.fish
	chmod 0644 $(DESTDIR)$(COMPDIR)/$(CRM_NAME) $(DESTDIR)$(COMPDIR)/pm_crmgen \
		$(DESTDIR)$(ZSHDIR)/_$(CRM_NAME) $(DESTDIR)$(ZSHDIR)/_pm_crmgen \
		$(DESTDIR)$(FISHDIR)/$(CRM_NAME).fish $(DESTDIR)$(FISHDIR)/pm_crmgen.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/$(CRM_NAME) $(DESTDIR)$(BINDIR)/pm_crmgen \
		$(DESTDIR)$(MANDIR)/man8/$(CRM_NAME).8 $(DESTDIR)$(MANDIR)/man1/pm_crmgen.1 \
		$(DESTDIR)$(COMPDIR)/$(CRM_NAME) $(DESTDIR)$(COMPDIR)/pm_crmgen \
		$(DESTDIR)$(ZSHDIR)/_$(CRM_NAME) $(DESTDIR)$(ZSHDIR)/_pm_crmgen \
		$(DESTDIR)$(FISHDIR)/$(CRM_NAME).fish $(DESTDIR)$(FISHDIR)/pm_crmgen.fish
	rm -rf $(DESTDIR)$(DATADIR)

deb: build
	PROFILE=$(PROFILE) VERSION=$(VERSION) sh packaging/build-deb

rpm: build
	PROFILE=$(PROFILE) VERSION=$(VERSION) CARGO=$(CARGO) sh packaging/build-rpm
