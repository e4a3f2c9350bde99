#!/usr/bin/env bash
# Starts or stops only PostgreSQL and Kafka, for running integration tests from an IDE or with
# ./mvnw directly:
#
#   deploy/infra.sh up|down|status [test|default|e2e]
#
# `test` (the default here) is what the integration tests expect: Kafka 127.0.0.1:29092 and
# PostgreSQL 127.0.0.1:25432 (user/password longshore), home .longshore/test-infra. Same as
# `./longshore --stack test infra up|down|status`.
set -euo pipefail
action=${1:?usage: deploy/infra.sh up|down|status [test|default|e2e]}
stack=${2:-test}
exec "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../longshore" --stack "$stack" infra "$action"
