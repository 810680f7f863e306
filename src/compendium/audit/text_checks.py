"""The paper checked against itself beyond its numbers: institutions, abbreviations, citations, dates and wording.

Evidence functions of the source audit (see :mod:`compendium.audit.findings`) that read the exact
copy of the source texts in ``data/sources/`` (through :mod:`compendium.audit.source_text`) and
the audit datasets that transcribe the paper's citations and the names it gives each
abbreviation. Like the other evidence functions they compute numbers, names, lists, booleans and
frames, and word nothing.
"""
from __future__ import annotations

import re

import pandas as pd

from compendium.audit import claims as claims_module
from compendium.audit import source_text
from compendium.audit.evidence import Evidence
from compendium.data import loaders

COMMON_ABBREVIATIONS = {"USA"}
"""Abbreviations no list is expected to give."""

ROMAN = re.compile(r"^[IVXLCDM]+$")


def _lines_of(found: list[tuple[int, int]]) -> list[int]:
    return [line for line, _ in found]


def _times(found: list[tuple[int, int]]) -> int:
    return sum(times for _, times in found)


def body_lines(data_dir=None) -> dict[int, str]:
    """The paper's own text by line number: from the 'Introduction' heading to the list of abbreviations.

    The journal's running citation, repeated inside the text at a page break, is left out.
    """
    lines = source_text.lines("paper", data_dir)
    start = lines.index("Introduction") + 1
    end = lines.index("Abbreviations") + 1
    return {n: lines[n - 1] for n in range(start, end) if not lines[n - 1].startswith("Lara-Escamilla, Samuel")}


def institute_names(data_dir=None) -> Evidence:
    """A17: the 'Mexican Migration Institute' the paper names as the compiler of the 2021 figures."""
    named = source_text.occurrences("paper", r"Mexican Migration Institute", data_dir)
    abroad = source_text.occurrences("paper", r"Mexicans Abroad|Mexicanos en el Exterior|\bIME\b", data_dir)
    listed = loaders.load_abbreviations(data_dir).set_index("abbreviation")["meaning"]
    body = body_lines(data_dir)
    inm = [n for n, text in body.items() if re.search(r"\bINM\b", text)]
    v = {"name_lines": _lines_of(named), "n_named": _times(named), "n_abroad": _times(abroad), "abroad_named": bool(abroad),
         "inm_meaning": listed.get("INM"), "inm_lines": inm, "n_inm_lines": len(inm)}
    return Evidence(v, bool(named) and not abroad)


def nodess_ministry(data_dir=None) -> Evidence:
    """A18: the ministry the paper credits with NODESS, against the body it names as the source of support."""
    economy = source_text.occurrences("paper", r"Secretary of Economy", data_dir)
    support = source_text.occurrences("paper", r"federal support from the National Institute of Social Economy", data_dir)
    welfare = source_text.occurrences("inaes_profile", r"Ministry of Welfare", data_dir)
    v = {"economy_lines": _lines_of(economy), "support_lines": _lines_of(support), "welfare_lines": _lines_of(welfare)}
    return Evidence(v, bool(economy) and bool(welfare))


def _name(expansion: str, abbreviation: str) -> str:
    """A name as spelled out, for comparison: case and the abbreviation beside it set aside."""
    text = re.sub(rf"\(?\b{re.escape(abbreviation)}\b\)?", "", expansion)
    return re.sub(r"\s+", " ", text).strip().casefold()


def abbreviation_uses(data_dir=None) -> Evidence:
    """A19: the list of abbreviations against the text: terms never used, terms used but not listed, terms named two ways.

    ``unlisted`` has a row per abbreviation the text uses and the list does not give (``term``,
    ``n`` uses, ``once``, ``lines``); ``renamed`` a row per listed term the list and the text
    spell out differently (``abbreviation``, ``in_list``, ``in_text``, ``lines``).
    """
    listed = loaders.load_abbreviations(data_dir)["abbreviation"].tolist()
    body = body_lines(data_dir)
    uses = {a: [n for n, text in body.items() for _ in re.findall(rf"\b{re.escape(a)}s?\b", text)] for a in listed}
    unused = [a for a in listed if not uses[a]]
    found: dict[str, list[int]] = {}
    for n, text in body.items():
        for token in re.findall(r"\b[A-Z]{3,}s?\b", text):
            term = token[:-1] if token.endswith("s") else token
            if term not in listed and term not in COMMON_ABBREVIATIONS and not ROMAN.match(term):
                found.setdefault(term, []).append(n)
    unlisted = pd.DataFrame([{"term": t, "n": len(lines), "once": len(lines) == 1, "lines": list(dict.fromkeys(lines)),
                              "one_line": len(set(lines)) == 1}
                             for t, lines in sorted(found.items(), key=lambda item: -len(item[1]))],
                            columns=["term", "n", "once", "lines", "one_line"])
    names = loaders.load_audit_abbreviation_expansions(data_dir)
    english = names[names["place"].isin(["list of abbreviations", "text"])]
    renamed = []
    for abbreviation, rows in english.groupby("abbreviation", sort=False):
        in_list = rows.loc[rows["place"] == "list of abbreviations", "expansion"].tolist()
        text_rows = rows[(rows["place"] == "text")
                         & ~rows["expansion"].map(lambda e: any(_name(e, abbreviation) == _name(x, abbreviation) for x in in_list))]
        if in_list and len(text_rows):
            renamed.append({"abbreviation": abbreviation, "in_list": in_list[0],
                            "in_text": "; ".join(text_rows["expansion"]), "lines": text_rows["text_line"].tolist()})
    renamed = pd.DataFrame(renamed, columns=["abbreviation", "in_list", "in_text", "lines"])
    both = [n for n, text in body.items() if re.search(r"\bESS\b", text) and re.search(r"\bSSE\b", text)]
    v = {"n_listed": len(listed), "unused": unused, "n_unused": len(unused), "one_unused": len(unused) == 1,
         "unlisted": unlisted, "n_unlisted": len(unlisted), "renamed": renamed, "n_renamed": len(renamed),
         "ess_uses": len(uses.get("ESS", [])), "sse_uses": len(found.get("SSE", [])), "both_lines": both,
         "one_both": len(both) == 1}
    table = renamed.assign(lines=renamed["lines"].map(lambda ls: ", ".join(str(n) for n in ls)))
    return Evidence(v, bool(unused) or len(unlisted) > 0 or len(renamed) > 0, table)


