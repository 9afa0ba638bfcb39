#!/bin/sh
# The import graph between top-level modules of src/, as `from to` lines
# (from every `crate::x` and `crate::{x, y}` path), checked for circles by
# tsort, and the one rule a grep can show: src/app never names crate::ui.
# Exit 0 when both hold. tests/it/layers.rs checks the same in `cargo test`.
set -eu
cd "$(dirname "$0")/.."
edges=$(
    find src -name '*.rs' ! -path src/lib.rs ! -path src/main.rs | sort | while read -r f; do
        from=$(echo "$f" | cut -d/ -f2 | sed 's/\.rs$//')
        # One file's text on one line, so a `crate::{...}` group may span lines.
        tr '\n' ' ' <"$f" |
            grep -oE '(^|[^$[:alnum:]_])crate::(\{[^}]*|[a-z_]+)' |
            sed -E 's/^.?crate:://; s/^\{//' | tr ',' '\n' |
            sed -E 's/^[[:space:]]*([a-z_]+).*/\1/' | grep -E '^[a-z_]+$' |
            sort -u | awk -v from="$from" '$1 != from { print from, $1 }'
    done | sort -u
)
echo "$edges"
status=0
if ! echo "$edges" | tsort >/dev/null; then
    echo "layers: an import circle (tsort names it above)" >&2
    status=1
fi
if grep -rnE 'crate::(\{[^}]*)?\bui\b' src/app; then
    echo "layers: src/app names crate::ui" >&2
    status=1
fi
exit $status
