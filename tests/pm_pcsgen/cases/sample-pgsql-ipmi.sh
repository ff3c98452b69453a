#!/bin/sh

xmlfile=$(basename "$0" .sh).xml
pcs cluster cib "${xmlfile}"

### Cluster Option
pcs -f "${xmlfile}" property set priority-fencing-delay=10s
pcs -f "${xmlfile}" property set node-health-strategy=only-green

### Resource Defaults
pcs -f "${xmlfile}" resource defaults update resource-stickiness=200
pcs -f "${xmlfile}" resource defaults update migration-threshold=1

### Primitive Configuration
pcs -f "${xmlfile}" resource create filesystem1 ocf:heartbeat:Filesystem \
    device="/dev/mapper/mpatha2" directory="/dbfp/pgdata" fstype="xfs" fast_stop="yes" force_unmount="safe" \
    op start timeout=60s on-fail=restart \
    monitor timeout=60s interval=10s on-fail=restart \
    stop timeout=60s on-fail=fence

### Primitive Configuration
pcs -f "${xmlfile}" resource create filesystem2 ocf:heartbeat:Filesystem \
    device="/dev/mapper/mpatha3" directory="/dbfp/pgwal" fstype="xfs" fast_stop="yes" force_unmount="safe" \
    op start timeout=60s on-fail=restart \
    monitor timeout=60s interval=10s on-fail=restart \
    stop timeout=60s on-fail=fence

### Primitive Configuration
pcs -f "${xmlfile}" resource create filesystem3 ocf:heartbeat:Filesystem \
    device="/dev/mapper/mpatha4" directory="/dbfp/pgarch" fstype="xfs" fast_stop="yes" force_unmount="safe" \
    op start timeout=60s on-fail=restart \
    monitor timeout=60s interval=10s on-fail=restart \
    stop timeout=60s on-fail=fence

### Primitive Configuration
pcs -f "${xmlfile}" resource create ipaddr ocf:heartbeat:IPaddr2 \
    ip="192.168.201.130" nic="eno2" cidr_netmask="24" \
    op start timeout=60s on-fail=restart \
    monitor timeout=60s interval=10s on-fail=restart \
    stop timeout=60s on-fail=fence

### Primitive Configuration
pcs -f "${xmlfile}" resource create pgsql ocf:linuxhajp:pgsql \
    pgctl="/usr/bin/pg_ctl" psql="/usr/bin/psql" pgdata="/dbfp/pgdata/data" pgdba="postgres" pgport="5432" pgdb="template1" \
    op start timeout=300s on-fail=restart \
    monitor timeout=60s interval=10s on-fail=restart \
    stop timeout=300s on-fail=fence

### Group Configuration
pcs -f "${xmlfile}" resource group add pgsql-group filesystem1 filesystem2 filesystem3 ipaddr pgsql
pcs -f "${xmlfile}" resource meta pgsql-group priority=1

### Primitive Configuration
pcs -f "${xmlfile}" resource create ping ocf:pacemaker:ping \
    name="ping-status" host_list="192.168.201.254" attempts="2" timeout="2" debug="true" \
    op start timeout=60s on-fail=restart \
    monitor timeout=60s interval=10s on-fail=restart \
    stop timeout=60s on-fail=fence

### Clone Configuration
pcs -f "${xmlfile}" resource clone ping ping-clone

### Primitive Configuration
pcs -f "${xmlfile}" resource create storage-mon ocf:heartbeat:storage-mon \
    drives="/dev/sda /dev/mapper/mpatha" io_timeout="10" \
    op start timeout=120s on-fail=restart \
    monitor timeout=120s interval=10s on-fail=restart \
    stop timeout=120s on-fail=fence

### Clone Configuration
pcs -f "${xmlfile}" resource clone storage-mon storage-mon-clone

### STONITH Configuration
pcs -f "${xmlfile}" stonith create fence1-ipmilan fence_ipmilan \
    pcmk_host_list="db01" ip="192.168.28.11" username="pacemaker" password="ipmipass1" lanplus="1" \
    op start timeout=60s on-fail=restart \
    monitor timeout=60s interval=3600s on-fail=restart \
    stop timeout=60s on-fail=ignore

### STONITH Configuration
pcs -f "${xmlfile}" stonith create fence2-ipmilan fence_ipmilan \
    pcmk_host_list="db02" ip="192.168.28.12" username="pacemaker" password="ipmipass1" lanplus="1" \
    op start timeout=60s on-fail=restart \
    monitor timeout=60s interval=3600s on-fail=restart \
    stop timeout=60s on-fail=ignore

### Resource Location
pcs -f "${xmlfile}" constraint location pgsql-group prefers db01=200
pcs -f "${xmlfile}" constraint location pgsql-group prefers db02=100
pcs -f "${xmlfile}" constraint location fence1-ipmilan avoids db01
pcs -f "${xmlfile}" constraint location fence2-ipmilan avoids db02
pcs -f "${xmlfile}" constraint location pgsql-group rule score=-INFINITY ping-status lt 1 or not_defined ping-status or not_defined \#health-storage-mon

### Resource Colocation
pcs -f "${xmlfile}" constraint colocation add pgsql-group with ping-clone score=INFINITY
pcs -f "${xmlfile}" constraint colocation add pgsql-group with storage-mon-clone score=INFINITY

### Resource Order
pcs -f "${xmlfile}" constraint order ping-clone then pgsql-group symmetrical=false
pcs -f "${xmlfile}" constraint order storage-mon-clone then pgsql-group symmetrical=false
