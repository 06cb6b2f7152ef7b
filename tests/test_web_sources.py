"""News as it arrives: web pages, feeds, URLs, exports and standard input, served by a local HTTP server."""

from __future__ import annotations

import json
import socket
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke
from tests.web_server import WEB, Route, Server, serving
from timeline.errors import TimelineError
from timeline.sources import ArticleSource, Reader, SourceError
from timeline.sources.pages import read_page
from timeline.sources.published import parse_published
from timeline.sources.web import USER_AGENT, Fetcher


@pytest.fixture
def web() -> Iterator[Server]:
    with serving() as server:
        yield server


def _articles(db: Path) -> list[dict[str, object]]:
    with sqlite3.connect(db) as c:
        c.row_factory = sqlite3.Row
        return [dict(r) for r in c.execute("SELECT * FROM articles ORDER BY id")]


def _import(runner: CliRunner, tmp_path: Path, *args: str, input: str | None = None):
    return invoke(runner, "import", *args, "--db", str(tmp_path / "t.db"), input=input)


def _one(items: Iterator[object]) -> ArticleSource:
    found = list(items)
    assert len(found) == 1 and isinstance(found[0], ArticleSource), found
    return found[0]


# ---------------------------------------------------------------- publication dates


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2026-03-26", date(2026, 3, 26)),
        ("2026-03-26 10:00:00", date(2026, 3, 26)),  # naive: taken as given
        ("2026-03-26 10:00:00.123456", date(2026, 3, 26)),
        ("2026-05-12T01:15:00+05:00", date(2026, 5, 12)),  # the publisher's local day, not UTC's 11 May
        ("2026-03-25T23:30:00-04:00", date(2026, 3, 25)),  # nor UTC's 26 March
        ("2026-03-26T23:30:00Z", date(2026, 3, 26)),
        ("Tue, 10 Mar 2026 23:30:00 +0300", date(2026, 3, 10)),  # RFC 2822, as feeds give it
    ],
)
def test_a_timestamp_is_the_day_in_its_own_offset(value: str, day: date) -> None:
    assert parse_published(value) == day


@pytest.mark.parametrize("value", ["вчера", "2026-02-30", "2026-02-30 10:00:00", "26/03/2026"])
def test_a_date_that_is_not_one_is_refused(value: str) -> None:
    with pytest.raises(TimelineError, match="date"):
        parse_published(value)


# ---------------------------------------------------------------- web pages


def test_a_news_page_keeps_the_article_and_drops_the_rest() -> None:
    article = read_page((WEB / "news_page.html").read_bytes(), "page.html")
    assert article.title == "Саммит России и Монголии перенесли на май"
    assert article.author == "Анна Петрова"
    assert article.published == date(2026, 4, 6) and article.date_source == "metadata"
    assert article.text.startswith("Саммит России и Монголии перенесли на май\n\nРоссийско-монгольский саммит")
    assert "перенесён на 26 мая" in article.text and "Все договорённости остаются в силе" in article.text
    # Menus, ads, comments, related links and the footer are not the article.
    for boilerplate in ("Главная", "Подписаться", "Реклама", "Комментарии", "Иван:", "Отличная новость",
                        "Читайте также", "Морозы", "Все права защищены"):
        assert boilerplate not in article.text, boilerplate
    # Paragraphs stay paragraphs: evidence offsets point into this text as stored.
    assert "\n\nРешение принято" in article.text


def test_a_date_only_in_json_ld_is_the_publishers_local_day() -> None:
    article = read_page((WEB / "jsonld_page.html").read_bytes(), "page.html")
    assert article.published == date(2026, 5, 12)  # 2026-05-12T01:15:00+05:00; in UTC it is still 11 May
    assert article.date_source == "metadata" and article.author == "Олег Смирнов"
    assert article.text.count("Суд продлил арест Курбатову") == 1  # the headline is not told twice


