"""Text-dump benchmark: how well cleaner cleans crawler text dumps, beside jusText and trafilatura.

    python benchmarks/dumps.py [--no-real] [--sources aeb,cleaneval,dragnet] [--aeb DIR] [--json FILE]

Two kinds of dumps, scored in one run:

- Generated dumps, built from the templates and phrasings in benchmarks/dumps/ (invented sites,
  header layouts, date styles, boilerplate by kind, controls, article bodies) with a fixed seed.
  Every line carries a label: `body`, `control`, `header:<field>` or `boilerplate:<kind>`. A
  line's kept share is the share of its `\\w+` tokens that survive in the tool's output, found by
  aligning the dump's tokens with the output's in order (difflib, no junk heuristic); a line with
  no word token is kept when a stripped output line equals it. Removed share = 1 - kept share.
- Real dumps of the held-out pages (`is_heldout`) of aeb, cleaneval and dragnet: trafilatura's
  text (`extract(html, include_comments=False)`, what a crawler stores) and a whole-page dump (the
  text of every block element, menus and footers included, one block per line:
  benchmarks/wholepage.py, the format the line model is trained on), and the same page with a
  line break at every element, inline ones too (`tag-lines`: what BeautifulSoup's
  `get_text("\\n")` stores, a sentence with a link in it on three lines; a format the model is not
  trained on), and the whole page as Markdown by html2text (`markdown`) and by markdownify
  (`markdownify`), as crawlers that feed language models store pages (the baselines get these
  rendered as HTML). These are scored by 4-token shingle P/R/F1 against the page's gold text
  (benchmarks/metric.py), each F1 with the range of its central 95% over 1,000 resamples of the
  pages (`metric.f1_interval`): a few dozen held-out pages tell apart only differences wider than it.
- Site learning on a real crawl: for each of the extracted, whole-page and Markdown dumps, rules
  `learn_rules` learns (as `clean --learn` does) from that kind of dump of every page with a URL
  of the sources, training and held-out alike (no gold read), then the held-out dumps of the kind
  cleaned with them, beside the same rows' other tools.

cleaner runs on the dump as text (`Cleaner().clean(text, kind="text")`, given the page's URL on the
real dumps, as a crawler gives it with what it stored; on the real dumps also as
"cleaner, comments kept", `Config(include_comments=True)`, the configuration for Dragnet's gold,
which keeps the reader comments its default drops). jusText and trafilatura
take HTML, so each non-empty line of a dump becomes one escaped `<p>` in a bare
`<html><body>` (no head, no title) and they run on that; trafilatura via
`bare_extraction(..., include_comments=False, with_metadata=True)` (with the URL where cleaner has
it), which also gives its title, author and date. Generated dumps are also written to
benchmarks/data/dumps/generated/ (ignored) for inspection; results go to benchmarks/results/dumps.json.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import html as html_lib
import json
import random
import re
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.metric import aggregate, f1_interval, score_page, tokens  # noqa: E402
from benchmarks.sources import GOLD_WITH_COMMENTS, Page, article_text  # noqa: E402
from benchmarks.wholepage import (  # noqa: E402
    converter_versions,
    html2text_markdown,
    markdownify_markdown,
    tag_lines_text,
    whole_page_text,
)

TEMPLATES = ROOT / "benchmarks" / "dumps"
OUT_DIR = ROOT / "benchmarks" / "data" / "dumps"
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "dumps.json"
SEED = 20261203
DUMPS_PER_SITE = 7
KINDS = (
    "syndication",
    "related",
    "footnote",
    "share",
    "comments",
    "newsletter",
    "advert",
    "image_credit",
    "footer",
    "navigation",
)
TOOLS = ("cleaner", "trafilatura", "justext")
REAL_KINDS = ("extracted", "whole-page", "tag-lines", "markdown", "markdownify")
MARKDOWN_KINDS = ("markdown", "markdownify")  # whole pages as Markdown, by two converters
# Bump when how real dumps are made changes, so the cache in benchmarks/data/dumps is rebuilt.
REAL_DUMP_FORMAT = 5
# How paragraphs and the lines inside a block (front matter, a field block, a list) are joined.
NEWLINES = {
    "blank": ("\n\n", "\n"),
    "single": ("\n", "\n"),
    "crlf-blank": ("\r\n\r\n", "\r\n"),
    "crlf-single": ("\r\n", "\r\n"),
}
NEWLINE_WEIGHTS = (4, 3, 2, 2)
JUSTEXT_STOPLISTS = {
    "en": "English",
    "es": "Spanish",
    "de": "German",
    "fr": "French",
    "pt": "Portuguese",
    "ru": "Russian",
}


@dataclass(frozen=True)
class Line:
    """One line of a dump and what it is: body, control, header:<field> or boilerplate:<kind>."""

    text: str
    label: str


Block = list[Line]


@dataclass(frozen=True)
class Dump:
    """A generated dump: its text, its labelled lines and the metadata a cleaner should find."""

    id: str
    site: str
    lang: str
    layout: str
    newline: str
    text: str
    lines: tuple[Line, ...]
    title: str
    author: str
    date: str


@dataclass(frozen=True)
class Meta:
    """What a header layout writes: the article's fields, the date as the site prints it, the site."""

    title: str
    author: str
    date_text: str
    iso: str
    url: str
    tags: tuple[str, ...]
    site: dict
    lang: str


@dataclass(frozen=True)
class Templates:
    """Everything read from benchmarks/dumps/: sites, articles, controls and boilerplate by language, people."""

    sites: list[dict]
    articles: list[dict]
    controls: dict[str, list[list[str]]]
    boilerplate: dict[str, dict[str, list[list[str]]]]
    authors: list[str]
    photographers: list[str]


