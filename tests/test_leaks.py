"""Leaked source code never reaches the body; prose that merely mentions code-like things does."""

import pytest
from timing import cpu_timer

from cleaner import Cleaner
from cleaner.leaks import looks_like_source

SOURCE = [
    # analytics and ad snippets, as old pages inline them
    "var _gaq = _gaq || []; _gaq.push(['_setAccount', 'UA-1234567-1']); _gaq.push(['_trackPageview']);",
    "(function(d, s, id) { var js, fjs = d.getElementsByTagName(s)[0]; if (d.getElementById(id)) return; "
    "js = d.createElement(s); js.id = id; fjs.parentNode.insertBefore(js, fjs); }(document, 'script', 'fb-sdk'));",
    'document.write(\'<a href="http://ads.example.com/click?zone=12"><img src="banner.gif"></a>\');'
    " if (window.adsLoaded === true) { renderAds(); }",
    "window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date());",
    "const onScroll = () => { if (window.scrollY > 200) { header.classList.add('sticky'); } };"
    " window.addEventListener('scroll', onScroll);",
    # JSON blobs: structured data and app state dumped into the page
    '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour reopens",'
    ' "datePublished": "2021-03-05"}',
    '[{"id": 17, "title": "Harbour reopens", "url": "/news/harbour"}, {"id": 18, "title": "Rates rise"}]',
    # stylesheets
    ".article-body p { margin: 0 0 1em; line-height: 1.6; } .share-bar a { color: #333; display: inline-block; }",
    "@media (max-width: 600px) { .sidebar { display: none !important; } .main { width: 100%; } }",
    # templates never rendered
    "{{ article.title }} by {{ article.author | default('Staff') }} — {% if article.updated %}Updated{% endif %}",
]

PROSE = [
    "The council voted 7-2 (with one abstention) to raise the rate to 3.5% from next April.",
    "In the equation E = mc^2, the energy (E) equals mass (m) times the speed of light squared.",
    "Section 4(b); subsection (ii): the tenant shall pay [the landlord] within 30 days.",
    "She wrote the first version in JavaScript and later moved the service to Rust.",
    "Prices: $4 for adults, $2 for children (under 12) & free for members.",
    "Home | News | Sport | Weather | Business | Culture | Travel | Contact us",
    '["21st-century America must build ties, not rifts"], the banner read.',
    "The score was 3-1 => a comfortable win; the return leg is on Tuesday.",
]


@pytest.mark.parametrize("text", SOURCE, ids=range(len(SOURCE)))
def test_source_code_is_recognised(text):
    assert looks_like_source(text)


@pytest.mark.parametrize("text", PROSE, ids=range(len(PROSE)))
def test_prose_with_symbols_is_not_source(text):
    assert not looks_like_source(text)


PAGE = """<html><body><div class="story">
<p>The harbour board approved the shore power plan on Tuesday after two years of talks with
the ferry operators and the city council.</p>
<p>Ships will plug into the grid at eleven berths, cutting diesel use in port by about
four fifths, the board said in a statement.</p>
<p>var _gaq = _gaq || []; _gaq.push(['_setAccount', 'UA-1234567-1']); _gaq.push(['_trackPageview']);</p>
<p>Work on the first berths starts in the spring and the last should be finished by 2027,
according to the timetable published with the decision.</p>
<pre><code>if (berth.powered) { ship.connect(berth); }</code></pre>
</div></body></html>"""


def test_leaked_script_leaves_the_body_with_its_rule_and_shown_code_stays():
    doc = Cleaner().clean(PAGE, kind="html")
    assert "_gaq" not in doc.text and "harbour board approved" in doc.text
    assert [r.text[:8] for r in doc.removed if r.rule == "generic.source-text"] == ["var _gaq"]
    assert "ship.connect(berth)" in doc.text


def test_the_source_text_step_is_disabled_like_a_rule():
    from cleaner import Config

    doc = Cleaner(Config(disabled_rules=("generic.source-text",))).clean(PAGE, kind="html")
    assert "_gaq" in doc.text


HOSTILE = {
    "letters": "a" * 50_000,
    "brace": "{" + "a" * 50_000,
    "braces": "a{" * 25_000,
    "returns": "return " * 10_000,
    "ifs": "if (" * 10_000,
    "templates": "{{" * 20_000,
}


@pytest.mark.parametrize("name", HOSTILE)
def test_long_hostile_paragraphs_are_judged_in_linear_time(name):
    with cpu_timer() as timer:
        looks_like_source(HOSTILE[name])
    assert timer.seconds < 1.0  # quadratic backtracking took seconds on 50,000 characters