def test_a_page_without_metadata_is_dated_by_its_url_then_by_htmldate() -> None:
    raw = (WEB / "round2_page.html").read_bytes()
    by_url = read_page(raw, "x", url="https://news.example.org/2026/03/10/round2.html")
    assert (by_url.published, by_url.date_source) == (date(2026, 3, 10), "url")
    assert "Поделиться" not in by_url.text and "Поиск" not in by_url.text
    guessed = read_page((WEB / "guessed_page.html").read_bytes(), "x", url="https://example.org/strike")
    assert (guessed.published, guessed.date_source) == (date(2026, 2, 18), "htmldate")
    # A date the caller states comes before the URL's and the guess, after the page's own metadata.
    stated = read_page(raw, "x", url="https://news.example.org/2026/03/10/round2.html",
                       stated=(date(2026, 3, 11), "feed"))
    assert (stated.published, stated.date_source) == (date(2026, 3, 11), "feed")
    meta = read_page((WEB / "news_page.html").read_bytes(), "x", stated=(date(2026, 4, 7), "feed"))
    assert meta.published == date(2026, 4, 6)


def test_a_page_with_no_date_anywhere_asks_for_one(tmp_path: Path, runner: CliRunner) -> None:
    page = tmp_path / "undated.html"
    page.write_text("<html><body><article><p>" + "Переговоры прошли в Москве во вторник. " * 5
                    + "</p></article></body></html>", encoding="utf-8")
    result = _import(runner, tmp_path, str(page))
    assert result.exit_code == 1 and "no publication date" in result.stderr and "--published" in result.stderr
    result = _import(runner, tmp_path, str(page), "--published", "2026-03-10")
    assert result.exit_code == 0, result.stderr
    (row,) = _articles(tmp_path / "t.db")
    assert row["published"] == "2026-03-10" and row["date_source"] == "option"
    assert not row["text"].startswith("<")  # the text, never the markup


def test_an_html_file_is_imported_with_its_page_date(tmp_path: Path, runner: CliRunner) -> None:
    result = _import(runner, tmp_path, str(WEB / "news_page.html"))
    assert result.exit_code == 0, result.stderr
    (row,) = _articles(tmp_path / "t.db")
    assert row["title"] == "Саммит России и Монголии перенесли на май" and row["published"] == "2026-04-06"
    listed = json.loads(invoke(runner, "articles", "--format", "json", "--db", str(tmp_path / "t.db")).stdout)
    assert listed[0]["date_source"] == "metadata" and listed[0]["date_guessed"] is False
    assert listed[0]["author"] == "Анна Петрова"


def test_a_text_in_another_language_is_refused_by_name(tmp_path: Path, runner: CliRunner) -> None:
    result = _import(runner, tmp_path, str(WEB / "english_page.html"), str(WEB / "news_page.html"))
    assert result.exit_code == 1
    assert "English (en)" in result.stderr and "Russian (ru)" in result.stderr
    assert [r["title"] for r in _articles(tmp_path / "t.db")] == ["Саммит России и Монголии перенесли на май"]


# ---------------------------------------------------------------- URLs


def test_a_url_is_fetched_and_read(web: Server, tmp_path: Path, runner: CliRunner) -> None:
    url = web.page("/news/summit-postponed.html", "news_page.html")
    result = _import(runner, tmp_path, url)
    assert result.exit_code == 0, result.stderr
    (row,) = _articles(tmp_path / "t.db")
    assert row["source"] == url and row["published"] == "2026-04-06" and "Реклама" not in row["text"]
    (request,) = web.hits("/news/summit-postponed.html")
    assert request.headers["user-agent"] == USER_AGENT and USER_AGENT.startswith("timeline/")
    # A page whose date is only in its JSON-LD, served without a date in its address.
    court = web.page("/court/arrest-extended", "jsonld_page.html")
    assert _import(runner, tmp_path, court).exit_code == 0
    row = next(r for r in _articles(tmp_path / "t.db") if r["source"] == court)
    assert (row["published"], row["date_source"], row["author"]) == ("2026-05-12", "metadata", "Олег Смирнов")


