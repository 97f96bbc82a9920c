"""Sentence boundaries: the rule of spaCy's "sentencizer", computed from the Doc's token arrays.

The sentencizer walks the Doc in Python and builds a Token object for every word, which costs
more than some of our rule components. Its rule is simple: a sentence starts at the first
token, and at the first word (a token that is neither punctuation nor a sentence-final
character) after a sentence-final token ("." "!" "?" ...; the whole token, so "U.S." ends
nothing). Punctuation in between ('."', '?)') stays with the sentence it closes.

Here the same rule runs on arrays: the punctuation tokens (IS_PUNCT), the sentence-final ones
among them (by ORTH, the hash of a token's text), and the first non-punctuation token after
each of those opens a sentence. The boundaries are written back in one call, so they are
exactly the sentencizer's (tests/test_sentences.py compares the two).
"""
from __future__ import annotations

import numpy as np
from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer

# Token.sent_start values as the Doc stores them: 1 opens a sentence, -1 does not, 0 unset.
_OPENS, _INSIDE = np.uint64(1), np.uint64(2**64 - 1)


class SentenceBoundaries:
    """spaCy pipe: sets Token.is_sent_start on every token, as the sentencizer would."""

    def __init__(self, vocab, punct_chars: list[str] | None = None):
        chars = set(punct_chars or Sentencizer.default_punct_chars)
        self.final_orths = frozenset(vocab.strings.add(c) for c in chars)
        # When every final character is punctuation (true of the default ones), only the
        # punctuation tokens need their ORTH read; otherwise every token does.
        is_punct = vocab.lex_attr_getters.get(IS_PUNCT)
        self.finals_are_punct = bool(is_punct) and all(is_punct(c) for c in chars)

    def __call__(self, doc):
        n = len(doc)
        if n == 0:
            return doc
        if doc.has_annotation("SENT_START"):
            return self._merge_with_existing(doc)
        doc.from_array([SENT_START], self._starts(doc))
        return doc

    def _starts(self, doc) -> np.ndarray:
        """SENT_START for every token: the sentencizer's guesses."""
        n = len(doc)
        punct_at = np.flatnonzero(doc.to_array(IS_PUNCT))
        punct = punct_at.tolist()
        orths = doc.to_array(ORTH)
        final_orths = self.final_orths
        if self.finals_are_punct:
            # only the punctuation tokens' ORTH values made Python ints: they are 64-bit
            # hashes, costly to convert, and one token in ten is punctuation
            finals = [i for i, orth in zip(punct, orths[punct_at].tolist()) if orth in final_orths]
        else:
            finals = [i for i, orth in enumerate(orths.tolist()) if orth in final_orths]
        # Tokens that cannot open a sentence: punctuation and the final characters.
        closing = set(punct)
        closing.update(finals)
        starts = np.full(n, _INSIDE, dtype=np.uint64)
        starts[0] = _OPENS
        last_opened = 0
        for i in finals:
            if i < last_opened:
                continue  # a final token before the word already opened: same sentence end
            j = i + 1
            while j < n and j in closing:
                j += 1
            if j < n:
                starts[j] = _OPENS
            last_opened = j
        return starts

    def _merge_with_existing(self, doc):
        """Like the sentencizer, keep the boundaries an earlier component set (0 is unset)."""
        current = doc.to_array(SENT_START)
        guess = self._starts(doc)
        doc.from_array([SENT_START], np.where(current == 0, guess, current))
        return doc


@Language.factory("clashmap_sentences", default_config={"punct_chars": None})
def make_sentence_boundaries(nlp, name: str, punct_chars: list[str] | None):
    return SentenceBoundaries(nlp.vocab, punct_chars)
