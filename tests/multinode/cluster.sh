#!/bin/bash
# A throwaway Pacemaker cluster of N nodes (n1..nN) on this one machine, for the
# project's multi-node tests (tests/multinode.rs, .ci/run).
#
# Each node lives in namespaces of its own: a network namespace crmtN with
# eth0 = 10.77.0.N/24 on a bridge (itself in namespace crmt0, so the host's
# network is never touched), and a persistent mount + UTS namespace with hostname
# nN and private /dev/shm, /run, /var/lib/pacemaker, /var/lib/corosync,
# /etc/corosync, /var/log and /root, and a copy-on-write /etc (so /etc/hosts,
# /etc/passwd and ~/.ssh are the node's own). Real corosync, pacemakerd and
# an sshd (on the node's own address, port 22) run in each.
# A Pacemaker cluster running in the host's own namespaces is neither seen nor
# touched: processes are only ever killed by the network namespace they are in.
#
#   cluster.sh up [N] [--fencing]   build and start; waits for all nodes online + DC
#   cluster.sh exec NODE CMD...     run CMD in NODE's namespaces (cwd and env kept)
#   cluster.sh remote NODE CMD...   the same, usable from inside another node too
#                                   (what crm's CRM_REMOTE uses instead of ssh;
#                                   plain ssh to nN works too once keys are set)
#   cluster.sh kill NODE            crash NODE: SIGKILL everything in its netns
#   cluster.sh start NODE           fresh /run and /dev/shm, start daemons, wait online
#   cluster.sh daemons NODE         start only corosync + pacemakerd (no wait)
#   cluster.sh status | down
#
# The bridge answers at 10.77.0.254 (a gateway for ocf:pacemaker:ping).
#
# Environment: CRMT_STATE (default /tmp/crmt), CRMT_TIMEOUT (s, default 120),
# CRMT_TOKEN (corosync token in ms, default 3000).
set -u

S=${CRMT_STATE:-/tmp/crmt}
S=${S%/}
case $S in /?*/?*) ;; *) echo "cluster.sh: CRMT_STATE must be an absolute path like /tmp/crmt" >&2; exit 2 ;; esac
TIMEOUT=${CRMT_TIMEOUT:-120}
TOKEN=${CRMT_TOKEN:-3000}
ME=$(readlink -f "${BASH_SOURCE[0]}")
DIR=$(dirname "$ME")
P=crmt               # namespace names crmt0 (bridge), crmt1..crmtN (nodes)
BRIDGE=br-crmt
SUBNET=10.77.0
MARKER=.crmt-cluster
SAFE_PATH=/usr/sbin:/usr/bin:/sbin:/bin

say() { echo "cluster.sh: $*" >&2; }
fail() { say "error: $*"; exit 1; }

[ "$(id -u)" = 0 ] || [ "${1:-}" = help ] || fail "run as root (namespaces, mounts)"

num() { # "2" or "n2" -> 2
    local n=${1#n}
    [[ $n =~ ^[1-9][0-9]?$ ]] || fail "not a node: '${1:-}'"
    echo "$n"
}

ns_inode() { stat -L -c %i "/run/netns/$1" 2>/dev/null; }

# Processes whose network namespace is the one with inode $1 (never ours or init's).
netns_pids() {
    local ino=$1
    [ -n "$ino" ] || return 0
    [ "net:[$ino]" = "$(readlink /proc/1/ns/net 2>/dev/null)" ] && return 0
    [ "net:[$ino]" = "$(readlink /proc/self/ns/net)" ] && return 0
    local p
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/ns/net" 2>/dev/null)" = "net:[$ino]" ] && echo "${p#/proc/}"
    done
    return 0
}

kill_node_procs() { # node number
    local ino pids i
    ino=$(cat "$S/n$1/netns.ino" 2>/dev/null) || ino=$(ns_inode "$P$1")
    pids=$(netns_pids "$ino")
    [ -n "$pids" ] || return 0
    kill -KILL $pids 2>/dev/null
    for i in $(seq 100); do
        [ -z "$(netns_pids "$ino")" ] && return 0
        sleep 0.1
    done
    say "warning: n$1: processes left after SIGKILL: $(netns_pids "$ino" | tr '\n' ' ')"
}

enter() { # node, command... : in the node's namespaces, from the host
    local n=$1; shift
    nsenter --net="/run/netns/$P$n" --mount="$S/ns/mnt$n" --uts="$S/ns/uts$n" -- "$@"
}

alive() { # pidfile: the process lives and is not a zombie
    local pid
    pid=$(cat "$1" 2>/dev/null) || return 1
    [ -n "$pid" ] && [ -d "/proc/$pid" ] && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]
}

