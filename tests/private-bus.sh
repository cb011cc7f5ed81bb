#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# private-bus.sh COMMAND [ARGS...]: runs COMMAND on its own session bus, with nothing but
# COMMAND's output on stdout. The bus daemon and the services it starts (the AT-SPI registry
# prints its own status lines to stdout) write to stderr instead, so a TAP test's stream stays
# TAP: dbus-run-session's output goes to stderr and COMMAND gets the original stdout back.
exec 3>&1
exec dbus-run-session -- sh -c 'exec "$@" >&3 3>&-' sh "$@" >&2
