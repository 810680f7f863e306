"""The source audit as a reader sees it: each chapter's status box, the findings and the claims registry.

Renders what :mod:`compendium.audit` computes: :func:`status_box` at the top of each chapter,
:func:`finding_markdown` and :func:`registry_frame` on the audit appendix. The findings' texts
are filled by :mod:`compendium.present.audit_texts`.
"""
from __future__ import annotations

import pandas as pd

from compendium.audit import claims as claims_module
from compendium.audit import findings as findings_module
from compendium.audit.findings import Finding
from compendium.data import loaders, paths
from compendium.present.audit_texts import evidence_table, finding_texts
from compendium.present.formatting import fmt_int, join_words

CHAPTER_TITLES = {
    "immigration": "Immigration panorama of Mexico",
    "diaspora": "The Mexican diaspora",
    "returns": "Repatriations of Mexicans from the United States",
    "business_models": "Business models of the social and solidarity economy",
    "nodess": "The NODESS network",
}
"""The chapters whose claims the registry assigns, with the titles the audit page uses."""


def label(finding_id: str) -> str:
    """The cross-reference label of a finding on the audit page: ``A01`` -> ``audit-a01``."""
    return "audit-" + finding_id.lower()


STATUS_LABELS = {
    "reproduced": "reproduced",
    "not_as_printed": "does not hold as printed",
    "corrected": "corrected",
    "confirmed_outside": "confirmed by an outside source",
    "contradicted_outside": "contradicted by an outside source",
    "unverifiable": "only its source can confirm it",
}
"""Each status as the registry table and the claim lists show it."""


def claim_list(frame: pd.DataFrame) -> str:
    """Claims as a compact inline list: ``P013 (does not hold as printed)``."""
    return ", ".join(f"{c} ({STATUS_LABELS[s]})" for c, s in zip(frame["claim_id"], frame["computed_status"]))


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


def status_text(row) -> str:
    """A claim's status for the registry: its label, the base when the recomputation restates it, its findings and corrections."""
    text = STATUS_LABELS[row["computed_status"]]
    if row["computed_status"] == "reproduced" and not _blank(row.get("recomputed_as")):
        text += f", but only as {row['recomputed_as']}"
    links = [*claims_module.ids(row.get("audit_ids")), *claims_module.ids(row.get("correction_ids"))]
    if row["computed_status"] in claims_module.OUTSIDE.values():
        links += claims_module.ids(row.get("outside_evidence_ids"))
    return text + (f" ({', '.join(links)})" if links else "")


def finding_markdown(finding: Finding) -> str:
    """The MyST Markdown of one finding for the audit page: label, heading, the five parts, evidence table."""
    t = finding_texts(finding)
    lines = [f"({label(finding.finding_id)})=", f"### {finding.finding_id}. {t['title']}", "",
             f"*{finding.kind.capitalize()}* · {finding.location} · chapters: "
             + ", ".join(f"{{ref}}`{CHAPTER_TITLES[c]} <chapter-{c}>`" for c in finding.chapters), "",
             f"**What is printed.** {t['printed']}", "", f"**What the numbers give.** {t['computed']}", ""]
    table = evidence_table(finding)
    if table is not None:
        lines += [table, ""]
    lines += [f"**Most likely explanation.** {t['explanation']}", "", f"**Correction.** {t['correction_note']}", ""]
    for c in finding.corrections.itertuples(index=False):
        lines.append(f"- {c.correction_id}: `{c.resource}`, {c.row_key}, column `{c.column}`: printed {c.printed_value}, "
                     f"used {c.corrected_value}.")
    lines += ["", f"**What changes in the chapters.** {t['effects']}"]
    if len(finding.claims):
        lines += ["", f"**Claims concerned.** {claim_list(finding.claims)}."]
    if not finding.evidence.present:
        lines += ["", "```{warning}\nWith this data the inconsistency is no longer present: the data folder differs from "
                      "the sources as transcribed.\n```"]
    return "\n".join(lines) + "\n"


def _value_text(value, unit: str) -> str:
    """A claim's value for display: counts with separators, percentages to two decimals, blank if missing."""
    if pd.isna(value):
        return ""
    if unit == "percent":
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if unit == "year":
        return str(int(value))
    if float(value).is_integer():
        return fmt_int(value)
    return f"{value:,.2f}"


UNITLESS = {"year", "count", "paragraph", "rank", "direction", "places", "article"}
"""Units a value is shown without: the claim's description names what is counted."""