corosync_conf() { # nodes
    cat <<EOF
# written by tests/multinode/cluster.sh
totem {
    version: 2
    cluster_name: crmt
    transport: knet
    crypto_cipher: none
    crypto_hash: none
    token: $TOKEN
}
logging {
    to_stderr: yes
    to_logfile: no
    to_syslog: no
    timestamp: on
}
quorum {
    provider: corosync_votequorum
EOF
    [ "$1" = 2 ] && echo "    two_node: 1"
    echo "}"
    echo "nodelist {"
    local i
    for i in $(seq "$1"); do
        printf '    node {\n        name: n%s\n        nodeid: %s\n        ring0_addr: %s.%s\n    }\n' "$i" "$i" "$SUBNET" "$i"
    done
    echo "}"
}

# The first CIB of every node: just the cluster options (fencing devices come
# from the tests' own configuration, loaded through crm).
first_cib() { # fencing(0|1)
    local se=false
    [ "$1" = 1 ] && se=true
    cibadmin --empty | sed "s#<crm_config/>#<crm_config><cluster_property_set id=\"cib-bootstrap-options\"><nvpair id=\"cib-bootstrap-options-stonith-enabled\" name=\"stonith-enabled\" value=\"$se\"/><nvpair id=\"cib-bootstrap-options-cluster-name\" name=\"cluster-name\" value=\"crmt\"/><nvpair id=\"cib-bootstrap-options-dc-deadtime\" name=\"dc-deadtime\" value=\"5s\"/></cluster_property_set></crm_config>#"
}

# Inside the new mount/UTS namespace of node $1 (propagation private).
node_init() {
    set -e
    local n=$1 R=$S/n$1 m
    # Namespace files of other nodes were copied into this mount namespace;
    # they would keep those namespaces alive, so drop them here.
    findmnt -rn -t nsfs -o TARGET | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
    while mountpoint -q "$S/ns"; do umount -l "$S/ns"; done
    hostname "n$n"
    umount -l /sys 2>/dev/null || true
    mount -t sysfs crmt-sys /sys 2>/dev/null || true
    mount -t tmpfs -o mode=1777,size=256m crmt-shm /dev/shm
    mount --bind "$R/lib" /var/lib/pacemaker
    mount --bind "$R/corosync" /var/lib/corosync
    mount --bind "$R/log" /var/log
    mount --bind "$R/run" /run
    # /etc copy-on-write and an empty /root: the node's own hosts, passwd, ssh keys
    mount -t overlay crmt-etc -o "lowerdir=/etc,upperdir=$R/etc-up,workdir=$R/etc-work" /etc
    mount --bind "$R/root" /root
    mount --bind "$R/etc" /etc/corosync
    {
        echo "127.0.0.1 localhost"
        for m in $(seq "$(cat "$S/nodes")"); do echo "$SUBNET.$m n$m"; done
    } >/etc/hosts
    # pacemaker-fenced looks for fence agents in /usr/sbin only
    mount -t overlay crmt-sbin -o "lowerdir=$S/sbin:/usr/sbin" /usr/sbin ||
        echo "cluster.sh: warning: no overlay on /usr/sbin; stonith:fence_test missing on n$n" >&2
}

make_namespaces() { # node
    : >"$S/ns/mnt$1"; : >"$S/ns/uts$1"
    nsenter --net="/run/netns/$P$1" -- \
        unshare --mount="$S/ns/mnt$1" --uts="$S/ns/uts$1" --propagation private \
        env CRMT_STATE="$S" bash "$ME" __init "$1" || fail "namespaces of n$1"
}

drop_namespaces() { umount "$S/ns/mnt$1" 2>/dev/null; umount "$S/ns/uts$1" 2>/dev/null; return 0; }

launch() { # node, name, command...: a daemon in the node, pid in $S/nN/name.pid
    local n=$1 name=$2 R=$S/n$1 i; shift 2
    rm -f "$R/$name.pid"
    # The daemon keeps no descriptor of ours beyond 0-2 (a caller's lock such
    # as flock's on /tmp/crm-live.lock would otherwise be held until it exits).
    setsid bash -c 'echo $$ >"$0"; for f in $(ls /proc/$$/fd); do [ "$f" -gt 2 ] && eval "exec $f>&-"; done; exec "$@"' "$R/$name.pid" \
        nsenter --net="/run/netns/$P$n" --mount="$S/ns/mnt$n" --uts="$S/ns/uts$n" -- \
        env -i PATH="$SAFE_PATH" LANG=C.UTF-8 HOME=/root "$@" >>"$R/$name.out" 2>&1 </dev/null &
    for i in $(seq 50); do [ -s "$R/$name.pid" ] && return 0; sleep 0.05; done
    fail "n$n: $name did not start"
}

start_daemons() { # node
    local n=$1 t
    # The anchor stands for the node's ssh daemon: "remote" enters the node through
    # its /proc entry, which works from inside other nodes' mount namespaces too.
    alive "$S/n$n/anchor.pid" || launch "$n" anchor sleep infinity
    mkdir -p "$S/n$n/run/sshd"
    # root may log in with a password (what crmsh's join types through
    # ssh-copy-id once); the nodes have no root password unless a test sets one.
    alive "$S/n$n/sshd.pid" || launch "$n" sshd /usr/sbin/sshd -D -e -o ListenAddress="$SUBNET.$n" \
        -o PidFile=none -o UseDNS=no -o PermitRootLogin=yes
    launch "$n" corosync corosync -f
    for t in $(seq 150); do
        enter "$n" corosync-cmapctl -g totem.cluster_name >/dev/null 2>&1 && break
        alive "$S/n$n/corosync.pid" || { tail -n 20 "$S/n$n/corosync.out" >&2; fail "n$n: corosync exited"; }
        sleep 0.2
    done
    launch "$n" pacemakerd pacemakerd
}

# Seen from node $1: a DC, and nodes $2... online and not pending.
complete() {
    local seen=$1 xml i tag; shift
    xml=$(enter "$seen" crm_mon -1 --output-as=xml 2>/dev/null) || return 1
    grep -q '<current_dc present="true"' <<<"$xml" || return 1
    for i in "$@"; do
        tag=$(grep -o "<node name=\"n$i\" [^>]*>" <<<"$xml") || return 1
        [[ $tag == *'online="true"'* && $tag != *'pending="true"'* ]] || return 1
    done
}

wait_complete() { # what, seen-from, nodes...
    local what=$1 deadline=$(( $(date +%s) + TIMEOUT )) n; shift
    until complete "$@"; do
        if [ "$(date +%s)" -ge "$deadline" ]; then
            enter "$1" crm_mon -1 >&2 2>&1
            for n in "${@:2}"; do tail -n 15 "$S/n$n/log/pacemaker/pacemaker.log" >&2 2>/dev/null; done
            fail "$what: cluster not complete after ${TIMEOUT}s (state in $S)"
        fi
        sleep 0.5
    done
}

cmd_up() {
    local N=3 fencing=0 a i t0=$SECONDS
    for a in "$@"; do
        case $a in
            --fencing) fencing=1 ;;
            [1-9]|[1-9][0-9]) N=$a ;;
            *) fail "up: unexpected '$a' (up [N] [--fencing])" ;;
        esac
    done
    for a in ip nsenter unshare findmnt setsid corosync pacemakerd crm_mon cibadmin corosync-cmapctl sshd; do
        command -v "$a" >/dev/null || fail "$a is not installed (pacemaker, corosync, iproute2, util-linux, openssh-server)"
    done
    if [ -e "$S" ] || ip netns list | grep -Eq "^$P[0-9]+( |$)"; then cmd_down >/dev/null; fi
    [ ! -e "$S" ] || fail "$S exists and is not ours; remove it or set CRMT_STATE"
    mkdir -p "$S/ns" "$S/sbin" && : >"$S/$MARKER" || fail "cannot create $S"
    mount --bind "$S/ns" "$S/ns" && mount --make-private "$S/ns" || fail "bind mount of $S/ns"
    echo "$N" >"$S/nodes"
    install -m 0755 "$DIR/fence_test" "$S/sbin/fence_test"
    : >"$S/fence.log"
    corosync_conf "$N" >"$S/corosync.conf"
    first_cib "$fencing" >"$S/cib.xml" || fail "cibadmin --empty"

    ip netns add "${P}0" && ip -n "${P}0" link add "$BRIDGE" type bridge && ip -n "${P}0" link set "$BRIDGE" up ||
        fail "bridge"
    # a "gateway" address on the bridge, for ocf:pacemaker:ping to reach
    ip -n "${P}0" addr add "$SUBNET.254/24" dev "$BRIDGE"
    for i in $(seq "$N"); do
        ip netns add "$P$i" || fail "ip netns add $P$i"
        ip netns exec "$P$i" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 >/dev/null 2>&1
        ip -n "${P}0" link add "v$P$i" type veth peer name eth0 netns "$P$i" || fail "veth of n$i"
        ip -n "${P}0" link set "v$P$i" master "$BRIDGE" up
        ip -n "$P$i" link set lo up
        ip -n "$P$i" addr add "$SUBNET.$i/24" dev eth0
        ip -n "$P$i" link set eth0 up
        local R=$S/n$i
        mkdir -p "$R"/lib/{cib,pengine,blackbox,cores} "$R"/run/{crm,pacemaker,resource-agents} \
            "$R"/log/{pacemaker,corosync} "$R/corosync" "$R/etc" "$R"/etc-{up,work} "$R/root"
        ns_inode "$P$i" >"$R/netns.ino"
        cp "$S/corosync.conf" "$R/etc/corosync.conf"
        cp "$S/cib.xml" "$R/lib/cib/cib.xml"
        chown -R hacluster:haclient "$R/lib" "$R/log/pacemaker"
        chmod 0750 "$R"/lib/{cib,pengine,blackbox,cores}
        chmod 0600 "$R/lib/cib/cib.xml"
        make_namespaces "$i"
    done
    for i in $(seq "$N"); do start_daemons "$i"; done
    wait_complete up 1 $(seq "$N")
    echo "cluster up: $N nodes n1..n$N ($SUBNET.1-$N), fencing $([ $fencing = 1 ] && echo on || echo off), $((SECONDS - t0)) s, state $S"
}

