"""The residents' say, wired into the residents' app (ui.py calls these inside its layout): the
form under the promises ("Have you seen these promises kept?"), the priorities tab, and the
glossary. Like ui.py, no business logic: the checks, limits and storage are assistant/voice's,
reached only through the public-only view (``PublicView.voice()``), which reads nothing a
commissioner has not published."""

# No `from __future__ import annotations` here: Gradio reads the ``request: gr.Request``
# annotations below when the handlers are defined, to know what to pass in.
from assistant.app.tabs.sizes import W


def _client(request) -> str:
    """The address the server saw (the socket's, or a trusted proxy's X-Forwarded-For): used as
    a rate-limit key in memory, never stored."""
    return str(request.client.host) if request.client else "unknown"


def _session(request) -> str:
    """The page's session: its answers are kept under a keyed hash of it (see PublicVoice.ballot)."""
    return str(request.session_hash or "")


def as_the_charter_spells(areas, typed: str) -> str:
    """``typed`` as the charter spells it ("harrowden" -> "Harrowden", and a slip of the keyboard,
    "Harowden" -> "Harrowden") when it names one of the charter's areas; otherwise as typed."""
    from assistant.answers.spelling import nearest_name

    exact = next((a for a in areas if a.casefold() == typed.casefold()), None)
    return exact or nearest_name(list(areas), typed) or typed


def promise_notes(public):
    """``after`` for render.promises_html: the moderated tally and published comments of each promise."""
    from assistant.app.voice_html import notes_html

    published = public.voice().published()
    return lambda c: notes_html(published.get(c.id))


def experience_form(public, area, shown) -> None:
    """Under the promises: choose one of the area's promises and say whether you have seen it
    happen. ``shown``: the events on which the area's promises are shown. The lists take any
    value (their choices change per page): ``send`` accepts only a published promise of the area."""
    import gradio as gr

    from assistant.app import render
    from assistant.errors import SvaError
    from assistant.voice import ANSWER_WORDS, VoiceError
    from assistant.voice.screen import COMMENT_MAX, clean_area, known_area

    def promises_for(place):
        try:
            place = clean_area(place)
        except VoiceError:
            return []
        return public.register().commitments(area=place)

    def choices(place):
        rows = promises_for(place)
        label = {c.id: f"{c.supplier}: {' '.join(c.said.split())[:110]}" for c in rows}
        return gr.update(choices=[(label[c.id], c.id) for c in rows], value=None)

    def send(place, commitment_id, answer, comment, request: gr.Request):
        try:
            register = public.register()  # the area is a known one, never a name or an address
            place = known_area(place, register.known_areas())
            promise = next((c for c in promises_for(place) if c.id == commitment_id), None)
            if promise is None:
                raise VoiceError("Choose your area, then one of its promises from the list.")
            message = public.voice().tell(promise, place, answer, comment, _client(request), _session(request))
        except VoiceError as exc:
            return render.problems_html("Your answer was not saved", [str(exc)]), *unchanged
        except SvaError:
            return render.problems_html("Your answer was not saved", [
                "Something went wrong on our side; please try again later."]), *unchanged
        # the form starts afresh: sending it again by mistake must not replace the answer and
        # comment just sent with an answer without them
        return render.notice_html(message), None, None, ""

    with gr.Group(elem_id="sva-say"):
        gr.Markdown("### Have you seen these promises kept?\nChoose a promise and tell us. You are "
                    "not asked who you are, and nothing about you is kept.")
        promise = gr.Dropdown(label="Promise", choices=[], value=None, min_width=W, allow_custom_value=True,
                              info="The promises for the area chosen above")
        answer = gr.Radio(label="Have you seen this happen?", min_width=W,
                          choices=[(words, key) for key, words in ANSWER_WORDS.items()])
        comment = gr.Textbox(label="Comment (optional)", lines=2, max_lines=6, max_length=COMMENT_MAX,
                             info=f"Up to {COMMENT_MAX} characters. No names, email addresses or phone "
                                  "numbers. Comments are shown to others only after the council reads them.")
        button = gr.Button("Send my answer", variant="primary")
        said = gr.HTML(elem_id="sva-say-result")
    gr.on(shown, choices, area, promise, api_visibility="undocumented")
    unchanged = (gr.update(), gr.update(), gr.update())
    button.click(send, [area, promise, answer, comment], [said, promise, answer, comment], api_name="say_seen",
                 show_progress_on=said)


def priorities_tab(shown, public, glossary, chosen=None) -> None:
    """Rank the charter's outcomes that matter most in your area (top three, in plain words).
    ``shown``: the events on which the lists are filled from the active charter; ``chosen``: the
    area box of the promises tab, whose area (picked or typed) this one takes."""
    import gradio as gr

    from assistant.app import render
    from assistant.errors import SvaError
    from assistant.voice import VoiceError

    def outcomes():
        return [(o.title, o.id) for o in public.register().charter.outcomes]

    def explained() -> str:
        items = "".join(f"<li><strong>{render.esc(o.title)}</strong>: {render.esc(o.description)}</li>"
                        for o in public.register().charter.outcomes)
        return glossary.annotate(f"<ul class='sva-outcomes'>{items}</ul>")

    def refresh(current=None, home=None):
        picks = [("—", "")] + outcomes()
        areas = list(public.register().charter.areas)
        # "your area" is one: the promises tab's, when it has one, else what this tab holds
        place = next((a.strip()[:80] for a in (home, current) if isinstance(a, str) and a.strip()), None)
        return (gr.update(choices=areas, value=place), *(gr.update(choices=picks) for _ in range(3)), explained())

    def save(place, first, second, third, request: gr.Request):
        try:
            register = public.register()
            message = public.voice().rank(register.charter, place, [first, second, third], _client(request),
                                          _session(request), register.known_areas())
        except VoiceError as exc:
            return render.problems_html("Your priorities were not saved", [str(exc)])
        except SvaError:
            return render.problems_html("Your priorities were not saved", [
                "Something went wrong on our side; please try again later."])
        return render.notice_html(message)

    gr.Markdown("## What matters most where you live?\nThe council's charter lists what it wants "
                "suppliers to do for local people. Choose the three that matter most in your area, "
                "most important first. This helps the council decide what to ask for next time.")
    area = gr.Dropdown(label="Your area", choices=[], value=None, allow_custom_value=True, min_width=W,
                       info="Choose from the list, or type a town or ward")
    picks = [gr.Dropdown(label=label, choices=[("—", "")], value="", min_width=W, allow_custom_value=True)
             for label in ("Most important", "Second", "Third")]
    button = gr.Button("Save my priorities", variant="primary")
    result = gr.HTML(elem_id="sva-rank-result")
    with gr.Accordion("What each of these means", open=False):
        meaning = gr.HTML()
    button.click(save, [area, *picks], result, api_name="rank_priorities", show_progress_on=result)
    gr.on(shown, refresh, [area] + ([chosen] if chosen is not None else []), [area, *picks, meaning],
          api_visibility="undocumented")


def glossary_section(glossary) -> None:
    import gradio as gr

    with gr.Accordion("What the words mean", open=False, elem_id="sva-glossary"):
        gr.HTML(glossary.html())
