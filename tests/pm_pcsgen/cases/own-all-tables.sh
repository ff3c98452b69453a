#!/bin/sh

xmlfile=$(basename "$0" .sh).xml
pcs cluster cib "${xmlfile}"

### Cluster Option
pcs -f "${xmlfile}" property set stonith-enabled=true
pcs -f "${xmlfile}" property set no-quorum-policy=freeze

### Resource Defaults
pcs -f "${xmlfile}" resource defaults update resource-stickiness=INFINITY

### Operation Defaults
pcs -f "${xmlfile}" resource op defaults update record-pending=true

### Primitive Configuration
pcs -f "${xmlfile}" resource create web-a ocf:pacemaker:Dummy \
    fake="alpha" state="/run/web-a.state" \
    meta target-role="Started" \
    op start timeout=30s on-fail=restart \
    monitor timeout=20s interval=10s on-fail=restart \
    stop timeout=30s on-fail=block

pcs -f "${xmlfile}" resource utilization web-a cpu=2

### Primitive Configuration
pcs -f "${xmlfile}" resource create web-b ocf:pacemaker:Dummy \
    op monitor timeout=20s interval=15s

### Group Configuration
pcs -f "${xmlfile}" resource group add web-group web-a web-b
pcs -f "${xmlfile}" resource meta web-group priority=2

### Clone Configuration
pcs -f "${xmlfile}" resource clone web-group web-clone
pcs -f "${xmlfile}" resource meta web-clone clone-max=2 interleave=true

### Primitive Configuration
pcs -f "${xmlfile}" resource create state ocf:pacemaker:Stateful \
    op monitor timeout=20s interval=11s role=Promoted \
    monitor timeout=20s interval=12s role=Unpromoted \
    promote timeout=20s

### Promotable Clone Configuration
pcs -f "${xmlfile}" resource promotable state state-clone
pcs -f "${xmlfile}" resource meta state-clone promoted-max=1

### Primitive Configuration
pcs -f "${xmlfile}" resource create vip ocf:heartbeat:IPaddr2 \
    ip="192.168.100.10" cidr_netmask="24" \
    op monitor timeout=20s interval=10s on-fail=restart start-delay=5s

### STONITH Configuration
pcs -f "${xmlfile}" stonith create fence-n1 fence_dummy \
    pcmk_host_list="node1" \
    meta priority="10" \
    op monitor timeout=60s interval=3600s

### Group Configuration
pcs -f "${xmlfile}" resource group add fence-group fence-n1

### STONITH Configuration
pcs -f "${xmlfile}" stonith create fence-n2 fence_dummy \
    pcmk_host_list="node2"

### STONITH Level
pcs -f "${xmlfile}" stonith level add 1 node1 fence-n1 --force
pcs -f "${xmlfile}" stonith level add 2 node1 fence-n2 --force
pcs -f "${xmlfile}" stonith level add 1 node2 fence-n2 --force

### Resource Location
pcs -f "${xmlfile}" constraint location vip prefers node1=200
pcs -f "${xmlfile}" constraint location vip prefers node2=100
pcs -f "${xmlfile}" constraint location fence-group avoids node1
pcs -f "${xmlfile}" constraint location fence-n2 avoids node2=INFINITY
pcs -f "${xmlfile}" constraint location state-clone prefers node1
pcs -f "${xmlfile}" constraint location state-clone rule role=promoted score=-INFINITY pingd lt 1 or not_defined pingd
pcs -f "${xmlfile}" constraint location vip rule score=100 \#uname eq node1
pcs -f "${xmlfile}" constraint location web-clone rule score=-INFINITY defined standby-ok

### Resource Colocation
pcs -f "${xmlfile}" constraint colocation add Started vip with Promoted state-clone score=INFINITY
pcs -f "${xmlfile}" constraint colocation add web-clone with vip score=-100
pcs -f "${xmlfile}" constraint colocation add vip with web-clone score=INFINITY

### Resource Order
pcs -f "${xmlfile}" constraint order promote state-clone then start vip kind=Mandatory symmetrical=false
pcs -f "${xmlfile}" constraint order web-clone then vip kind=Serialize
pcs -f "${xmlfile}" constraint order start vip then start web-clone kind=Optional symmetrical=true

### Alert Configuration
pcs -f "${xmlfile}" alert create path="/usr/share/pacemaker/alerts/alert_file.sh.sample" id=alert_1 \
  options debug_exec_order="false" \
  meta timeout="15s"
pcs -f "${xmlfile}" alert recipient add alert_1 value=/var/log/pacemaker/alert.log \
  meta timestamp-format="%H:%M:%S"
pcs -f "${xmlfile}" alert recipient add alert_1 value=/var/log/pacemaker/alert2.log