def with_unit(value, unit: str) -> str:
    """A value with its unit for display: ``2011`` (a year), ``54%``, ``1,200,000 people``."""
    text = _value_text(value, unit)
    if text == "" or unit in UNITLESS:
        return text
    return f"{text}%" if unit == "percent" else f"{text} {unit}"


def registry_frame(evaluated: pd.DataFrame) -> pd.DataFrame:
    """The claims registry for display: one row per claim, readable headers, values formatted."""
    # Six columns, text first: the registry has to fit the text column of a book page.
    recomputed = [
        "" if text == "" else f"{text} (\u00b1{t:g})"
        for text, t in zip((_value_text(v, u) for v, u in zip(evaluated["recomputed"], evaluated["unit"])),
                           evaluated["tolerance"])
    ]
    return pd.DataFrame({
        "Claim": evaluated["claim_id"],
        "What it measures, and where": evaluated["measures"] + " (" + evaluated["chapter"] + "; "
        + evaluated["location"] + ", line " + evaluated["text_lines"] + ")",
        "Printed": [with_unit(v, u) for v, u in zip(evaluated["value"], evaluated["unit"])],
        "Recomputed (tolerance)": recomputed,
        "Status": [status_text(row) for _, row in evaluated.iterrows()],
        "Note": evaluated["note"].fillna(""),
    })


def _count(n: int, singular: str, plural: str) -> str:
    """``1`` -> ``'1 was'``; ``3`` -> ``'3 were'``: a count with the verb that agrees with it."""
    return f"{fmt_int(n)} {singular if n == 1 else plural}"


def status_sentence(counts: dict[str, int], total: int, restated: int = 0) -> str:
    """The status box's opening sentence, in plain words: what happened to this chapter's numbers.

    Categories with no claim are left out; the sentence starts with what was confirmed.
    """
    explained = counts["not_as_printed"] + counts["corrected"]
    parts = []
    if counts["reproduced"]:
        part = f"{_count(counts['reproduced'], 'was', 'were')} recomputed from the book's data and confirmed"
        if restated:
            part += f" ({fmt_int(restated)} of them only on a base other than the one printed)"
        parts.append(part)
    if explained:
        part = f"{_count(explained, 'does', 'do')} not hold as printed, and the audit explains {'it' if explained == 1 else 'each'}"
        if counts["corrected"] == explained:
            part += f"; the book adopts a corrected value for {'it' if explained == 1 else 'each'}"
        elif counts["corrected"]:
            part += f" (for {fmt_int(counts['corrected'])} of them the book adopts a corrected value)"
        parts.append(part)
    confirmed, contradicted = counts["confirmed_outside"], counts["contradicted_outside"]
    if confirmed and contradicted:
        parts.append(f"{_count(confirmed, 'is', 'are')} confirmed by an outside source and {fmt_int(contradicted)} contradicted by one")
    elif confirmed:
        parts.append(f"{_count(confirmed, 'is', 'are')} confirmed by an outside source")
    elif contradicted:
        parts.append(f"{_count(contradicted, 'is', 'are')} contradicted by an outside source")
    if counts["unverifiable"]:
        parts.append(_count(counts["unverifiable"], "is a survey, register or programme figure (or a date) that only its source can confirm",
                            "are survey, register or programme figures (or dates) that only their source can confirm"))
    return f"Of the {fmt_int(total)} numbers this chapter takes from the sources, " + "; ".join(parts) + "."


def outside_lines(evaluated: pd.DataFrame, data_dir=None) -> list[str]:
    """For each claim an outside source confirms or contradicts: the printed value beside the value found, and the record."""
    records = claims_module.outside_records(data_dir).set_index("evidence_id")
    shown = []
    for claim in evaluated[evaluated["computed_status"].isin(list(claims_module.OUTSIDE.values()))].itertuples(index=False):
        first = claims_module.ids(claim.outside_evidence_ids)[0]
        record = records.loc[first]
        found = _found_text(record, claim.unit)
        verdict = "confirmed" if claim.computed_status == "confirmed_outside" else "contradicted"
        shown.append(f"{claim.claim_id}, {claim.measures}: printed {with_unit(claim.value, claim.unit)}, found {found} "
                     f"({verdict}; record {first}, {record.kind})")
    return shown


