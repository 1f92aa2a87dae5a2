"""Candidate English/katakana pairs for LoanwordSearchTest: loanwords of the SudachiDict synonyms (the rules of
search.Loanwords, roughly) whose English form and katakana form each occur in some corpus item without the other.
Usage, after a build: python3 bench/loanword-pairs.py target/classes/loanwords/package/sudachi-synonyms-dictionary.json ../shared/corpora
Prints (min count, english, katakana spellings, items with English only, items with katakana only).
Approximate (items are JSer entries and TWiR list lines, substring checks); the test decides on the stored topics."""
import json,re,collections,sys,glob,os,unicodedata
dic=sys.argv[1]; corp=sys.argv[2]
d=json.load(open(dic))
kata=re.compile(r'^[\u30A1-\u30FA\u30FC]+$'); lat=re.compile(r'^[a-z][a-z0-9]*$')
STOP=set("a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with go do so up we us our you your all any can may one new use get set out via".split())
l2k=collections.defaultdict(set)
for g in d:
  byv=collections.defaultdict(list)
  for it in g['items']:
    if it['expandControl']==2 or it['ryakusyou']!='代表語形': continue
    byv[it['vocabularyNumber']].append(it['midashi'])
  for v,its in byv.items():
    k=[i for i in its if kata.match(i)]; l=[i.lower() for i in its if lat.match(i.lower())]
    for a in l:
      if len(a)>=3 and a not in STOP:
        for b in k: l2k[a].add(b)
topics=[]
for f in sorted(glob.glob(corp+'/jser-2023/*.json')):
  for it in json.load(open(f))['list']: topics.append((f,it['title']+'\n'+(it.get('content') or '')))
for f in sorted(glob.glob(corp+'/twir-2023/*.md')):
  for line in open(f):
    if line.startswith(('* ','- ')): topics.append((f,line))
for line in open(corp+'/neco-weekly-2023-12-22.txt'): topics.append(('neco',line))
topics=[(f,unicodedata.normalize('NFKC',t)) for f,t in topics]
low=[t.lower() for f,t in topics]
words=[set(re.findall(r'[a-z][a-z0-9]*',t)) for t in low]
res=[]
for a,ks in l2k.items():
  haveA=[i for i,w in enumerate(words) if a in w or a+'s' in w]
  haveK=[i for i,t in enumerate(topics) if any(k in t[1] for k in ks)]
  onlyK=[i for i in haveK if not any(a in x for x in words[i]) ]
  onlyA=[i for i in haveA if not any(k in topics[i][1] for k in ks)]
  if onlyK and onlyA: res.append((min(len(onlyK),len(onlyA)),a,sorted(ks),len(onlyA),len(onlyK)))
res.sort(reverse=True)
for r in res: print(r)
print(len(res))
