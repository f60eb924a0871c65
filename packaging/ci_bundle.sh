#!/usr/bin/env bash
# CI smoke test of the Linux bundle and the .deb (issue 14), run from a clean checkout:
#   packaging/ci_bundle.sh
# 1. builds dist/chargedesk/ (packaging/build_bundle.py: its own build venv);
# 2. runs it from a folder outside the checkout with an empty environment:
#    --version; serve answering a simulated charger's BootNotification on 127.0.0.1;
#    the console offscreen under --demo for some seconds (still running, then stopped);
# 3. builds the .deb, installs it into a clean Debian root (mmdebstrap, minbase + apt from
#    the Debian archive) and starts the unit's ExecStart there as the chargedesk user,
#    answering the charger again. Without mmdebstrap (or with CHARGEDESK_CI_CHROOT=0) it
#    installs the .deb on this machine with apt-get instead and purges it afterwards.
# Prints the bundle's size (MB) and the start times of --version and of serve's first
# answer. Exits non-zero on any failure; stops every process it started.
#
# Environment: PYTHON (default python3, 3.11+ with a shared libpython) builds the bundle;
# CHARGEDESK_CI_CHROOT=0 skips the clean root; CHARGEDESK_CI_SKIP_BUILD=1 reuses dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
PYTHON=${PYTHON:-python3}
BUNDLE=$REPO/dist/chargedesk
BUILD_PY=$REPO/build/bundle-venv/bin/python  # has ocpp and websockets for the probe
WORK=$(mktemp -d /tmp/chargedesk-ci.XXXXXX)
PIDS=()
ROOTFS=""
HOST_INSTALLED=0
started_at=$(date +%s)

say() { printf 'ci_bundle: %s\n' "$*"; }
fail() { say "FAILED: $*" >&2; exit 1; }

# SIGTERM to a process this script started, SIGKILL after $2 seconds: one that hangs on
# its way out fails the run instead of holding it. Its exit status lands in STOP_RC, and
# it is forgotten (its pid may belong to another process later).
STOP_RC=0
stop_within() {
  local pid=$1 limit=$2 watchdog kept=() other
  kill -TERM "$pid" 2>/dev/null || true
  ( sleep "$limit" && kill -KILL "$pid" 2>/dev/null ) &
  watchdog=$!
  STOP_RC=0
  wait "$pid" 2>/dev/null || STOP_RC=$?
  pkill -P "$watchdog" sleep 2>/dev/null || true
  wait "$watchdog" 2>/dev/null || true
  for other in "${PIDS[@]}"; do
    [ "$other" = "$pid" ] || kept+=("$other")
  done
  PIDS=("${kept[@]}")
}

cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do
    stop_within "$pid" 10
  done
  if [ -n "$ROOTFS" ]; then
    umount "$ROOTFS/proc" 2>/dev/null || umount -l "$ROOTFS/proc" 2>/dev/null || true
    rm -rf --one-file-system "$ROOTFS"  # never into a /proc still mounted
  fi
  if [ "$HOST_INSTALLED" = 1 ]; then
    apt-get purge -y -qq chargedesk >/dev/null 2>&1 || true
    deluser --system chargedesk >/dev/null 2>&1 || true
    rm -rf /var/lib/chargedesk /var/log/chargedesk
  fi
  rm -rf "$WORK"
  [ "$status" = 0 ] || say "exit $status"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  "$BUILD_PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Run a command of the bundle the way a user would: nothing of this machine's Python, in
# a folder outside the checkout. It execs: call it in a subshell or in the background, so
# the PID the script holds is the program's own.
bare() {
  cd "$WORK" && exec env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 "$@"
}

# serve_and_probe NAME PORT COMMAND...: start a server, boot one charger, stop it.
serve_and_probe() {
  local name=$1 port=$2
  shift 2
  local t0
  t0=$(date +%s.%N)
  "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  local pid=$!
  PIDS+=("$pid")
  if ! "$BUILD_PY" packaging/ci_boot_probe.py "ws://127.0.0.1:$port/ocpp" --since "$t0" \
      --timeout 60 >"$WORK/$name.probe" 2>&1; then
    cat "$WORK/$name.probe" "$WORK/$name.err" >&2
    fail "$name did not accept the simulated charger"
  fi
  say "$name: $(cat "$WORK/$name.probe")"
  stop_within "$pid" 30
  [ "$STOP_RC" = 0 ] || { cat "$WORK/$name.err" >&2; fail "$name exited $STOP_RC after SIGTERM"; }
}

mkdir -p "$WORK/home"

# 1. The bundle.
if [ "${CHARGEDESK_CI_SKIP_BUILD:-0}" != 1 ]; then
  build_start=$(date +%s)
  "$PYTHON" packaging/build_bundle.py
  say "bundle built in $(($(date +%s) - build_start)) s"
fi
[ -x "$BUNDLE/chargedesk" ] || fail "no bundle at $BUNDLE"
size_mb=$(du -sb "$BUNDLE" | awk '{printf "%.0f", $1 / 1e6}')

# 2a. --version, timed.
t0=$(date +%s.%N)
(bare "$BUNDLE/chargedesk" --version) >"$WORK/version.out" 2>"$WORK/version.err" \
  || { cat "$WORK/version.err" >&2; fail "--version"; }
