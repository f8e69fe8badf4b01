#!/bin/bash
# Captures REST2 responses of a freshly seeded RT as test fixtures.
#
#   CSM_RT_NO_TEMPLATE=1 tests/rt/with-rt.sh tests/rt/capture-fixtures.sh tests/data/rt5
#
# Bodies are stored exactly as RT sent them (curl -o). Error cases (and the
# 200-with-error-message PUTs) are stored as .txt: status line, headers,
# blank line, body, with the header CRLFs turned into LFs. No request in
# here sends a token in the URL and no response contains one; the script
# checks that before it finishes.
set -euo pipefail

OUT=${1:?usage: capture-fixtures.sh OUTDIR}
: "${CSM_TEST_RT_URL:?run me under with-rt.sh}"
mkdir -p "$OUT/errors"
API="$CSM_TEST_RT_URL/REST/2.0"
SEED="$CSM_TEST_RT_DIR/seed.json"

# Header files keep the tokens out of argv (ps) and out of this script's output.
H="$CSM_TEST_RT_DIR/.cap-hdr"
umask 077
hdr() { printf 'Authorization: token %s\n' "$(cat "$1")" > "$H.$2"; }
hdr "$CSM_TEST_RT_TOKEN_FILE" root
hdr "$CSM_TEST_RT_VIEWER_TOKEN_FILE" viewer
hdr "$CSM_TEST_RT_DIR/tokens/alice" alice
hdr "$CSM_TEST_RT_DIR/tokens/carol" carol
printf 'Authorization: token 1-999-0123456789abcdef0123456789abcdef\n' > "$H.bogus"
umask 022

# body FILE WHO METHOD PATH [JSON]      -> $OUT/FILE (body only)
body() {
    local file=$1 who=$2 method=$3 path=$4 data=${5:-}
    local args=(-s -g -X "$method" -H @"$H.$who" -o "$OUT/$file" -w '%{http_code}')
    [ -n "$data" ] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
    local code
    code=$(curl "${args[@]}" "$API$path")
    printf '%-45s %s %s %s\n' "$file" "$code" "$method" "$path" >&2
}

# full FILE WHO METHOD PATH [JSON]      -> $OUT/errors/FILE (status, headers, body)
full() {
    local file=$1 who=$2 method=$3 path=$4 data=${5:-}
    local args=(-s -g -X "$method" -D "$OUT/errors/.h" -o "$OUT/errors/.b")
    [ "$who" != none ] && args+=(-H @"$H.$who")
    [ -n "$data" ] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
    curl "${args[@]}" "$API$path"
    { tr -d '\r' < "$OUT/errors/.h"; cat "$OUT/errors/.b"; } > "$OUT/errors/$file"
    rm -f "$OUT/errors/.h" "$OUT/errors/.b"
    printf '%-45s %s %s %s\n' "errors/$file" "$(head -n1 "$OUT/errors/$file" | cut -d' ' -f2)" "$method" "$path" >&2
}

enc() { perl -MURI::Escape -e 'print uri_escape($ARGV[0])' "$1"; }

GROUP=$(jq -r '.groups.Agents' "$SEED")
T_NEW=$(jq -r '.tickets.new_unowned' "$SEED")
T_OTHER=$(jq -r '.tickets.new_owned' "$SEED")      # erin's, not carol's

TFIELDS='id,Subject,Status,Queue,Owner,Priority,Created,LastUpdated,Starts,Started,Due,Resolved,Told,TimeWorked,TimeEstimated,SLA,Requestor,CustomFields,Creator'
TSUB='fields%5BQueue%5D=Name&fields%5BOwner%5D=Name%2CRealName'
TXQ="ObjectType='RT::Ticket' AND (Type='Create' OR Type='Correspond' OR Type='Comment' OR Type='Status' OR (Type='Set' AND Field='Owner') OR (Type='Set' AND Field='TimeWorked'))"
TXF='Type,Creator,Created,TimeTaken,Field,OldValue,NewValue,ObjectId,ObjectType'

