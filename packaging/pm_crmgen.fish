# fish completion for pm_crmgen (crmtool): its options, and sheets
# (CSV, xlsx) as the input file.
complete -c pm_crmgen -k -a '(__fish_complete_suffix .csv; __fish_complete_suffix .xlsx)'
@FISH_OPTIONS@
