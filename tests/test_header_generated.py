"""Generated header layouts: any order, either end, many languages and separators, always read the same."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, Document

# Field names per language: (title, author, published, updated).
NAMES = {
    "en": ("Title", "Author", "Published", "Last updated"),
    "en2": ("Headline", "Written by", "Posted", "Modified"),
    "de": ("Titel", "Autor", "Veröffentlicht am", "Aktualisiert"),
    "fr": ("Titre", "Auteur", "Publié le", "Mis à jour"),
    "es": ("Título", "Autor", "Fecha", "Actualizado"),
    "pt": ("Título", "Autora", "Publicado em", "Atualizado em"),
    "it": ("Titolo", "Autore", "Pubblicato il", "Aggiornato il"),
    "nl": ("Kop", "Door", "Gepubliceerd op", "Bijgewerkt"),
    "ru": ("Заголовок", "Автор", "Опубликовано", "Обновлено"),
    "zh": ("标题", "作者", "发布时间", "更新时间"),
    "ja": ("タイトル", "著者", "公開日", "更新日"),
}
SEPARATORS = (": ", ":", " : ", " - ", "\t", " = ", "：")
# The same day, 14 May 2023 (unambiguous in every numeric form), written many ways.
DAYS = (
    "2023-05-14",
    "May 14, 2023",
    "14 May 2023",
    "14.05.2023",
    "2023/05/14",
    "14/05/2023",
    "Sunday, 14 May 2023",
    "14. Mai 2023",
    "14 mai 2023",
    "14 de mayo de 2023",
    "14 maggio 2023",
    "14 mei 2023",
    "14 мая 2023 г.",
    "2023年5月14日",
)
UPDATES = ("2023-05-15 09:30", "May 15, 2023 9:30 am", "15.05.2023 09:30", "15 May 2023, 09:30")
TITLES = (
    "Harbour bridge reopens after repairs",
    "Neue Brücke eröffnet",
    "Le pont rouvre ses portes",
    "Мост снова открыт",
    "大桥重新开放",
)
AUTHORS = ("Ana Souza", "Jan de Vries", "Mary-Jane O'Neil", "Иван Петров", "Hans Müller", "Chloé Martin")
PARAGRAPHS = (
    "The bridge reopened on Sunday after eight months of repairs, and traffic was back to normal by the evening.",
    "Engineers said the new deck should last for at least forty years with ordinary maintenance.",
    "Local shops, which had lost much of their trade during the closure, welcomed the news.",
)
HEADINGS = ("What changes for drivers", "Costs")


@st.composite
def layouts(draw):
    lang = draw(st.sampled_from(sorted(NAMES)))
    title_name, author_name, date_name, updated_name = NAMES[lang]
    sep = draw(st.sampled_from(SEPARATORS))
    title, author = draw(st.sampled_from(TITLES)), draw(st.sampled_from(AUTHORS))
    fields = [
        f"{title_name}{sep}{title}",
        f"{author_name}{sep}{author}",
        f"{date_name}{sep}{draw(st.sampled_from(DAYS))}",
    ]
    updated = draw(st.booleans())
    if updated:
        fields.append(f"{updated_name}{sep}{draw(st.sampled_from(UPDATES))}")
    fields = draw(st.permutations(fields))
    body = list(PARAGRAPHS)
    if draw(st.booleans()):
        body[1:1] = [HEADINGS[0]]
        body[3:3] = [HEADINGS[1]]
    if draw(st.booleans()):
        body = [title, *body]  # the headline repeated above the story
    block = "\n".join(fields)
    gap = draw(st.sampled_from(("\n\n", "\n")))
    dump = f"{block}{gap}{gap.join(body)}" if draw(st.booleans()) else f"{gap.join(body)}{gap}{block}"
    return dump, {
        "title": title,
        "author": author,
        "date": "2023-05-14",
        "modified": "2023-05-15T09:30" if updated else None,
    }


# The tests here never read the language: conftest's `cleaner` skips langdetect.
DETECT_LANGUAGE = False


def read_as_expected(cleaner: Cleaner, dump: str, expected: dict[str, str | None]) -> Document:
    """The dump's fields are read, the story starts the text, and cleaning that text again changes nothing."""
    doc = cleaner.clean(dump, kind="text")
    assert {key: getattr(doc, key) for key in expected} == expected
    assert doc.text.startswith(PARAGRAPHS[0])
    assert cleaner.clean(doc.text, kind="text").text == doc.text
    return doc


@settings(max_examples=150, deadline=None)
@given(layouts())
def test_generated_headers_give_their_fields_and_leave_the_story(cleaner, layout):
    doc = read_as_expected(cleaner, *layout)
    assert doc.text.endswith(PARAGRAPHS[-1])


BYLINES = ("By {a}", "*By {a}*", "_by {a}_", "Von {a}", "Par {a}", "Por {a}", "Door {a}", "Di {a}", "Автор: {a}")
DATELINES = ("{d}", "Posted on {d}", "Published: {d}", "Veröffentlicht am {d}", "Publié le {d}")
COMBINED = ("By {a} | {d}", "{a} — {d}", "{a} | {d}", "Posted on {d} by {a}", "Von {a}, {d}", "{a} · {d}")
LATIN_AUTHORS = tuple(a for a in AUTHORS if a.isascii() or "é" in a or "ü" in a)
ENGLISH_TITLES = ("Harbour Bridge Reopens After Eight Months Of Repairs", "Harbour bridge reopens after repairs")


@st.composite
def bylined(draw):
    title, author, day = (
        draw(st.sampled_from(ENGLISH_TITLES)),
        draw(st.sampled_from(LATIN_AUTHORS)),
        draw(st.sampled_from(DAYS[:8])),
    )
    if draw(st.booleans()):
        lines = [draw(st.sampled_from(COMBINED)).format(a=author, d=day)]
    else:
        lines = [draw(st.sampled_from(BYLINES)).format(a=author), draw(st.sampled_from(DATELINES)).format(d=day)]
        lines = draw(st.permutations(lines))
    heading = draw(st.booleans())
    body = [PARAGRAPHS[0], *([HEADINGS[0]] if heading else []), *PARAGRAPHS[1:]]
    return "\n\n".join([title, *lines, *body]), {"title": title, "author": author, "date": "2023-05-14"}


@settings(max_examples=150, deadline=None)
@given(bylined())
def test_generated_bylines_and_datelines_under_a_headline(cleaner, layout):
    read_as_expected(cleaner, *layout)
