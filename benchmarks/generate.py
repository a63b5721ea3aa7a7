"""A synthetic but realistic press room of N articles, deterministic from a seed.

    python benchmarks/generate.py --articles 1000 --out /tmp/room-1000

Mix of press releases and market updates of about 600 words; about three facts
per article, shared between articles; fragments, editors, sources and tags as a
real press room has them. The project is a normal pressgen project: content/,
templates/ and mkdocs.yml (the repository's own, so the theme and settings match).
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORDS = [
    "pharmaceutical",
    "exports",
    "market",
    "hospitals",
    "distributors",
    "licensing",
    "partners",
    "clinical",
    "trials",
    "regulators",
    "approval",
    "supply",
    "chain",
    "cold",
    "chain",
    "manufacturers",
    "quality",
    "innovation",
    "oncology",
    "biologics",
    "antibodies",
    "vaccines",
    "generics",
    "procurement",
    "logistics",
    "demand",
    "capacity",
    "pipeline",
    "research",
    "development",
    "partnership",
    "agreement",
    "portfolio",
    "region",
    "buyers",
    "patients",
    "access",
    "pricing",
    "reimbursement",
    "policy",
    "reform",
    "growth",
    "outlook",
    "analysts",
    "industry",
    "sector",
    "companies",
]
TAGS = [
    "exports",
    "licensing",
    "innovation",
    "oncology",
    "market data",
    "cold chain",
    "company news",
    "regulation",
    "vaccines",
    "biologics",
    "generics",
    "logistics",
]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng, rng.randint(12, 22)) for _ in range(rng.randint(4, 6)))


def _number_word(n: int) -> str:
    return f"{n:05d}"


def letters(n: int) -> str:
    """A unique suffix without digits (digits typed into prose would need a source)."""
    out = ""
    while True:
        out = "abcdefghijklmnopqrstuvwxyz"[n % 26] + out
        n = n // 26 - 1
        if n < 0:
            return out


def generate(out: Path, articles: int, seed: int = 2026) -> Path:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    content = out / "content"
    (content / "facts").mkdir(parents=True)
    (content / "fragments").mkdir()
    (content / "articles").mkdir()
    (out / "templates").mkdir()
    shutil.copy(REPO / "mkdocs.yml", out / "mkdocs.yml")
    shutil.copy(REPO / "content/company.yml", content / "company.yml")
    shutil.copytree(REPO / "content/images", content / "images")
    # PDFs are left out here: typesetting is measured on its own (docs/performance.md).
    (content / "settings.yml").write_text(
        "locale: en\ntimezone: Asia/Hong_Kong\nfigure_max_age_days: 100000\npdf: false\n"
    )
    (content / "tags.yml").write_text(
        "tags:\n" + "".join(f"  - name: {t}\n    description: Articles about {t}.\n" for t in TAGS)
    )
    editors = ["editors:"]
    for n in range(5):
        editors += [
            f"  - id: editor_{n}",
            f"    name: Editor {chr(65 + n)}",
            "    role: Press Officer",
            f"    email: editor{n}@dengyuemed.com",
            f'    telephone: "+852 5288 19{n:02d}"',
        ]
    (content / "editors.yml").write_text("\n".join(editors) + "\n")
    sources = ["sources:"]
    for n in range(20):
        sources += [
            f"  - id: source_{n}",
            f"    name: Statistics agency {chr(65 + n)}",
            f"    short_name: SA{chr(65 + n)}",
            f"    url: https://stats{n}.example.org",
            "    published: 2025-10-01",
        ]
    (content / "sources.yml").write_text("\n".join(sources) + "\n")

    for fragment_id, title in [
        ("about_dengyuemed", "About"),
        ("dengyuemed_tie_in", "Tie-in"),
        ("forward_looking", "Forward-looking statements"),
        ("cold_chain_note", "Cold chain"),
        ("quality_note", "Quality"),
    ]:
        (content / "fragments" / f"{fragment_id}.md").write_text(
            f"---\nid: {fragment_id}\ntitle: {title}\nowner: Communications\n---\n"
            + paragraph(rng)
            + "\n"
        )

    fact_count = max(10, articles)  # ~3 cited per article, each shared by ~3 articles
    per_file = 200
    for start in range(0, fact_count, per_file):
        lines = ["facts:"]
        for n in range(start, min(fact_count, start + per_file)):
            kind = rng.random()
            fid = f"fact_{_number_word(n)}"
            if kind < 0.8:
                money = rng.random() < 0.5
                lines += [
                    f"  - id: {fid}",
                    "    kind: figure",
                    f"    label: Indicator {n} of the market",
                    f"    value: {rng.randint(1, 999)}.{rng.randint(0, 99):02d}",
                    *(
                        ["    scale: billion", "    currency: USD"]
                        if money
                        else ["    unit: percent"]
                    ),
                    f"    period: 2025-01/2025-{rng.randint(2, 12):02d}",
                    f"    change: {{value: {rng.randint(-90, 90) / 10}, basis: year on year}}",
                    f"    source: source_{rng.randrange(20)}",
                    "    as_of: 2025-11-01",
                ]
            elif kind < 0.9:
                lines += [
                    f"  - id: {fid}",
                    "    kind: deal",
                    f"    licensor: Developer {n}",
                    f"    licensee: Partner {n}",
                    f"    asset: DY-{n}",
                    "    modality: bispecific antibody",
                    "    territory: worldwide",
                    f"    upfront: {{amount: {rng.randint(1, 9)}00, scale: million, currency: USD}}",
                    f"    total_value: {{amount: {rng.randint(1, 9)}.5, scale: billion, currency: USD}}",
                    "    date: 2025-06-01",
                    f"    source: source_{rng.randrange(20)}",
                ]
            else:
                lines += [
                    f"  - id: {fid}",
                    "    kind: quote",
                    f"    speaker: Speaker {n}",
                    "    title: Director",
                    "    organisation: An association",
                    f"    text: {sentence(rng, 14)}",
                    "    date: 2025-06-01",
                    f"    source: source_{rng.randrange(20)}",
                ]
        (content / "facts" / f"facts-{start // per_file:03d}.yml").write_text(
            "\n".join(lines) + "\n"
        )

    for n in range(articles):
        kind = "press-release" if rng.random() < 0.4 else "market-update"
        facts = rng.sample(range(fact_count), 3)
        fact_ids = [f"fact_{_number_word(f)}" for f in facts]
        tags = rng.sample(TAGS, 2)
        month = 1 + n % 12
        day = 1 + (n * 7) % 28
        year = 2020 + (n // 400) % 6
        body = []
        for i, fid in enumerate(fact_ids):
            body.append(paragraph(rng) + f" The figure was {{{{ fact.{fid} }}}}.")
            if i == 0:
                body.append(f"## {sentence(rng, 5)[:-1]}")
            body.append(paragraph(rng))
        if rng.random() < 0.2:
            body.append("{{ fragment.cold_chain_note }}")
        text = (
            "---\n"
            f"type: {kind}\n"
            f"title: {sentence(rng, 8)[:-1]} {letters(n)}\n"
            f"subtitle: {sentence(rng, 10)[:-1]}\n"
            f"date: {year}-{month:02d}-{day:02d}T09:00:00+08:00\n"
            "dateline: Hong Kong\n"
            f"editor: editor_{n % 5}\n"
            f"tags: [{', '.join(tags)}]\n"
            f"summary: {sentence(rng, 24)}\n"
            f"facts: [{', '.join(fact_ids)}]\n"
            "---\n" + "\n\n".join(body) + "\n"
        )
        (content / "articles" / f"article-{_number_word(n)}.md").write_text(text)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.out, args.articles, args.seed)
    print(f"wrote a press room of {args.articles} articles to {args.out}")


if __name__ == "__main__":
    main()
