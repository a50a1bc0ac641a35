"""The Residents tab: what residents said, per area (their priorities beside the commitments
offered there, and the trend), per promise and supplier (every answer, every comment with its
moderation state), the moderation itself (publish or hide a comment; publish plain answers) and
the export (`sva voice export` as files)."""

from __future__ import annotations

import json
from collections import Counter

from assistant.app.tabs.sizes import W


def voice_tab(shown, services, register, link) -> None:
    import gradio as gr

    from assistant.app import forms, render, voice_html
    from assistant.voice.export import write_csv

    exports = forms.downloads("sva-voice-")

    def results(area):
        area = area if isinstance(area, str) else ""
        voice, r = services.voice(), register()
        offered = Counter(o for c in r.commitments(area=area or None) for o in c.outcomes)
        responses = voice.responses(area or None)
        comments = [(f"#{x.id} [{voice_html.STATE_TEXT[x.state]}] {x.comment[:70]}", x.id)
                    for x in responses if x.comment]
        data = voice.export(area or None)
        (exports / "residents.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
        write_csv(data, exports / "residents.csv")
        waiting = sum(1 for x in responses if x.state == "pending")
        return (voice_html.priorities_html(voice.priorities(area or None), r.charter, offered, area),
                voice_html.trend_html(voice.trend(area or None)),
                f"<p>{render.count(waiting, 'answer')} waiting for moderation.</p>"
                + voice_html.responses_html(r.all(), responses, link),
                gr.update(choices=comments, value=None),
                gr.update(choices=[("All areas", "")] + voice.areas()),
                str(exports / "residents.csv"), str(exports / "residents.json"))

    def moderate(state: str):
        def run(response_id, area):
            if not isinstance(response_id, int):
                return render.problems_html("Choose a comment first", []), *results(area)
            done = services.voice().moderate(response_id, state)
            message = render.notice_html(f"Comment #{response_id} is now {state}.") if done else \
                render.problems_html("No such comment", ["Choose one from the list."])
            return message, *results(area)
        return run

    def publish_plain(area):
        n = services.voice().publish_plain_answers()
        return render.notice_html(f"Published {render.count(n, 'answer')} without a comment."), *results(area)

    gr.Markdown("## What residents say\nResidents rank the charter's outcomes for their area and say "
                "whether they have seen each promise happen. Residents see answers and comments only "
                "after you publish them.")
    area = gr.Dropdown(label="Area", choices=[("All areas", "")], value="", allow_custom_value=True,
                       min_width=W)
    with gr.Row():
        csv_file = gr.DownloadButton("Download CSV", variant="secondary", size="sm", scale=0, min_width=160)
        json_file = gr.DownloadButton("Download JSON", variant="secondary", size="sm", scale=0, min_width=160)
    gr.Markdown("### Priorities, beside what suppliers offer")
    priorities = gr.HTML(elem_id="sva-voice-priorities")
    trend = gr.HTML()
    gr.Markdown("### Moderation")
    with gr.Row():
        comment = gr.Dropdown(label="Comment", choices=[], value=None, min_width=W)
        publish = gr.Button("Publish", variant="primary", min_width=120)
        hide = gr.Button("Hide", variant="stop", min_width=120)
    plain = gr.Button("Publish all waiting answers that have no comment", size="sm")
    message = gr.HTML()
    gr.Markdown("### Answers per promise and supplier")
    answers = gr.HTML(elem_id="sva-voice-answers")
    shown_out = [priorities, trend, answers, comment, area, csv_file, json_file]
    gr.on([*shown, area.change], results, area, shown_out, api_visibility="undocumented",
          show_progress_on=priorities)
    publish.click(moderate("published"), [comment, area], [message, *shown_out], api_name="moderate",
                  show_progress_on=message)
    hide.click(moderate("hidden"), [comment, area], [message, *shown_out], api_visibility="undocumented",
               show_progress_on=message)
    plain.click(publish_plain, area, [message, *shown_out], api_visibility="undocumented",
                show_progress_on=message)