def status_markdown(chapter: str, data_dir=None) -> str:
    """The status box of ``chapter`` as a MyST admonition: what happened to its numbers, in plain words, and links.

    It opens with one sentence counting the chapter's claims by what the audit found (recomputed
    and confirmed; not as printed and explained; confirmed or contradicted outside; only their
    source can confirm), lists the claims an outside source settles with the value found beside
    the printed one, and links the findings that concern the chapter.
    """
    if chapter not in CHAPTER_TITLES:
        raise KeyError(f"no chapter {chapter!r} in the claims registry; expected one of {', '.join(CHAPTER_TITLES)}")
    evaluated = claims_module.evaluate(data_dir, chapter=chapter)
    counts = claims_module.status_counts(evaluated, chapter)
    restated = int(((evaluated["computed_status"] == "reproduced") & evaluated["recomputed_as"].fillna("").ne("")).sum())
    rows = loaders.load_audit_findings(data_dir)
    mine_ids = rows.loc[rows["chapters"].str.split("; ").map(lambda cs: chapter in cs), "finding_id"].tolist()
    related = findings_module.findings(data_dir, evaluated, only=mine_ids)
    problems = claims_module.problems(evaluated)
    fence = "`" * 4
    lines = [f"{fence}{{admonition}} Source audit: how this chapter's numbers were checked",
             f":class: {'warning' if problems else 'note'}", "", status_sentence(counts, len(evaluated), restated)]
    outside = outside_lines(evaluated, data_dir)
    if outside:
        lines += ["", "Checked against {ref}`outside sources <audit-outside>`, the printed value beside the one found:", ""]
        lines += [f"- {line}" for line in outside]
    if len(related):
        links = "; ".join(f"{{ref}}`{f.finding_id}. {finding_texts(f)['title']} <{label(f.finding_id)}>`"
                          for f in related)
        lines += ["", f"Findings of the {{ref}}`source audit <audit-appendix>` that concern this chapter: {links}."]
    lines += ["", "Every number, with where it is printed and how it was checked, is in the "
                  "{ref}`claims registry <audit-registry>`."]
    if problems:
        lines += ["", "With the data of this run, these claims no longer have their registered status: "
                  + "; ".join(problems) + "."]
    lines.append(fence)
    return "\n".join(lines) + "\n"


def _same_folder(a, b) -> bool:
    return paths.data_dir(a).resolve() == paths.data_dir(b).resolve()


def status_box(chapter: str, data_dir=None) -> None:
    """Display the status box of ``chapter``.

    A chapter shows the box before its parameters cell runs, so ``data_dir`` is not known yet:
    called without it, the box is computed with the default data and, in IPython, follows the
    notebook's ``data_dir`` variable: after each cell, when ``data_dir`` holds another folder, the
    box is recomputed with it and the displayed output updated in place (papermill keeps the update).
    """
    from IPython.display import Markdown, display

    handle = display(Markdown(status_markdown(chapter, data_dir)), display_id=True)
    if data_dir is not None:
        return
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or handle is None:
        return
    shown = {"data_dir": None}

    def follow(*_):
        current = shell.user_ns.get("data_dir")
        if not isinstance(current, (str, bytes)) and not hasattr(current, "__fspath__"):
            return
        if _same_folder(current, shown["data_dir"]):
            return
        shown["data_dir"] = current
        handle.update(Markdown(status_markdown(chapter, current)))

    shell.events.register("post_run_cell", follow)


def search_script(table_id: str):
    """An HTML search box that hides the rows of table ``table_id`` not containing the typed text."""
    from IPython.display import HTML

    return HTML("""
<p><label>Search the registry: <input type="search" id="%(id)s-search" placeholder="a claim id, a word, a status"
 style="width: 22em; padding: 0.2em 0.4em;"></label> <span id="%(id)s-count"></span></p>
<script>
(function () {
  function ready(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }
  ready(function () {
    var holder = document.getElementById("%(id)s");
    var table = holder && (holder.tagName === "TABLE" ? holder : holder.querySelector("table"));
    var box = document.getElementById("%(id)s-search"), count = document.getElementById("%(id)s-count");
    if (!table || !box) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    function update() {
      var q = box.value.trim().toLowerCase(), shown = 0;
      rows.forEach(function (r) { var ok = !q || r.textContent.toLowerCase().indexOf(q) >= 0; r.style.display = ok ? "" : "none"; if (ok) { shown++; } });
      count.textContent = shown + " of " + rows.length + " claims";
    }
    box.addEventListener("input", update); update();
  });
})();
</script>""" % {"id": table_id})


