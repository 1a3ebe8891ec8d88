#!/usr/bin/env bash
# The README's start command with no DATABASE_URL: boots on the embedded PostgreSQL,
# answers /health/ready, and stops cleanly on SIGTERM.
set -uo pipefail
cd "$(dirname "$0")/.."
port=3917
data=$(mktemp -d)
# As root, the embedded server runs as the `postgres` OS user, which must be able to enter the folder.
chmod 755 "$data"
log=$(mktemp)
env -u DATABASE_URL PORT=$port DATA_DIR="$data" EMBEDDED_PG_PORT=54391 \
  node apps/api/dist/apps/api/src/main.js --migrate --seed-demo >"$log" 2>&1 &
pid=$!
ok=1
for _ in $(seq 1 60); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/health/ready" || true)
  [ "$code" = "200" ] && { ok=0; break; }
  kill -0 $pid 2>/dev/null || break
  sleep 1
done
if [ $ok -eq 0 ]; then
  page=$(curl -s "http://127.0.0.1:$port/" || true)
  echo "$page" | grep -q '<app-root' || { echo "smoke: the web app is not served at /"; ok=1; }
fi
kill -TERM $pid 2>/dev/null
wait $pid
rc=$?
if [ $ok -ne 0 ] || [ $rc -ne 0 ]; then
  echo "smoke: FAILED (ready=$ok, exit=$rc); log follows"; tail -50 "$log"
  rm -rf "$data"; exit 1
fi
echo "smoke: embedded start answered ready, served the web app and stopped cleanly"
rm -rf "$data"
