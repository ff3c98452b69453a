#!/usr/bin/env python3
"""Records what crmsh 4.4 does when a file is loaded twice: for every .crm
of ../shared/conformance (not the .base.crm files) and of
../shared/pm_crmgen/cases, on a fresh offline CIB (the file's --schema and
--base from NAME.opts when present): `crm -F configure load update FILE`
twice, then the two configurations compared with ../shared/tools/cibdiff
(ids, order and comments).

Writes crmsh.tsv beside this script: file, first rc, second rc, and
`same` / `changed` / `-` (first load failed). tests/load_twice.rs reads it
and checks our crm on the files crmsh passes.

usage: record-crmsh.py [SHARED_DIR]   (default ../../../shared from here)
"""
import os, pathlib, shlex, shutil, subprocess, sys, tempfile

here = pathlib.Path(__file__).resolve().parent
shared = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else here / "../../../shared").resolve()
CIBDIFF = shared / "tools" / "cibdiff"
EMPTY = ('<cib validate-with="{s}" admin_epoch="0" epoch="0" num_updates="0"><configuration>'
         '<crm_config/><nodes/><resources/><constraints/></configuration><status/></cib>\n')


def crm(cib, *args):
    env = dict(os.environ, CIB_file=str(cib), HOME=tempfile.gettempdir())
    env.pop("CIB_shadow", None)
    cmd = ["crm", "-D", "plain", "-F"] + list(args)
    if os.geteuid() == 0 and shutil.which("unshare"):
        cmd = ["unshare", "-n"] + cmd
    return subprocess.run(cmd, env=env, capture_output=True, stdin=subprocess.DEVNULL,
                          timeout=600).returncode


def case(path):
    opts = path.with_suffix(".opts")
    schema, base = "pacemaker-3.9", None
    if opts.exists():
        words = shlex.split(opts.read_text())
        for i, w in enumerate(words):
            if w == "--schema":
                schema = words[i + 1]
            if w == "--base":
                base = path.parent / words[i + 1]
    with tempfile.TemporaryDirectory() as d:
        cib = pathlib.Path(d) / "cib.xml"
        cib.write_text(EMPTY.format(s=schema))
        if base:
            crm(cib, "configure", "load", "update", str(base))
        rc1 = crm(cib, "configure", "load", "update", str(path))
        first = pathlib.Path(d) / "first.xml"
        shutil.copy(cib, first)
        rc2 = crm(cib, "configure", "load", "update", str(path))
        if rc1 != 0:
            verdict = "-"
        else:
            same = subprocess.run([sys.executable, str(CIBDIFF), "-q", "--section", "configuration",
                                   str(first), str(cib)]).returncode == 0
            verdict = "same" if same else "changed"
        return rc1, rc2, verdict


def main():
    files = sorted(p for p in (shared / "conformance").glob("*.crm") if not p.name.endswith(".base.crm"))
    files += sorted((shared / "pm_crmgen" / "cases").glob("*.crm"))
    rows = ["# file\tfirst_rc\tsecond_rc\tverdict (crmsh 4.4: load update twice, cibdiff)"]
    for f in files:
        rc1, rc2, verdict = case(f)
        rel = f.relative_to(shared)
        rows.append("%s\t%d\t%d\t%s" % (rel, rc1, rc2, verdict))
        print(rows[-1], flush=True)
    (here / "crmsh.tsv").write_text("\n".join(rows) + "\n")


main()
