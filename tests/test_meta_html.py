"""Page metadata from markup: JSON-LD before meta tags, people not organisations, canonical URLs."""

from datetime import date

import lxml.html
import pytest

from cleaner.pagemeta import canonical_url, markup_date, read_page_meta
from cleaner.parse import html_parser, parse_html

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
    assert meta.author == "Jane Roe"
    assert meta.date == "2024-03-01T08:00:00Z"
    assert meta.modified == "2024-03-05T10:00:00Z"
    assert meta.sitename == "The Daily"
    assert meta.title == "Bridge to close"


def test_meta_tags_when_there_is_no_json_ld():
    head = (
        '<meta property="og:title" content="Storm warning">'
        '<meta name="author" content="John Doe and Mary Major">'
        '<meta property="article:published_time" content="2023-11-02">'
        '<meta property="og:site_name" content="Weather Now">'
    )
    meta = read_page_meta(_page(head), None)
    assert (meta.title, meta.author, meta.date, meta.sitename) == (
        "Storm warning",
        "John Doe; Mary Major",
        "2023-11-02",
        "Weather Now",
    )


def test_author_equal_to_the_site_name_is_not_an_author():
    head = '<meta name="author" content="Weather Now"><meta property="og:site_name" content="Weather Now">'
    assert read_page_meta(_page(head), None).author is None


def test_time_element_gives_the_date_when_markup_has_none():
    body = '<article><time datetime="2022-05-06T09:30">6 May</time><p>Text</p></article>'
    assert read_page_meta(_page("<title>T</title>", body), None).date == "2022-05-06T09:30"


def test_time_element_marked_published_outranks_an_earlier_one_in_the_article():
    body = (
        '<article><time datetime="2022-05-01">1 May</time><p>Text</p>'
        '<time datetime="  ">later</time><time pubdate datetime="2022-05-03">3 May</time></article>'
        '<aside><time itemprop="datePublished" datetime="2022-05-06">6 May</time></aside>'
    )
    assert read_page_meta(_page("<title>T</title>", body), None).date == "2022-05-06"
    unmarked = body.replace('itemprop="datePublished"', "")
    assert read_page_meta(_page("<title>T</title>", unmarked), None).date == "2022-05-03"


def test_title_tag_loses_its_site_suffix():
    head = '<title>Storm warning | Weather Now</title><meta property="og:site_name" content="Weather Now">'
    assert read_page_meta(_page(head), None).title == "Storm warning"


def test_canonical_link_is_resolved_against_the_given_url():
    tree = _page('<link rel="canonical" href="/news/a">')
    assert canonical_url(tree, "https://example.com/news/a?utm=x") == "https://example.com/news/a"


def test_given_url_when_the_page_declares_none():
    assert canonical_url(_page(""), "https://example.com/x") == "https://example.com/x"


def test_declared_language_is_read_as_a_hint():
    assert read_page_meta(_page(""), None).language == "en-GB"


def test_free_form_json_ld_date_is_parsed_not_dropped():
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "20 Nov 2019 08:02 GMT"}</script>'
    )
    assert read_page_meta(_page(ld), None).date == "2019-11-20T08:02"


def test_date_without_a_day_is_not_guessed():
    assert markup_date("November 2019") is None
    assert markup_date("Wed Nov 20 2019 08:00:58 GMT+0000") == "2019-11-20T08:00:58"


def test_unparseable_date_falls_through_to_the_next_source():
    head = '<meta property="article:published_time" content="yesterday">'
    body = '<article><time datetime="2022-05-06">6 May</time></article>'
    assert read_page_meta(_page(head, body), None).date == "2022-05-06"


def test_json_ld_author_reference_is_resolved():
    ld = (
        '<script type="application/ld+json">{"@graph": ['
        '{"@type": "WebPage", "author": {"@id": "#p1"}, "datePublished": "2015-06-21"},'
        '{"@type": ["Person"], "@id": "#p1", "name": "jane roe"}]}</script>'
    )
    assert read_page_meta(_page(ld), "https://example.com/a").author == "Jane Roe"


def test_a_lower_case_login_is_not_a_person():
    ld = (
        '<script type="application/ld+json">{"@type": "BlogPosting",'
        ' "author": {"@type": "Person", "name": "webnata"}}</script>'
    )
    assert read_page_meta(_page(ld), "https://example.com/a").author is None


def test_author_link_agreeing_with_its_slug_names_the_author():
    body = (
        '<div class="byline">Von <a class="author-link" href="/author/moritz-bachmann">'
        "Moritz Bachmann</a></div>"
        '<ul class="widget"><li><a href="/author/someone-else">Someone Else</a></li></ul>'
    )
    assert read_page_meta(_page("", body), "https://blog.example.com/a").author == ("Moritz Bachmann")


