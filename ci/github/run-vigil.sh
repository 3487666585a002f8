#!/usr/bin/env bash
# Runs `vigil ci` for action.yml with the action's inputs (VIGIL_INPUT_*) and records its exit
# code as a step output, so the SARIF upload after it runs before the job fails.
set -uo pipefail

args=(ci --fail-on "${VIGIL_INPUT_FAIL_ON:-error}" --max-comments "${VIGIL_INPUT_MAX_COMMENTS:-25}"
      --format sarif --output "${VIGIL_INPUT_SARIF:-vigil.sarif}" --format text)
[[ -n ${VIGIL_INPUT_MODELS:-} ]] && args+=(--model "$VIGIL_INPUT_MODELS")
[[ -n ${VIGIL_INPUT_ENDPOINT:-} ]] && args+=(--endpoint "$VIGIL_INPUT_ENDPOINT")
[[ ${VIGIL_INPUT_POST_COMMENTS:-true} == true ]] || args+=(--no-comments)
if [[ -n ${VIGIL_INPUT_ARGS:-} ]]; then
    read -r -a extra <<<"$VIGIL_INPUT_ARGS"
    args+=("${extra[@]}")
fi

if ! command -v vigil >/dev/null 2>&1; then
    echo "::error::vigil is not installed on this runner (the action runs it from PATH)"
    echo "exit-code=3" >>"$GITHUB_OUTPUT"
    exit 0
fi
vigil "${args[@]}"
code=$?
echo "exit-code=$code" >>"$GITHUB_OUTPUT"
exit 0