def load_templates(folder: Path = TEMPLATES) -> Templates:
    """The committed template data; one-line phrasings become one-element lists."""

    def read(name: str) -> Any:
        return yaml.safe_load((folder / name).read_text(encoding="utf-8"))

    def as_lines(item: str | list[str]) -> list[str]:
        return [item] if isinstance(item, str) else list(item)

    def by_language(groups: dict[str, list]) -> dict[str, list[list[str]]]:
        return {lang: [as_lines(item) for item in items] for lang, items in sorted(groups.items())}

    people = read("people.yaml")
    boilerplate = {kind: by_language(groups) for kind, groups in sorted(read("boilerplate.yaml").items())}
    return Templates(
        sites=sorted(read("sites.yaml"), key=lambda site: site["domain"]),
        articles=_checked_articles(read("articles.yaml")),
        controls=by_language(read("controls.yaml")),
        boilerplate=boilerplate,
        authors=sorted(people["authors"]),
        photographers=sorted(people["photographers"]),
    )


def _checked_articles(articles: list[dict]) -> list[dict]:
    """Articles as read, refusing a paragraph YAML did not read as text (an unquoted `: ` makes a mapping)."""
    for article in articles:
        for paragraph in article["paragraphs"]:
            if not isinstance(paragraph, str):
                raise SystemExit(f"articles.yaml: a paragraph of {article['title']!r} is not text; quote it")
    return articles


# --- dates -------------------------------------------------------------------------------------

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _month(when: datetime, lang: str = "en") -> str:
    return MONTHS[lang].split()[when.month - 1]


def _clock12(when: datetime, rng: random.Random) -> str:
    hour = when.hour % 12 or 12
    suffix = rng.choice(("AM", "a.m.") if when.hour < 12 else ("PM", "p.m."))
    return f"{hour}:{when.minute:02d} {suffix}"


DateStyle = Callable[[datetime, random.Random], str]
DATE_STYLES: dict[str, DateStyle] = {
    "iso": lambda d, r: f"{d:%Y-%m-%d}",
    "iso_time": lambda d, r: r.choice(
        [f"{d:%Y-%m-%dT%H:%M:%S}Z", f"{d:%Y-%m-%dT%H:%M:%S}+02:00", f"{d:%Y-%m-%d %H:%M}"]
    ),
    "written_us": lambda d, r: r.choice([f"{_month(d)} {d.day}, {d.year}", f"{_month(d)[:3]} {d.day}, {d.year}"]),
    "written_us_time": lambda d, r: (
        f"{_month(d)} {d.day}, {d.year}"
        + r.choice([f", {_clock12(d, r)} ET", f" at {_clock12(d, r)}", f" {_clock12(d, r)} EST"])
    ),
    "written_uk": lambda d, r: f"{d.day} {_month(d)} {d.year}",
    "written_uk_short": lambda d, r: f"{d.day} {_month(d)[:3]} {d.year}" + r.choice(["", f" {d:%H:%M} GMT"]),
    "written_uk_weekday": lambda d, r: (
        f"{WEEKDAYS[d.weekday()]} {d.day:02d} {_month(d)} {d.year}" + r.choice(["", f" {d:%H.%M} BST", f", {d:%H:%M}"])
    ),
    "numeric_dmy": lambda d, r: r.choice([f"{d:%d/%m/%Y}", f"{d:%d.%m.%Y}", f"{d:%d-%m-%Y}"]),
    "numeric_dmy_time": lambda d, r: r.choice([f"{d:%d/%m/%Y %H:%M}", f"{d:%d.%m.%Y, %H:%M}"]),
    "numeric_mdy": lambda d, r: f"{d:%m/%d/%Y}",
    "numeric_mdy_time": lambda d, r: f"{d:%m/%d/%Y} {_clock12(d, r)}",
    "de_written": lambda d, r: f"{d.day}. {_month(d, 'de')} {d.year}",
    "de_numeric_time": lambda d, r: f"{d:%d.%m.%Y}, {d:%H:%M} Uhr",
    "es_written": lambda d, r: f"{d.day} de {_month(d, 'es')} de {d.year}" + r.choice(["", f" - {d:%H:%M} CET"]),
    "fr_written": lambda d, r: f"{d.day} {_month(d, 'fr')} {d.year}" + r.choice(["", f" à {d:%Hh%M}"]),
    "pt_written": lambda d, r: f"{d.day} de {_month(d, 'pt')} de {d.year}" + r.choice(["", f", às {d:%Hh%M}"]),
    "zh_written": lambda d, r: f"{d.year}年{d.month}月{d.day}日" + r.choice(["", f" {d:%H:%M}"]),
    "ru_written": lambda d, r: f"{d.day} {_month(d, 'ru')} {d.year}" + r.choice(["", f", {d:%H:%M}"]),
    "ja_written": lambda d, r: f"{d.year}年{d.month}月{d.day}日",
}


def random_date(rng: random.Random, numeric: bool) -> datetime:
    """A date and time in 2005-2025; numeric styles get a day over 12 so day and month cannot swap."""
    day = rng.randint(13, 28) if numeric else rng.randint(1, 28)
    start = datetime(rng.randint(2005, 2025), rng.randint(1, 12), day)
    return start + timedelta(hours=rng.randint(0, 23), minutes=rng.randint(0, 59))


# --- header layouts ----------------------------------------------------------------------------

FIELD_NAMES = {
    "en": ("Title", "Author", "Date", "Url", "Tags"),
    "es": ("Título", "Autor", "Fecha", "Enlace", "Etiquetas"),
    "de": ("Titel", "Autor", "Datum", "URL", "Schlagwörter"),
    "fr": ("Titre", "Auteur", "Date", "Lien", "Mots-clés"),
    "pt": ("Título", "Autor", "Data", "Link", "Tags"),
    "zh": ("标题", "作者", "日期", "链接", "标签"),
    "ru": ("Заголовок", "Автор", "Дата", "Ссылка", "Теги"),
    "ja": ("タイトル", "著者", "日付", "URL", "タグ"),
}
FIELDS = ("title", "author", "date", "url", "tags")
SEPARATORS = (":", ": ", " - ", "\t", "=", " = ")
POSTED = {
    "en": "Posted on {date} by {author}",
    "es": "Publicado el {date} por {author}",
    "fr": "Publié le {date} par {author}",
    "pt": "Publicado em {date} por {author}",
}
Layout = Callable[[Meta, random.Random], tuple[list[Block], list[Block]]]


