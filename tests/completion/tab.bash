# Presses Tab once, as bash's readline would, on a command line, and
# prints what a completion function put in COMPREPLY, one a line.
#
#   bash tab.bash COMPLETION-FILE 'crm configure primitive p '
#
# `crm` is whatever `crm` PATH finds (the caller puts crmsh's or ours
# first). Readline splits the line into COMP_WORDS at COMP_WORDBREAKS:
# blanks separate words and are dropped, a run of the other break
# characters (`:`, `=`, …) is a word of its own; a line ending in such a
# run completes that run. (Checked against an interactive bash.)
source "$1"
line=$2
breaks=${COMP_WORDBREAKS:-$' \t\n"\'><=;|&(:'}
words=()
cur=""
i=0
n=${#line}
while ((i < n)); do
  c=${line:i:1}
  if [[ $c == ' ' || $c == $'\t' ]]; then
    [[ -n $cur ]] && words+=("$cur")
    cur=""
  elif [[ $breaks == *"$c"* ]]; then
    [[ -n $cur ]] && words+=("$cur")
    cur=$c
    while ((i + 1 < n)) && [[ ${line:i+1:1} != ' ' && $breaks == *"${line:i+1:1}"* ]]; do
      i=$((i + 1))
      cur+=${line:i:1}
    done
    words+=("$cur")
    cur=""
  else
    cur+=$c
  fi
  i=$((i + 1))
done
last=${line: -1}
if [[ -n $cur || -z $line || $last == ' ' || $last == $'\t' ]]; then
  words+=("$cur")
fi
COMP_WORDS=("${words[@]}")
COMP_CWORD=$((${#words[@]} - 1))
COMP_LINE=$line
COMP_POINT=${#line}
COMPREPLY=()
spec=$(complete -p crm)
fn=${spec##*-F }
fn=${fn%% *}
"$fn" crm "${words[COMP_CWORD]}" "${words[COMP_CWORD-1]}"
for r in "${COMPREPLY[@]}"; do
  printf '%s\n' "$r"
done
