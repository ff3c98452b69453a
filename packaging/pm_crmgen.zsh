#compdef pm_crmgen
# zsh completion for pm_crmgen (crmtool): its options, and sheets
# (CSV, xlsx) as the input file.
_crmtool_pm_crmgen() {
    _arguments -s \
@ZSH_OPTIONS@
        '1:sheet:_files -g "*.(csv|CSV|xlsx|XLSX)"'
}
if (( $+functions[compdef] )); then
    compdef _crmtool_pm_crmgen pm_crmgen
fi
