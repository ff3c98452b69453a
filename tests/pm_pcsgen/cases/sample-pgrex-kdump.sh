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
pcs -f "${xmlfile}" resource create ipaddr-primary ocf:heartbeat:IPaddr2 \
    ip="192.168.201.130" nic="eno2" cidr_netmask="24" \
    op start timeout=60s on-fail=restart \
    monitor timeout=60s interval=10s on-fail=restart \
    stop timeout=60s on-fail=fence

### Primitive Configuration
pcs -f "${xmlfile}" resource create ipaddr-replication ocf:heartbeat:IPaddr2 \
    ip="192.168.202.100" nic="eno4" cidr_netmask="24" \
    meta migration-threshold="0" \
    op start timeout=60s on-fail=stop \
    monitor timeout=60s interval=10s on-fail=restart \
    stop timeout=60s on-fail=ignore

### Group Configuration
pcs -f "${xmlfile}" resource group add primary-group ipaddr-primary ipaddr-replication

### Primitive Configuration
pcs -f "${xmlfile}" resource create ipaddr-standby ocf:heartbeat:IPaddr2 \
    ip="192.168.201.140" nic="eno2" cidr_netmask="24" \
    meta resource-stickiness="1" \
    op start timeout=60s on-fail=restart \
    monitor timeout=60s interval=10s on-fail=restart \
    stop timeout=60s on-fail=fence

### Primitive Configuration
pcs -f "${xmlfile}" resource create pgsql ocf:linuxhajp:pgsql \
    pgctl="/usr/bin/pg_ctl" psql="/usr/bin/psql" pgdata="/dbfp/pgdata/data" pgdba="postgres" pgport="5432" pgdb="template1" rep_mode="sync" node_list="db01 db02" master_ip="192.168.202.100" restore_command="/bin/cp /dbfp/pgarch/arc1/%f %p" repuser="repuser" primary_conninfo_opt="keepalives_idle=60 keepalives_interval=5 keepalives_count=5" stop_escalate="0" xlog_check_count="0" \
    op start timeout=300s on-fail=restart \
    monitor timeout=60s interval=10s on-fail=restart \
    monitor timeout=60s interval=9s on-fail=restart role=Promoted \
    promote timeout=300s on-fail=restart \
    demote timeout=300s on-fail=fence \
    notify timeout=60s \
    stop timeout=300s on-fail=fence

### Promotable Clone Configuration
pcs -f "${xmlfile}" resource promotable pgsql pgsql-clone
pcs -f "${xmlfile}" resource meta pgsql-clone promoted-max=1 promoted-node-max=1 clone-max=2 clone-node-max=1 notify=true priority=1

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
    drives="/dev/sda/dev/sdb" io_timeout="10" \
    op start timeout=120s on-fail=restart \
    monitor timeout=120s interval=10s on-fail=restart \
    stop timeout=120s on-fail=fence

### Clone Configuration
pcs -f "${xmlfile}" resource clone storage-mon storage-mon-clone

### STONITH Configuration
pcs -f "${xmlfile}" stonith create fence1-kdump fence_kdump \
    op start timeout=60s on-fail=restart \
    monitor timeout=60s interval=60s on-fail=restart \
    stop timeout=60s on-fail=ignore

### STONITH Configuration
pcs -f "${xmlfile}" stonith create fence1-ipmilan fence_ipmilan \
    pcmk_host_list="db01" ip="192.168.28.11" username="pacemaker" password="ipmipass1" lanplus="1" \
    op start timeout=60s on-fail=restart \
    monitor timeout=60s interval=3600s on-fail=restart \
    stop timeout=60s on-fail=ignore

### STONITH Configuration
pcs -f "${xmlfile}" stonith create fence2-kdump fence_kdump \
    op start timeout=60s on-fail=restart \
    monitor timeout=60s interval=60s on-fail=restart \
    stop timeout=60s on-fail=ignore

### STONITH Configuration
pcs -f "${xmlfile}" stonith create fence2-ipmilan fence_ipmilan \
    pcmk_host_list="db02" ip="192.168.28.12" username="pacemaker" password="ipmipass1" lanplus="1" \
    op start timeout=60s on-fail=restart \
    monitor timeout=60s interval=3600s on-fail=restart \
    stop timeout=60s on-fail=ignore

### STONITH Level
pcs -f "${xmlfile}" stonith level add 1 db01 fence1-kdump --force
pcs -f "${xmlfile}" stonith level add 2 db01 fence1-ipmilan --force
pcs -f "${xmlfile}" stonith level add 1 db02 fence2-kdump --force
pcs -f "${xmlfile}" stonith level add 2 db02 fence2-ipmilan --force

### Resource Location
pcs -f "${xmlfile}" constraint location fence1-kdump avoids db01
pcs -f "${xmlfile}" constraint location fence1-ipmilan avoids db01
pcs -f "${xmlfile}" constraint location fence2-kdump avoids db02
pcs -f "${xmlfile}" constraint location fence2-ipmilan avoids db02
pcs -f "${xmlfile}" constraint location ipaddr-standby rule score=200 pgsql-status eq HS:sync
pcs -f "${xmlfile}" constraint location ipaddr-standby rule score=100 pgsql-status eq PRI
pcs -f "${xmlfile}" constraint location ipaddr-standby rule score=-INFINITY not_defined pgsql-status
pcs -f "${xmlfile}" constraint location ipaddr-standby rule score=-INFINITY pgsql-status ne HS:sync and pgsql-status ne PRI
pcs -f "${xmlfile}" constraint location pgsql-clone rule score=-INFINITY ping-status lt 1 or not_defined ping-status or not_defined \#health-storage-mon

### Resource Colocation
pcs -f "${xmlfile}" constraint colocation add pgsql-clone with ping-clone score=INFINITY
pcs -f "${xmlfile}" constraint colocation add pgsql-clone with storage-mon-clone score=INFINITY
pcs -f "${xmlfile}" constraint colocation add primary-group with Promoted pgsql-clone score=INFINITY

### Resource Order
pcs -f "${xmlfile}" constraint order ping-clone then pgsql-clone symmetrical=false
pcs -f "${xmlfile}" constraint order storage-mon-clone then pgsql-clone symmetrical=false
pcs -f "${xmlfile}" constraint order promote pgsql-clone then start primary-group symmetrical=false
pcs -f "${xmlfile}" constraint order demote pgsql-clone then stop primary-group kind=Optional symmetrical=false