version_s=$("$BUILD_PY" -c 'import sys, time; print(f"{time.time() - float(sys.argv[1]):.2f}")' "$t0")
head -1 "$WORK/version.out"

# 2b. serve answers a charger.
port=$(free_port)
serve_and_probe serve "$port" bare "$BUNDLE/chargedesk" serve --db "$WORK/serve.db" \
  --host 127.0.0.1 --port "$port" --no-tls --no-api --admission open
first_answer=$(sed -n 's/.*first_answer_s=\([0-9.]*\).*/\1/p' "$WORK/serve.probe")

# 2c. The console, offscreen, with the demo site: its engine listens, and it keeps running.
port=$(free_port)
bare QT_QPA_PLATFORM=offscreen "$BUNDLE/chargedesk" --demo --port "$port" --no-tls --no-api \
  >"$WORK/demo.out" 2>"$WORK/demo.err" &
demo_pid=$!
PIDS+=("$demo_pid")
if ! "$BUILD_PY" -c '
import socket, sys, time
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)' "$port"; then
  cat "$WORK/demo.err" >&2
  fail "the demo console did not open its OCPP port"
fi
for _ in 1 2 3 4 5 6; do  # "still running after some seconds" is the check itself
  kill -0 "$demo_pid" 2>/dev/null || { cat "$WORK/demo.err" >&2; fail "the demo console died"; }
  sleep 1
done
stop_within "$demo_pid" 30  # the console's exit status on SIGTERM is not checked
say "demo console ran offscreen for 6 s after its engine was up"

# 3. The .deb, installed into a clean root and started.
"$PYTHON" packaging/build_deb.py
deb=$(ls -t dist/chargedesk_*.deb | head -1)
deb_start=$(date +%s)
exec_start=$(sed -n 's/^ExecStart=//p' packaging/linux/chargedesk.service)
port=$(free_port)
if [ "${CHARGEDESK_CI_CHROOT:-1}" != 0 ] && command -v mmdebstrap >/dev/null && [ "$(id -u)" = 0 ]; then
  ROOTFS="$WORK/rootfs"
  say "installing $deb into a clean bookworm root (mmdebstrap)"
  # A local .deb cannot be --include'd (apt runs inside the root): copy it in, then
  # `apt-get install ./x.deb` there, which fetches its Depends from the archive.
  mmdebstrap --quiet --variant=apt \
    --customize-hook="copy-in $REPO/$deb /tmp" \
    --customize-hook='chroot "$1" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/'"$(basename "$deb")" \
    --customize-hook='chroot "$1" apt-get clean' \
    bookworm "$ROOTFS" http://deb.debian.org/debian >"$WORK/mmdebstrap.log" 2>&1 \
    || { tail -30 "$WORK/mmdebstrap.log" >&2; fail "mmdebstrap"; }
  mount -t proc proc "$ROOTFS/proc"
  # What systemd would do for the unit: its LogsDirectory=, then ExecStart as its User=.
  chroot "$ROOTFS" install -d -o chargedesk -g chargedesk -m 0750 /var/log/chargedesk
  # shellcheck disable=SC2086  # ExecStart's words
  serve_and_probe deb-root "$port" chroot --userspec=chargedesk:chargedesk "$ROOTFS" \
    env -i HOME=/var/lib/chargedesk LANG=C.UTF-8 LOGS_DIRECTORY=/var/log/chargedesk \
    $exec_start --host 127.0.0.1 --port "$port" --no-tls --no-api --admission open
  [ -f "$ROOTFS/var/lib/chargedesk/chargedesk.db" ] || fail "no database in /var/lib/chargedesk"
  [ -n "$(ls -A "$ROOTFS/var/log/chargedesk")" ] || fail "no log file in /var/log/chargedesk"
  where="a clean root"
else
  command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] || fail "need root and apt-get (or mmdebstrap)"
  dpkg -s chargedesk >/dev/null 2>&1 && fail "chargedesk is already installed on this machine"
  say "installing $deb on this machine (no clean root: mmdebstrap missing or disabled)"
  HOST_INSTALLED=1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$REPO/$deb" >"$WORK/apt.log" 2>&1 \
    || { tail -30 "$WORK/apt.log" >&2; fail "apt-get install"; }
  # shellcheck disable=SC2086
  install -d -o chargedesk -g chargedesk -m 0750 /var/log/chargedesk
  serve_and_probe deb-host "$port" setpriv --reuid=chargedesk --regid=chargedesk --init-groups \
    env -i HOME=/var/lib/chargedesk LANG=C.UTF-8 LOGS_DIRECTORY=/var/log/chargedesk \
    $exec_start --host 127.0.0.1 --port "$port" --no-tls --no-api --admission open
  where="this machine (then purged)"
fi
say ".deb installed into $where and its service command answered in $(($(date +%s) - deb_start)) s"

say "bundle size: ${size_mb} MB"
say "start time of --version: ${version_s} s"
say "start time of serve to its first answer: ${first_answer} s"
say "all passed in $(($(date +%s) - started_at)) s"