# What Debian's security update deb12u7 changed for the agent list: RT's
# own groups are neither found nor read, users still tell their privilege.
# CSM_CAPTURE_ONLY=agents captures just these (and the version) into OUT.
body rt_deb12u7.json root GET /rt
body groups_search_privileged_deb12u7.json root POST '/groups' \
    '[{"field":"Name","value":"Privileged"},{"field":"Domain","value":"SystemInternal"}]'
full 404_privileged_group_deb12u7.txt root GET /group/4
full 404_privileged_members_deb12u7.txt root GET /group/4/members
body user_carol_deb12u7.json root GET /user/carol@example.com
body user_viewer_deb12u7.json root GET /user/viewer
if [ "${CSM_CAPTURE_ONLY:-}" != agents ]; then
body rt.json root GET /rt
body queues_all_fields.json root GET '/queues/all?fields=Name,Description,SLADisabled,Disabled'
body groups_search_agents.json root POST '/groups?fields=Name,Description,Domain' '[{"field":"Name","value":"Agents"}]'
body group_agents_members_fields.json root GET "/group/$GROUP/members?fields=Name,RealName,EmailAddress"
body user_alice.json root GET /user/alice
for p in 1 2 3; do
    body "tickets_full_page$p.json" root GET \
        "/tickets?query=$(enc 'id>0')&fields=$TFIELDS&$TSUB&orderby=id&order=ASC&per_page=5&page=$p"
done
# The incremental query the console repeats: nothing changed since the newest stamp.
NEWEST=$(curl -s -g -H @"$H.root" "$API/tickets?query=$(enc 'id>0')&fields=LastUpdated&orderby=LastUpdated&order=DESC&per_page=1" \
         | jq -r '.items[0].LastUpdated' | sed 's/T/ /; s/Z$//')
NEXT=$(date -u -d "$NEWEST UTC + 1 second" '+%Y-%m-%d %H:%M:%S')
echo "incremental stamp: LastUpdated >= '$NEXT' (newest ticket: $NEWEST)" >&2
body tickets_incremental_empty.json root GET \
    "/tickets?query=$(enc "LastUpdated >= '$NEXT'")&fields=$TFIELDS&$TSUB&orderby=LastUpdated&order=ASC&per_page=100"
for p in 1 2; do
    body "transactions_page$p.json" root GET \
        "/transactions?query=$(enc "$TXQ")&fields=$TXF&orderby=id&order=ASC&per_page=20&page=$p"
done

full 200_viewer_put_owner.txt viewer PUT "/ticket/$T_NEW" '{"Owner":"alice"}'
full 200_viewer_put_status.txt viewer PUT "/ticket/$T_NEW" '{"Status":"open"}'
full 401_no_auth.txt none GET /tickets?query=id%3E0
full 401_bad_token.txt bogus GET /rt
full 403_group_members_as_agent.txt alice GET "/group/$GROUP/members"
full 403_customer_other_ticket.txt carol GET "/ticket/$T_OTHER"
full 404_ticket.txt root GET /ticket/999999
full 400_bad_ticketsql.txt root GET "/tickets?query=$(enc "Queue = >= 'Support'")"
full 400_bad_transactionsql.txt root GET "/transactions?query=$(enc "Type = = 'Create'")"
fi

rm -f "$H".*
for t in "$CSM_TEST_RT_TOKEN_FILE" "$CSM_TEST_RT_VIEWER_TOKEN_FILE" "$CSM_TEST_RT_DIR"/tokens/*; do
    secret=$(cut -d- -f3 < "$t")
    if grep -rqF "$secret" "$OUT"; then
        echo "capture-fixtures: a token leaked into $OUT" >&2
        exit 1
    fi
done
echo "capture-fixtures: done (RT $(jq -r '.rt_version' "$SEED"))" >&2