def test_an_author_boxs_link_labels_are_not_the_author():
    body = (
        '<div class="byline"><strong>Laura Beck</strong><ul class="menu">'
        '<li><a href="/people/laurabeck/" rel="author"><span>View Profile</span></a></li>'
        '<li><a href="mailto:x@example.com"><span>Email</span></a></li>'
        '<li><a href="https://twitter.com/x"><span>Twitter</span></a></li></ul></div>'
    )
    assert read_page_meta(_page("", body), "https://example.com/a").author in (None, "Laura Beck")


def test_author_links_in_comments_are_not_the_author():
    body = '<ol class="comment-list"><li><a href="/author/vera" rel="author">Vera</a></li></ol>'
    assert read_page_meta(_page("", body), "https://example.com/a").author is None


def test_username_that_is_the_domains_first_label_is_not_an_author():
    head = '<meta itemprop="author" content="gto">'
    assert read_page_meta(_page(head), "https://gto-normativy.ru/post/").author is None


def test_twitter_handle_gives_the_site_name_without_its_at_sign():
    head = '<meta name="twitter:site" content="@comwrap">'
    assert read_page_meta(_page(head), None).sitename == "Comwrap"


def test_an_agency_in_the_author_meta_tag_is_not_an_author():
    head = '<meta name="author" content="Associated Press"><meta property="og:site_name" content="KTVB">'
    assert read_page_meta(_page(head), "https://example.com/a").author is None


def test_h1_wins_when_the_markup_title_is_it_with_a_section_and_site():
    head = "<title>Opinion | Rivers run dry | The Daily</title>"
    meta = read_page_meta(_page(head, "<h1>Rivers run dry</h1><p>Text</p>"), "https://daily.example.com/a")
    assert (meta.title, meta.headline) == ("Rivers run dry", "Rivers run dry")


def test_visible_h1_wins_over_an_seo_title_of_the_same_story():
    head = '<meta property="og:title" content="Storm closes coastal bridge for repairs, city says">'
    body = "<h1>City shuts coastal bridge after storm damage</h1><p>Text</p>"
    assert read_page_meta(_page(head, body), None).title == "City shuts coastal bridge after storm damage"


def test_logo_h1_is_not_the_headline():
    head = '<meta property="og:title" content="Storm warning - Weather Now">'
    body = "<header><h1>Weather Now</h1></header><p>Text</p>"
    meta = read_page_meta(_page(head, body), "https://weathernow.example/a")
    assert (meta.title, meta.headline) == ("Storm warning", None)


def test_a_blog_post_h2_under_the_blog_name_h1_is_the_headline():
    # older blog templates: the blog's name in the <h1>, each post's title in an <h2>
    head = "<title>High Scalability - Spanner and the cost of strong consistency</title>"
    body = (
        "<h1>High Scalability</h1><h2>Spanner and the cost of strong consistency</h2><p>Text</p><h2>Recent posts</h2>"
    )
    meta = read_page_meta(_page(head, body), None)
    expected = "Spanner and the cost of strong consistency"
    assert (meta.title, meta.headline) == (expected, expected)


def test_an_h2_is_not_the_headline_when_an_h1_is_or_when_it_is_a_row_of_labels():
    head = "<title>Spanner and the cost of strong consistency | High Scalability</title>"
    with_h1 = "<h1>Spanner and the cost of strong consistency</h1><h2>High Scalability</h2><p>Text</p>"
    assert read_page_meta(_page(head, with_h1), None).headline == "Spanner and the cost of strong consistency"
    labels = "<title>Lancia Delta review | Auto News | Car Reviews</title>"
    meta = read_page_meta(_page(labels, "<h2>Auto News | Car Reviews</h2><p>Text</p>"), None)
    assert meta.headline is None and meta.title == "Lancia Delta review"


def test_an_h2_that_is_no_part_of_the_title_is_not_the_headline():
    head = "<title>Rivers run dry - The Daily</title>"
    meta = read_page_meta(_page(head, "<h2>Most read</h2><p>Text</p>"), "https://daily.example.com/a")
    assert meta.headline is None and meta.title == "Rivers run dry"


def test_site_prefix_named_by_the_host_is_dropped():
    head = '<meta property="og:title" content="The Space Review: Seeking a bigger role for a big rocket">'
    assert read_page_meta(_page(head), "https://www.thespacereview.com/article/1.html").title == (
        "Seeking a bigger role for a big rocket"
    )