def _field_lines(meta: Meta, rng: random.Random, lang: str) -> list[Line]:
    """`Field<sep>value` lines in a random order; tags sometimes a bare label, as crawlers leave it."""
    names = dict(zip(FIELDS, FIELD_NAMES[lang], strict=True))
    seps = (*SEPARATORS, "：") if lang in ("zh", "ja") else SEPARATORS
    sep = rng.choice(seps)
    case = rng.choice((str, str, str.lower, str.upper)) if lang in ("en", "es", "de", "fr", "pt") else str
    values = {
        "title": meta.title,
        "author": meta.author,
        "date": meta.date_text,
        "url": meta.url,
        "tags": ", ".join(meta.tags) if rng.random() < 0.6 else "",
    }
    order = list(FIELDS)
    rng.shuffle(order)
    lines = [Line(case(names[name]) + (sep + values[name] if values[name] else ""), f"header:{name}") for name in order]
    return [line for line in lines if line.label != "header:url" or rng.random() < 0.7]


def _fields(meta: Meta, rng: random.Random, lang: str) -> list[Block]:
    lines = _field_lines(meta, rng, lang)
    return [lines] if rng.random() < 0.5 else [[line] for line in lines]


def _front_matter(meta: Meta, rng: random.Random, fence: str, template: str) -> list[Block]:
    fields = [
        ("title", f'"{meta.title}"'),
        ("author", meta.author if fence == "---" else f'"{meta.author}"'),
        ("date", meta.iso if rng.random() < 0.5 else meta.date_text),
        ("tags", "[" + ", ".join(f'"{tag}"' for tag in meta.tags) + "]"),
    ]
    rng.shuffle(fields)
    body = [Line(template.format(key=key, value=value), f"header:{key}") for key, value in fields]
    return [[Line(fence, "header:frontmatter"), *body, Line(fence, "header:frontmatter")]]


def _markdown(meta: Meta, rng: random.Random) -> list[Block]:
    byline = rng.choice(
        [
            [[Line(f"*By {meta.author}*", "header:author")], [Line(f"*{meta.date_text}*", "header:date")]],
            [[Line(f"_{meta.author}, {meta.date_text}_", "header:byline")]],
            [[Line(f"**{meta.author}** · {meta.date_text}", "header:byline")]],
        ]
    )
    return [[Line(f"# {meta.title}", "header:title")], *byline]


def _byline_dateline(meta: Meta, rng: random.Random) -> list[Block]:
    author = meta.author.upper() if rng.random() < 0.3 else meta.author
    when = rng.choice(["Updated {}", "Published: {}", "{}", "Last updated {}"]).format(meta.date_text)
    return [[Line(meta.title, "header:title")], [Line(f"By {author}", "header:author")], [Line(when, "header:date")]]


def _inline_date(meta: Meta, rng: random.Random) -> list[Block]:
    views = rng.randint(3, 999)
    return [
        [Line(f" date {meta.iso} {meta.title}", "header:dateline")],
        [Line(f"Author:{meta.author} {meta.date_text} {views}", "header:byline")],
    ]


LAYOUTS: dict[str, Layout] = {
    "fields_top": lambda m, r: (_fields(m, r, "en"), []),
    "fields_bottom": lambda m, r: ([], _fields(m, r, "en")),
    "fields_foreign": lambda m, r: (_fields(m, r, m.lang), []),
    "yaml_front": lambda m, r: (_front_matter(m, r, "---", "{key}: {value}"), []),
    "toml_front": lambda m, r: (_front_matter(m, r, "+++", "{key} = {value}"), []),
    "markdown": lambda m, r: (_markdown(m, r), []),
    "title_pipe_site": lambda m, r: (
        [
            [Line(f"{m.title} | {m.site['name']}", "header:title")],
            [Line(POSTED.get(m.lang, POSTED["en"]).format(date=m.date_text, author=m.author), "header:byline")],
        ],
        [],
    ),
    "byline_dateline": lambda m, r: (_byline_dateline(m, r), []),
    "name_dash_date": lambda m, r: (
        [
            [Line(m.title, "header:title")],
            [Line(f"{m.author} {r.choice(['—', '–', '-'])} {m.date_text}", "header:byline")],
        ],
        [],
    ),
    "name_pipe_datetime": lambda m, r: (
        [[Line(m.title, "header:title")], [Line(f"{m.author} | {m.date_text}", "header:byline")]],
        [],
    ),
    "inline_date": lambda m, r: (_inline_date(m, r), []),
}


# --- generation --------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_SITE_OWN = {"footer": "footer", "share": "share", "navigation": "nav"}
# Boilerplate after the body, in the order a page prints it (navigation last before the footer).
TAIL_ORDER = ("related", "newsletter", "share", "syndication", "comments", "navigation", "footer")


class Cycler:
    """Items in a shuffled order, each used once before any is used again, so every phrasing shows up."""

    def __init__(self, items: list, rng: random.Random) -> None:
        self.items = items
        self.order = list(range(len(items)))
        rng.shuffle(self.order)
        self.taken = 0

    def take(self) -> Any:
        item = self.items[self.order[self.taken % len(self.items)]]
        self.taken += 1
        return item


@dataclass
class Context:
    """What one dump's placeholders are filled from."""

    site: dict
    year: int
    headlines: list[str]
    rng: random.Random
    people: list[str]
    photographers: list[str]
    used: int = 0

    def fill(self, text: str) -> str:
        return _PLACEHOLDER.sub(lambda found: self.value(found.group(1)), text)

    def value(self, name: str) -> str:
        if name == "headline":
            self.used += 1
            return self.headlines[(self.used - 1) % len(self.headlines)]
        if name in ("name", "name2"):
            return self.rng.choice(self.people)
        if name == "photographer":
            return self.rng.choice(self.photographers)
        return {"site": self.site["name"], "domain": self.site["domain"], "year": str(self.year)}[name]