def test_a_redirect_is_followed(web: Server, tmp_path: Path, runner: CliRunner) -> None:
    target = web.page("/news/summit-postponed.html", "news_page.html")
    web.routes["/s/42"] = Route(status=301, location=target)
    result = _import(runner, tmp_path, web.url("/s/42"))
    assert result.exit_code == 0, result.stderr
    assert _articles(tmp_path / "t.db")[0]["published"] == "2026-04-06"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_url_errors_are_clear_and_the_rest_is_imported(web: Server, tmp_path: Path, runner: CliRunner) -> None:
    good = web.page("/news/summit-postponed.html", "news_page.html")
    web.routes["/slow"] = Route(body=b"<html></html>", delay=3)
    web.routes["/logo.png"] = Route(body=b"\x89PNG\r\n\x1a\n", content_type="image/png")
    refused = f"http://127.0.0.1:{_closed_port()}/news"
    result = _import(runner, tmp_path, web.url("/missing"), web.url("/slow"), web.url("/logo.png"), refused, good,
                     "--timeout", "0.5")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [
        f"Error: {web.url('/missing')}: HTTP 404 Not Found",
        f"Error: {web.url('/slow')}: timed out after 0.5 s",
        f"Error: {web.url('/logo.png')}: not a text response (image/png)",
        f"Error: {refused}: connection refused",
    ]
    assert "1 imported" in result.stderr and "4 failed" in result.stderr
    assert [r["source"] for r in _articles(tmp_path / "t.db")] == [good]


def test_a_response_over_the_size_limit_is_refused(web: Server) -> None:
    web.routes["/big"] = Route(body=b"<html>" + b"x" * 5000 + b"</html>")
    with Fetcher(max_bytes=1000) as fetcher, pytest.raises(SourceError, match="over the 1,000-byte limit"):
        fetcher.get(web.url("/big"))


def test_an_updated_page_is_a_new_version(web: Server, tmp_path: Path, runner: CliRunner) -> None:
    url = web.page("/news/summit-postponed.html", "news_page.html")
    assert _import(runner, tmp_path, url).exit_code == 0
    again = _import(runner, tmp_path, url)
    assert "1 skipped" in again.stderr
    route = web.routes["/news/summit-postponed.html"]
    route.body = route.body.replace("перенесён на 26 мая".encode(), "перенесён на 27 мая".encode())
    updated = _import(runner, tmp_path, url)
    assert "1 replaced" in updated.stderr, updated.stderr
    (row,) = _articles(tmp_path / "t.db")
    assert "перенесён на 27 мая" in row["text"]


# ---------------------------------------------------------------- feeds


def test_an_rss_feed_of_summaries_has_each_page_fetched(web: Server, tmp_path: Path, runner: CliRunner) -> None:
    feed = web.page("/rss.xml", "rss_summaries.xml", "application/rss+xml")
    web.page("/2026/03/10/round2.html", "round2_page.html")
    web.page("/news/summit-postponed.html", "news_page.html")
    result = _import(runner, tmp_path, feed)
    assert result.exit_code == 0, result.stderr
    rows = {r["source"]: r for r in _articles(tmp_path / "t.db")}
    round2, summit = rows[web.url("/2026/03/10/round2.html")], rows[web.url("/news/summit-postponed.html")]
    # The page's text, not the summary; the feed item's date (its local day) where the page has none.
    assert "Текст соглашения практически готов" in round2["text"]
    assert (round2["published"], round2["date_source"]) == ("2026-03-10", "feed")
    assert (summit["published"], summit["date_source"]) == ("2026-04-06", "metadata")
    # Read again, an item already stored is skipped without fetching its page.
    again = _import(runner, tmp_path, feed)
    assert "0 imported, 0 replaced, 2 skipped, 0 failed" in again.stderr, again.stderr
    assert len(web.hits("/2026/03/10/round2.html")) == 1 and len(web.hits("/news/summit-postponed.html")) == 1


def test_no_fetch_keeps_the_summaries(web: Server, tmp_path: Path, runner: CliRunner) -> None:
    feed = web.page("/rss.xml", "rss_summaries.xml", "application/rss+xml")
    result = _import(runner, tmp_path, feed, "--no-fetch")
    assert result.exit_code == 0, result.stderr
    rows = _articles(tmp_path / "t.db")
    assert [r["text"] for r in rows] == [
        "Второй раунд переговоров прошёл в Москве\n\nСтороны согласовали тарифы на перевозку контейнеров.",
        "Саммит России и Монголии перенесли на май\n\nСаммит перенесён на 26 мая по просьбе монгольской стороны.",
    ]
    assert [r["source"] for r in rows] == [web.url("/2026/03/10/round2.html"), web.url("/news/summit-postponed.html")]
    assert web.hits("/2026/03/10/round2.html") == []


