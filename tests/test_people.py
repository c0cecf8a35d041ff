"""Byline parts: people kept in their usual case; roles, desks, logins and the site itself left out."""

from __future__ import annotations

import pytest

from cleaner.people import is_person, role_credit, tidy_name


@pytest.mark.parametrize(
    "part,expected",
    [
        ("TOM KRISHER", "Tom Krisher"),
        ("BETSY MCKAY", "Betsy McKay"),  # a capital inside a shouted name
        ("SEAN O'BRIEN", "Sean O'Brien"),
        ("JEAN-PIERRE DUBOIS", "Jean-Pierre Dubois"),
        ("MARTIN LUTHER KING III", "Martin Luther King III"),
        ("JANE MACK", "Jane Mack"),
        ("Analysis by Chris Cillizza", "Chris Cillizza"),
        ("Finian Cunningham. Sputnik International", "Finian Cunningham"),
        ("Troy L. Smith", "Troy L. Smith"),
        ("jane roe", "Jane Roe"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("Cord Jefferson View Profile RSS", "Cord Jefferson"),  # an author box's labels after the name
        ("Anna Breslaw Email Twitter", "Anna Breslaw"),
        ("Tim Ferriss Topics: Entrepreneurship", "Tim Ferriss"),  # the next field's label after the name
        ("Clarissa Borba Categoria: Saúde", "Clarissa Borba"),
    ],
)
def test_tidy_name(part, expected):
    assert tidy_name(part) == expected


@pytest.mark.parametrize(
    "name",
    [
        "Jane Roe",
        "Ludwig van Beethoven",
        "Troy L. Smith",
        "Regan",
        "정덕현",
        "Венера Ерофеева",
        'Amanda "Tania Mae" Tan',
    ],
)
def test_people(name):
    assert is_person(name)


@pytest.mark.parametrize(
    "name",
    [
        "Admin",
        "jdadmin",
        "Kei_Eno",
        "KWCHCIK",
        "AS",
        "Editorial",
        "HNN Staff",
        "Science X staff",
        "AP Auto Writer",
        "CNN Editor-at-large",
        "News Nation Bureau",
        "Detroit News wire services",
        "NJ Advance Media for NJ.com",
        "Cleveland.com",
        "@janeroe",
        "View Profile",
        "Whatsapp Facebook Pint Baixar",
    ],
)
def test_not_people(name):
    assert not is_person(name)


def test_the_site_by_name_or_host_is_not_a_person():
    assert not is_person("Business Insider", ("Business Insider",))
    assert not is_person("CNN Business", ("CNN",))
    assert not is_person("Futurism", (), "futurism.com")
    assert is_person("Jane Futurist", (), "futurism.com")


@pytest.mark.parametrize(
    "credit,name",
    [
        ("編集委員\u3000中沢克二", "中沢克二"),
        ("记者 王小明", "王小明"),
        ("记者王小明", "王小明"),
        ("本報記者：陳大文", "陳大文"),
        ("홍길동 기자", "홍길동"),
        ("Jane Roe, Staff Writer", "Jane Roe"),
        ("Senior Correspondent: Maria de la Cruz", "Maria de la Cruz"),
        ("Jean Dupont, envoyé spécial", "Jean Dupont"),
        ("Корреспондент Иван Петров", "Иван Петров"),
    ],
)
def test_a_job_title_beside_a_name_gives_the_name(credit, name):
    assert role_credit(credit) == name


@pytest.mark.parametrize(
    "text",
    [
        "編集委員",  # a title alone
        "Jane Roe",  # a name alone
        "Editorial Board",  # 'Editor' glued to more letters is another word
        "Reporters Without Borders",
        "記者が見た北朝鮮の現状と今後の課題について",  # a sentence after the title, not a name
    ],
)
def test_no_credit_without_a_job_title_and_a_name(text):
    assert role_credit(text) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Meg JamesStaff Writer", "Meg James"),
        ("Jonathan GarberFOXBusiness", "Jonathan Garber"),
        ("Michael HiltzikBusiness Columnist", "Michael Hiltzik"),
        ("Jeff VanderMeer", "Jeff VanderMeer"),  # a capital inside a name
        ("Ronald McDonald", "Ronald McDonald"),
        ("Jane MacKenzie", "Jane MacKenzie"),
    ],
)
def test_a_role_a_page_ran_into_a_name_is_set_off(text, name):
    from cleaner.people import glued_tail

    tail = glued_tail(text)
    assert (text if tail is None else text[:tail]) == name


def test_an_outlets_acronym_beside_a_name_is_no_author():
    from cleaner.meta import split_authors

    assert split_authors("By Sandee LaMotte, CNN") == ["Sandee LaMotte"]
    assert split_authors("By Meg JamesStaff Writer") == ["Meg James"]
    assert split_authors("CNN") == ["CNN"]  # alone, the caller decides


@pytest.mark.parametrize(
    "name",
    ["Reuters", "Editor", "M.D.", "Admin", "HNN Staff", "Jerusalem Post Staff", "Telegraph Sport", "CNN Business"],
)
def test_a_desk_an_agency_or_a_role_word_alone_is_no_person(name):
    from cleaner.people import is_desk, names_no_person

    assert is_desk(name) and names_no_person(name)


@pytest.mark.parametrize(
    ("name", "no_person"),
    [
        ("Practical Horseman Editorial Staff", True),  # the outlet's staff
        ("Outdoor Living Team", True),
        ("Tagesblatt Redaktion", True),
        ("Jane Roe, Editorial Staff", False),  # a person set off from the staff words
        ("Jane Roe Staff Writer", False),  # a job title
        ("Eric Tucker Associated Press", False),  # a person with the outlet after the name
    ],
)
def test_staff_words_run_on_from_a_name_make_it_the_outlets_staff(name, no_person):
    from cleaner.people import names_no_person

    assert names_no_person(name) is no_person


@pytest.mark.parametrize("name", ["Emily Post", "Jane Roe", "Madonna"])
def test_a_persons_name_is_no_desk(name):
    from cleaner.people import is_desk

    assert not is_desk(name)


@pytest.mark.parametrize("name", ["新华社", "日本経済新聞社", "ライトハウス国際特許事務所 ／"])
def test_an_organisation_in_a_script_without_case_is_no_person(name):
    from cleaner.people import is_desk, names_no_person

    assert is_desk(name) and names_no_person(name)


@pytest.mark.parametrize("name", ["中沢克二", "张伟", "王小明"])
def test_a_persons_name_in_a_script_without_case_is_no_desk(name):
    from cleaner.people import is_desk

    assert not is_desk(name)


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("BiographySarah E. Needleman", False),  # an author box's label run into the name
        ("AuthorJane Roe", True),  # too short a label to tell from a name's own capital
        ("Jeff VanderMeer", True),
        ("Ronald McDonald", True),
        ("Mackenzie MacKenzie", True),
        ("Ella FitzGerald", True),
        ("Leonardo DiCaprio", True),
    ],
)
def test_a_label_run_into_a_name_is_no_person_but_a_names_own_inner_capital_is(name, person):
    assert is_person(name) is person
