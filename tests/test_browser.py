"""The web chat end to end: real model, real index (seeds/ plus one hostile document), headless Chromium.

One app and one browser per module. The index lives in pytest's cache folder, so after the first run the
(incremental, idempotent) ingest has nothing to embed. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import json
import shutil
import socket
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]
HOSTILE = """# Catatan keamanan <b>situs</b>

Petugas keamanan siber Bambang Sulistyo mengatakan bahwa pesan berbahaya seperti <script>window.__pwned=1</script> harus dihapus dari situs. Contoh serangan lain adalah <img src=x onerror="window.__pwned=1"> yang disisipkan ke komentar.

"Kami memeriksa setiap komentar sebelum terbit," ujar Bambang Sulistyo, Kepala Seksi Keamanan Siber.
"""
HOSTILE_QUESTION = "What did Bambang say about comments and script attacks?"
HOAX_QUESTION = "What did Heni say about hoaxes?"
HOAX_SENTENCE = "Mengingat, hoax dan disinformasi menyebar lebih cepat dari kebenaran."
FINISHED = "#chat .answer .sources, #chat .answer.refusal, #chat .answer.error"


@pytest.fixture(scope="module")
def server(request, tmp_path_factory, embedder):
    """(url, bot): the app for a test index, served from a thread on a free loopback port."""
    from assistant.assistant import Assistant
    from assistant.config import load_settings
    from assistant.interfaces.web import create_app, launch

    docs = tmp_path_factory.mktemp("docs")
    for seed in sorted((ROOT / "seeds").iterdir()):
        if seed.is_file():
            shutil.copy(seed, docs / seed.name)
    (docs / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    cache = getattr(request.config, "cache", None)
    index = cache.mkdir("browser-test-index") if cache else tmp_path_factory.mktemp("index")
    settings = load_settings(index_dir=index, seeds_dir=docs,
                             feedback_path=tmp_path_factory.mktemp("fb") / "logs" / "fb.jsonl")
    # The session's one embedder (conftest.py); ingests docs/ (a no-op when cached).
    bot = Assistant(settings=settings, embedder=embedder, build=True, progress=False)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    bot.warm_up()  # as serve() does
    demo = create_app(bot)
    launch(demo, server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
           ssr_mode=False)
    yield f"http://127.0.0.1:{port}/", bot
    demo.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("needs Debian's Chromium: apt-get install -y chromium (`make test` installs it)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server[0])
    page.locator("#question textarea").wait_for()
    yield page
    context.close()
    assert not errors, errors


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def finished(page) -> int:
    return page.locator(FINISHED).count()


def wait_answer(page, before: int):
    """The newest finished answer (cards, refusal or error) once there are more than `before`."""
    page.wait_for_function(f"document.querySelectorAll({FINISHED!r}).length > {before}", timeout=60_000)
    return page.locator("#chat .answer:not(.pending)").last


def ask(page, question: str):
    before = finished(page)
    page.locator("#question textarea").fill(question)
    page.locator("#ask").click()
    return wait_answer(page, before)


STREAM_PROBE = """() => {
  window.__stream = [];
  new MutationObserver(() => {
    const all = document.querySelectorAll('#chat .answer');
    const a = all[all.length - 1];
    if (!a) return;
    const state = [a.classList.contains('pending'), a.innerText.length, !!a.querySelector('.sources')];
    const log = window.__stream, prev = log[log.length - 1];
    if (!prev || prev[1] !== state[0] || prev[2] !== state[1]) log.push([performance.now(), ...state]);
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def test_example_shows_a_placeholder_then_an_answer_whose_marker_opens_a_highlighted_card(page):
    """The placeholder comes at once; the answer then arrives whole, its cards with it (nothing fakes
    typing)."""
    page.evaluate(STREAM_PROBE)
    started = page.evaluate("performance.now()")
    page.get_by_role("button", name=HOAX_QUESTION, exact=True).click()
    answer = wait_answer(page, 0)
    stream = page.evaluate("window.__stream")  # [time, pending, text length, has sources] per change
    assert stream[0][1] is True, f"no placeholder first: {stream}"
    assert all(has_sources for _, pending, _, has_sources in stream if not pending), f"partial text: {stream}"
    timings = {"placeholder_ms": round(stream[0][0] - started), "complete_ms": round(stream[-1][0] - started)}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "stream-timings.json").write_text(json.dumps(timings))
    print(f"\nplaceholder after {timings['placeholder_ms']} ms, answer after {timings['complete_ms']} ms")

    marker = answer.locator("a.cite").first
    expect(marker).to_have_text("[1]")
    card = answer.locator(".src-card").first
    expect(card.locator(".src-para mark")).to_contain_text(HOAX_SENTENCE)
    expect(card.locator(".src-meta")).to_contain_text("Heni Yuwono")
    expect(card.locator(".src-meta")).to_contain_text("jatimnow.com")
    marker.click()
    expect(card).to_have_class("src-card flash")
    expect(card).to_be_in_viewport()
    shot(page, "01-answer-with-card")

    card.locator("details.src-article summary").click()
    article_mark = card.locator(".article-body mark")
    expect(article_mark).to_contain_text(HOAX_SENTENCE)
    expect(article_mark).to_be_in_viewport()
    assert card.locator(".article-body").inner_text().count("\n") > 5  # the whole article, not one passage
    shot(page, "02-article-open")


def test_follow_up_question_uses_the_conversation(page):
    first = ask(page, "Who is Arief Rahman?")
    expect(first.locator(".src-meta").first).to_contain_text("Arief Rahman")
    follow = ask(page, "What did he say about the media?")
    expect(follow.locator(".src-card").first).to_be_visible()
    assert "Arief Rahman" in follow.locator(".src-meta").first.inner_text()
    shot(page, "03-follow-up")

    page.locator("#new-chat").click()
    expect(page.locator("#chat .answer")).to_have_count(0)


def test_feedback_buttons_append_to_the_log(page, server):
    bot = server[1]
    log = bot.settings.feedback_path
    before = len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0
    ask(page, HOAX_QUESTION)
    page.locator("#chat button[aria-label='Like']").last.click()
    expect(page.locator("#feedback-status")).to_contain_text("like")
    page.locator("#chat button[aria-label='Feedback']").last.click()
    page.locator("#chat button.extra-feedback-option", has_text="Wrong citation").last.click()
    expect(page.locator("#feedback-status")).to_contain_text("wrong citation")
    shot(page, "04-feedback")

    deadline = time.time() + 10
    while time.time() < deadline and (not log.exists() or len(log.read_text().splitlines()) < before + 2):
        time.sleep(0.1)
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()[before:]]
    assert [r["verdict"] for r in records] == ["like", "wrong_citation"]
    assert records[0]["question"] == HOAX_QUESTION
    assert any(HOAX_SENTENCE in c["text"] for c in records[0]["citations"])
    assert {"doc_id", "chunk_id", "start", "end", "text"} <= set(records[0]["citations"][0])


def test_hostile_document_is_shown_as_text_and_runs_nothing(page):
    answer = ask(page, HOSTILE_QUESTION)
    card = answer.locator(".src-card").first
    card.locator("details.src-article summary").click()
    expect(card.locator(".src-para")).to_contain_text("<script>window.__pwned=1</script>")
    expect(answer.get_by_text("<script>", exact=False).first).to_be_visible()
    expect(card.locator(".src-head")).to_contain_text("<b>situs</b>")
    ask(page, "<img src=x onerror=\"window.__pwned=1\"> <script>window.__pwned=1</script>")
    page.wait_for_timeout(500)
    shot(page, "05-hostile-escaped")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#chat script, #chat img[src='x']").count() == 0


def test_who_said_what_lists_people_with_roles_and_quotes(page):
    page.get_by_role("tab", name="Who said what").click()
    people = page.locator("#quotes .person")
    expect(people.first).to_be_visible()
    assert people.count() >= 3
    heni = people.filter(has=page.locator(".name", has_text="Heni Yuwono"))
    expect(heni.locator(".role")).to_contain_text("Kakanwil")
    heni.locator("summary").first.click()
    expect(heni.locator(".quote > blockquote").filter(has_text=HOAX_SENTENCE)).to_be_visible()
    shot(page, "06-who-said-what")


def test_python_client_gets_cited_answers(server):
    from gradio_client import Client

    client = Client(server[0], verbose=False)
    out = client.predict(HOAX_QUESTION, [], api_name="/ask")
    assert out["refused"] is False and "[1]" in out["text"]
    assert any(HOAX_SENTENCE in c["text"] for c in out["citations"])
    follow = client.predict(question="What did he say about the media?", history=["Who is Arief Rahman?"],
                            api_name="/ask")
    assert follow["citations"] and follow["citations"][0]["speaker"] == "Arief Rahman"