def corrections_by_finding(found: list[Finding]) -> str:
    """The findings that adopt corrections, each with its own: ``A01 (C01 and C02), A02 (C05)``."""
    return join_words(f"{f.finding_id} ({join_words(f.corrections['correction_id'])})" for f in found if len(f.corrections))


def summary(evaluated: pd.DataFrame, found: list[Finding]) -> dict[str, str]:
    """Glue-ready counts for the audit page."""
    counts = claims_module.status_counts(evaluated)
    by_doc = evaluated["document"].value_counts()
    corrections = sorted({c for f in found for c in f.corrections["correction_id"]})
    restated = (evaluated["computed_status"] == "reproduced") & evaluated["recomputed_as"].fillna("").ne("")
    return {"n_claims": fmt_int(len(evaluated)), "n_paper_claims": fmt_int(by_doc.get("paper", 0)),
            "n_inaes_claims": fmt_int(by_doc.get("inaes_profile", 0)),
            **{f"n_{status}": fmt_int(counts[status]) for status in claims_module.STATUSES},
            "n_restated": fmt_int(restated.sum()),
            "n_recomputed": fmt_int(evaluated["recomputed"].notna().sum()),
            "n_findings": fmt_int(len(found)), "n_findings_corrected": fmt_int(sum(len(f.corrections) > 0 for f in found)),
            "n_corrections": fmt_int(len(corrections)), "corrections_by_finding": corrections_by_finding(found),
            "n_outside_records": fmt_int(evaluated["evidence_ids"].map(claims_module.ids).map(len).sum()),
            "n_outside_claims": fmt_int(evaluated["evidence_ids"].fillna("").ne("").sum()),
            "n_settled_records": fmt_int(evaluated["outside_evidence_ids"].map(claims_module.ids).map(len).sum())}


def _source_cell(record) -> str:
    """An outside record's source for a table: publisher, linked title, dates and kind."""
    title = record.title if isinstance(record.title, str) and record.title else record.address
    published = f"published {record.date_published}; " if isinstance(record.date_published, str) and record.date_published else ""
    return (f"{record.publisher}: [{title}]({record.address}) ({published}read {record.date_retrieved.date().isoformat()}; "
            f"{record.kind})")


def _found_text(record, unit: str) -> str:
    """What an outside record found: its value in the claim's unit when comparable, else the words it gives."""
    if not pd.isna(record.value):
        return with_unit(record.value, unit)
    return record.value_found if isinstance(record.value_found, str) else ""


VERDICT_LABELS = {"confirmed": "confirms", "contradicted": "contradicts", "not_found": "no comparable figure",
                  "same_source": "a copy of the source itself"}
"""How the outside-evidence tables word each verdict."""


def outside_frame(evaluated: pd.DataFrame, data_dir=None, settled: bool = True) -> pd.DataFrame:
    """The outside records for the audit page: those that settle a claim (``settled``), or the others.

    One row per record: the claim and what it measures, the printed value and the value found
    beside it, the verdict, the source (record id, publisher, linked title, dates, kind) and the note.
    """
    records = claims_module.outside_records(data_dir)
    wanted = records["verdict"].isin(list(claims_module.OUTSIDE)) == settled
    claims = evaluated.set_index("claim_id")
    rows = []
    for record in records[wanted & records["usable"]].itertuples(index=False):
        claim = claims.loc[record.claim_id]
        rows.append({"Claim": f"{record.claim_id}: {claim['measures']}", "Printed": with_unit(claim["value"], claim["unit"]),
                     "Found outside": _found_text(record, claim["unit"]), "Verdict": VERDICT_LABELS[record.verdict],
                     "Source": f"{record.evidence_id}. {_source_cell(record)}", "Note": record.note})
    return pd.DataFrame(rows, columns=["Claim", "Printed", "Found outside", "Verdict", "Source", "Note"])


def outside_markdown(evaluated: pd.DataFrame, data_dir=None, settled: bool = True) -> str:
    """The outside records as a Markdown list for the audit page: one item per record, the value found beside the printed one."""
    frame = outside_frame(evaluated, data_dir, settled)
    items = [f"- **{row['Claim']}**: printed **{row['Printed']}**, found **{row['Found outside'] or 'no figure'}** "
             f"({row['Verdict']}). {row['Source']}. {row['Note']}" for _, row in frame.iterrows()]
    return "\n".join(items) + "\n"

