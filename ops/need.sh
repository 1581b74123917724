# Sourced by the scripts in ops/: makes sure the tools a script uses are there. What is missing is installed with
# apt-get when the script runs as root on Debian or Ubuntu; otherwise the script stops, naming the packages.
#
#   source ops/need.sh
#   need make-hard-week.sh ffmpeg:ffmpeg python3:python3 convert=ImageMagick:imagemagick /usr/bin/time:time
#
# Each argument after the script's name is TOOL:PACKAGE. TOOL is a command on the PATH, or an absolute path that must
# exist; COMMAND=WORD is a command whose "-version" output must name WORD (so that a look-alike of the same name,
# such as a stand-in "convert", does not count).

need() {
  local script=$1 spec tool pkg word
  shift
  local missing=()
  for spec in "$@"; do
    tool=${spec%%:*}
    pkg=${spec#*:}
    word=
    if [[ $tool == *=* ]]; then word=${tool#*=}; tool=${tool%%=*}; fi
    if [[ $tool == /* ]]; then
      [[ -e $tool ]] || missing+=("$pkg")
    elif ! command -v "$tool" >/dev/null 2>&1; then
      missing+=("$pkg")
    elif [[ -n $word ]] && ! "$tool" -version 2>/dev/null | grep -q "$word"; then
      missing+=("$pkg")
    fi
  done
  ((${#missing[@]})) || return 0
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "$script: installing ${missing[*]} with apt-get" >&2
    # a fresh machine may have no package lists yet: read them once if the first try fails
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; } \
      || { echo "$script: could not install ${missing[*]} (see apt-get's message above)" >&2; exit 1; }
  else
    echo "$script needs ${missing[*]}, which this machine lacks; install (Debian/Ubuntu): sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}