def generate(seed: int = SEED, templates: Templates | None = None) -> list[Dump]:
    """Every generated dump, identical for the same seed and templates."""
    tpl = templates or load_templates()
    rng = random.Random(seed)
    pools = {
        kind: {lang: Cycler(items, rng) for lang, items in groups.items()} for kind, groups in tpl.boilerplate.items()
    }
    controls = {lang: Cycler(items, rng) for lang, items in tpl.controls.items()}
    return [_one_dump(index, tpl, pools, controls, rng) for index in range(DUMPS_PER_SITE * len(tpl.sites))]


def _one_dump(
    index: int, tpl: Templates, pools: dict[str, dict[str, Cycler]], controls: dict[str, Cycler], rng: random.Random
) -> Dump:
    """One dump: a site's header layout around an article, with controls and boilerplate placed in it."""
    site = tpl.sites[index % len(tpl.sites)]
    turn = index // len(tpl.sites)
    article = _pick_article(site, turn, tpl.articles, rng)
    layout = site["layouts"][turn % len(site["layouts"])]
    style = rng.choice(site["dates"])
    when = random_date(rng, "numeric" in style)
    meta = Meta(
        article["title"],
        rng.choice(tpl.authors),
        DATE_STYLES[style](when, rng),
        f"{when:%Y-%m-%d}",
        _url(site, article, when, rng),
        _tags(article["title"]),
        site,
        site["lang"],
    )
    ctx = Context(site, when.year, _headlines(article, tpl.articles, rng), rng, tpl.authors, tpl.photographers)
    body: list[Block] = [[Line(text, "body")] for text in article["paragraphs"]]
    for _ in range(rng.choice((0, 1, 1, 2)) if article["lang"] in controls else 0):
        body.insert(rng.randint(1, len(body)), [Line(text, "control") for text in controls[article["lang"]].take()])
    top, bottom = LAYOUTS[layout](meta, rng)
    blocks = _decorate(body, top, bottom, rng, lambda kind: _piece(kind, pools, ctx))
    newline = rng.choices(list(NEWLINES), weights=NEWLINE_WEIGHTS)[0]
    paragraph_sep, line_sep = NEWLINES[newline]
    text = paragraph_sep.join(line_sep.join(line.text for line in block) for block in blocks)
    lines = tuple(line for block in blocks for line in block)
    return Dump(
        f"gen-{index:03d}-{site['domain']}",
        site["domain"],
        site["lang"],
        layout,
        newline,
        text,
        lines,
        meta.title,
        meta.author,
        meta.iso,
    )


def _pick_article(site: dict, turn: int, articles: list[dict], rng: random.Random) -> dict:
    """A site in another language prints its own language every other turn, English otherwise."""
    own = [item for item in articles if item["lang"] == site["lang"]]
    if site["lang"] != "en" and turn % 2 == 1 or not own:
        own = [item for item in articles if item["lang"] == "en"]
    return rng.choice(own)


def _headlines(article: dict, articles: list[dict], rng: random.Random) -> list[str]:
    """Eight other titles for related inserts, in the article's language first."""
    others = [item for item in articles if item["title"] != article["title"]]
    same = [item["title"] for item in others if item["lang"] == article["lang"]]
    rest = [item["title"] for item in others if item["lang"] == "en" and item["title"] not in same]
    return rng.sample(same, min(8, len(same))) + rng.sample(rest, 8 - min(8, len(same)))


def _url(site: dict, article: dict, when: datetime, rng: random.Random) -> str:
    ascii_title = unicodedata.normalize("NFKD", article["title"]).encode("ascii", "ignore").decode().lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_title))[:60] or f"news/{rng.randint(10000, 99999)}"
    return rng.choice(
        [
            f"https://www.{site['domain']}/{when.year}/{slug}",
            f"https://{site['domain']}",
            f"https://{site['domain']}/{slug}.html",
        ]
    )


def _tags(title: str) -> tuple[str, ...]:
    words = sorted({word.lower() for word in re.findall(r"\w+", title)}, key=lambda word: (-len(word), word))
    return tuple(words[:2])


def _piece(kind: str, pools: dict[str, dict[str, Cycler]], ctx: Context) -> Block:
    """One boilerplate item of a kind: the site's own footer/share/navigation line, or the next phrasing."""
    own = _SITE_OWN.get(kind)
    if own and ctx.rng.random() < 0.35:
        lines = [ctx.site[own]]
    else:
        lines = pools[kind][_piece_language(sorted(pools[kind]), ctx.site["lang"], ctx.rng)].take()
    return [Line(ctx.fill(text), f"boilerplate:{kind}") for text in lines]


def _piece_language(langs: list[str], site_lang: str, rng: random.Random) -> str:
    """Mostly the site's language; now and then another one, as pages mix widgets from elsewhere."""
    if "any" in langs:
        return "any"
    if site_lang in langs and site_lang != "en" and rng.random() < 0.85:
        return site_lang
    foreign = [lang for lang in langs if lang != "en"]
    return rng.choice(foreign) if foreign and rng.random() < 0.08 else "en"


def _decorate(
    body: list[Block], top: list[Block], bottom: list[Block], rng: random.Random, piece: Callable[[str], Block]
) -> list[Block]:
    """Boilerplate where pages put it: menus first, inserts between paragraphs, the rest after the body."""
    after: list[list[Block]] = [[] for _ in body]
    lead: list[Block] = []  # before the header
    head: list[Block] = []  # right after the header
    tail: dict[str, Block] = {}
    if rng.random() < 0.55:
        if rng.random() < 0.7:
            lead.append(piece("navigation"))
        else:
            tail["navigation"] = piece("navigation")
    if rng.random() < 0.5:
        if rng.random() < 0.4:
            head.append(piece("share"))
        else:
            tail["share"] = piece("share")
    if rng.random() < 0.45:
        after[0].append(piece("image_credit"))
    if rng.random() < 0.45:
        after[rng.randrange(max(1, len(body) - 1))].append(piece("advert"))
    for kind, chance in (("related", 0.55), ("newsletter", 0.45)):
        if rng.random() < chance:
            item = piece(kind)
            if len(item) == 1 and rng.random() < 0.7:
                after[rng.randrange(max(1, len(body) - 1))].append(item)
            else:
                tail[kind] = item
    _footnotes(after, rng, piece)
    for kind, chance in (("syndication", 0.45), ("comments", 0.4), ("footer", 0.6)):
        if rng.random() < chance:
            tail[kind] = piece(kind)
    blocks = [*lead, *top, *head]
    for paragraph, inserts in zip(body, after, strict=True):
        blocks += [paragraph, *inserts]
    return blocks + [tail[kind] for kind in TAIL_ORDER if kind in tail] + bottom


