"""The pieces hostile inputs are made of, shared by the fuzz tests (`tests/test_fuzz.py`, through
hypothesis) and the reliability report (`benchmarks/reliability.py`, for a time budget), so both
throw the same kinds of input at cleaner."""

# Body words, boilerplate labels, bylines and dates, and words in other scripts.
WORDS = (
    "The",
    "council",
    "voted",
    "on",
    "Tuesday",
    "to",
    "approve",
    "the",
    "budget.",
    "By",
    "Jane",
    "Roe",
    "|",
    "12",
    "March",
    "2024",
    "ALSO",
    "READ:",
    "©",
    "(File)",
    "[1]",
    "…",
    "Share",
    "this",
    "Read",
    "more",
    "Tags",
    "مرحبا",
    "שלום",
    "Привет",
    "你好",
    "😀",
    "e\u0301",
    "\u202e",
    "\u200f",
)
# Whole phrases: right-to-left and CJK scripts, emoji, stacked combining marks, bidi and
# zero-width controls, a ligature that expands when normalised.
SCRIPTS = (
    "Hello world. ",
    "مرحبا بالعالم. ",
    "שלום עולם. ",
    "Привет мир. ",
    "你好，世界。",
    "こんにちは世界。",
    "नमस्ते दुनिया। ",
    "😀🎉👍🏽 ",
    "e\u0301\u0302\u0303 ",
    "\u202eevil\u202c ",
    "\u200f\u200e\u200d ",
    "ﷺ ",
    "Z\u0351\u0352\u0353",
)
TAGS = (
    "html",
    "head",
    "body",
    "title",
    "meta",
    "div",
    "p",
    "span",
    "article",
    "script",
    "style",
    "table",
    "tr",
    "td",
    "ul",
    "li",
    "a",
    "b",
    "i",
    "h1",
    "h2",
    "br",
    "!--",
    "?xml",
    "![CDATA[",
)
# Entities and markup fragments a parser must survive: NUL, past Unicode, a surrogate, unknown, bare.
ENTITIES = ("&amp;", "&#0;", "&#x110000;", "&bogus;", "&", "<", "]]>", "<![CDATA[", "&#xD800;")
NEWLINES = ("\n", "\r\n", "\r", "\n\n", "\u2028")
# What a page's <meta charset> claims (unknown, unsupported and empty too) ...
DECLARED_CHARSETS = ("utf-8", "latin-1", "shift_jis", "utf-16", "koi8-r", "x-no-such-charset", "utf-7", "")
# ... and what it is really written in.
ACTUAL_ENCODINGS = ("utf-8", "latin-1", "cp1252", "utf-16-le", "gb18030")
