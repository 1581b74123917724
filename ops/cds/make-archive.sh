#!/usr/bin/env bash
# Class-data sharing for Ensemble's commands and server: a JVM that maps the classes a start loads from an archive
# instead of reading, verifying and parsing them from the jar again halves the CPU a command spends before it works.
#
#   bash ops/cds/make-archive.sh [target/ensemble.jar] [target/cds]
#   java -XX:SharedArchiveFile=target/cds/ensemble.jsa -jar target/cds/ensemble.jar status --show create-together
#
# CDS needs plain jars on the class path, so the jar is first extracted (Spring Boot's jar mode "tools"); the archive
# then records the classes of one real command (status on a new, throwaway home: Flyway, Batch, Quartz, the database).
# Make it again after every build, with the same java that runs it: a JVM given an archive that does not match its
# jar or itself says so and runs without it.
set -euo pipefail

jar=${1:-target/ensemble.jar}
out=${2:-target/cds}
[[ -f "$jar" ]] || { echo "No $jar: build it first (./mvnw -q -DskipTests package)" >&2; exit 1; }

rm -rf "$out"
java -Djarmode=tools -jar "$jar" extract --destination "$out" >/dev/null
name=$(basename "$jar")
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
java -XX:ArchiveClassesAtExit="$out/ensemble.jsa" -jar "$out/$name" status --home "$home" >/dev/null 2>"$out/training.log" \
    || { echo "The training run failed; see $out/training.log" >&2; exit 1; }
echo "java -XX:SharedArchiveFile=$out/ensemble.jsa -jar $out/$name <command> ...   (or with no command: the server)"