cmd_down() {
    local names ns n f
    names=$( { ls "$S" 2>/dev/null | sed -n 's/^n\([0-9]*\)$/\1/p'
               ip netns list 2>/dev/null | awk '{print $1}' | sed -n "s/^$P\([1-9][0-9]*\)$/\1/p"; } | sort -u)
    for n in $names; do kill_node_procs "$n"; done
    for f in $(findmnt -rn -o TARGET | grep "^$S/" | sort -r); do umount "$f" 2>/dev/null || umount -l "$f"; done
    for n in $names 0; do [ -e "/run/netns/$P$n" ] && ip netns del "$P$n"; done
    if [ -e "$S/$MARKER" ]; then
        findmnt -rn -o TARGET | grep -q "^$S/" && fail "mounts left under $S"
        rm -rf --one-file-system "$S"
    fi
    echo "cluster down"
}

cmd_exec() { # from the host: persistent namespace files; keeps cwd and environment
    local n
    n=$(num "${1:-}") || exit 2; shift
    [ -e "$S/ns/mnt$n" ] || fail "no node n$n (cluster.sh up)"
    exec nsenter --net="/run/netns/$P$n" --mount="$S/ns/mnt$n" --uts="$S/ns/uts$n" -- \
        env HOSTNAME="n$n" CRMT_STATE="$S" /bin/sh -c 'cd "$0" 2>/dev/null || cd /; exec "$@"' "$PWD" "$@"
}