def _cited_name(as_printed: str) -> str:
    """The name part of an author-year citation: 'Presidency of the Republic, 2019' -> 'Presidency of the Republic'."""
    return re.sub(r"[\s,(]*\d{4}\)?$", "", as_printed).strip()


def citations_against_references(data_dir=None) -> Evidence:
    """A20: the reference list against the works the text and its notes cite.

    ``never_cited`` has a row per entry of the list no citation points to (``group``, ``authors``,
    ``date`` as printed, ``title``); ``unlisted`` a row per citation or named source with no entry
    (``as_printed``, ``text_line``); ``two_names`` the entries cited under more than one name.
    """
    cites = loaders.load_audit_citations(data_dir)
    references = loaders.load_references(data_dir)
    cited = set(cites["reference_key"].dropna())
    never = references[~references["key"].isin(cited)]
    never = never.assign(date=never["date_as_printed"].fillna(never["year"].astype(str)))[["group", "authors", "date", "title"]]
    unlisted = cites[cites["reference_key"].isna()][["as_printed", "text_line"]]
    author_year = cites[cites["kind"] == "author-year citation"].dropna(subset=["reference_key"])
    names = author_year.assign(name=author_year["as_printed"].map(_cited_name)).groupby("reference_key")["name"].unique()
    two_names = [{"key": key, "names": list(found)} for key, found in names.items() if len(found) > 1]
    claims = loaders.load_claims(data_dir)
    paper_sections = list(dict.fromkeys(claims.loc[claims["document"] == "paper", "section"]))
    uncited = [s for s in paper_sections if s not in set(cites["section"])]
    n_uncited_claims = int(claims["section"].isin(uncited).sum())
    v = {"n_references": len(references), "n_citations": len(cites), "one_two": len(two_names) == 1, "never_cited": never.reset_index(drop=True),
         "n_never_cited": len(never), "never_groups": list(dict.fromkeys(never["group"])),
         "unlisted": unlisted.reset_index(drop=True), "n_unlisted": len(unlisted),
         "two_names": pd.DataFrame(two_names, columns=["key", "names"]), "n_two_names": len(two_names),
         "uncited_sections": uncited, "n_uncited_claims": n_uncited_claims}
    return Evidence(v, len(never) > 0 or len(unlisted) > 0)


def survey_base(data_dir=None) -> Evidence:
    """A21: the '2021' figures whose United States part is a 2019 survey estimate, said to exclude undocumented migrants."""
    from compendium.analyses.diaspora import stated_total

    totals = loaders.load_abroad_totals_2021(data_dir)
    world = stated_total(totals, "world")
    top = loaders.load_top_countries(data_dir)
    us = int(top.loc[(top["period"] == "2021") & (top["country"] == "United States"), "mexican_population"].iloc[0])
    survey = source_text.occurrences("paper", r"Annual Social and Economic Supplement 2019", data_dir)
    excludes = source_text.occurrences("paper", r"excludes undocumented migrants", data_dir)
    v = {"world": world, "us_2021": us, "us_share": us / world, "survey_lines": _lines_of(survey),
         "exclusion_lines": _lines_of(excludes)}
    return Evidence(v, bool(survey) and bool(excludes) and us / world > 0.5)