def test_unspaced_section_and_site_suffix_of_a_chinese_title_are_dropped():
    head = '<title>港口电力改造提速_财经频道_东方日报网</title><meta property="og:site_name" content="东方日报网">'
    assert read_page_meta(_page(head), None).title == "港口电力改造提速"


def test_a_pipe_inside_the_headline_stays_when_nothing_names_a_site():
    head = '<meta property="og:title" content="Design Week 2018 | A light installation for FLOS">'
    assert read_page_meta(_page(head), "https://example.com/a").title == (
        "Design Week 2018 | A light installation for FLOS"
    )


def test_json_ld_headline_entities_are_decoded():
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "&#8216;The Medium&#8217; costs &#163;5&nbsp;now"}</script>'
    )
    assert read_page_meta(_page(ld), None).title == "‘The Medium’ costs £5 now"


def test_placeholder_date_falls_through_to_the_page():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z"}</script>'
    body = '<article><time datetime="2019-11-19T23:11">Nov 19</time></article>'
    assert read_page_meta(_page(ld, body), None).date == "2019-11-19T23:11"


def test_a_date_after_the_crawl_is_not_taken():
    head = '<meta property="article:published_time" content="2031-05-01T10:00:00Z">'
    assert read_page_meta(_page(head), None, today=date(2026, 1, 1)).date is None


def test_utc_timestamp_gives_the_day_the_page_writes():
    head = '<meta property="article:published_time" content="2019-11-19T07:03:25+00:00">'
    body = '<div class="article-byline">Reuters <time>November 18, 2019 11:03 PM</time></div>'
    assert read_page_meta(_page(head, body), None).date == "2019-11-18T23:03"


YEARLESS_DATELINES = [
    # the same instant as the UTC timestamp: the day the page writes
    (
        "2019-11-19T01:19:34.819Z",
        '<span class="dateline__published"><time datetime="2019-11-19T01:19Z">Posted Nov 18, 8:19 PM</time></span>',
        "2019-11-18T20:19",
    ),
    # across the new year, the year before
    ("2020-01-01T03:10:00Z", '<span class="dateline">Dec. 31, 10:10 PM</span>', "2019-12-31T22:10"),
    # another instant (other minutes): the markup's date stays
    ("2019-11-19T01:19:34Z", '<span class="dateline">Updated Nov 18, 9:41 PM</span>', "2019-11-19T01:19:34Z"),
]


@pytest.mark.parametrize(("published", "dateline", "date_"), YEARLESS_DATELINES)
def test_a_dateline_without_its_year_gives_the_day_only_when_it_is_the_same_instant(published, dateline, date_):
    head = f'<meta property="article:published_time" content="{published}">'
    assert read_page_meta(_page(head, dateline), None).date == date_


def test_a_different_instant_on_the_page_does_not_move_the_date():
    head = '<meta property="article:published_time" content="2019-11-19T07:03:25+00:00">'
    body = '<span class="site-header-date">November 18, 2019 10:41 PM</span>'
    assert read_page_meta(_page(head, body), None).date == "2019-11-19T07:03:25+00:00"


def test_the_same_instant_with_the_page_zone_offset_wins_over_utc():
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2019-11-20T02:15:49Z"}</script>'
        '<meta name="pubdate" content="2019-11-19T20:15:49-06:00">'
    )
    assert read_page_meta(_page(ld), None).date == "2019-11-19T20:15:49"


def test_unix_timestamp_is_read_as_utc():
    assert markup_date("1676551869") == "2023-02-16T12:51:09+00:00"
    assert markup_date("1676551869000") == "2023-02-16T12:51:09+00:00"


def test_byline_element_names_the_author_when_markup_does_not():
    body = '<div class="byline">By JANE ROE and John Doe | Nov 18, 2019 at 9:24 pm ET</div><p>Text</p>'
    assert read_page_meta(_page("", body), None).authors == ("Jane Roe", "John Doe")


def _ld_authors(*names: str) -> tuple[str, ...]:
    people = ", ".join(f'{{"@type": "Person", "name": "{name}"}}' for name in names)
    ld = f'<script type="application/ld+json">{{"@type": "NewsArticle", "author": [{people}]}}</script>'
    return read_page_meta(_page(ld), None).authors


def test_a_single_word_beside_full_names_is_the_publication_not_a_co_author():
    assert _ld_authors("Victor Tangermann", "Futurism") == ("Victor Tangermann",)
    assert _ld_authors("Archer North", "Associates") == ("Archer North",)


