#!/usr/bin/env python3
"""Writes a made-up news archive as JSONL, one article a line, for tests and measures.

    python3 tools/make-archive.py --articles 3000 > archive.jsonl
    python3 tools/make-archive.py --bytes 1000000000 > big.jsonl   # about 1 GB

Each line is {"id", "outlet", "date", "text"}: the shape researchers export, and
what `sourcelight scan --jsonl` reads (outlet and date are carried through under
"meta"). Every sentence is put together from the parts below, written for this
project: invented towns, people, bodies and events, no text from any real
article. Each outlet leans on anonymous sources to its own degree, so that a
per-outlet aggregation has something to show. The same seed gives the same bytes.

--bad N replaces N lines, spread through the archive, with lines that cannot be
analysed (no text, not JSON), to exercise inline errors. --bytes repeats a pool
of articles under new ids until the size is reached, which is quick for a
gigabyte.
"""

import argparse
import json
import random
import sys

# (outlet, how often a sourced paragraph rests on an anonymous source)
OUTLETS = [
    ("Harbour Courier", 0.15),
    ("Valley Ledger", 0.30),
    ("Northgate Times", 0.45),
    ("Riverside Post", 0.60),
    ("Coastal Daily", 0.25),
]
PLACES = ["Marlow Bay", "Eastbrook", "Kettering Vale", "Port Alder", "Whinfell", "Saltmarsh", "Greyhaven"]
THINGS = [
    "the tram extension", "the new ferry terminal", "the flood barrier", "the school merger",
    "the market hall", "the water tariff", "the bridge repair", "the night bus service",
    "the housing plan", "the hospital wing",
]
PEOPLE = [
    ("Ilse Varga", "the mayor of {place}"), ("Tomas Reyl", "director of the port authority"),
    ("Mira Okafor", "a councillor for {place}"), ("Bertil Haug", "who chairs the residents' association"),
    ("Lena Castell", "the transport minister"), ("Ruben Achterberg", "an engineer at the works"),
    ("Sadia Pelletier", "head of the teachers' union"), ("Owain Brask", "the chief fire officer"),
]
BODIES = ["The regional council", "The port authority", "The water board", "The ministry of transport", "The fire service"]
ANONYMOUS = [
    "officials said", "according to people familiar with the plans", "a source close to the council said",
    "critics say", "according to documents seen by this newspaper", "one official, who asked not to be named, said",
    "it is understood that", "sources at the ministry said",
]
VERBS = ["said", "told reporters", "said on Tuesday", "said in a statement", "added"]
QUOTE_VERBS = ["said", "says", "added"]
CLAIMS = [
    "{thing} will cost {n} million more than planned",
    "work on {thing} has stopped for the winter",
    "{thing} was approved without a full survey",
    "the budget for {thing} was cut by a third",
    "{thing} will open {n} months late",
    "the contractor for {thing} has asked for more time",
]
PLAIN = [
    "{place} has about {n},000 residents.",
    "The last vote on {thing} took place in {year}.",
    "Traffic on the coast road fell by {n} % last year.",
    "Will {thing} be ready before the summer?",
    "The work began in {year}.",
]
HEDGES = ["reportedly", "allegedly", "apparently"]


def sentence_parts(rng):
    return dict(place=rng.choice(PLACES), thing=rng.choice(THINGS), n=rng.randint(2, 90), year=rng.randint(1990, 2025))


def claim(rng, fill):
    return rng.choice(CLAIMS).format(**fill)


def named_paragraph(rng, fill):
    name, role = rng.choice(PEOPLE)
    role = role.format(**fill)
    c = claim(rng, fill)
    form = rng.randrange(3)
    if form == 0:
        return f'"{c[0].upper()}{c[1:]}," {rng.choice(QUOTE_VERBS)} {name}, {role}. "We have been clear about that."'
    if form == 1:
        return f"{rng.choice(BODIES)} {rng.choice(['said', 'announced'])} that {c}."
    return f"{name}, {role}, {rng.choice(VERBS)} that {c}. She added that the figures would be published."


def anonymous_paragraph(rng, fill):
    phrase = rng.choice(ANONYMOUS)
    c = claim(rng, fill)
    if rng.random() < 0.3:
        hedge = rng.choice(HEDGES)
        c = c.replace(" will ", f" will {hedge} ", 1) if " will " in c else f"{c}, {hedge}"
    if phrase.startswith(("according", "it is")):
        return f"{phrase[0].upper()}{phrase[1:]}, {c}."
    return f"{c[0].upper()}{c[1:]}, {phrase}."


def article(rng, outlet, anonymous_rate, length=(3, 12)):
    fill = sentence_parts(rng)
    headline = f"{fill['thing'][0].upper()}{fill['thing'][1:]} in {fill['place']}: what comes next"
    lead = claim(rng, fill)
    paragraphs = [headline, f"{lead[0].upper()}{lead[1:]}, in {fill['place']}."]
    for _ in range(rng.randint(*length)):
        if rng.random() < 0.25:
            paragraphs.append(rng.choice(PLAIN).format(**fill))
        elif rng.random() < anonymous_rate:
            paragraphs.append(anonymous_paragraph(rng, fill))
        else:
            paragraphs.append(named_paragraph(rng, fill))
    return "\n\n".join(paragraphs)


def lines(articles, seed, bad, paragraphs=(3, 12)):
    rng = random.Random(seed)
    # Bad lines spread evenly: an article with no text, then a line that is not JSON, in turn.
    bad_kind = {round((n + 0.5) * articles / bad): n % 2 for n in range(bad)} if bad else {}
    for i in range(articles):
        outlet, rate = OUTLETS[rng.randrange(len(OUTLETS))]
        date = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = article(rng, outlet, rate, paragraphs)
        if bad_kind.get(i) == 0:
            yield json.dumps({"id": f"{seed}-{i}", "outlet": outlet, "text": "  "})
        elif bad_kind.get(i) == 1:
            yield f"not JSON: article {seed}-{i} was cut here"
        else:
            yield json.dumps({"id": f"{seed}-{i}", "outlet": outlet, "date": date, "text": text}, ensure_ascii=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default 1000)")
    parser.add_argument("--bytes", type=int, help="repeat a pool of articles until this many bytes")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--bad", type=int, default=0, help="how many lines that cannot be analysed")
    parser.add_argument("--paragraphs", default="3-12",
                        help="how many paragraphs an article has besides its headline and lead, MIN-MAX "
                             "(default 3-12: about 150 words; 40-60: about 1,000)")
    args = parser.parse_args()
    paragraphs = tuple(int(n) for n in args.paragraphs.split("-"))
    out = sys.stdout
    if args.bytes is None:
        for line in lines(args.articles, args.seed, args.bad, paragraphs):
            out.write(line + "\n")
        return
    pool = [json.loads(line) for line in lines(500, args.seed, 0, paragraphs)]
    written = 0
    i = 0
    while written < args.bytes:
        record = dict(pool[i % len(pool)], id=f"{args.seed}-{i}")
        line = json.dumps(record, ensure_ascii=False) + "\n"
        out.write(line)
        written += len(line.encode())
        i += 1


if __name__ == "__main__":
    main()