def test_an_atom_feed_with_full_content_is_read_from_the_feed(tmp_path: Path, runner: CliRunner) -> None:
    feed = tmp_path / "city.atom"
    feed.write_text((WEB / "atom_full.xml").read_text(encoding="utf-8").replace("{base}", "https://city.example"),
                    encoding="utf-8")
    result = _import(runner, tmp_path, str(feed))
    assert result.exit_code == 0, result.stderr
    rows = {r["source"]: r for r in _articles(tmp_path / "t.db")}
    agreement = rows["https://city.example/city/agreement.html"]
    assert agreement["published"] == "2026-03-26"  # 00:30 at +03:00: the 25th in UTC
    assert agreement["date_source"] == "feed" and agreement["author"] == "Ирина Волкова"
    assert agreement["text"] == (
        "Мэрия и профсоюз подписали соглашение\n\n"
        "Мэрия и профсоюз водителей автобусов в четверг подписали соглашение о повышении зарплат на 12%.\n\n"
        "Забастовка, начавшаяся 16 марта, завершилась. Движение автобусов восстановится в пятницу."
    )
    assert rows["https://city.example/city/strike.html"]["published"] == "2026-03-12"
    events = json.loads(invoke(runner, "events", "--format", "json", "--db", str(tmp_path / "t.db")).stdout)
    assert any(e["kind"] == "agreement" and e["start"] == "2026-03-26" for e in events), events


def test_following_a_feed_reads_it_again_cheaply(web: Server, tmp_path: Path, runner: CliRunner) -> None:
    feed = web.page("/atom.xml", "atom_full.xml", "application/atom+xml", etag='"v1"')
    db = str(tmp_path / "t.db")
    assert invoke(runner, "feeds", "add", feed, "--db", db).exit_code == 0
    assert "Already following" in invoke(runner, "feeds", "add", feed, "--db", db).stderr
    first = invoke(runner, "feeds", "update", "--db", db)
    assert first.exit_code == 0, first.stderr
    assert "1 feeds read (0 unchanged, 0 failed): 2 imported" in first.stderr
    second = invoke(runner, "feeds", "update", "--db", db)
    assert second.exit_code == 0 and "unchanged" in second.stderr and "0 imported" in second.stderr
    assert web.hits("/atom.xml")[-1].headers.get("if-none-match") == '"v1"'
    listed = json.loads(invoke(runner, "feeds", "list", "--format", "json", "--db", db).stdout)
    assert listed[0]["url"] == feed and listed[0]["title"] == "Городские новости"
    assert listed[0]["last_status"] == "unchanged" and listed[0]["imported"] == 2
    # A new item: the feed changed, and only the new item is imported.
    route = web.routes["/atom.xml"]
    entry = route.body.split(b"<entry>")[1].replace(b"agreement.html", b"buses-back.html").replace(
        "Мэрия и профсоюз подписали".encode(), "Автобусы вернулись, мэрия и профсоюз подписали".encode())
    route.body = route.body.replace(b"<entry>", b"<entry>" + entry + b"</entry>\n  <entry>", 1)
    route.etag = '"v2"'
    third = invoke(runner, "feeds", "update", "--db", db)
    assert "1 imported, 0 replaced, 2 skipped" in third.stderr, third.stderr


def test_a_feed_that_fails_is_reported_and_the_others_read(web: Server, tmp_path: Path, runner: CliRunner) -> None:
    good = web.page("/atom.xml", "atom_full.xml", "application/atom+xml")
    web.routes["/empty.xml"] = Route(body=b'<?xml version="1.0"?><rss version="2.0"><channel><title>New</title>'
                                     b"</channel></rss>", content_type="application/rss+xml")
    db = str(tmp_path / "t.db")
    invoke(runner, "feeds", "add", web.url("/empty.xml"), web.url("/gone.xml"), good, "--db", db)
    result = invoke(runner, "feeds", "update", "--db", db)
    assert result.exit_code == 1
    assert f"Error: {web.url('/gone.xml')}: HTTP 404 Not Found" in result.stderr
    assert "2 imported" in result.stderr and "3 feeds read (0 unchanged, 1 failed)" in result.stderr
    assert f"{web.url('/empty.xml')}: 0 new" in result.stderr  # a feed with no items yet has nothing new
    bad = invoke(runner, "feeds", "add", "ftp://example.org/feed", "--db", db)
    assert bad.exit_code == 1 and "http:// or https://" in bad.stderr
    assert invoke(runner, "feeds", "remove", good, "--db", db).exit_code == 0
    assert [f["url"] for f in json.loads(invoke(runner, "feeds", "list", "--format", "json", "--db", db).stdout)] == [
        web.url("/empty.xml"), web.url("/gone.xml")]
    assert len(_articles(tmp_path / "t.db")) == 2  # the articles stay


