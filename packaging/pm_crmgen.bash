# bash completion for pm_crmgen (crmtool): its options, and sheets
# (CSV, xlsx) as the input file.
_crmtool_pm_crmgen() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    case $prev in
        -o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --sheet) COMPREPLY=(); return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W '@OPTIONS@' -- "$cur"))
    else
        COMPREPLY=($(compgen -f -X '!*.@(csv|CSV|xlsx|XLSX)' -- "$cur") $(compgen -d -- "$cur"))
    fi
}
complete -o filenames -F _crmtool_pm_crmgen pm_crmgen
