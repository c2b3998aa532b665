"""Word pieces found word by word are exactly the tokenizer's own, text by text."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from qualcode.analysis.embeddings.minilm import MAX_TOKENS, MiniLMBackend
from qualcode.analysis.embeddings.pieces import piece_ids

FFT = Path(__file__).resolve().parents[3] / "shared" / "data" / "nhs-fft-neas.csv"

ODD_TEXTS = [
    "", " ", "Nothing.", "N/A", "-", "...", "£50 for parking!!", "A&E was 4hrs+ (too long)",
    "Café staff were très gentils", "Ärzte & Pflege", "I don’t know — maybe?", "smile 😊 thanks",
    "tab\tand\nnew line\r\nend", "zero\u200bwidth joiner", "no\u00a0break space", "中文 mixed 日本語 text",
    "under_score and snake_case_word", "e-mail: a.b@c.org, url https://x.y/z?q=1",
    "ctrl\x1fchar and \x0cform feed", "x" * 150, "word " * 400,
]


def _reference(tokenizer, texts: list[str]) -> list[list[int]]:
    return [e.ids for e in tokenizer.encode_batch(texts, add_special_tokens=False)]


def _ours(tokenizer, texts: list[str]) -> list[list[int]]:
    lengths, flat = piece_ids(tokenizer, texts, MAX_TOKENS)
    out, pos = [], 0
    for n in lengths.tolist():
        out.append(flat[pos:pos + n].tolist())
        pos += n
    return out


@pytest.fixture(scope="module")
def tokenizer():
    network = MiniLMBackend()
    network.load()
    return network._tokenizer


def test_odd_texts_get_the_tokenizers_own_pieces(tokenizer) -> None:
    ours = _ours(tokenizer, ODD_TEXTS)
    assert ours == _reference(tokenizer, ODD_TEXTS)
    assert len(ours[-1]) == MAX_TOKENS  # a long text is cut where the model cuts it


@pytest.mark.skipif(not FFT.is_file(), reason=f"real answers not here ({FFT}); see shared/data/README.md")
def test_every_real_answer_gets_the_tokenizers_own_pieces(tokenizer) -> None:
    with FFT.open(encoding="utf-8", newline="") as f:
        texts = [row["FFT answer"] for row in csv.DictReader(f)]
    assert _ours(tokenizer, texts) == _reference(tokenizer, texts)