# ---------------------------------------------------------------- exports and standard input


def test_a_media_cloud_csv_has_its_pages_read(web: Server, tmp_path: Path, runner: CliRunner) -> None:
    web.page("/2026/03/10/round2.html", "round2_page.html")
    web.page("/news/summit-postponed.html", "news_page.html")
    export = tmp_path / "mediacloud.csv"
    template = (WEB / "mediacloud.csv").read_text(encoding="utf-8")
    export.write_text(template.replace("{base}", web.base), encoding="utf-8")
    result = _import(runner, tmp_path, str(export))
    assert result.exit_code == 0, result.stderr
    rows = {r["source"]: r for r in _articles(tmp_path / "t.db")}
    round2 = rows[web.url("/2026/03/10/round2.html")]
    assert (round2["published"], round2["date_source"]) == ("2026-03-10", "field")  # publish_date, as given
    assert "согласовали тарифы" in round2["text"]
    assert rows[web.url("/news/summit-postponed.html")]["published"] == "2026-04-06"
    # Without fetching, a record with a URL and no text cannot be read: each says so.
    (tmp_path / "t.db").unlink()
    no_fetch = _import(runner, tmp_path, str(export), "--no-fetch")
    assert no_fetch.exit_code == 1 and no_fetch.stderr.count("import without --no-fetch") == 2
    assert f"Error: {export}:2: no text, only a URL" in no_fetch.stderr


def test_a_csv_with_text_and_a_json_array(tmp_path: Path, runner: CliRunner) -> None:
    export = tmp_path / "news.csv"
    export.write_text(
        'publish_date,title,text,url\n'
        '2026-03-16T07:15:00+03:00,"Забастовка началась","Забастовка водителей автобусов началась в понедельник.",'
        'https://city.example/a\n',
        encoding="utf-8")
    result = _import(runner, tmp_path, str(export), str(WEB / "export.json"))
    assert result.exit_code == 1  # the JSON's third record has neither text nor link
    assert f"Error: {WEB / 'export.json'}[3]: missing or empty 'text'" in result.stderr
    assert "3 imported" in result.stderr
    rows = {r["title"]: r for r in _articles(tmp_path / "t.db")}
    assert rows["Забастовка началась"]["source"] == "https://city.example/a"
    buses = rows["Водители автобусов вернулись на линии"]
    assert buses["published"] == "2026-03-26" and buses["author"] == "Ирина Волкова"
    assert buses["source"] == "https://city.example/2026/03/27/buses"
    assert rows["Забастовка водителей началась"]["published"] == "2026-03-16"


def test_standard_input(tmp_path: Path, runner: CliRunner) -> None:
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"publish_date": "2026-03-16 09:00:00", "text": "Забастовка водителей автобусов началась в понедельник."},
        {"published": "2026-03-17", "text": "Мэрия предложила профсоюзу возобновить переговоры в среду."},
    ])
    result = _import(runner, tmp_path, "-", input=lines + "\n")
    assert result.exit_code == 0, result.stderr
    assert "2 imported" in result.stderr
    seed = "date 2026-03-18 Переговоры мэрии и профсоюза возобновились.\n\nСтороны встретились в мэрии."
    assert "1 imported" in _import(runner, tmp_path, "-", input=seed).stderr
    csv_text = "date,text\n2026-03-19,Профсоюз и мэрия договорились продолжить переговоры в пятницу.\n"
    assert "1 imported" in _import(runner, tmp_path, "-", input=csv_text).stderr
    plain = _import(runner, tmp_path, "-", input="Просто текст без даты о переговорах мэрии и профсоюза.")
    assert plain.exit_code == 1 and "Error: -: " in plain.stderr and "--published" in plain.stderr
    assert [r["published"] for r in _articles(tmp_path / "t.db")] == [
        "2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19"]


def test_stdin_format_can_be_named(tmp_path: Path) -> None:
    import io

    raw = (WEB / "news_page.html").read_bytes()
    reader = Reader(fetch=False, fmt="html", stdin=io.BytesIO(b"\n\n" + raw))
    article = _one(reader.articles(["-"]))
    assert article.published == date(2026, 4, 6) and article.source == "-"