cmd_remote() { # from anywhere (also inside a node): through the anchor's /proc entry
    local n pid
    n=$(num "${1:-}") || exit 2; shift
    alive "$S/n$n/anchor.pid" || { echo "ssh: connect to host n$n: node unreachable" >&2; exit 255; }
    pid=$(cat "$S/n$n/anchor.pid")
    exec nsenter -t "$pid" --net --mount --uts -- \
        env HOSTNAME="n$n" CRMT_STATE="$S" /bin/sh -c 'cd "$0" 2>/dev/null || cd /; exec "$@"' "$PWD" "$@"
}

cmd_kill() {
    local n
    n=$(num "${1:-}") || exit 2
    kill_node_procs "$n"
    rm -f "$S/n$n"/*.pid
    echo "n$n killed"
}

cmd_start() {
    local n t0=$SECONDS
    n=$(num "${1:-}") || exit 2
    kill_node_procs "$n"
    drop_namespaces "$n"
    rm -rf "$S/n$n/run" && mkdir -p "$S/n$n"/run/{crm,pacemaker,resource-agents}
    make_namespaces "$n"
    start_daemons "$n"
    wait_complete "start n$n" "$n" "$n"
    echo "n$n started and online, $((SECONDS - t0)) s"
}

cmd_status() {
    [ -f "$S/nodes" ] || { echo "no cluster in $S"; return 3; }
    local N i rc=0
    N=$(cat "$S/nodes")
    for i in $(seq "$N"); do
        local c=down p=down
        alive "$S/n$i/corosync.pid" && c=up
        alive "$S/n$i/pacemakerd.pid" && p=up
        echo "n$i: corosync $c, pacemakerd $p"
        [ $c = up ] && [ $p = up ] || rc=1
    done
    return $rc
}

case ${1:-} in
    up) shift; cmd_up "$@" ;;
    down) cmd_down ;;
    exec) shift; cmd_exec "$@" ;;
    remote) shift; cmd_remote "$@" ;;
    kill) cmd_kill "${2:-}" ;;
    start) cmd_start "${2:-}" ;;
    daemons) n=$(num "${2:-}") && start_daemons "$n" ;;
    status) cmd_status ;;
    __init) node_init "$2" ;;
    *) sed -n '2,/^set -u/{/^#/s/^# \{0,1\}//p}' "$ME" >&2; exit 2 ;;
esac
