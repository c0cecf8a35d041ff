"""Whether a byline part names a person, and the name in its usual case.

Markup and bylines name people, but also site accounts ('admin', 'jdadmin', 'Kei_Eno'), desks
and staff ('Editorial', 'HNN Staff', 'News Nation Bureau'), job titles ('AP Auto Writer',
'CNN Editor-at-large') and the publisher itself ('Business Insider', 'Cleveland.com'). The
signals are general rather than lists of names: a role word, the site's own name or host, and the
shape of a person's name (a few capitalised words; one word only when it is written like a name,
not like a login).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .dates import words

MAX_NAME_WORDS = 5
MAX_LABEL_VALUE_WORDS = 5  # a field's value after a name ('Topics: Entrepreneurship'), never a sentence
MAX_UNCASED_NAME_CHARS = 10  # '中沢克二', 'ドナルド・トランプ': a name in a script without case is short
# What stands between a job title and the name it goes with ('Jane Roe, Staff Writer', '記者：王小明').
_ROLE_SEPARATOR = r"[\s:：,，、|·•/–—-]*"
# Host labels that name no site ('news.example.com', 'blog.example.org').
GENERIC_LABELS = frozenset({"www", "news", "blog", "blogs", "home", "info", "online", "mobile"})
# A credit that opens with a kind of piece ('Analysis by NAME', 'Words and photos by NAME').
_CREDIT = re.compile(r"^.{0,40}?\b(?:by|von|por|par|di|door|av|przez|от)\s+(?=\S)", re.I)
# 'Finian Cunningham. Sputnik International': a sentence stop after a full word ends the name.
_STOP = re.compile(r"(?<=\w{2})\.\s+(?=\S)")
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.\-])*")
_GLUED = re.compile(r"(?<![^\W\d_])[^\W\d_][a-z]{3,}(?=[A-Z])")  # 'James' in 'JamesStaff'
# A label a page's text ran into the name after it ('BiographySarah'): six lower-case letters or
# more before a capital inside a word. A name's own inner capital follows a short prefix
# ('McDonald', 'MacKenzie', 'FitzGerald', 'VanderMeer'); a shorter label ('AuthorJane') passes.
_GLUED_LABEL = re.compile(r"[a-z]{6,}[A-Z]")
# A field's label after a name, where a page ran the name into its next field ('Tim Ferriss Topics:
# Entrepreneurship', 'Jane Roe Categoria: Saúde'): a word of letters ending in a colon.
_LABEL_AFTER = re.compile(r"\s+([^\W\d_][^\W\d]*)[:：](?=\s|$)")
_LOGIN = re.compile(r"[_@#/\\:0-9]|^\w+\.\w{2,}$")


def without_case(text: str) -> bool:
    """No letter with case in it: a name or label in Chinese, Japanese, Korean, Arabic, Hebrew, ..."""
    return not any(ch.isupper() or ch.islower() for ch in text)


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    """Words that make a byline part a role, a desk or an organisation, or a widget's label
    (cleaner/textmeta.yaml `role_words` and `widget_words`)."""
    return frozenset(word.casefold() for word in words()["role_words"]) | widget_words()


@lru_cache(maxsize=1)
def widget_words() -> frozenset[str]:
    """The services and link labels of a share bar or an author box (cleaner/textmeta.yaml)."""
    return frozenset(word.casefold() for word in words()["widget_words"])


def _role_alternation() -> str:
    """The job titles as one alternation, longest first, any run of spaces inside one
    (cleaner/textmeta.yaml `byline_roles`)."""
    roles = sorted(words()["byline_roles"], key=len, reverse=True)
    return "|".join(re.escape(role).replace(r"\ ", r"\s+") for role in roles)


@lru_cache(maxsize=1)
def _role_credits() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A job title then a name, and a name then a job title (cleaner/textmeta.yaml `byline_roles`)."""
    alternation = _role_alternation()
    before = re.compile(rf"^(?:{alternation})(?P<sep>{_ROLE_SEPARATOR})(?P<name>\S.*)$", re.I)
    after = re.compile(rf"^(?P<name>.*?\S)(?P<sep>{_ROLE_SEPARATOR})(?:{alternation})$", re.I)
    return before, after


