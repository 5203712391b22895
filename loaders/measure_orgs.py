"""Agreement of loaders.titles / loaders.orgs with the gold annotations (a development aid).

For every ``*.gold.json`` under the given folders: each gold person's titles are fed through
``split_titles`` (with the locality ``resolve_locality`` finds in the article) and compared with
the gold titles; each gold organisation goes through ``canonical_org`` and its parent is compared.
Comparison is case-insensitive after NFC. Run: python -m loaders.measure_orgs ../shared/corpus
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from loaders.orgs import (Locality, canonical_org, find_organizations, find_part_of_statements,
                          named_inside, resolve_locality)
from loaders.records import ArticleMeta, Document
from loaders.textnorm import clean_text
from loaders.titles import split_titles

try:  # the scorer's tolerant title comparison, when it is there
    from loaders.evaluate import titles_match
except ImportError:  # pragma: no cover
    def titles_match(predicted: str, gold: str) -> bool:
        return _key(predicted) == _key(gold)


def _key(text: str | None) -> str | None:
    return clean_text(text).lower().strip() if text else None


def _document(txt: Path, gold: dict) -> Document:
    text = txt.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    meta = ArticleMeta(id=txt.stem, source=str(txt), title=paragraphs[0] if paragraphs else None,
                       published=gold.get("published"), outlet=gold.get("outlet"),
                       url=gold.get("url"))
    return Document(meta=meta, paragraphs=paragraphs[1:])


def _organisations_in_text(txt: Path, gold: dict, loc: Locality) -> dict[str | None, str | None]:
    doc = _document(txt, gold)
    found: dict[str | None, str | None] = {}
    for para in [doc.meta.title or "", *doc.paragraphs]:
        for org, _ in find_organizations(para, loc):
            found[_key(org.name)] = _key(org.parent)
            for inner in named_inside(org, loc):
                found.setdefault(_key(inner.name), _key(inner.parent))
        for child, parent in find_part_of_statements(para, loc):
            found[_key(child.name)] = _key(parent.name)
    for person in gold["persons"]:
        for title in split_titles(", ".join(person["titles"]), loc):
            if title.org:
                org = canonical_org(title.org, loc)
                if org:
                    found.setdefault(_key(org.name), _key(org.parent))
                    for inner in named_inside(org, loc):
                        found.setdefault(_key(inner.name), _key(inner.parent))
    return found


def measure(folders: list[Path], verbose: bool = False) -> dict:
    title_total = title_ok = org_total = org_name_ok = org_parent_ok = 0
    text_tp = text_fp = text_fn = 0
    misses: list[str] = []
    for folder in folders:
        for gold_path in sorted(folder.glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            txt = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
            loc = resolve_locality(_document(txt, gold)) if txt.exists() else Locality()
            for person in gold["persons"]:
                if not person["titles"]:
                    continue
                # Feed the titles as one phrase, as an article would write them.
                found = [t.text for t in split_titles(", ".join(person["titles"]), loc)]
                for title in person["titles"]:
                    title_total += 1
                    if any(titles_match(f, title) for f in found):
                        title_ok += 1
                    else:
                        misses.append(f"{gold_path.name} title {title!r} got {sorted(found)}")
            for org in gold["organizations"]:
                org_total += 1
                got = canonical_org(org["name"], loc)
                if got and _key(got.name) == _key(org["name"]):
                    org_name_ok += 1
                    if _key(got.parent) == _key(org["parent"]):
                        org_parent_ok += 1
                    else:
                        misses.append(f"{gold_path.name} parent of {org['name']!r}: {got.parent!r} != {org['parent']!r}")
                else:
                    misses.append(f"{gold_path.name} org {org['name']!r} got {got.name if got else None!r}")
            # Organisations found in the text (and in the gold titles, as the extractor finds them).
            predicted = _organisations_in_text(txt, gold, loc) if txt.exists() else {}
            gold_pairs = {(_key(o["name"]), _key(o["parent"])) for o in gold["organizations"]}
            pred_pairs = set(predicted.items())
            text_tp += len(gold_pairs & pred_pairs)
            text_fp += len(pred_pairs - gold_pairs)
            text_fn += len(gold_pairs - pred_pairs)
            if verbose:
                print(gold_path.name, loc.province, loc.district)
                print("   text orgs missing", sorted(gold_pairs - pred_pairs))
                print("   text orgs extra  ", sorted(pred_pairs - gold_pairs))
    return {
        "titles": title_total, "titles_ok": title_ok, "title_agreement": round(title_ok / max(title_total, 1), 3),
        "orgs": org_total, "org_names_ok": org_name_ok, "org_parent_ok": org_parent_ok,
        "org_parent_agreement": round(org_parent_ok / max(org_total, 1), 3),
        "text_org_parent_f1": round(2 * text_tp / max(2 * text_tp + text_fp + text_fn, 1), 3),
        "misses": misses,
    }


if __name__ == "__main__":
    roots = [Path(a) for a in sys.argv[1:]] or [Path(__file__).resolve().parents[2] / "shared" / "corpus"]
    folders = [d for r in roots for d in ([r / "seeds", r / "dev"] if (r / "seeds").exists() else [r])]
    report = measure(folders, verbose=True)
    for line in report.pop("misses"):
        print("  MISS", line)
    print(json.dumps(report, ensure_ascii=False))
