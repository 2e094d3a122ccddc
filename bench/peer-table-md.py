"""Turns the output of bench/peer-table.sh into the rows of the README's throughput table (markdown)."""
import re,sys
shape=None; rows=[]; cur={}
for line in open(sys.argv[1]):
    if line.startswith('### '):
        a=line[4:]
        if '--hidden 256' in a: shape='hidden 256'
        elif '--hidden 512' in a: shape='hidden 512'
        elif '--layers 2' in a: shape='2 layers'
        elif '--layers 3' in a: shape='3 layers'
        elif '--steps 512' in a: shape='512 steps'
        elif '--batch 256' in a: shape='batch 256'
        else: shape='default'
        continue
    f=line.split()
    if len(f)>=12 and f[1] in ('pytorch','djl'):
        cell=f[0]; key=(cell,shape)
        d=cur.setdefault(key,{'cell':cell,'shape':shape})
        d['train']=f[2]; d['rinf']=f[6]; d['rmib']=f[10]; d['load']=f[12] if len(f)>12 else f[-1]
        if f[1]=='pytorch': d['pt']=f[3]; d['ptr']=f'{f[4]} [{f[5]}]'; d['ptmib']=f[11]
        else: d['djl']=f[3]; d['djlr']=f'{f[4]} [{f[5]}]'; d['dinf']=f[7]; d['dinfr']=f'{f[8]} [{f[9]}]'; d['djlmib']=f[11]
        if key not in [ (r['cell'],r['shape']) for r in rows]: rows.append(d)
for d in rows:
    t=lambda k: str(round(float(d[k]))) if k in d else '-'
    print(f"| {d['cell']} | {d['shape']} | {t('train')} | {t('pt')} | {d.get('ptr','-')} | {t('djl')} | {d.get('djlr','-')} | {t('rinf')} | {t('dinf')} | {d.get('dinfr','-')} | {d['rmib']} / {d.get('ptmib','-')} / {d.get('djlmib','-')} | {d['load']} |")
