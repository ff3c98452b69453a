#!/usr/bin/env python3
"""Generates this folder's environment-sheet files for pm_crmgen:

  pm_crmgen_env.csv / .xlsx      blank sheet: every table with its column headers
  example-pgsql.csv / .xlsx      filled example: 2-node PostgreSQL cluster

Usage: python3 templates/make_templates.py   (needs `pip install openpyxl`)

The sheet layout follows the pm_crmgen format (table marker in column B, column
names from column C, `#` in column A for comment rows); captions and remarks are
our own. Only ASCII goes into data cells: pm_crmgen warns about anything else.
"""
import csv
import io
import os

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

HERE = os.path.dirname(os.path.abspath(__file__))
WIDTH = 14  # columns A..N, every row padded like a spreadsheet export


def row(*cells):
    return list(cells)


def table(caption, marker, header, data=(), remark_rows=()):
    """Caption comment, marker row, column-header row, caption row, data rows."""
    rows = [row('#' + caption), row('', marker)]
    if header is not None:
        rows.append(row('', '', *header))
    rows.extend(remark_rows)
    for d in data:
        rows.append(row('', '', *d))
    rows.append(row())
    return rows


def sub(letter, header, data=(), captions=None):
    rows = [row('', letter, *header)]
    if captions:
        rows.append(row('#', '', *captions))
    for d in data:
        rows.append(row('', '', *d))
    return rows


def primitive(caption, rid, cls, provider, rtype, params=(), ops=(), meta=()):
    rows = [row('#' + caption), row('', 'PRIMITIVE')]
    rows += sub('P', ['id', '', 'class', '', 'provider', '', 'type'],
                [[rid, '', cls, '', provider, '', rtype]],
                ['リソースID', '', 'クラス', '', 'プロバイダ', '', 'タイプ'])
    attrs = [['params' if i == 0 else '', n, '', v] for i, (n, v) in enumerate(params)]
    attrs += [['meta' if i == 0 else '', n, '', v] for i, (n, v) in enumerate(meta)]
    if attrs:
        rows += sub('A', ['type', 'name', '', 'value'], attrs,
                    ['種別', '項目', '', '値'])
    if ops:
        rows += sub('O', ['type', 'timeout', '', 'interval', '', 'on-fail', '', 'start-delay'],
                    [[t, to, '', iv, '', of, '', sd] for (t, to, iv, of, sd) in ops],
                    ['操作', 'タイムアウト', '', '間隔', '', '故障時の動作', '', '開始待ち'])
    rows.append(row())
    return rows


HEADERS = {
    'NODE': ['uname', '', 'ntype', 'ptype', '', 'name', '', 'value'],
    'PROPERTY': ['name', '', 'value'],
    'RSC_DEFAULTS': ['name', '', 'value'],
    'OP_DEFAULTS': ['name', '', 'value'],
    'RESOURCES': ['resourceItem', 'resourceItem', 'resourceItem', 'id'],
    'RSC_ATTRIBUTES': ['id', '', 'type', 'name', '', 'value'],
    'FENCING_TOPOLOGY': ['node', '', 'rsc', '', '', 'index'],
    'LOCATION_EXPERT': ['rsc', '', 'score', 'bool_op', 'attribute', '', 'op', 'value', '',
                        'role', 'id_spec'],
    'COLOCATION': ['rsc', '', 'with-rsc', '', 'score', '', 'rsc-role', '', 'with-rsc-role'],
    'ORDER': ['first-rsc', '', 'then-rsc', '', 'score', '', 'first-action', '',
              'then-action', '', 'symmetrical'],
    'RSC_TICKET': ['ticket', '', 'rsc', '', '', 'role', '', 'loss-policy'],
    'ADDITIONAL_CONFIG': ['config'],
}

CAPTIONS = {
    'NODE': '表1 クラスタ・ノード (ノード属性・utilization)',
    'PROPERTY': '表2 クラスタ・プロパティ',
    'RSC_DEFAULTS': '表3 リソース・デフォルト',
    'OP_DEFAULTS': '表4 オペレーション・デフォルト',
    'RESOURCES': '表5 リソース構成 (resourceItem列は入れ子の深さごとに1列)',
    'RSC_ATTRIBUTES': '表6 リソース構成パラメータ (group/clone/ms の params/meta)',
    'FENCING_TOPOLOGY': '表7 STONITHの実行順序 (fencing_topology)',
    'LOCATION_EXPERT': '表9 リソース配置制約 (ルール)',
    'COLOCATION': '表10 リソース同居制約',
    'ORDER': '表11 リソース起動順序制約',
    'RSC_TICKET': '表12 リソースチケット制約',
    'ADDITIONAL_CONFIG': '表13 追加設定 (crmコマンドをそのまま出力)',
}


