#!/bin/sh
# Runs a command and then prints how long it took, on a line of its own:
#   timed.sh LABEL COMMAND [ARGUMENT...]   ->   "== LABEL: 83 s"
# so that a make test log shows where its minutes went.  Exits as the command.
label=$1
shift
start=$(date +%s)
"$@"
status=$?
echo "== $label: $(( $(date +%s) - start )) s$( [ $status -eq 0 ] || echo " (failed, exit $status)")"
exit $status
