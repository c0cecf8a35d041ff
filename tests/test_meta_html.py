"""Page metadata from markup: JSON-LD before meta tags, people not organisations, canonical URLs."""

import lxml.html

from cleaner.pagemeta import canonical_url, markup_date, read_page_meta

LD = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "NewsArticle", "headline": "Bridge to close",
   "author": [{"@type": "Person", "name": "By Jane Roe"},
              {"@type": "Organization", "name": "Metro Desk"}],
   "datePublished": "2024-03-01T08:00:00Z", "dateModified": "2024-03-05T10:00:00Z",
   "publisher": {"@type": "Organization", "name": "The Daily"}}]}</script>"""


def _page(head, body="<p>Text</p>"):
    return lxml.html.fromstring(f"<html lang='en-GB'><head>{head}</head><body>{body}</body></html>")


def test_json_ld_gives_people_only_and_published_not_modified():
    meta = read_page_meta(_page(LD), "https://example.com/a")
    assert meta["author"] == "Jane Roe"
    assert meta["date"] == "2024-03-01T08:00:00Z"
    assert meta["modified"] == "2024-03-05T10:00:00Z"
    assert meta["sitename"] == "The Daily"
    assert meta["title"] == "Bridge to close"


def test_meta_tags_when_there_is_no_json_ld():
    head = (
        '<meta property="og:title" content="Storm warning">'
        '<meta name="author" content="John Doe and Mary Major">'
        '<meta property="article:published_time" content="2023-11-02">'
        '<meta property="og:site_name" content="Weather Now">'
    )
    meta = read_page_meta(_page(head), None)
    assert (meta["title"], meta["author"], meta["date"], meta["sitename"]) == (
        "Storm warning",
        "John Doe; Mary Major",
        "2023-11-02",
        "Weather Now",
    )


def test_author_equal_to_the_site_name_is_not_an_author():
    head = ('<meta name="author" content="Weather Now">'
            '<meta property="og:site_name" content="Weather Now">')
    assert read_page_meta(_page(head), None)["author"] is None


def test_time_element_gives_the_date_when_markup_has_none():
    body = '<article><time datetime="2022-05-06T09:30">6 May</time><p>Text</p></article>'
    assert read_page_meta(_page("<title>T</title>", body), None)["date"] == "2022-05-06T09:30"


def test_title_tag_loses_its_site_suffix():
    head = ('<title>Storm warning | Weather Now</title>'
            '<meta property="og:site_name" content="Weather Now">')
    assert read_page_meta(_page(head), None)["title"] == "Storm warning"


def test_canonical_link_is_resolved_against_the_given_url():
    tree = _page('<link rel="canonical" href="/news/a">')
    assert canonical_url(tree, "https://example.com/news/a?utm=x") == "https://example.com/news/a"


def test_given_url_when_the_page_declares_none():
    assert canonical_url(_page(""), "https://example.com/x") == "https://example.com/x"


def test_declared_language_is_read_as_a_hint():
    assert read_page_meta(_page(""), None)["language"] == "en-GB"


def test_free_form_json_ld_date_is_parsed_not_dropped():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle",'
          ' "datePublished": "20 Nov 2019 08:02 GMT"}</script>')
    assert read_page_meta(_page(ld), None)["date"] == "2019-11-20T08:02"


def test_date_without_a_day_is_not_guessed():
    assert markup_date("November 2019") is None
    assert markup_date("Wed Nov 20 2019 08:00:58 GMT+0000") == "2019-11-20T08:00:58"


def test_unparseable_date_falls_through_to_the_next_source():
    head = '<meta property="article:published_time" content="yesterday">'
    body = '<article><time datetime="2022-05-06">6 May</time></article>'
    assert read_page_meta(_page(head, body), None)["date"] == "2022-05-06"


def test_json_ld_author_reference_is_resolved_and_capitalised():
    ld = ('<script type="application/ld+json">{"@graph": ['
          '{"@type": "WebPage", "author": {"@id": "#p1"}, "datePublished": "2015-06-21"},'
          '{"@type": ["Person"], "@id": "#p1", "name": "webnata"}]}</script>')
    assert read_page_meta(_page(ld), "https://example.com/a")["author"] == "Webnata"


def test_author_link_agreeing_with_its_slug_names_the_author():
    body = ('<div class="byline">Von <a class="author-link" href="/author/moritz-bachmann">'
            "Moritz Bachmann</a></div>"
            '<ul class="widget"><li><a href="/author/someone-else">Someone Else</a></li></ul>')
    assert read_page_meta(_page("", body), "https://blog.example.com/a")["author"] == (
        "Moritz Bachmann"
    )


def test_author_links_in_comments_are_not_the_author():
    body = '<ol class="comment-list"><li><a href="/author/vera" rel="author">Vera</a></li></ol>'
    assert read_page_meta(_page("", body), "https://example.com/a")["author"] is None


def test_username_that_is_the_domains_first_label_is_not_an_author():
    head = '<meta itemprop="author" content="gto">'
    assert read_page_meta(_page(head), "https://gto-normativy.ru/post/")["author"] is None


def test_twitter_handle_gives_the_site_name_without_its_at_sign():
    head = '<meta name="twitter:site" content="@comwrap">'
    assert read_page_meta(_page(head), None)["sitename"] == "Comwrap"


def test_an_agency_in_the_author_meta_tag_is_not_an_author():
    head = '<meta name="author" content="Associated Press"><meta property="og:site_name" content="KTVB">'
    assert read_page_meta(_page(head), "https://example.com/a")["author"] is None