def blank():
    rows = [row('#pm_crmgen 環境定義シート (空欄テンプレート)'),
            row('#列Aが#の行はコメント。表は列Bの表ヘッダ名で始まり、次の行が列名。'),
            row()]
    for marker in ['NODE', 'PROPERTY', 'RSC_DEFAULTS', 'OP_DEFAULTS', 'RESOURCES',
                   'RSC_ATTRIBUTES', 'FENCING_TOPOLOGY']:
        rows += table(CAPTIONS[marker], marker, HEADERS[marker])
    rows += [row('#表8 Primitiveリソース (1リソースにつき1表。P/A/O はサブ表)'),
             row('', 'PRIMITIVE')]
    rows += sub('P', ['id', '', 'class', '', 'provider', '', 'type'])
    rows += sub('A', ['type', 'rule', 'name', '', 'value'])
    rows += sub('O', ['type', 'timeout', '', 'interval', '', 'on-fail', '', 'start-delay'])
    rows.append(row())
    for marker in ['LOCATION_EXPERT', 'COLOCATION', 'ORDER', 'RSC_TICKET',
                   'ADDITIONAL_CONFIG']:
        rows += table(CAPTIONS[marker], marker, HEADERS[marker])
    rows += [row('#表14 アラート (P: パス, A: 属性, R: 受信者)'), row('', 'ALERT')]
    rows += sub('P', ['path'])
    rows += sub('A', ['type', 'name', '', 'value'])
    rows += sub('R', ['recipient'])
    return rows


OPS = [('start', '60s', '0s', 'restart', ''),
       ('monitor', '60s', '10s', 'restart', ''),
       ('stop', '60s', '0s', 'fence', '')]


