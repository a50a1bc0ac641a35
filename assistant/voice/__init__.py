"""Residents have a say: their priorities among the charter's outcomes for their area, and their
experience of each published promise (seen / not seen / don't know, with an optional comment
that a commissioner moderates). Stored in SQLite in the store folder; no personal data kept."""

from assistant.voice.limits import Limits
from assistant.voice.public import PublicVoice, Published
from assistant.voice.records import ANSWER_WORDS, ANSWERS, PriorityCount, Response, Tally, VoiceError
from assistant.voice.responses import Voice

__all__ = ["ANSWERS", "ANSWER_WORDS", "Limits", "PriorityCount", "PublicVoice", "Published", "Response",
           "Tally", "Voice", "VoiceError"]