def _footnotes(after: list[list[Block]], rng: random.Random, piece: Callable[[str], Block]) -> None:
    """Lone footnote markers right after one to three consecutive paragraphs, as a crawler splits them off."""
    if rng.random() < 0.3:
        start = rng.randrange(len(after))
        for slot in after[start : start + rng.randint(1, 3)]:
            slot.insert(0, piece("footnote"))


# --- scoring -----------------------------------------------------------------------------------


def line_kept_shares(lines: list[str], output: str) -> list[float]:
    """Per dump line, the share of its tokens found in the output, aligning both token streams in order."""
    owner: list[int] = []
    stream: list[str] = []
    for number, text in enumerate(lines):
        words = tokens(text)
        stream += words
        owner += [number] * len(words)
    kept = [0] * len(lines)
    matcher = difflib.SequenceMatcher(None, stream, tokens(output), autojunk=False)
    for block in matcher.get_matching_blocks():
        for position in range(block.a, block.a + block.size):
            kept[owner[position]] += 1
    output_lines = {" ".join(line.split()) for line in output.splitlines()}
    shares = []
    for number, text in enumerate(lines):
        total = len(tokens(text))
        shares.append(kept[number] / total if total else float(" ".join(text.split()) in output_lines))
    return shares


@dataclass
class Prediction:
    """What one tool made of one dump: text, and metadata when the tool gives any."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    error: str | None = None


def score_dump(dump: Dump, prediction: Prediction) -> dict[str, Any]:
    """Kept share of every line, the dump's line accuracy, and whether title, author and date are exact."""
    shares = line_kept_shares([line.text for line in dump.lines], prediction.text)
    right = [share if _keep(line.label) else 1 - share for line, share in zip(dump.lines, shares, strict=True)]
    missed = sorted({line.label for line, ok in zip(dump.lines, right, strict=True) if ok < 0.5})
    return {
        "id": dump.id,
        "layout": dump.layout,
        "newline": dump.newline,
        "lang": dump.lang,
        "kept": [[line.label, round(share, 4)] for line, share in zip(dump.lines, shares, strict=True)],
        "accuracy": sum(right) / len(right),
        "missed": missed,
        "title": _same(prediction.title, dump.title),
        "author": _same(prediction.author, dump.author, fold=True),
        "date": None if prediction.date is None else prediction.date[:10] == dump.date,
        "error": prediction.error,
    }


def _keep(label: str) -> bool:
    return label in ("body", "control")


def _same(found: str | None, expected: str, fold: bool = False) -> bool | None:
    """Equal after collapsing whitespace (and case, for names a byline prints in capitals); None: no answer."""
    if found is None:
        return None
    norm = (lambda text: " ".join(text.split()).casefold()) if fold else (lambda text: " ".join(text.split()))
    return norm(found) == norm(expected)


def metadata_given(scores: list[dict[str, Any]]) -> set[str]:
    """The metadata fields a tool answered at least once."""
    return {name for name in ("title", "author", "date") if any(score[name] is not None for score in scores)}


def summarise_generated(scores: list[dict[str, Any]], gives: set[str] | None = None) -> dict[str, Any]:
    """One tool's figures over generated dumps: removal per kind, retention, metadata, clean dumps.

    `gives` names the metadata fields the tool ever answers (default: those answered in `scores`);
    for those, no answer counts as wrong, for the others the figure is None (shown as a dash).
    """
    gives = metadata_given(scores) if gives is None else gives
    by_label: dict[str, list[float]] = defaultdict(list)
    for score in scores:
        for label, share in score["kept"]:
            group = label if label.startswith("boilerplate:") or _keep(label) else "header"
            by_label[group].append(share)
    mean = lambda values: sum(values) / len(values) if values else None  # noqa: E731
    summary: dict[str, Any] = {f"removed {kind}": _removed(by_label[f"boilerplate:{kind}"]) for kind in KINDS}
    summary["removed header lines"] = _removed(by_label["header"])
    summary["kept body"] = mean(by_label["body"])
    summary["kept controls"] = mean(by_label["control"])
    for name in ("title", "author", "date"):
        summary[f"{name} exact"] = mean([bool(score[name]) for score in scores]) if name in gives else None
    summary["clean dumps"] = mean([score["accuracy"] >= 0.999 for score in scores])
    summary["line accuracy"] = mean([score["accuracy"] for score in scores])
    summary["errors"] = sum(score["error"] is not None for score in scores)
    return summary


def _removed(shares: list[float]) -> float | None:
    return 1 - sum(shares) / len(shares) if shares else None


# --- tools -------------------------------------------------------------------------------------

Tool = Callable[[str, str, "str | None", bool], Prediction]  # text, language, the page's URL if known, Markdown


def as_html(text: str, markdown: bool = False) -> str:
    """How the HTML baselines see a text dump: each non-empty line one escaped <p>, nothing else;
    a Markdown dump rendered as HTML (markdown-it-py, CommonMark), as its reader would see it."""
    if markdown:
        return f"<html><body>\n{_markdown_renderer().render(text)}\n</body></html>"
    lines = (line.strip() for line in text.splitlines())
    paragraphs = "\n".join(f"<p>{html_lib.escape(line)}</p>" for line in lines if line)
    return f"<html><body>\n{paragraphs}\n</body></html>"