@lru_cache(maxsize=1)
def _role_tail() -> re.Pattern[str]:
    """A job title at the end of a text, with the words that rank it (cleaner/textmeta.yaml
    `byline_roles`, `role_modifiers`)."""
    modifiers = "|".join(re.escape(word) for word in words()["role_modifiers"])
    return re.compile(rf"(?:^|\s)(?:(?:{modifiers})\s+)*(?:{_role_alternation()})$", re.I)


def ends_in_role(part: str) -> bool:
    """A job title, alone or after an outlet's name ('Staff Writer', 'Live Science Contributor')."""
    return bool(_role_tail().search(part.strip(" .,;")))


def before_role(part: str) -> str | None:
    """What a job title at the end of a text ran on from ('Bruce Lee Senior Contributor' -> 'Bruce
    Lee'), as a dump that joined a byline's elements with spaces writes it; None when the text is no
    more than a title or ends in none. Whether that is a name is the caller's check."""
    text = part.strip(" .,;")
    match = _role_tail().search(text)
    head = text[: match.start()].strip(" ,;") if match else ""
    return head or None


def role_credit(text: str) -> str | None:
    """The name in a credit that gives the writer's job title beside it ('編集委員 中沢克二' -> '中沢克二').

    A title glued to a word in a cased script is part of that word ('Editorial Board', 'Reporters
    Without Borders'); in scripts without spaces ('記者王小明') it is not. In a script without case
    the name is short; whether it names people (`is_person`) is the caller's check.
    """
    text = " ".join(text.split())
    for pattern in _role_credits():
        match = pattern.match(text)
        if not match:
            continue
        name = match.group("name").strip()
        glued = name[0] if pattern is _role_credits()[0] else name[-1]
        if not match.group("sep") and glued.lower() != glued.upper():
            continue
        letters = name.replace(" ", "")
        if all(ch.lower() == ch.upper() for ch in letters) and len(letters) > MAX_UNCASED_NAME_CHARS:
            continue
        return name
    return None


def before_label(part: str, start: int = 0) -> tuple[str, bool]:
    """The part up to a field's label that follows it (from `start`, past a 'By'), and whether there
    was one: 'Tim Ferriss Topics: Entrepreneurship' -> ('Tim Ferriss', True). A label opening the
    part is not cut here: it names what follows ('Author: Jane Roe')."""
    match = _LABEL_AFTER.search(part, start)
    if match is None or len(part[start : match.start()].split()) < 2 or not _is_field_name(match.group(1)):
        return part, False  # 'Gift Guide: ...', 'Love Story: A Review': a headline's kicker, no field
    value = part[match.end() :].split()
    if len(value) > MAX_LABEL_VALUE_WORDS or (value and value[-1][-1:] in ".?!"):
        return part, False  # 'Jane Roe Note: the story was corrected.': a sentence, not a field
    return part[: match.start()], True


@lru_cache(maxsize=1)
def _field_names() -> frozenset[str]:
    """cleaner/textmeta.yaml `fields`: every field name of one word ('Topics', 'Categoria', 'Tags')."""
    return frozenset(name.casefold() for names in words()["fields"].values() for name in names if " " not in name)


def _is_field_name(word: str) -> bool:
    return word.casefold() in _field_names()


def tidy_name(part: str) -> str:
    """'Analysis by Chris Cillizza' -> 'Chris Cillizza'; 'TOM KRISHER' -> 'Tom Krisher'; 'Cord
    Jefferson View Profile RSS' -> 'Cord Jefferson' (an author box's labels after the name); 'Tim
    Ferriss Topics: Entrepreneurship' -> 'Tim Ferriss' (the next field's label after it)."""
    name = " ".join(_without_widget_tail(before_label(part)[0].split()))
    name = _CREDIT.sub("", name, count=1) if len(name.split()) > 2 else name
    return proper_case(_STOP.split(name, maxsplit=1)[0].strip(" .,;:|-–—"))