def example():
    rows = [row('#pm_crmgen 環境定義シート 記入例: 2ノードの PostgreSQL クラスタ'),
            row()]
    rows += table(CAPTIONS['PROPERTY'], 'PROPERTY', HEADERS['PROPERTY'], [
        ['no-quorum-policy', '', 'ignore'],
        ['stonith-enabled', '', 'true'],
        ['startup-fencing', '', 'false'],
    ])
    rows += table(CAPTIONS['RSC_DEFAULTS'], 'RSC_DEFAULTS', HEADERS['RSC_DEFAULTS'], [
        ['resource-stickiness', '', 'INFINITY'],
        ['migration-threshold', '', '1'],
    ])
    rows += table(CAPTIONS['RESOURCES'], 'RESOURCES', HEADERS['RESOURCES'], [
        ['group', '', '', 'grpPg'],
        ['', 'primitive', '', 'prmEx'],
        ['', 'primitive', '', 'prmFs'],
        ['', 'primitive', '', 'prmPg'],
        ['', 'primitive', '', 'prmIp'],
        ['clone', '', '', 'clnPing'],
        ['', 'primitive', '', 'prmPing'],
        ['clone', '', '', 'clnDiskd1'],
        ['', 'primitive', '', 'prmDiskd1'],
        ['clone', '', '', 'clnDiskd2'],
        ['', 'primitive', '', 'prmDiskd2'],
        ['group', '', '', 'grpStonith1'],
        ['', 'primitive', '', 'prmStonith1-1'],
        ['', 'primitive', '', 'prmStonith1-2'],
        ['', 'primitive', '', 'prmStonith1-3'],
        ['group', '', '', 'grpStonith2'],
        ['', 'primitive', '', 'prmStonith2-1'],
        ['', 'primitive', '', 'prmStonith2-2'],
        ['', 'primitive', '', 'prmStonith2-3'],
    ])
    rows += table(CAPTIONS['RSC_ATTRIBUTES'], 'RSC_ATTRIBUTES', HEADERS['RSC_ATTRIBUTES'], [
        ['clnPing', '', 'meta', 'clone-max', '', '2'],
        ['', '', '', 'clone-node-max', '', '1'],
        ['clnDiskd1', '', 'meta', 'clone-max', '', '2'],
        ['', '', '', 'clone-node-max', '', '1'],
        ['clnDiskd2', '', 'meta', 'clone-max', '', '2'],
        ['', '', '', 'clone-node-max', '', '1'],
    ])
    rows += table(CAPTIONS['FENCING_TOPOLOGY'], 'FENCING_TOPOLOGY',
                  HEADERS['FENCING_TOPOLOGY'], [
        ['pm01', '', 'prmStonith1-1', '', '', '1'],
        ['', '', 'prmStonith1-2', '', '', '2'],
        ['', '', 'prmStonith1-3', '', '', '3'],
        ['pm02', '', 'prmStonith2-1', '', '', '1'],
        ['', '', 'prmStonith2-2', '', '', '2'],
        ['', '', 'prmStonith2-3', '', '', '3'],
    ])
    rows += primitive('表8-1 共有ディスク排他制御', 'prmEx', 'ocf', 'heartbeat', 'sfex',
                      [('device', '/dev/vdb1'), ('index', '1'), ('collision_timeout', '1'),
                       ('lock_timeout', '70'), ('monitor_interval', '10')],
                      [('start', '90s', '0s', 'restart', ''),
                       ('monitor', '60s', '10s', 'restart', ''),
                       ('stop', '60s', '0s', 'fence', '')])
    rows += primitive('表8-2 ファイルシステム', 'prmFs', 'ocf', 'heartbeat', 'Filesystem',
                      [('fstype', 'ext4'), ('run_fsck', 'force'), ('device', '/dev/vdb2'),
                       ('directory', '/var/lib/pgsql/data')], OPS)
    rows += primitive('表8-3 PostgreSQL', 'prmPg', 'ocf', 'heartbeat', 'pgsql',
                      [('pgctl', '/usr/pgsql-15/bin/pg_ctl'), ('psql', '/usr/pgsql-15/bin/psql'),
                       ('pgdata', '/var/lib/pgsql/data'), ('pgdba', 'postgres'),
                       ('pgport', '5432'), ('pgdb', 'template1')],
                      [('start', '300s', '0s', 'restart', ''),
                       ('monitor', '60s', '10s', 'restart', ''),
                       ('stop', '300s', '0s', 'fence', '')])
    rows += primitive('表8-4 仮想IPアドレス', 'prmIp', 'ocf', 'heartbeat', 'IPaddr2',
                      [('ip', '192.168.10.100'), ('nic', 'eth0'), ('cidr_netmask', '24')], OPS)
    rows += primitive('表8-5 ネットワーク監視', 'prmPing', 'ocf', 'pacemaker', 'ping',
                      [('name', 'default_ping_set'), ('host_list', '192.168.10.1'),
                       ('multiplier', '100'), ('attempts', '2'), ('timeout', '2'),
                       ('debug', 'true')],
                      [('start', '60s', '0s', 'restart', ''),
                       ('monitor', '60s', '10s', 'restart', ''),
                       ('stop', '60s', '0s', 'ignore', '')])
    for n, dev in (('1', '/dev/vdb'), ('2', '/dev/vda')):
        attr = 'diskcheck_status' if n == '1' else 'diskcheck_status_internal'
        rows += primitive('表8-%d ディスク監視' % (5 + int(n)), 'prmDiskd' + n, 'ocf',
                          'pacemaker', 'diskd',
                          [('name', attr), ('device', dev), ('interval', '10')],
                          [('start', '60s', '0s', 'restart', ''),
                           ('monitor', '60s', '10s', 'restart', ''),
                           ('stop', '60s', '0s', 'ignore', '')])
    for node, peer in (('1', 'pm01'), ('2', 'pm02')):
        rows += primitive('表8 STONITH (%s 用 1段目: 生存確認)' % peer,
                          'prmStonith%s-1' % node, 'stonith', '', 'external/stonith-helper',
                          [('pcmk_reboot_retries', '1'), ('hostlist', peer),
                           ('dead_check_target', '192.168.10.1%s' % node),
                           ('standby_check_command',
                            '/usr/sbin/crm_resource -r prmPg -W | grep -qi `hostname`')],
                          [('start', '60s', '0s', 'restart', ''),
                           ('monitor', '60s', '3600s', 'restart', ''),
                           ('stop', '60s', '0s', 'ignore', '')])
        rows += primitive('表8 STONITH (%s 用 2段目: libvirt)' % peer,
                          'prmStonith%s-2' % node, 'stonith', '', 'external/libvirt',
                          [('hostlist', peer), ('hypervisor_uri', 'qemu+ssh://kvmhost/system'),
                           ('pcmk_reboot_timeout', '60s')],
                          [('start', '60s', '0s', 'restart', ''),
                           ('monitor', '60s', '3600s', 'restart', ''),
                           ('stop', '60s', '0s', 'ignore', '')])
        rows += primitive('表8 STONITH (%s 用 3段目: 手動)' % peer,
                          'prmStonith%s-3' % node, 'stonith', '', 'meatware',
                          [('hostlist', peer)],
                          [('start', '60s', '0s', 'restart', ''),
                           ('monitor', '60s', '3600s', 'restart', ''),
                           ('stop', '60s', '0s', 'ignore', '')])
    rows += table(CAPTIONS['LOCATION_EXPERT'], 'LOCATION_EXPERT', HEADERS['LOCATION_EXPERT'], [
        ['grpPg', '', '200', '', '#uname', '', 'eq', 'pm01'],
        ['', '', '100', '', '#uname', '', 'eq', 'pm02'],
        ['', '', '-inf', 'or', 'default_ping_set', '', 'not_defined'],
        ['', '', '', '', 'default_ping_set', '', 'lt', '100'],
        ['', '', '-inf', 'or', 'diskcheck_status', '', 'not_defined'],
        ['', '', '', '', 'diskcheck_status', '', 'eq', 'ERROR'],
        ['', '', '-inf', 'or', 'diskcheck_status_internal', '', 'not_defined'],
        ['', '', '', '', 'diskcheck_status_internal', '', 'eq', 'ERROR'],
        ['grpStonith1', '', '-inf', '', '#uname', '', 'eq', 'pm01'],
        ['grpStonith2', '', '-inf', '', '#uname', '', 'eq', 'pm02'],
    ])
    rows += table(CAPTIONS['COLOCATION'], 'COLOCATION', HEADERS['COLOCATION'], [
        ['grpPg', '', 'clnPing', '', 'inf'],
        ['grpPg', '', 'clnDiskd1', '', 'inf'],
        ['grpPg', '', 'clnDiskd2', '', 'inf'],
    ])
    rows += table(CAPTIONS['ORDER'], 'ORDER', HEADERS['ORDER'], [
        ['clnPing', '', 'grpPg', '', '0', '', '', '', '', '', 'false'],
        ['clnDiskd1', '', 'grpPg', '', '0', '', '', '', '', '', 'false'],
        ['clnDiskd2', '', 'grpPg', '', '0', '', '', '', '', '', 'false'],
    ])
    return rows