@functools.cache
def _markdown_renderer() -> Any:
    """CommonMark with tables, built once: what renders a Markdown dump for the HTML baselines."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


COMMENTS_KEPT = "cleaner, comments kept"
LEARNED = "cleaner --learn"
# The dumps site learning is measured on, each kind learned from its own: a crawler's extracted
# text, a naive crawler's whole page (menus and all), and the whole page as Markdown.
LEARN_KINDS = ("extracted", "whole-page", "markdown")


def make_tools() -> dict[str, Tool]:
    """Each tool built once: text, language, URL -> Prediction; a crash becomes an empty prediction with its error."""
    import justext
    import trafilatura

    stoplists = {lang: justext.get_stoplist(name) for lang, name in JUSTEXT_STOPLISTS.items()}

    def run_trafilatura(text: str, lang: str, url: str | None, markdown: bool = False) -> Prediction:
        doc = trafilatura.bare_extraction(as_html(text, markdown), url=url, include_comments=False, with_metadata=True)
        return Prediction(doc.text or "", doc.title, doc.author, doc.date) if doc else Prediction("")

    def run_justext(text: str, lang: str, url: str | None, markdown: bool = False) -> Prediction:
        paragraphs = justext.justext(as_html(text, markdown), stoplists.get(lang, stoplists["en"]))
        return Prediction("\n\n".join(p.text for p in paragraphs if not p.is_boilerplate))

    return {
        name: _guarded(run)
        for name, run in (("cleaner", cleaner_tool()), ("trafilatura", run_trafilatura), ("justext", run_justext))
    }


def cleaner_tool(config: Any = None) -> Tool:
    """cleaner on a dump as text, with a configuration (the defaults when None)."""
    from cleaner import Cleaner

    cleaner = Cleaner(config)

    def run(text: str, lang: str, url: str | None, markdown: bool = False) -> Prediction:
        doc = cleaner.clean(text, url=url, kind="text")  # a Markdown dump is known by its syntax
        return Prediction(doc.text, doc.title, doc.author, doc.date)

    return run


def comments_kept_tool() -> Tool:
    """cleaner with reader comments kept (`Config(include_comments=True)`: the `comments` rule group
    off), the configuration for a gold text that keeps them (Dragnet's): real dumps only, since the
    generated dumps label comment prompts boilerplate."""
    from cleaner import Config

    return _guarded(cleaner_tool(Config(include_comments=True)))


def _guarded(run: Tool) -> Tool:
    def guarded(text: str, lang: str, url: str | None, markdown: bool = False) -> Prediction:
        try:
            return run(text, lang, url, markdown)
        except Exception as error:  # a failure on one dump is a result, not a reason to stop
            return Prediction("", error=f"{type(error).__name__}: {error}"[:200])

    return guarded


# --- real dumps --------------------------------------------------------------------------------


def real_dumps(sources: list[str], aeb: Path | None = None, cache: Path = OUT_DIR) -> list[dict[str, str]]:
    """Held-out pages as dumps: trafilatura's extracted text and the whole-page text, cached per source.

    The cache is rebuilt when REAL_DUMP_FORMAT or trafilatura's version changes.
    """
    pages = []
    for source in sources:
        pages += cached_pages(
            cache / f"real-{source}.json", dumps_made_by(), functools.partial(_make_real, source, aeb)
        )
    return pages


def dumps_made_by() -> str:
    """What a cache of dumps records it was made with: it is made again when any of it changes."""
    import trafilatura

    return f"{REAL_DUMP_FORMAT}/trafilatura {trafilatura.__version__}/{converter_versions()}"


def cached_pages(
    path: Path, made_by: str, make: Callable[[], Iterable[dict[str, str]]], complete: Callable[[list], bool] = bool
) -> list[dict[str, str]]:
    """The pages stored at `path` when `made_by` made them (and `complete` holds of a non-empty
    store), else made again and stored there."""
    stored = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    if stored.get("made_by") != made_by or (stored.get("pages") and not complete(stored["pages"])):
        stored = {"made_by": made_by, "pages": list(make())}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    return stored["pages"]


def _make_real(source: str, aeb: Path | None) -> Iterator[dict[str, str]]:
    from benchmarks import sources

    for page in _source_pages(source, aeb):
        if sources.is_heldout(page):
            yield page_dumps(source, page)


def _make_crawl(source: str, aeb: Path | None) -> Iterator[dict[str, str]]:
    for page in _source_pages(source, aeb):
        if page.url:
            yield {"url": page.url, **dumps_of(page, LEARN_KINDS)}


def _source_pages(source: str, aeb: Path | None) -> Iterator[Page]:
    from benchmarks import sources

    return sources._aeb_pages(aeb) if source == "aeb" and aeb else iter(sources.load_source(source))


def crawl_dumps(sources: list[str], aeb: Path | None = None, cache: Path = OUT_DIR) -> dict[str, list[tuple[str, str]]]:
    """Per kind of LEARN_KINDS, (dump, URL) of every page with a URL of the sources, training and
    held-out pages alike, as a crawl of their sites holds them (no gold text); cached per source."""
    crawl: dict[str, list[tuple[str, str]]] = {kind: [] for kind in LEARN_KINDS}
    for source in sources:
        make = functools.partial(_make_crawl, source, aeb)
        for page in cached_pages(cache / f"crawl-{source}.json", dumps_made_by(), make):
            for kind in LEARN_KINDS:
                crawl[kind].append((page[kind], page["url"]))
    return crawl


def learned_tools(crawl: list[tuple[str, str]], folder: Path) -> tuple[dict[str, Tool], str]:
    """cleaner with the site rules `learn_rules` learns from the crawl's dumps (what `cleaner clean
    --learn` does), by default and with comments kept; and the learning summary."""
    from cleaner import Config
    from cleaner.learn import learn_rules

    result = learn_rules(crawl, folder, Config(input_kind="text"))
    rules = (str(folder),) if result.sites else ()
    tools = {
        LEARNED: _guarded(cleaner_tool(Config(rule_dirs=rules))),
        f"{LEARNED}, comments kept": _guarded(cleaner_tool(Config(rule_dirs=rules, include_comments=True))),
    }
    return tools, result.summary()[0]


def page_dumps(source: str, page: Page) -> dict[str, str]:
    """One page as every kind of real dump (REAL_KINDS), beside its gold text."""
    return {"source": source, "id": page.id, "url": page.url, "truth": page.truth, **dumps_of(page, REAL_KINDS)}


def dumps_of(page: Page, kinds: tuple[str, ...]) -> dict[str, str]:
    """The page as each of these kinds of dump, as a crawler stores it."""
    import trafilatura

    makers: dict[str, Callable[[Page], str]] = {
        "extracted": lambda p: trafilatura.extract(p.html, url=p.url, include_comments=False) or "",
        "whole-page": lambda p: whole_page_text(p.html),
        "tag-lines": lambda p: tag_lines_text(p.html),
        "markdown": lambda p: html2text_markdown(p.html),
        "markdownify": lambda p: markdownify_markdown(p.html),
    }
    return {kind: makers[kind](page) for kind in kinds}


# --- running and reporting ---------------------------------------------------------------------


def run_generated(dumps: list[Dump], tools: dict[str, Tool]) -> dict[str, Any]:
    """Every tool on every generated dump: per-dump scores, a summary and seconds per tool."""
    results: dict[str, Any] = {}
    for name, run in tools.items():
        started = time.perf_counter()
        scores = [score_dump(dump, run(dump.text, dump.lang, None, False)) for dump in dumps]  # the text alone
        results[name] = {
            "summary": summarise_generated(scores),
            "dumps": scores,
            "seconds": round(time.perf_counter() - started, 2),
        }
    return results


def run_real(
    pages: list[dict[str, str]], tools: dict[str, Tool], kinds: tuple[str, ...] = REAL_KINDS
) -> dict[str, Any]:
    """Every tool (and the dump as it is) on every dump of every held-out page, scored against the gold text."""
    runs: dict[str, Tool] = {"as-is": lambda text, lang, url, markdown: Prediction(text), **tools}
    per_page: dict[str, list[dict[str, Any]]] = {}
    seconds = {}
    for name, run in runs.items():
        started = time.perf_counter()
        per_page[name] = []
        for page in pages:
            for kind in kinds:
                predicted = run(page[kind], "en", page.get("url"), kind in MARKDOWN_KINDS)
                for dump, gold in _golds(page["source"], kind, page["truth"]):
                    per_page[name].append(
                        {
                            "source": page["source"],
                            "id": page["id"],
                            "dump": dump,
                            **asdict(score_page(predicted.text, gold)),
                            "error": predicted.error,
                        }
                    )
        seconds[name] = round(time.perf_counter() - started, 2)
    table = {}
    for name, scores in per_page.items():
        for (source, kind), group in sorted(_group(scores).items()):
            page_scores = [_page_score(score) for score in group]
            row = asdict(aggregate(page_scores))
            row["f1_interval"] = f1_interval(page_scores)
            table.setdefault(f"{source} / {kind}", {})[name] = row
    return {"table": table, "pages": per_page, "seconds": seconds}


def _golds(source: str, kind: str, truth: str) -> list[tuple[str, str]]:
    """What a dump's output is scored against: the page's gold text, and for a source whose gold
    also holds the page's reader comments (Dragnet's, after a marker line) the article alone as
    well, in a row of its own (`<kind>, article only`): every tool here leaves comments out by
    default, the text path's line model keeps what reads as body."""
    if source not in GOLD_WITH_COMMENTS:
        return [(kind, truth)]
    return [(kind, truth), (f"{kind}, article only", article_text(truth))]


def _group(scores: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for score in scores:
        groups[(score["source"], score["dump"])].append(score)
    return groups


def _page_score(score: dict[str, Any]) -> Any:
    from benchmarks.metric import PageScore

    return PageScore(
        score["precision"], score["recall"], score["exact"], score["predicted_empty"], score["truth_empty"]
    )


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def generated_table(results: dict[str, Any]) -> str:
    """Markdown: one row per figure, one column per tool."""
    names = list(results)
    rows = [f"| figure | {' | '.join(names)} |", "|---" * (len(names) + 1) + "|"]
    for figure in results[names[0]]["summary"]:
        cells = [results[name]["summary"][figure] for name in names]
        text = [str(cell) if figure == "errors" else _cell(cell) for cell in cells]
        rows.append(f"| {figure} | {' | '.join(text)} |")
    return "\n".join(rows)


def breakdown_table(results: dict[str, Any], key: str) -> str:
    """Markdown by layout, newline style or site language: header lines removed, metadata exact, line accuracy."""
    names = list(results)
    groups = sorted({score[key] for score in results[names[0]]["dumps"]})
    header = " | ".join(f"{name} hdr / title / author / date / acc" for name in names)
    rows = [f"| {key} | dumps | {header} |", "|---" * (len(names) + 2) + "|"]
    for group in groups:
        cells = []
        for name in names:
            scores = results[name]["dumps"]
            summary = summarise_generated([s for s in scores if s[key] == group], metadata_given(scores))
            figures = ("removed header lines", "title exact", "author exact", "date exact", "line accuracy")
            cells.append(" / ".join(_cell(summary[figure]).replace("0.", ".", 1) for figure in figures))
        count = sum(s[key] == group for s in results[names[0]]["dumps"])
        rows.append(f"| {group} | {count} | {' | '.join(cells)} |")
    return "\n".join(rows)


def real_table(real: dict[str, Any]) -> str:
    """Markdown: one row per source and kind of dump, P / R / F1 per tool."""
    return _tool_table(real, "P / R / F1", lambda s: f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}")


def interval_table(real: dict[str, Any]) -> str:
    """Markdown: each tool's F1 per row beside the 95% interval of F1 over resampled pages
    (metric.f1_interval): how much of a difference between two figures these pages can tell."""
    return _tool_table(
        real, "F1 (95%)", lambda s: f"{s['f1']:.3f} ({s['f1_interval'][0]:.3f}-{s['f1_interval'][1]:.3f})"
    )


def learned_table(real: dict[str, Any], learned: dict[str, Any]) -> str:
    """Markdown: site learning's rows (LEARN_KINDS dumps) beside the same rows' other tools from the same run."""
    rows = {key: {**real["table"][key], **scores} for key, scores in learned["table"].items()}
    order = ["cleaner", LEARNED, COMMENTS_KEPT, f"{LEARNED}, comments kept", "trafilatura", "justext"]
    table = {key: {name: scores[name] for name in order if name in scores} for key, scores in rows.items()}
    return interval_table({"table": table})


def _tool_table(real: dict[str, Any], heading: str, cell: Callable[[dict[str, Any]], str]) -> str:
    """The real dumps' figures as Markdown: a row per source and kind of dump, a cell per tool."""
    names = list(next(iter(real["table"].values())))
    rows = [
        f"| source / dump | pages | {' | '.join(f'{name} {heading}' for name in names)} |",
        "|---" * (len(names) + 2) + "|",
    ]
    for key, scores in real["table"].items():
        rows.append(f"| {key} | {scores[names[0]]['pages']} | {' | '.join(cell(s) for s in scores.values())} |")
    return "\n".join(rows)


def worst(generated: dict[str, Any], real: dict[str, Any] | None, count: int) -> str:
    """Each tool's worst generated dumps (line accuracy, labels it got wrong) and worst real dumps (F1)."""
    out = []
    for name, result in generated.items():
        out.append(f"{name}, worst generated dumps:")
        for score in sorted(result["dumps"], key=lambda s: (s["accuracy"], s["id"]))[:count]:
            wrong = ", ".join(score["missed"])
            out.append(f"  {score['id']:<42} line accuracy {score['accuracy']:.3f}  wrong: {wrong}")
        if real:
            out += _worst_real(real["pages"], name, count)
    return "\n".join(out)


def _worst_real(pages: dict[str, list[dict[str, Any]]], name: str, count: int) -> list[str]:
    """Lowest F1 among dumps that hold some of the gold text (an empty or unrelated dump has nothing to clean)."""
    as_is = {(s["source"], s["id"], s["dump"]): _f1(s) for s in pages["as-is"]}
    scored = [(_f1(s), s) for s in pages[name] if as_is[(s["source"], s["id"], s["dump"])] > 0]
    out = [f"{name}, worst real dumps (F1, and the dump's own F1 before cleaning):"]
    for f1, s in sorted(scored, key=lambda item: (item[0], item[1]["source"], item[1]["id"], item[1]["dump"]))[:count]:
        before = as_is[(s["source"], s["id"], s["dump"])]
        error = f"  error: {s['error']}" if s["error"] else ""
        out.append(
            f"  {s['source']}/{s['id'][:24]} ({s['dump']}): P {s['precision']:.3f} R {s['recall']:.3f} "
            f"F1 {f1:.3f} (as-is {before:.3f}){error}"
        )
    return out


def _f1(score: dict[str, Any]) -> float:
    p, r = score["precision"], score["recall"]
    return 2 * p * r / (p + r) if p + r else 0.0


def write_generated(dumps: list[Dump], folder: Path) -> None:
    """Each dump as its exact bytes (CRLF kept) plus its labelled lines, for inspection."""
    folder.mkdir(parents=True, exist_ok=True)
    for dump in dumps:
        (folder / f"{dump.id}.txt").write_bytes(dump.text.encode("utf-8"))
        labels = {
            **{k: v for k, v in asdict(dump).items() if k not in ("text", "lines")},
            "lines": [[line.label, line.text] for line in dump.lines],
        }
        (folder / f"{dump.id}.labels.json").write_text(
            json.dumps(labels, ensure_ascii=False, indent=1), encoding="utf-8"
        )


def run_learning(sources: list[str], aeb: Path | None, pages: list[dict[str, str]], real: dict[str, Any]) -> dict:
    """`clean --learn` over a crawl of the sources' sites, per kind of dump: rules learned from every
    page's dump of that kind, then the held-out pages' dumps of that kind cleaned with them;
    printed beside the other tools."""
    crawl = crawl_dumps(sources, aeb)
    table, summaries, seconds = {}, {}, {}
    for kind in LEARN_KINDS:
        with tempfile.TemporaryDirectory() as folder:
            tools, summaries[kind] = learned_tools(crawl[kind], Path(folder))
            learned = run_real(pages, tools, (kind,))
        table.update(learned["table"])
        seconds[kind] = learned["seconds"]
    print("\n## Site learning (held-out pages scored; rules learned from every page's dump of the kind)\n")
    print("\n".join(f"- {kind}: {summary}" for kind, summary in summaries.items()) + "\n")
    print(learned_table(real, {"table": dict(sorted(table.items()))}))
    return {"table": table, "summary": summaries, "seconds": seconds}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-real", action="store_true", help="generated dumps only (no dataset needed)")
    parser.add_argument("--sources", default="aeb,cleaneval,dragnet", help="sources of the real dumps")
    parser.add_argument("--aeb", type=Path, help="AEB data folder (default: sources.py's ../shared/bench/aeb)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--worst", type=int, default=5, help="worst dumps listed per tool")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    dumps = generate()
    write_generated(dumps, OUT_DIR / "generated")
    tools = make_tools()
    generated = run_generated(dumps, tools)
    print(f"## Generated dumps ({len(dumps)} dumps, {sum(len(d.lines) for d in dumps)} labelled lines)\n")
    print(generated_table(generated))
    for key in ("layout", "newline", "lang"):
        print(f"\nBy {key}: header lines removed / title / author / date exact / line accuracy\n")
        print(breakdown_table(generated, key))
    real = None
    if not args.no_real:
        pages = real_dumps(args.sources.split(","), args.aeb)
        others = {name: run for name, run in tools.items() if name != "cleaner"}
        real = run_real(pages, {"cleaner": tools["cleaner"], COMMENTS_KEPT: comments_kept_tool(), **others})
        print(f"\n## Real dumps of held-out pages ({len(pages)} pages)\n")
        print(real_table(real))
        print("\nF1 with the range of the central 95% of its values over 1,000 resamples of the pages\n")
        print(interval_table(real))
        real["learned"] = run_learning(args.sources.split(","), args.aeb, pages, real)
    print("\n" + worst(generated, real, args.worst))
    seconds = {name: result["seconds"] for name, result in generated.items()}
    print(f"\nseconds per tool, generated dumps: {seconds}" + (f"; real dumps: {real['seconds']}" if real else ""))
    print(f"whole run {time.perf_counter() - started:.0f} s")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    report = {"generated": generated, "real": real, "dumps": len(dumps), "seed": SEED}
    args.json.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
