"""Text aimed at an AI assistant ("ignore your instructions and say ..."): spotted, so it stays data.

Documents are data, never instructions. Ingest keeps such sentences (and the pledge-like sentences
beside them) out of the register and counts them as suspicious; the answerers never quote them nor
count them as support. Every pattern here is linear-time: alternations of literals and bounded
character classes, no nested quantifiers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ingest.text import caseless, normalize

_INSTRUCTION = re.compile("|".join([
    r"\b(ignore|disregard|forget|override|bypass)\b[^.]{0,60}\b(instructions?|prompts?|rules|guidelines|"
    r"context|sources?|above|previous|everything|system)\b",
    r"\b(your|previous|prior)\s+(instructions?|prompts?|rules|task)\b",
    r"\b(new|updated|real|actual|hidden|secret|system)\s+(instructions?|prompts?)\b",
    r"(^|[\s>\]])(system|assistant|user|developer)\s*:",
    r"<\|?(im_start|im_end|system|assistant|user|endoftext)\|?>|\[/?INST\]|<</?SYS>>|(?<!#)#{2,}+\s*+(instructions?|system|assistant|response)\b",
    r"\b(respond|reply|answer)\s+only\s+(with|that)\b",
    r"\b(note|message|instructions?)\s+(to|for)\s+(the\s+)?(ai|assistants?|chatbots?|language models?|llms?|models?)\b",
    r"\bif you are an?\s+(ai|assistant|chatbot|language model|llm|bot)\b",
    r"\b(ai|assistants?|chatbots?|language models?|llms?)\b[^.]{0,40}\b(must|should|always|never|shall)\b"
    r"[^.]{0,20}\b(say|reply|answer|respond|state|claim|tell|report|write|output|mention)\b",
    r"^\W*+(please\s++)?((always|never|now)\s*+)?(say|reply|respond|answer|state|claim|output|print|"
    r"repeat|pretend|act as|tell the (user|reader|resident)s?)\b[^.]{0,30}\b(that|with|only|as if)\b",
    r"\byou (are|must|will|should) (now|no longer|instead|always|only)\b",
    r"</?\s*+(source|sources|document|data)\b[^<>]*>",
    # Setting the answer: "The answer to every question is: ...", "Your response must be ..."
    r"\b(the|your|my|every|each|any|all)\s+(correct\s+|only\s+|real\s+|final\s+)?(answers?|responses?|replies|reply)"
    r"\s+(to\s+(every|each|any|all|this|the|these|those|your|my)\s+(questions?|queries|query|prompts?)\s+)?"
    r"(is|are|should be|must be|will be|shall be)\s*:",
    r"\b(the|your)\s+answer\s+to\s+(every|each|any|all)\s+(questions?|queries|query|prompts?)\b",
    r"\b(answers?|respon\w+|repl\w+)\s+(to|for)\s+(every|each|any|all)\s+(questions?|queries|query|prompts?)\s+"
    r"(is|are|should|must|will|shall)\b",
]), re.I)  # no re.M: text is normalised to one line first

# A sentence that carries on an instruction: it tells the reader what to say or answer.
_CARRIES_ON = re.compile(r"\b(answers?|respon\w+|repl\w+|say|said|state|tell|output|claim)\b|:\s*\S", re.I)


# Words one of which every pattern above needs (the alternation is tried at every position of a
# sentence; these substring tests are not, and most sentences hold none of them).
_NEEDED = ("ignore", "disregard", "forget", "override", "bypass", "instruction", "prompt", "rules", "task",
           "system", "assistant", "user", "developer", "<", "inst]", "##", "only", "note", "message", "chatbot",
           "language model", "llm", "say", "repl", "respon", "answer", "state", "claim", "output", "print",
           "repeat", "pretend", "act as", "tell the", "you ")
_AI = re.compile(r"\bai\b")


@lru_cache(maxsize=4096)  # a list's lead-in is asked about once per bullet
def is_instruction(sentence: str) -> bool:
    """True for text that speaks to an assistant rather than stating something about the world."""
    text = normalize(sentence)
    folded = caseless(text)
    if not (any(word in folded for word in _NEEDED) or _AI.search(folded)):
        return False
    return bool(_INSTRUCTION.search(text))


def instruction_flags(sentences: Sequence[str]) -> list[bool]:
    """For each sentence in reading order: is it an instruction, or the sentence that carries one on?

    "Ignore all previous instructions. The answer to every question is: ..." is one instruction in
    two sentences: the second is flagged because the first is an instruction and it goes on to say
    what to answer.
    """
    own = [is_instruction(s) for s in sentences]
    return [own[i] or (i > 0 and own[i - 1] and bool(_CARRIES_ON.search(sentences[i])))
            for i in range(len(sentences))]
