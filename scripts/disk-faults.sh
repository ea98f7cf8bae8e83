#!/usr/bin/env bash
# Disk and permission faults that need root: a full disk (a small tmpfs), a
# read-only mount, and, run as user nobody, an unwritable directory and a read-only store.
# Each case must end with a clear message and exit 74, and leave an existing store intact
# (PRAGMA integrity_check ok, same post count, whole batches only).
#
#   sudo scripts/disk-faults.sh
#
# Uses the release binary, python3 and sqlite3. Mounts are removed by a trap.
set -uo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "run as root (mount needs it)"; exit 2; }
scratch="${CLOUT_SCRATCH:-.build-rel}"
swift build -c release --scratch-path "$scratch" --product clout >/dev/null || exit 1
clout="$(pwd)/$scratch/release/clout"
root=$(mktemp -d /tmp/clout-disk-faults.XXXXXX)
mnt="$root/mnt"
mkdir -p "$mnt"
chmod 755 "$root"  # user nobody must reach the files below
cleanup() {
  umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null
  rm -rf "$root"
}
trap cleanup EXIT

python3 scripts/synth-timeline.py --posts 200000 --accounts 20000 --with-text >"$root/big.csv"
python3 scripts/synth-timeline.py --posts 2000 --accounts 500 --seed 2 >"$root/small.csv"
failures=0
check() { # name, expected exit, actual exit, stderr file, message pattern
  local verdict=ok
  [ "$3" -eq "$2" ] || verdict="FAIL (exit $3, expected $2)"
  grep -qiE "$5" "$4" || verdict="FAIL (message lacks /$5/)"
  [ "$verdict" = ok ] || failures=$((failures + 1))
  printf '%-44s exit %-3s %s: %s\n' "$1" "$3" "$verdict" "$(head -c 160 "$4" | tr '\n' ' ')"
}
intact() { # db, expected posts
  local integrity posts
  integrity=$(sqlite3 "$1" "PRAGMA integrity_check" 2>&1)
  posts=$(sqlite3 "$1" "SELECT count(*) FROM posts" 2>&1)
  if [ "$integrity" = ok ] && [ "$posts" = "$2" ]; then
    echo "    store intact: integrity ok, $posts posts"
  else
    echo "    store NOT intact: integrity '$integrity', posts $posts (expected $2)"
    failures=$((failures + 1))
  fi
}

# 1. Full disk while ingesting into a new store: 6 MB tmpfs, a ~60 MB ingest.
mount -t tmpfs -o size=6m tmpfs "$mnt"
"$clout" ingest --db "$mnt/new.db" --batch-size 20000 "$root/big.csv" >/dev/null 2>"$root/err"
check "full disk, new store" 74 $? "$root/err" "error:.*full"
stored=$(sqlite3 "$mnt/new.db" "SELECT count(*) FROM posts" 2>/dev/null || echo 0)
[ $((stored % 20000)) -eq 0 ] && echo "    whole batches only: $stored posts" \
  || { echo "    partial batch: $stored posts"; failures=$((failures + 1)); }
intact "$mnt/new.db" "$stored"
umount "$mnt"

# 2. Full disk with an existing store: the failed ingest leaves it as it was.
mount -t tmpfs -o size=6m tmpfs "$mnt"
"$clout" ingest --db "$mnt/clout.db" "$root/small.csv" >/dev/null 2>&1
before=$(sqlite3 "$mnt/clout.db" "SELECT count(*) FROM posts")
dd if=/dev/zero of="$mnt/filler" bs=64k 2>/dev/null
"$clout" ingest --db "$mnt/clout.db" "$root/big.csv" >/dev/null 2>"$root/err"
check "full disk, existing store" 74 $? "$root/err" "error:.*(full|I/O)"
# 3. Output to the full disk: exit 74, no partial file left.
"$clout" shortlist --db "$mnt/clout.db" --out "$mnt/shortlist.csv" >/dev/null 2>"$root/err"
check "shortlist --out on a full disk" 74 $? "$root/err" "cannot be written|space|full"
[ -e "$mnt/shortlist.csv" ] && { echo "    partial output left"; failures=$((failures + 1)); } \
  || echo "    no partial output file"
ls -a "$mnt" | grep -q '\.tmp$' && { echo "    temporary file left"; failures=$((failures + 1)); }
"$clout" rank --db "$mnt/clout.db" --top 5 >/dev/null 2>"$root/err"
rank_status=$?
printf '%-44s exit %-3s %s\n' "rank on a full disk" "$rank_status" "$(head -c 160 "$root/err")"
rm -f "$mnt/filler"
echo "    after freeing space:"
intact "$mnt/clout.db" "$before"

# 4. Read-only mount.
mount -o remount,ro "$mnt"
"$clout" ingest --db "$mnt/clout.db" "$root/small.csv" >/dev/null 2>"$root/err"
check "ingest into a read-only mount" 74 $? "$root/err" "read-only|readonly|cannot open"
"$clout" rank --db "$mnt/clout.db" --top 5 >/dev/null 2>"$root/err"
rank_status=$?
printf '%-44s exit %-3s %s\n' "rank on a read-only mount" "$rank_status" "$(head -c 160 "$root/err")"
"$clout" ingest --db "$mnt/other.db" "$root/small.csv" >/dev/null 2>"$root/err"
check "new store on a read-only mount" 74 $? "$root/err" "read-only|readonly|cannot open"
umount "$mnt"
mount -t tmpfs -o size=64m tmpfs "$mnt"
chmod 755 "$mnt"

# 5. Permissions, as user nobody (root ignores file modes).
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
mkdir "$mnt/locked" && chmod 555 "$mnt/locked"
cp "$root/small.csv" "$mnt/small.csv" && chmod 644 "$mnt/small.csv"
as_nobody "$clout" ingest --db "$mnt/locked/clout.db" "$mnt/small.csv" >/dev/null 2>"$root/err"
check "unwritable store directory" 74 $? "$root/err" "cannot open|read-only|readonly|permission"
mkdir "$mnt/ro" && "$clout" ingest --db "$mnt/ro/clout.db" "$root/small.csv" >/dev/null 2>&1
chown -R 65534 "$mnt/ro" && chmod 444 "$mnt/ro/clout.db"
sum_before=$(sha256sum "$mnt/ro/clout.db")
as_nobody "$clout" ingest --db "$mnt/ro/clout.db" "$root/big.csv" >/dev/null 2>"$root/err"
check "read-only store file" 74 $? "$root/err" "read-only|readonly|cannot"
[ "$(sha256sum "$mnt/ro/clout.db")" = "$sum_before" ] && echo "    store file unchanged" \
  || { echo "    store file CHANGED"; failures=$((failures + 1)); }
as_nobody "$clout" rank --db "$mnt/ro/clout.db" --top 5 >/dev/null 2>"$root/err"
printf '%-44s exit %-3s %s\n' "rank on a read-only store file" "$?" "$(head -c 160 "$root/err")"
chmod 000 "$mnt/small.csv"
as_nobody "$clout" ingest --db "$mnt/ro/other.db" "$mnt/small.csv" >/dev/null 2>"$root/err"
check "unreadable input file" 74 $? "$root/err" "small.csv: cannot open: permission"

echo "$failures failures"
[ "$failures" -eq 0 ]