_NUMERALS = frozenset({"II", "III", "IV"})  # a generation's numeral after a name
_MC = re.compile(r"^Mc(\w)(?=\w)")


def proper_case(name: str) -> str:
    """'TOM KRISHER' -> 'Tom Krisher', 'jane roe' -> 'Jane Roe': a name of two words or more set all
    in capitals (as wire copy sets bylines) or all in lower case, in a name's case; any other name
    as it is ('Jane McRoe', 'CNN', a login's 'jroe'). 'BETSY MCKAY' gives 'Betsy McKay'."""
    letters = [ch for ch in name if ch.isalpha()]
    shouted = letters and all(ch.isupper() for ch in letters)
    if len(name.split()) > 1 and (shouted or name.islower()):
        return " ".join(_word_in_case(word) for word in name.split())
    return name


def _word_in_case(word: str) -> str:
    """One word of a shouted name in a name's case: 'MCKAY' -> 'McKay', 'O'BRIEN' -> 'O'Brien',
    'JEAN-PIERRE' -> 'Jean-Pierre'; a generation's numeral stays ('III')."""
    if word.upper() in _NUMERALS:
        return word.upper()
    cased = word.capitalize() if word.isalpha() else word.title()
    return _MC.sub(lambda match: "Mc" + match.group(1).upper(), cased)


def _without_widget_tail(tokens: list[str]) -> list[str]:
    """The tokens without the widget words that end them, when words are left before them."""
    widgets = widget_words()
    end = len(tokens)
    while end > 1 and tokens[end - 1].casefold().strip(".,|") in widgets:
        end -= 1
    return tokens[:end]


@lru_cache(maxsize=1)
def desk_words() -> frozenset[str]:
    """Words that end a desk's or an agency's byline (cleaner/textmeta.yaml `desk_words`)."""
    return frozenset(word.casefold() for word in words()["desk_words"])


@lru_cache(maxsize=1)
def _desk_and_role_words() -> frozenset[str]:
    return desk_words() | role_words()


def is_desk(name: str) -> bool:
    """A byline's name that is a desk or an agency, not a person: ending in a desk word ('HNN Staff',
    'Associated Press'), a role word alone ('Reuters', 'Admin'), or three words or more ending in
    any role word ('Jerusalem Post Staff', 'The Daily Example'). Two words ending in an outlet's word
    may be a person ('Emily Post')."""
    tokens = [token.casefold().strip(".,") for token in name.split()]
    if not tokens:
        return False
    roles = role_words()
    return (
        tokens[-1] in desk_words()
        or (len(tokens) == 1 and tokens[0] in roles)
        or (len(tokens) >= 3 and tokens[-1] in roles)
        or _uncased_organisation(name)
    )


def _uncased_organisation(name: str) -> bool:
    """A name in a script without case (Chinese, Japanese) ending in an organisation's word
    ('新华社', '日本経済新聞社', 'ライトハウス国際特許事務所'): no word breaks show it, its end does."""
    name = name.strip(" /／|・")
    if any(char.isupper() or char.islower() for char in name):
        return False
    return name.endswith(_organisation_endings())


@lru_cache(maxsize=1)
def _organisation_endings() -> tuple[str, ...]:
    """cleaner/textmeta.yaml `uncased_organisation_endings`, read once."""
    return tuple(words()["uncased_organisation_endings"])


def names_no_person(name: str) -> bool:
    """A byline's name that is a desk or an agency alone ('HNN Staff', 'Jerusalem Post Staff'), not
    a person with the desk after it ('Eric Tucker Associated Press', left to the caller)."""
    if _uncased_organisation(name):
        return True
    if not is_desk(name):
        return False
    tokens = name.split()
    roles = _desk_and_role_words()
    while tokens and tokens[-1].casefold().strip(".,") in roles:
        tokens.pop()
    if _staff_of_outlet(name, " ".join(tokens)):
        return True
    rest = " ".join(tokens).strip(" ,;-–—|")
    return not (len(rest.split()) >= 2 and is_person(tidy_name(rest)))