# ---------------------------------------------------------------- what is not an article


def test_a_file_named_goes_through_the_same_filter(tmp_path: Path, runner: CliRunner) -> None:
    ann = tmp_path / "0001.ann"
    ann.write_text("T2\tDATE 35 65\tв декабре\n", encoding="utf-8")
    seed = tmp_path / "a.txt"
    seed.write_text("date 2026-01-14 Путин провёл переговоры с Уиткоффом.", encoding="utf-8")
    result = _import(runner, tmp_path, str(ann), str(seed))
    assert result.exit_code == 1
    assert f"Error: {ann}: '.ann' files are not read" in result.stderr
    assert "1 imported" in result.stderr and "1 failed" in result.stderr
    assert [r["title"] for r in _articles(tmp_path / "t.db")] == ["Путин провёл переговоры с Уиткоффом."]


def test_a_folder_with_nothing_to_read_says_so(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "annotations"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.ann").write_text("T1\tDATE 0 5\tвчера\n", encoding="utf-8")
    result = _import(runner, tmp_path, str(folder))
    assert result.exit_code == 1 and "nothing imported: no article files" in result.stderr


def test_a_feed_followed_on_any_database(web: Server, any_db_url: str, runner: CliRunner) -> None:
    """The feed path on SQLite and PostgreSQL: items imported, read again as unchanged, sources kept."""
    feed = web.page("/atom.xml", "atom_full.xml", "application/atom+xml", last_modified="Thu, 26 Mar 2026 07:00:00 GMT")
    assert invoke(runner, "feeds", "add", feed, "--db", any_db_url).exit_code == 0
    first = invoke(runner, "feeds", "update", "--db", any_db_url)
    assert first.exit_code == 0 and "2 imported" in first.stderr, first.stderr
    second = invoke(runner, "feeds", "update", "--db", any_db_url)
    assert "unchanged" in second.stderr
    assert web.hits("/atom.xml")[-1].headers.get("if-modified-since") == "Thu, 26 Mar 2026 07:00:00 GMT"
    listed = json.loads(invoke(runner, "articles", "--format", "json", "--db", any_db_url).stdout)
    assert sorted((a["source"], a["published"], a["date_source"]) for a in listed) == [
        (web.url("/city/agreement.html"), "2026-03-26", "feed"), (web.url("/city/strike.html"), "2026-03-12", "feed")]


RSS_091 = """<?xml version="1.0"?><rss version="0.91"><channel><title>Лента</title><link>https://x.example/</link>
<description>Новости</description><language>ru</language>
<item><title>Суд арестовал бывшего чиновника</title><link>https://x.example/1</link>
<description>Суд в пятницу арестовал бывшего заместителя губернатора на два месяца.</description>
<pubDate>Fri, 16 Mar 2026 12:00:00 +0300</pubDate></item></channel></rss>"""
RSS_10 = """<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://x.example/"><title>Лента</title><link>https://x.example/</link><description>Новости</description>
</channel><item rdf:about="https://x.example/1"><title>Суд арестовал бывшего чиновника</title>
<link>https://x.example/1</link>
<description>Суд в пятницу арестовал бывшего заместителя губернатора на два месяца.</description>
<dc:date>2026-03-16T12:00:00+03:00</dc:date></item></rdf:RDF>"""


@pytest.mark.parametrize("feed", [RSS_091, RSS_10], ids=["rss-0.91", "rss-1.0"])
def test_older_rss_versions_are_read(tmp_path: Path, feed: str) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(feed, encoding="utf-8")
    article = _one(Reader(fetch=False).articles([path]))
    assert (article.source, article.published) == ("https://x.example/1", date(2026, 3, 16))
    assert article.date_source == "feed"
    assert article.text == ("Суд арестовал бывшего чиновника\n\n"
                            "Суд в пятницу арестовал бывшего заместителя губернатора на два месяца.")


@pytest.mark.parametrize(("url", "reason"), [
    ("https://", "not a valid URL"), ("http://exa mple.org/x", "not a valid URL"),
    ("ftp://example.org/news", "only http:// and https://"),
])
def test_a_url_that_cannot_be_fetched_says_why(url: str, reason: str) -> None:
    with Fetcher() as fetcher, pytest.raises(SourceError) as info:
        fetcher.get(url)
    assert info.value.where == url and reason in info.value.reason
