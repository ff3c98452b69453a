import sys
def ok(b, codec):
    try:
        b.decode(codec); return True
    except UnicodeDecodeError:
        return False
out=[]
for codec in ['euc_jp','euc_jis_2004']:
    # verify no valid pair outside A1-FE
    two=[[0]*94 for _ in range(94)]
    for c1 in range(0x80,0x100):
        if c1 in (0x8e,0x8f): continue
        for c2 in range(0,0x100):
            v=ok(bytes([c1,c2]),codec)
            if v:
                assert 0xa1<=c1<=0xfe and 0xa1<=c2<=0xfe,(codec,hex(c1),hex(c2))
                two[c1-0xa1][c2-0xa1]=1
    three=[[0]*94 for _ in range(94)]
    for c2 in range(0,0x100):
        for c3 in range(0,0x100):
            if ok(bytes([0x8f,c2,c3]),codec):
                assert 0xa1<=c2<=0xfe and 0xa1<=c3<=0xfe
                three[c2-0xa1][c3-0xa1]=1
    for c2 in range(0,0x100):
        assert ok(bytes([0x8e,c2]),codec) == (0xa1<=c2<=0xdf)
    for name,t in (('TWO',two),('THREE',three)):
        bits=[t[i][j] for i in range(94) for j in range(94)]
        by=[]
        for k in range(0,len(bits),8):
            v=0
            for n,b in enumerate(bits[k:k+8]):
                v|=b<<n
            by.append(v)
        out.append((codec.upper()+'_'+name, by, sum(bits)))
# Output: euc_tables.rs (header lines are added by hand, see that file).
for name,by,cnt in out:
    print(f"/// {cnt} valid cells.")
    print(f"pub(super) const {name}: [u8; {len(by)}] = [")
    for k in range(0,len(by),16):
        print("    "+" ".join(f"0x{x:02x}," for x in by[k:k+16]))
    print("];")