def plan_spans(data_dir=None) -> Evidence:
    """A22: the years each National Development Plan the paper names spans, against the six-year term it describes."""
    timeline = loaders.load_policy_timeline(data_dir)
    plans = timeline["instrument"].str.extract(r"National Development Plan (\d{4})-(\d{4})").dropna().astype(int)
    plans = plans.assign(name=timeline.loc[plans.index, "instrument"], years=plans[1] - plans[0] + 1)
    term = source_text.occurrences("paper", r"six-year term", data_dir)
    earlier, later = plans.iloc[0], plans.iloc[-1]
    v = {"earlier": earlier["name"], "earlier_years": int(earlier["years"]), "later": later["name"],
         "later_years": int(later["years"]), "term_lines": _lines_of(term)}
    return Evidence(v, int(earlier["years"]) != int(later["years"]))


def copyright_year(data_dir=None) -> Evidence:
    """A23: the year of the copyright line against the article's history (received, accepted)."""
    lines = source_text.lines("paper", data_dir)

    def year_on(pattern: str) -> tuple[int | None, int | None]:
        for number, text in enumerate(lines, 1):
            match = re.search(pattern, text)
            if match:
                return int(match.group(1)), number
        return None, None

    copyright_, copyright_line = year_on(r"©\s*(\d{4})")
    received, received_line = year_on(r"Received:.*?(\d{4})")
    accepted, accepted_line = year_on(r"Accepted:.*?(\d{4})")
    v = {"copyright": copyright_, "copyright_line": copyright_line, "received": received, "accepted": accepted,
         "history_lines": [received_line, accepted_line],
         "gap": None if None in (copyright_, received) else received - copyright_}
    return Evidence(v, None not in (copyright_, received) and copyright_ < received)


def main_actors(data_dir=None) -> Evidence:
    """A24: the actor types introduced as 'the main ones' against the totals they are said to be part of."""
    from compendium.analyses.nodess import actor_table, actor_totals

    totals = actor_totals(data_dir)
    v = {"periods": totals["period"].tolist(), "n_types": len(actor_table(data_dir)),
         "totals": totals["stated_total"].tolist(), "all_add_up": bool(totals["agrees"].all())}
    return Evidence(v, bool(totals["agrees"].all()))


def bracket_bounds(data_dir=None) -> Evidence:
    """A25: the brackets of the origin shares against each other: the open top bracket leaves its own bound out.

    ``brackets`` has a row per bracket, top first: ``low`` and ``high`` bounds (percent; high is
    NaN for the open one) and ``open`` (the bracket is worded 'above' its bound, with no upper one).
    """
    printed = (loaders.load_repatriation_origin_brackets(data_dir)
               .drop_duplicates("bracket_as_printed").sort_values("share_low_percent", ascending=False))
    brackets = pd.DataFrame({"low": printed["share_low_percent"].astype(float).to_numpy(),
                             "high": printed["share_high_percent"].astype(float).to_numpy(),
                             "open": (printed["bracket_as_printed"].str.startswith("above")
                                      & printed["share_high_percent"].isna()).to_numpy()})
    threshold = float(loaders.load_stated_totals(data_dir).set_index("statement_id").loc["origin_bracket_threshold", "value"])
    top, below = brackets.iloc[0], brackets.iloc[1]
    v = {"brackets": brackets, "n_brackets": len(brackets), "threshold": threshold, "top_low": float(top["low"]),
         "next_high": float(below["high"]), "top_open_above": bool(top["open"])}
    return Evidence(v, bool(top["open"]))


def _plain_title(text) -> str:
    return re.sub(r"[^\w]+", " ", str(text)).strip().casefold()


def cited_source_contradicts(data_dir=None) -> Evidence:
    """A26: printed dates that the very work the paper cites for them contradicts (outside records on a listed reference).

    ``rows`` has one row per such record: ``claim_id``, ``measures``, ``printed`` and ``found``
    (numbers in the claim's unit), ``reference_key``, ``evidence_id``.
    """
    records = claims_module.outside_records(data_dir)
    references = loaders.load_references(data_dir)
    titles = {_plain_title(t): key for key, t in zip(references["key"], references["title"])}
    claims = loaders.load_claims(data_dir).set_index("claim_id")
    rows = []
    for record in records[records["usable"] & (records["verdict"] == "contradicted")].itertuples(index=False):
        key = titles.get(_plain_title(record.title))
        if key is not None and claims.loc[record.claim_id, "unit"] == "year":
            claim = claims.loc[record.claim_id]
            rows.append({"claim_id": record.claim_id, "measures": claim["measures"], "printed": float(claim["value"]),
                         "found": float(record.value), "reference_key": key, "evidence_id": record.evidence_id})
    frame = pd.DataFrame(rows, columns=["claim_id", "measures", "printed", "found", "reference_key", "evidence_id"])
    return Evidence({"rows": frame, "n_rows": len(frame)}, len(frame) > 0)


EVIDENCE = {f.__name__: f for f in (
    institute_names, nodess_ministry, abbreviation_uses, citations_against_references, survey_base, plan_spans,
    copyright_year, main_actors, bracket_bounds, cited_source_contradicts)}
"""The evidence functions of this module, by name (registered with the others in compendium.audit.findings)."""