def _staff_of_outlet(name: str, rest: str) -> bool:
    """A byline ending in a staff word run straight on from the words before it ('Practical
    Horseman Editorial Staff'): they name the outlet whose staff it is. A person's name is set off
    from the staff words ('Jane Roe, Editorial Staff'); a job title ends in none ('Jane Roe Staff
    Writer')."""
    last = name.split()[-1].casefold().strip(".,")
    return bool(rest) and last in staff_words() and rest[-1] not in ",;-–—|/"


@lru_cache(maxsize=1)
def staff_words() -> frozenset[str]:
    """cleaner/textmeta.yaml `staff_words`: desk words that name an outlet's staff as a body."""
    return frozenset(word.casefold() for word in words()["staff_words"])


def glued_tail(text: str) -> int | None:
    """Where a role or an outlet that a page's text ran into a name starts ('Meg James|Staff
    Writer', 'Jonathan Garber|FOXBusiness'): after a word of four letters or more that runs on in
    capitals, when what follows holds a role word or opens with an acronym; None when there is
    none. Names with a capital inside ('McDonald', 'MacKenzie', 'VanderMeer') are whole."""
    match = _GLUED.search(text)
    if match is None:
        return None
    rest = text[match.end() :]
    if rest[:2].isupper() or any(token.casefold().strip(".,") in role_words() for token in rest.split()):
        return match.end()
    return None


def is_person(name: str, site_names: tuple[str, ...] = (), host: str | None = None) -> bool:
    """A name with a person's shape that is neither a role nor the site itself."""
    parts = name.split()
    if not parts or len(parts) > MAX_NAME_WORDS or _LOGIN.search(name):
        return False
    folded = [word.casefold().strip(".,'’-") for word in parts]
    roles = role_words()
    if any(word in roles or any(piece in roles for piece in word.split("-")) for word in folded):
        return False
    if _names_site(name, site_names, host):
        return False
    return _single_word_person(name) if len(parts) == 1 else _name_shape(parts)


def _name_shape(parts: list[str]) -> bool:
    """Every word capitalised but the particles ('de', 'van', 'bin'), or a script without case."""
    if all(without_case(word) for word in parts):
        return True
    particles = frozenset(words()["name_particles"])
    parts = [word.lstrip("\"'“‘(") for word in parts]  # a nickname in quotes: 'Amanda "Tania Mae" Tan'
    if any(_GLUED_LABEL.search(word) for word in parts):
        return False
    return all(word[:1].isupper() or word.casefold() in particles for word in parts) and parts[0][:1].isupper()


def _single_word_person(name: str) -> bool:
    """One word: a name in a script without case (정덕현), or capitalised like a name ('Regan').

    Logins are written in lower case ('jdadmin'), all capitals ('KWCHCIK') or joined ('Kei_Eno').
    """
    letters = [ch for ch in name if ch.isalpha()]
    if not letters:
        return False
    if without_case("".join(letters)):
        return len(letters) >= 2
    return name[0].isupper() and not name[1:].isupper() and len(letters) >= 3 and name[1:].islower()


def _names_site(name: str, site_names: tuple[str, ...], host: str | None) -> bool:
    """The part is the site's name or holds it ('CNN Business'), or holds a host label ('Futurism')."""
    compact = re.sub(r"[\W_]", "", name.casefold())
    if not compact:
        return True
    spaced = f" {' '.join(_WORD.findall(name.casefold()))} "
    for site in site_names:
        other = re.sub(r"[\W_]", "", site.casefold())
        if other and (compact == other or f" {' '.join(_WORD.findall(site.casefold()))} " in spaced):
            return True
    labels = [label.replace("-", "") for label in (host or "").split(".")[:-1]]
    return any(len(label) >= 4 and label not in GENERIC_LABELS and label in compact for label in labels)