def test_single_names_stay_on_their_own_and_in_scripts_without_case():
    assert _ld_authors("Josh") == ("Josh",)
    assert _ld_authors("정덕현", "Jane Roe") == ("정덕현", "Jane Roe")


def _under_headline(byline: str) -> tuple[str, ...]:
    prose = "The council voted on Tuesday to close the old bridge for repairs next spring, officials said. " * 3
    return read_page_meta(_page("", f"<h1>Bridge to close</h1>{byline}<p>{prose}</p>"), None).authors


def test_a_byline_whose_names_are_links_is_read_from_its_element():
    byline = '<p class="article__meta"> By <a href="/staff/lj/">Louis Jacobson</a> on Monday, November 18th, 2019</p>'
    assert _under_headline(byline) == ("Louis Jacobson",)
    two = '<div class="meta">By <a href="/a/dn">Dana Nourie</a><a href="/a/hk">Hideya Kawahara</a></div>'
    assert _under_headline(two) == ("Dana Nourie", "Hideya Kawahara")


def test_the_word_leading_into_a_bylines_date_is_not_part_of_the_name():
    assert _under_headline("<div>By Louis Jacobson on Monday, November 18, 2019</div>") == ("Louis Jacobson",)
    assert _under_headline("<div>Par Jean Dupont le 5 mars 2021</div>") == ("Jean Dupont",)


def test_microdata_author_names_are_read():
    body = (
        '<span itemprop="author" itemscope><span itemprop="name">Kevin Sack</span></span>'
        '<span itemprop="author" itemscope><span itemprop="name">Sheri Fink</span></span>'
    )
    assert read_page_meta(_page("", body), None).authors == ("Kevin Sack", "Sheri Fink")


def test_roles_desks_and_the_site_are_not_authors():
    head = (
        '<meta name="author" content="Analysis by Chris Cillizza, CNN Editor-at-large, HNN Staff">'
        '<meta property="og:site_name" content="CNN">'
    )
    assert read_page_meta(_page(head), "https://edition.cnn.com/a").authors == ("Chris Cillizza",)


def test_only_a_desk_byline_gives_no_author():
    head = '<meta name="author" content="Editorial"><meta name="byl" content="Admin">'
    assert read_page_meta(_page(head), None).authors == ()


def test_a_dateline_with_its_time_first_gives_the_day_the_page_writes():
    head = '<meta property="article:published_time" content="2019-11-20T04:26:47Z">'
    body = '<div class="timestamp">Published 11:26 pm EST, Tuesday, November 19, 2019</div>'
    assert read_page_meta(_page(head, body), None).date == "2019-11-19T23:26"


def test_a_section_h1_is_not_the_title():
    head = '<meta property="og:title" content="Opinion | Rivers run dry across the valley">'
    body = "<h1>Opinion</h1><p>Text</p>"
    title = read_page_meta(_page(head, body), "https://example.com/a").title
    assert title == "Opinion | Rivers run dry across the valley"


def test_a_topic_h1_sharing_a_few_words_is_not_the_title():
    head = '<meta property="og:title" content="Climate change: report warns of hotter summers">'
    body = "<h1>Climate change news</h1><p>Text</p>"
    assert read_page_meta(_page(head, body), None).title == "Climate change: report warns of hotter summers"


def test_one_word_in_a_byline_box_is_not_taken_for_a_name():
    body = '<div class="byline">By Staff | WASHINGTON</div><p>Text</p>'
    assert read_page_meta(_page("", body), None).authors == ()


def test_a_date_written_only_in_a_short_line_of_the_page_is_found():
    page = (
        "<html><body><p class='about'><span>Von Moritz</span> <span>publiziert am 30. Juli 2018</span></p>"
        "<h1>Messe im Herbst</h1><p>" + "Der Stand war an allen drei Tagen gut besucht. " * 6 + "</p></body></html>"
    )
    assert read_page_meta(parse_html(page, html_parser()), None).date == "2018-07-30"


def test_a_date_inside_the_article_prose_is_not_the_publication_date():
    prose = "The council first met on 5 March 2001 to discuss the bridge, and it has met every year since. " * 3
    page = f"<html><body><h1>Bridge plan</h1><p>{prose}</p></body></html>"
    assert read_page_meta(parse_html(page, html_parser()), None).date is None


def test_a_site_logo_closing_the_h1_is_not_part_of_the_headline():
    head = "<title>Anticorrupción decidirá si recurre » Local » Noticias » Ultima Hora Mallorca</title>"
    body = '<h1><span>Anticorrupción decidirá si recurre</span><a href="/">Ultima Hora Mallorca</a></h1><p>Text</p>'
    meta = read_page_meta(_page(head, body), "http://ultimahora.es/mallorca/noticia/1.html")
    assert (meta.title, meta.headline) == ("Anticorrupción decidirá si recurre", "Anticorrupción decidirá si recurre")


