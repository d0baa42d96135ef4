#!/usr/bin/env bash
# A bounded Jazzer fuzzing campaign over the codec's fuzz targets (imap-codec CodecFuzzTest). Not part of CI or
# `mvn verify`: run it by hand, or on a schedule, and copy its summary into SECURITY.md ("Fuzzing campaign").
#
#   benchmarks/fuzz-campaign.sh                  # every target
#   benchmarks/fuzz-campaign.sh responses engine # named targets only
#
# Each target fuzzes for its own @FuzzTest maxDuration (CodecFuzzTest: 60 s for responses, commands and engine, 30 s
# for mailboxNames and sequenceSets; Jazzer's JUnit integration takes the bound from the annotation only, so change it
# there to fuzz longer); the whole campaign takes about 6 minutes including Maven start-up. Findings (crashing inputs) are written by Jazzer into the target's
# inputs directory under imap-codec/src/test/resources/org/imap4j/codec/fuzz/CodecFuzzTestInputs/ and make the
# target (and the campaign) fail; logs go to imap-codec/target/fuzz-campaign/<target>.log.
# Exit status: 0 if every target ran its time without a finding.
set -u
cd "$(dirname "$0")/.."
ALL_TARGETS=(responses commands mailboxNames sequenceSets engine)
if [ "$#" -gt 0 ]; then
  TARGETS=("$@")
else
  TARGETS=("${ALL_TARGETS[@]}")
fi
LOGS=imap-codec/target/fuzz-campaign
mkdir -p "$LOGS"
MVN_OFFLINE=${MVN_OFFLINE:--o}
status=0
summary=()
campaign_start=$(date +%s)
echo "fuzz campaign: ${TARGETS[*]} ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(java -version 2>&1 | head -1))"
for t in "${TARGETS[@]}"; do
  log="$LOGS/$t.log"
  start=$(date +%s)
  JAZZER_FUZZ=1 mvn -B -ntp $MVN_OFFLINE -pl imap-codec test -Dtest="CodecFuzzTest#$t" \
      -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  # libFuzzer's last status line: "#<execs> DONE cov: <n> ft: <n> corp: <n>/<size> ..." (or the last pulse/NEW line)
  last=$(grep -aE '^#[0-9]+' "$log" | tail -1)
  execs=$(echo "$last" | sed -nE 's/^#([0-9]+).*/\1/p')
  cov=$(echo "$last" | sed -nE 's/.* cov: ([0-9]+).*/\1/p')
  corp=$(echo "$last" | sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p')
  if [ "$rc" -eq 0 ] && grep -q "BUILD SUCCESS" "$log"; then
    result="no finding"
  else
    result="FAILED (exit $rc; see $log)"
    status=1
  fi
  line=$(printf '%-13s %4ss  %10s execs  cov %-5s corpus %-5s %s' "$t" "$secs" "${execs:-?}" "${cov:-?}" \
      "${corp:-?}" "$result")
  echo "$line"
  summary+=("$line")
done
total=$(( $(date +%s) - campaign_start ))
# libFuzzer minimises the corpus under imap-codec/.cifuzz-corpus, deleting inputs that some checked-in copies still
# hold: put the checked-in ones back so a campaign leaves the working tree as it found it (new inputs stay, ignored)
git checkout -- imap-codec/.cifuzz-corpus 2>/dev/null || true
echo "----"
echo "campaign finished in ${total}s: ${#TARGETS[@]} target(s), $([ $status -eq 0 ] && echo 'no findings' || echo 'FAILURES')"
exit $status
