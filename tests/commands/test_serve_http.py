"""The preview server: only files of its folder, live reload in HTML only, the error overlay."""

from __future__ import annotations

import http.client
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from multipub.commands.serve_http import (
    EVENTS,
    LiveState,
    PreviewServer,
    inject,
    live_script,
    resolve,
)
from multipub.errors import Problem

from ..conftest import write


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    write(site / "index.html", "<!DOCTYPE html><html><body><p>root</p></body></html>")
    write(site / "pl/grodno/index.html", "<html><body><h1>Grodno</h1></BODY >\n</html>")
    write(site / "pl/feed.xml", "<feed/>")
    write(site / "style.css", "body{}")
    write(tmp_path / "secret.txt", "secret")
    write(tmp_path / "outside/index.html", "<p>outside</p>")
    os.symlink(tmp_path / "secret.txt", site / "link.txt")
    os.symlink(tmp_path / "outside", site / "linked")
    os.symlink(site / "style.css", site / "inner.css")
    return site


@pytest.mark.parametrize("target", [
    "/../secret.txt", "/pl/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
    "/pl/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2F" + "%2F".join(
        str(Path(__file__).resolve()).lstrip("/").split("/")),
    "//etc/passwd", "/link.txt", "/linked/", "/linked/index.html", "/pl/./grodno/",
    "/pl%00/grodno/", "/..\\secret.txt", "/missing.html", "/%ff",
])
def test_nothing_outside_the_folder_is_named(folder: Path, target: str) -> None:
    try:
        found = resolve(folder, target)
    except UnicodeDecodeError:  # (the server answers 404 to those)
        return
    assert found == ("missing", None)


def test_files_folders_and_links_inside(folder: Path) -> None:
    real = os.path.realpath(folder)
    assert resolve(folder, "/") == ("file", os.path.join(real, "index.html"))
    assert resolve(folder, "/pl/grodno/?x=1#top") == (
        "file", os.path.join(real, "pl", "grodno", "index.html"))
    assert resolve(folder, "/pl/grodno") == ("redirect", "/pl/grodno/")
    assert resolve(folder, "/inner.css") == ("file", os.path.join(real, "style.css"))
    assert resolve(folder, "/pl%2Ffeed.xml") == ("file", os.path.join(real, "pl", "feed.xml"))


@given(st.lists(st.sampled_from(["..", ".", "%2e%2e", "%2E.", "pl", "grodno", "", "%2f",
                                 "secret.txt", "index.html"]), max_size=8))
def test_whatever_the_path_it_stays_inside(parts: list[str]) -> None:
    root = Path(__file__).resolve().parent
    kind, found = resolve(root, "/" + "/".join(parts))
    if found is not None and kind == "file":
        assert os.path.realpath(found).startswith(str(root) + os.sep)


def test_the_script_goes_before_the_last_body_end() -> None:
    page = b"<html><body><p></body></p>x</body >\n</html>"
    done = inject(page, 7)
    assert done == b"<html><body><p></body></p>x" + live_script(7) + b"</body >\n</html>"
    assert inject(b"<p>no body", 1) == b"<p>no body" + live_script(1)


def test_the_overlay_names_each_problem_escaped() -> None:
    problems = [Problem("content/a/pl.md", 3, "date: '<2024' is not a date"),
                Problem("locales/ru/LC_MESSAGES/articles/a.po", None, "bad & worse")]
    tree = lxml.html.fromstring(inject(b"<html><body><p>old</p></body></html>", 2, problems))
    assert [li.text_content() for li in tree.xpath("//div[@id='multipub-error']//li")] == [
        "content/a/pl.md:3: date: '<2024' is not a date",
        "locales/ru/LC_MESSAGES/articles/a.po: bad & worse"]
    assert tree.xpath("//p")[0].text == "old"  # the last good page stays under it


@pytest.fixture
def server(folder: Path) -> Iterator[PreviewServer]:
    running = PreviewServer(folder, LiveState(), "127.0.0.1", 0)
    threading.Thread(target=running.serve_forever, daemon=True).start()
    try:
        yield running
    finally:
        running.stop()


def get(server: PreviewServer, target: str, method: str = "GET",
        ) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    try:
        connection.putrequest(method, target, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_html_is_served_with_the_script_other_files_as_they_are(
        server: PreviewServer, folder: Path) -> None:
    status, headers, body = get(server, "/pl/grodno/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == inject((folder / "pl/grodno/index.html").read_bytes(), 0)
    assert headers["Cache-Control"] == "no-store"
    assert get(server, "/style.css")[2] == b"body{}"
    assert get(server, "/pl/feed.xml")[2] == b"<feed/>"
    assert (folder / "pl/grodno/index.html").read_bytes().count(b"<script") == 0
    status, headers, body = get(server, "/pl/grodno/", "HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0
    status, headers, _ = get(server, "/pl/grodno")
    assert status == 301 and headers["Location"] == "/pl/grodno/"


@pytest.mark.parametrize("target", ["/../secret.txt", "/%2e%2e/secret.txt", "/link.txt",
                                    "/linked/index.html", "/%2e%2e%2fsecret.txt", "/%ff",
                                    "//" + str(Path(__file__).resolve()).lstrip("/")])
def test_requests_for_outside_files_get_404(server: PreviewServer, target: str) -> None:
    status, _, body = get(server, target)
    assert status == 404 and b"secret" not in body


def test_a_failed_rebuild_shows_the_overlay_and_a_good_one_removes_it(
        server: PreviewServer) -> None:
    server.state.published([Problem("content/a/pl.md", 2, "broken")])
    body = get(server, "/pl/grodno/")[2]
    assert b"content/a/pl.md:2: broken" in body and b"<h1>Grodno</h1>" in body
    server.state.published()
    assert b"multipub-error" not in get(server, "/pl/grodno/")[2]


def test_the_event_stream_says_reload_when_the_site_changes(server: PreviewServer) -> None:
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    connection.request("GET", f"{EVENTS}?since=0")
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"
    assert response.readline() == b": multipub live reload\n"
    assert response.readline() == b"\n"
    server.state.published()
    assert response.readline() == b"event: reload\n"
    assert response.readline() == b"data: 1\n"
    connection.close()


def test_a_page_made_before_the_stream_opened_reloads_at_once(server: PreviewServer) -> None:
    server.state.published()
    server.state.published()
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    connection.request("GET", f"{EVENTS}?since=1")
    response = connection.getresponse()
    lines = [response.readline() for _ in range(4)]
    assert lines[2:] == [b"event: reload\n", b"data: 2\n"]
    connection.close()
