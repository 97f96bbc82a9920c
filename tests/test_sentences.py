"""Sentence boundaries (extract/sentences.py): exactly those of spaCy's sentencizer."""
from __future__ import annotations

import random

import pytest
import spacy

from clashmap.extract.sentences import SentenceBoundaries

TEXTS = [
    "",
    " ",
    ".",
    "...",
    "Hello",
    "A.",
    "A. B",
    "Junta troops raided the village. Three people were killed.",
    "“We ran,” he said. “They burned it.” Then they left!",
    "The U.S. embassy spoke. Mr. Tun said no.",
    "Was it the KIA?) Yes. (It was.) No!",
    "Line one\n\nLine two. \n Line three",
    "Two  spaces.  Then\tmore . . . text",
    "Ends with punctuation !?",
    "! ! a",
    "e.g. this; that: other. End",
    "Chinese punctuation。Next sentence？Yes！",
    "Devanagari danda। next",
]


def _boundaries(doc):
    return [t.is_sent_start for t in doc], [(s.start, s.end) for s in doc.sents] if len(doc) else []


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def _mutants(n: int) -> list[str]:
    rng = random.Random(3)
    pieces = [".", "!", "?", "...", "\"", "”", ")", "(", " ", "\n", "U.S.", "word", "Word", "3.5",
              "—", "।", "。", ";", ":", ",", "'s", "’", "e.g."]
    return ["".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 40)))
            for _ in range(n)]


@pytest.mark.parametrize("text", TEXTS + _mutants(300))
def test_same_boundaries_as_the_sentencizer(nlp, text):
    sentencizer = nlp.create_pipe("sentencizer")
    ours = SentenceBoundaries(nlp.vocab)
    assert _boundaries(ours(nlp.make_doc(text))) == _boundaries(sentencizer(nlp.make_doc(text)))


@pytest.mark.parametrize("text", ["a x b. c x", "x", "x x.", "tail x", "a . x b"])
def test_custom_final_characters_that_are_not_punctuation(nlp, text):
    # "x" is a word, not punctuation: every token must be read, as the sentencizer does
    sentencizer = nlp.create_pipe("sentencizer", config={"punct_chars": ["x", "."]})
    ours = SentenceBoundaries(nlp.vocab, ["x", "."])
    assert not ours.finals_are_punct
    assert _boundaries(ours(nlp.make_doc(text))) == _boundaries(sentencizer(nlp.make_doc(text)))


def test_keeps_boundaries_set_before_it(nlp):
    text = "One two three. Four five six"
    expected = nlp.make_doc(text)
    expected[2].is_sent_start = True
    nlp.create_pipe("sentencizer")(expected)
    doc = nlp.make_doc(text)
    doc[2].is_sent_start = True
    SentenceBoundaries(nlp.vocab)(doc)
    assert _boundaries(doc) == _boundaries(expected)


def test_the_default_pipeline_uses_it():
    from clashmap.extract.pipeline import build_nlp

    nlp = build_nlp([("clashmap_triggers", "clashmap.extract.triggers")])
    assert nlp.pipe_names == ["clashmap_sentences", "clashmap_triggers"]
    doc = nlp("First one. Second one.")
    assert [s.text for s in doc.sents] == ["First one.", "Second one."]


def test_a_title_with_a_full_stop_ends_no_sentence():
    from clashmap.extract.pipeline import build_nlp

    doc = build_nlp()("Col. Naw Bu said the camp fell. Lt. Col. Aung denied it.")
    assert [s.text for s in doc.sents] == ["Col. Naw Bu said the camp fell.", "Lt. Col. Aung denied it."]


@pytest.mark.parametrize("text", TEXTS + _mutants(300) + ["Trailing space. ", "Last.\n", "One. Two.  "])
def test_assemble_reads_the_sentences_character_spans_from_the_arrays(nlp, text):
    """assemble._sentences: doc.sents' (start_char, end_char), read from token arrays."""
    from clashmap.extract.assemble import _sentences

    doc = SentenceBoundaries(nlp.vocab)(nlp.make_doc(text))
    want = [(s.start_char, s.end_char) for s in doc.sents] if len(doc) else []
    assert _sentences(doc) == want


def test_the_tokenizer_keeps_caching_past_ten_thousand_chunks():
    """spaCy stops caching chunks at 10,000 by default; the pipeline raises that bound, and
    the Docs are the same."""
    import spacy as _spacy

    from clashmap.extract.pipeline import TOKENIZER_CACHE, build_nlp

    nlp = build_nlp([("clashmap_triggers", "clashmap.extract.triggers")])
    assert nlp.tokenizer.max_cache_size == TOKENIZER_CACHE >= 100_000
    plain = _spacy.blank("en")
    text = " ".join(f"Village-{i}, (PDF) 3{i}km." for i in range(12_000))
    ours, theirs = nlp.make_doc(text), plain.make_doc(text)
    assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in theirs]