def padded(rows):
    out = []
    for r in rows:
        assert len(r) <= WIDTH, r
        out.append(r + [''] * (WIDTH - len(r)))
    return out


def write_csv(rows, name):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\r\n')
    for r in padded(rows):
        w.writerow(r)
    # UTF-8 without BOM: pm_crmgen reads UTF-8 and Shift_JIS, and a BOM in A1
    # would turn a padded first comment row into data.
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(buf.getvalue().encode('utf-8'))


def write_xlsx(rows, name, title):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    bold = Font(bold=True)
    marker_fill = PatternFill('solid', fgColor='DDEBF7')
    for r in padded(rows):
        ws.append([c if c != '' else None for c in r])
        cells = ws[ws.max_row]
        if r[1]:
            for c in cells[1:]:
                c.font = bold
                c.fill = marker_fill
    for col, width in zip('ABCDEFGHIJKLMN', [4, 18] + [16] * 12):
        ws.column_dimensions[col].width = width
    # Stable bytes across runs: fixed document times.
    import datetime
    stamp = datetime.datetime(2024, 1, 1)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.save(os.path.join(HERE, name))


if __name__ == '__main__':
    write_csv(blank(), 'pm_crmgen_env.csv')
    write_xlsx(blank(), 'pm_crmgen_env.xlsx', 'environment')
    write_csv(example(), 'example-pgsql.csv')
    write_xlsx(example(), 'example-pgsql.xlsx', 'example-pgsql')