def test_a_site_name_inside_the_headline_stays():
    body = "<h1>Why <em>Ultima Hora</em> changed its front page</h1><p>Text</p>"
    meta = read_page_meta(_page("", body), "http://ultimahora.es/a.html")
    assert meta.title == "Why Ultima Hora changed its front page"


def test_a_by_line_under_the_headline_names_the_author_when_the_byline_box_names_a_wire():
    body = (
        "<h1>New Year, new laws</h1><div class='ArticlePage-byline'>By: CNN Wire</div>"
        "<div class='body'><div>By Leigh Ann Caldwell</div><p>"
        + "Not everyone makes a resolution this year. "
        * 5
        + "</p>"
        "<ul class='list'><li>By Jane Roe</li></ul></div>"
    )
    assert read_page_meta(_page("", body), None).authors == ("Leigh Ann Caldwell",)


def test_a_by_line_below_the_first_prose_paragraph_is_not_the_author():
    body = (
        "<h1>Harbour plan</h1><p>"
        + "The council voted on the harbour plan after a long debate. " * 5
        + "</p><p>By Jane Roe</p>"
    )
    assert read_page_meta(_page("", body), None).authors == ()


def test_a_sort_order_under_the_headline_is_not_a_byline():
    body = "<h1>New releases</h1><div>By Release Date</div><p>" + "The films out this week are listed. " * 8 + "</p>"
    assert read_page_meta(_page("", body), None).authors == ()


def test_a_byline_word_in_the_pages_language_opens_the_byline():
    byline = '<span itemprop="author creator" class="article-info__authors">Текст: Венера Ерофеева</span>'
    lead = "Они – настоящие гении кулинарного искусства, и их блюда поражают не только вкусом, но и красотой. " * 2
    body = f"<h1>Мастера вкуса</h1><p>{lead}</p><p>{byline}</p>"
    assert read_page_meta(_page("", body), None).authors == ("Венера Ерофеева",)


def test_a_section_after_in_is_not_part_of_the_name():
    body = '<div class="byline">Posted by: Bob Walsh in Startups, Marketing Tips</div><p>Text</p>'
    assert read_page_meta(_page("", body), None).authors == ("Bob Walsh",)


def test_a_credit_closing_the_h1_is_the_author_and_not_part_of_the_headline():
    body = (
        "<h1><span>米朝首脳直通電話　習氏に挑むトランプ戦術の成否</span><br>"
        "<span>編集委員　中沢克二</span></h1><p>Text</p>"
    )
    meta = read_page_meta(_page("", body), "https://www.nikkei.com/article/a/")
    assert meta.author == "中沢克二"
    assert meta.headline == meta.title == "米朝首脳直通電話 習氏に挑むトランプ戦術の成否"


def test_an_h1_the_unspaced_title_holds_whole_is_the_title():
    head = "<title>米朝首脳直通電話 習氏に挑むトランプ戦術の成否 （写真＝ロイター） ：日本経済新聞</title>"
    body = "<h1>米朝首脳直通電話　習氏に挑むトランプ戦術の成否</h1><p>Text</p>"
    meta = read_page_meta(_page(head, body), "https://www.nikkei.com/article/a/")
    assert meta.headline == meta.title == "米朝首脳直通電話 習氏に挑むトランプ戦術の成否"


def test_a_short_h1_the_title_holds_is_not_the_title():
    head = "<title>北京：新能源汽车销量连续三个月增长，出口创历史新高</title>"
    body = "<h1>新能源汽车</h1><p>Text</p>"
    assert read_page_meta(_page(head, body), None).title == "北京：新能源汽车销量连续三个月增长，出口创历史新高"


def test_a_credit_after_a_br_in_the_h1_gives_a_latin_name():
    body = "<h1>Harbour plan approved<br>Jane Roe, Staff Writer</h1><p>Text</p>"
    meta = read_page_meta(_page("", body), "https://example.com/a")
    assert (meta.author, meta.title) == ("Jane Roe", "Harbour plan approved")


def test_a_headline_whose_last_part_is_no_credit_stays_whole():
    body = "<h1>Letters to the <em>Editor</em></h1><p>Text</p>"
    meta = read_page_meta(_page("", body), "https://example.com/a")
    assert (meta.author, meta.title) == (None, "Letters to the Editor")
