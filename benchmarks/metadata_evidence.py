"""Print, per AEB page, the evidence a reader needs to annotate its title, authors and date by hand.

    python benchmarks/metadata_evidence.py [--from N] [--count K]

For each page (sorted by id) it shows the <title>, the visible <h1> headlines, the text right after
the first headline (where bylines and datelines sit), elements whose class names a byline, author
or date, <time> elements, and the meta / JSON-LD values for title, author and date side by side.
It decides nothing: the values in metadata-gold-aeb.json were chosen by reading this output.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.sources import load_source  # noqa: E402

_META_KEYS = re.compile(r"title|author|date|time|byline|creator|publish", re.I)
_META_SKIP = re.compile(r"validate|twitter:title|modified|updated|app-title", re.I)
_CLASS_KEYS = re.compile(r"byline|author|date|dateline|timestamp|posted|meta", re.I)
_SPACE = re.compile(r"\s+")


def _text(node, limit: int = 160) -> str:
    """Collapsed visible text of a node, cut short."""
    return _SPACE.sub(" ", node.text_content()).strip()[:limit]


def _meta(tree) -> list[str]:
    """Meta tags whose name or property speaks of title, author or date."""
    out = []
    for node in tree.iter("meta"):
        key = node.get("name") or node.get("property") or node.get("itemprop") or ""
        if _META_KEYS.search(key) and not _META_SKIP.search(key) and node.get("content"):
            out.append(f"{key}={node.get('content')[:120]}")
    return out[:10]


def _jsonld(tree) -> list[str]:
    """Headline, author and dates from JSON-LD blocks."""
    out = []
    for node in tree.iter("script"):
        if (node.get("type") or "").lower() != "application/ld+json" or not node.text:
            continue
        try:
            data = json.loads(node.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                for key in ("headline", "name", "author", "datePublished", "dateCreated"):
                    if key in item and key != "name" or (key == "name" and item.get("@type") == "Person"):
                        out.append(f"{key}={json.dumps(item[key], ensure_ascii=False)[:140]}")
                stack.extend(v for k, v in item.items() if k in ("@graph", "mainEntity", "itemListElement"))
    return out[:10]


def _after_headline(tree) -> str:
    """Visible text following the first <h1>, where bylines and datelines usually are."""
    for h1 in tree.iter("h1"):
        parent = h1.getparent()
        for _ in range(3):
            if parent is not None and len(_text(parent, 2000)) < 400 and parent.getparent() is not None:
                parent = parent.getparent()
        if parent is not None:
            text = _text(parent, 2000)
            start = text.find(_text(h1, 2000)[:40])
            return text[max(start, 0) : max(start, 0) + 420]
    return ""


def show(page) -> None:
    """Print one page's evidence block."""
    parser = lxml_html.HTMLParser(encoding="utf-8")
    tree = lxml_html.fromstring(page.html.encode("utf-8", "replace"), parser=parser)
    for bad in tree.xpath("//script[not(@type='application/ld+json')]|//style|//noscript"):
        bad.drop_tree()
    print(f"=== {page.id[:10]} {page.url}")
    title = tree.find(".//title")
    print("  <title>:", _text(title, 200) if title is not None else "")
    print("  h1:", " | ".join(_text(h) for h in tree.iter("h1"))[:300])
    print("  after h1:", _after_headline(tree))
    bylines = [
        f"{n.get('class')[:30]}: {_text(n, 100)}"
        for n in tree.xpath("//*[@class]")
        if _CLASS_KEYS.search(n.get("class")) and 2 < len(_text(n)) < 160
    ][:4]
    print("  class:", " || ".join(bylines))
    times = [f"{n.get('datetime')} '{_text(n, 60)}'" for n in tree.iter("time")][:3]
    print("  time:", " | ".join(times))
    print("  meta:", " | ".join(_meta(tree)))
    print("  ld:", " | ".join(_jsonld(tree)))


def main() -> None:
    """Print evidence blocks for a slice of the AEB pages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="start", type=int, default=0)
    parser.add_argument("--count", type=int, default=20)
    args = parser.parse_args()
    for page in load_source("aeb")[args.start : args.start + args.count]:
        show(page)


if __name__ == "__main__":
    main()
