"""The source audit as a reader sees it: each chapter's status box, the findings and the claims registry.

Renders what :mod:`compendium.audit` computes: :func:`status_box` at the top of each chapter,
:func:`finding_markdown` and :func:`registry_frame` on the audit appendix. The findings' texts
are filled by :mod:`compendium.present.audit_texts`.
"""
from __future__ import annotations

import re

import pandas as pd

from compendium.audit import claims as claims_module
from compendium.audit import findings as findings_module
from compendium.audit.findings import Finding
from compendium.data import loaders, paths
from compendium.present.audit_texts import audit_text, evidence_table, finding_texts
from compendium.present.formatting import fmt_int, fmt_num, join_words, percent_sign
from compendium.present.i18n import LANGUAGES, _, gettext_noop, n_

CHAPTER_TITLES = {
    "immigration": gettext_noop("Immigration panorama of Mexico"),
    "diaspora": gettext_noop("The Mexican diaspora"),
    "returns": gettext_noop("Repatriations of Mexicans from the United States"),
    "business_models": gettext_noop("Business models of the social and solidarity economy"),
    "nodess": gettext_noop("The NODESS network"),
}
"""The chapters whose claims the registry assigns, with the titles the audit page uses (translated with ``_``)."""

CHAPTER_NAMES = {"immigration": gettext_noop("immigration"), "diaspora": gettext_noop("diaspora"),
                 "returns": gettext_noop("returns chapter"), "business_models": gettext_noop("business_models"),
                 "nodess": gettext_noop("nodess")}
"""The chapters as the registry table names them: their file names in English, a short name in Spanish."""


def chapter_name(chapter: str, lang: str = "en") -> str:
    """A chapter's short name in the registry table (its file name in English)."""
    if lang == "en" or chapter not in CHAPTER_NAMES:
        return chapter
    return _(CHAPTER_NAMES[chapter], lang)


def label(finding_id: str) -> str:
    """The cross-reference label of a finding on the audit page: ``A01`` -> ``audit-a01``."""
    return "audit-" + finding_id.lower()


STATUS_LABELS = {
    "reproduced": gettext_noop("reproduced"),
    "not_as_printed": gettext_noop("does not hold as printed"),
    "corrected": gettext_noop("corrected"),
    "confirmed_outside": gettext_noop("confirmed by an outside source"),
    "contradicted_outside": gettext_noop("contradicted by an outside source"),
    "unverifiable": gettext_noop("only its source can confirm it"),
}
"""Each status as the registry table and the claim lists show it (translated with ``_``)."""


def claim_list(frame: pd.DataFrame, lang: str = "en") -> str:
    """Claims as a compact inline list: ``P013 (does not hold as printed)``."""
    return ", ".join(f"{c} ({_(STATUS_LABELS[s], lang)})" for c, s in zip(frame["claim_id"], frame["computed_status"]))


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


def status_text(row, lang: str = "en") -> str:
    """A claim's status for the registry: its label, the base when the recomputation restates it, its findings and corrections."""
    text = _(STATUS_LABELS[row["computed_status"]], lang)
    if row["computed_status"] == "reproduced" and not _blank(row.get("recomputed_as")):
        text = _("{status}, but only as {base}", lang).format(status=text, base=audit_text(row["recomputed_as"], lang))
    links = [*claims_module.ids(row.get("audit_ids")), *claims_module.ids(row.get("correction_ids"))]
    if row["computed_status"] in claims_module.OUTSIDE.values():
        links += claims_module.ids(row.get("outside_evidence_ids"))
    return text + (f" ({', '.join(links)})" if links else "")


def finding_markdown(finding: Finding, lang: str = "en") -> str:
    """The MyST Markdown of one finding for the audit page: label, heading, the five parts, evidence table."""
    t = finding_texts(finding, lang)
    chapters = ", ".join(f"{{ref}}`{_(CHAPTER_TITLES[c], lang)} <chapter-{c}>`" for c in finding.chapters)
    lines = [f"({label(finding.finding_id)})=", f"### {finding.finding_id}. {t['title']}", "",
             _("*{kind}* · {location} · chapters: {chapters}", lang).format(
                 kind=audit_text(finding.kind, lang).capitalize(), location=audit_text(finding.location, lang),
                 chapters=chapters), "",
             _("**What is printed.** {text}", lang).format(text=t["printed"]), "",
             _("**What the numbers give.** {text}", lang).format(text=t["computed"]), ""]
    table = evidence_table(finding, lang)
    if table is not None:
        lines += [table, ""]
    lines += [_("**Most likely explanation.** {text}", lang).format(text=t["explanation"]), "",
              _("**Correction.** {text}", lang).format(text=t["correction_note"]), ""]
    for c in finding.corrections.itertuples(index=False):
        lines.append("- " + _("{correction}: `{resource}`, {row}, column `{column}`: printed {printed}, used {used}.",
                              lang).format(correction=c.correction_id, resource=c.resource, row=c.row_key,
                                           column=c.column, printed=c.printed_value, used=c.corrected_value))
    lines += ["", _("**What changes in the chapters.** {text}", lang).format(text=t["effects"])]
    if len(finding.claims):
        lines += ["", _("**Claims concerned.** {claims}.", lang).format(claims=claim_list(finding.claims, lang))]
    if not finding.evidence.present:
        lines += ["", "```{warning}\n" + _("With this data the inconsistency is no longer present: the data folder "
                                          "differs from the sources as transcribed.", lang) + "\n```"]
    return "\n".join(lines) + "\n"


def _value_text(value, unit: str, lang: str = "en") -> str:
    """A claim's value for display: counts with separators, percentages to two decimals, blank if missing."""
    if pd.isna(value):
        return ""
    if unit == "percent":
        return f"{value:.2f}".rstrip("0").rstrip(".")
    if unit == "year":
        return str(int(value))
    if float(value).is_integer():
        return fmt_int(value, lang)
    return fmt_num(value, 2, lang)


UNITLESS = {"year", "count", "paragraph", "rank", "direction", "places", "article"}
"""Units a value is shown without: the claim's description names what is counted."""

UNIT_WORDS = {"people": gettext_noop("people"), "events": gettext_noop("events"), "actors": gettext_noop("actors"),
              "states": gettext_noop("states"), "ecosystems": gettext_noop("ecosystems"),
              "hectares": gettext_noop("hectares")}
"""Units that are words, translated in the Spanish edition (others, such as NODESS or MXN, are names)."""


def unit_word(unit: str, lang: str = "en") -> str:
    """A claim's unit as the edition writes it: ``people`` -> ``personas``; a name (``NODESS``) as it is."""
    return _(UNIT_WORDS[unit], lang) if unit in UNIT_WORDS else unit


def with_unit(value, unit: str, lang: str = "en") -> str:
    """A value with its unit for display: ``2011`` (a year), ``54%``, ``1,200,000 people``."""
    text = _value_text(value, unit, lang)
    if text == "" or unit in UNITLESS:
        return text
    return text + percent_sign(lang) if unit == "percent" else f"{text} {unit_word(unit, lang)}"


def registry_frame(evaluated: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The claims registry for display: one row per claim, readable headers, values formatted."""
    # Six columns, text first: the registry has to fit the text column of a book page.
    recomputed = [
        "" if text == "" else f"{text} (\u00b1{t:g})"
        for text, t in zip((_value_text(v, u, lang) for v, u in zip(evaluated["recomputed"], evaluated["unit"])),
                           evaluated["tolerance"])
    ]
    where = [_("{measures} ({chapter}; {location}, line {lines})", lang).format(
                 measures=audit_text(m, lang), chapter=chapter_name(c, lang), location=audit_text(loc, lang),
                 lines=lines)
             for m, c, loc, lines in zip(evaluated["measures"], evaluated["chapter"], evaluated["location"],
                                         evaluated["text_lines"])]
    return pd.DataFrame({
        _("Claim", lang): evaluated["claim_id"],
        _("What it measures, and where", lang): where,
        _("Printed", lang): [with_unit(v, u, lang) for v, u in zip(evaluated["value"], evaluated["unit"])],
        _("Recomputed (tolerance)", lang): recomputed,
        _("Status", lang): [status_text(row, lang) for _i, row in evaluated.iterrows()],
        _("Note", lang): [audit_text(n, lang) for n in evaluated["note"].fillna("")],
    })


def registry_caption(lang: str = "en") -> str:
    """The caption of the claims registry's table on the audit page."""
    return _("The claims registry: every quantitative statement of the paper and the INAES profile, with its "
             "recomputation and status. Source: Lara-Escamilla et al. (2024) and the INAES profile; recomputations "
             "and statuses by the compendium.", lang)


def _clause(message: str, n: int, lang: str, **values) -> str:
    """One clause of the status sentence (``message``, chosen by ``n_`` to agree with ``n``), its counts formatted."""
    return message.format(n=fmt_int(n, lang), **{k: fmt_int(v, lang) for k, v in values.items()})


def status_sentence(counts: dict[str, int], total: int, restated: int = 0, lang: str = "en") -> str:
    """The status box's opening sentence, in plain words: what happened to this chapter's numbers.

    Categories with no claim are left out; the sentence starts with what was confirmed. Each
    clause is a whole message of the catalogue, so a translator sees it with its agreement.
    """
    explained = counts["not_as_printed"] + counts["corrected"]
    confirmed, contradicted = counts["confirmed_outside"], counts["contradicted_outside"]
    reproduced, corrected, unverifiable = counts["reproduced"], counts["corrected"], counts["unverifiable"]
    parts = []
    if reproduced and restated:
        parts.append(_clause(n_("{n} was recomputed from the book's data and confirmed (only on a base other than "
                                "the one printed)",
                                "{n} were recomputed from the book's data and confirmed ({restated} of them only on a "
                                "base other than the one printed)", reproduced, lang), reproduced, lang, restated=restated))
    elif reproduced:
        parts.append(_clause(n_("{n} was recomputed from the book's data and confirmed",
                                "{n} were recomputed from the book's data and confirmed", reproduced, lang),
                             reproduced, lang))
    if explained and corrected == explained:
        parts.append(_clause(n_("{n} does not hold as printed, and the audit explains it; the book adopts a corrected "
                                "value for it",
                                "{n} do not hold as printed, and the audit explains each; the book adopts a corrected "
                                "value for each", explained, lang), explained, lang))
    elif explained and corrected:  # some corrected, so at least two explained
        parts.append(_clause(_("{n} do not hold as printed, and the audit explains each (for {corrected} of them the "
                               "book adopts a corrected value)", lang), explained, lang, corrected=corrected))
    elif explained:
        parts.append(_clause(n_("{n} does not hold as printed, and the audit explains it",
                                "{n} do not hold as printed, and the audit explains each", explained, lang),
                             explained, lang))
    if confirmed and contradicted:
        parts.append(_clause(n_("{n} is confirmed by an outside source and {contradicted} contradicted by one",
                                "{n} are confirmed by an outside source and {contradicted} contradicted by one",
                                confirmed, lang), confirmed, lang, contradicted=contradicted))
    elif confirmed:
        parts.append(_clause(n_("{n} is confirmed by an outside source", "{n} are confirmed by an outside source",
                                confirmed, lang), confirmed, lang))
    elif contradicted:
        parts.append(_clause(n_("{n} is contradicted by an outside source", "{n} are contradicted by an outside source",
                                contradicted, lang), contradicted, lang))
    if unverifiable:
        parts.append(_clause(n_("{n} is a survey, register or programme figure (or a date) that only its source can "
                                "confirm",
                                "{n} are survey, register or programme figures (or dates) that only their source can "
                                "confirm", unverifiable, lang), unverifiable, lang))
    return _("Of the {total} numbers this chapter takes from the sources, {clauses}.", lang).format(
        total=fmt_int(total, lang), clauses="; ".join(parts))


KIND_WORDS = {"press": gettext_noop("press"), "official": gettext_noop("official"),
              "official text, third-party copy": gettext_noop("official text, third-party copy"),
              "encyclopedia, third-party copy": gettext_noop("encyclopedia, third-party copy")}
"""The kinds of outside record, as the status boxes and the audit page word them."""


def kind_word(kind: str, lang: str = "en") -> str:
    """An outside record's kind in ``lang`` (a kind not listed here is shown as the data give it)."""
    return _(KIND_WORDS[kind], lang) if kind in KIND_WORDS else kind


def outside_lines(evaluated: pd.DataFrame, data_dir=None, lang: str = "en") -> list[str]:
    """For each claim an outside source confirms or contradicts: the printed value beside the value found, and the record."""
    records = claims_module.outside_records(data_dir).set_index("evidence_id")
    shown = []
    for claim in evaluated[evaluated["computed_status"].isin(list(claims_module.OUTSIDE.values()))].itertuples(index=False):
        first = claims_module.ids(claim.outside_evidence_ids)[0]
        record = records.loc[first]
        values = dict(claim=claim.claim_id, measures=audit_text(claim.measures, lang),
                      printed=with_unit(claim.value, claim.unit, lang), found=_found_text(record, claim.unit, lang),
                      record=first, kind=kind_word(record.kind, lang))
        if claim.computed_status == "confirmed_outside":
            line = _("{claim}, {measures}: printed {printed}, found {found} (confirmed; record {record}, {kind})", lang)
        else:
            line = _("{claim}, {measures}: printed {printed}, found {found} (contradicted; record {record}, {kind})", lang)
        shown.append(line.format(**values))
    return shown


def status_markdown(chapter: str, data_dir=None, lang: str = "en") -> str:
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
    lines = [f"{fence}{{admonition}} " + _("Source audit: how this chapter's numbers were checked", lang),
             f":class: {'warning' if problems else 'note'}", "", status_sentence(counts, len(evaluated), restated, lang)]
    outside = outside_lines(evaluated, data_dir, lang)
    if outside:
        lines += ["", _("Checked against {ref}`outside sources <audit-outside>`, the printed value beside the one found:",
                        lang), ""]
        lines += [f"- {line}" for line in outside]
    if len(related):
        links = "; ".join(f"{{ref}}`{f.finding_id}. {finding_texts(f, lang, ['title'])['title']} <{label(f.finding_id)}>`"
                          for f in related)
        lines += ["", _("Findings of the {ref}`source audit <audit-appendix>` that concern this chapter: {links}.",
                        lang).format(ref="{ref}", links=links)]
    lines += ["", _("Every number, with where it is printed and how it was checked, is in the "
                    "{ref}`claims registry <audit-registry>`.", lang)]
    if problems:
        # The problems are the audit's own diagnostics of a changed data folder, in English in both editions.
        lines += ["", _("With the data of this run, these claims no longer have their registered status: {problems}.",
                        lang).format(problems="; ".join(problems))]
    lines.append(fence)
    return "\n".join(lines) + "\n"


def _same_folder(a, b) -> bool:
    return paths.data_dir(a).resolve() == paths.data_dir(b).resolve()


class StatusBox:
    """The status box of a chapter in one language, as :func:`status_box` returns it for ``glue.show``.

    Displayed in IPython, it shows itself tagged with its language and, when no ``data_dir`` was
    given, follows the notebook's ``data_dir`` variable (see :func:`status_box`).
    """

    def __init__(self, chapter: str, data_dir=None, lang: str = "en"):
        self.chapter, self.data_dir, self.lang = chapter, data_dir, lang
        self.markdown = status_markdown(chapter, data_dir, lang)  # computed now: a bad chapter fails in its cell

    def _repr_markdown_(self) -> str:
        return self.markdown

    def _ipython_display_(self) -> None:
        from IPython.display import Markdown, display

        from compendium.present.glue import LANG_METADATA

        handle = display(Markdown(self.markdown), metadata={LANG_METADATA: self.lang}, display_id=True)
        if self.data_dir is None:
            _follow_data_dir(handle, lambda current: Markdown(status_markdown(self.chapter, current, self.lang)),
                             {LANG_METADATA: self.lang})


def _follow_data_dir(handle, make, metadata=None) -> None:
    """After each cell, when the notebook's ``data_dir`` holds another folder, update ``handle``'s output with ``make``."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or handle is None:
        return
    shown = {"data_dir": None}

    def follow(*_args):
        current = shell.user_ns.get("data_dir")
        if not isinstance(current, (str, bytes)) and not hasattr(current, "__fspath__"):
            return
        if _same_folder(current, shown["data_dir"]):
            return
        shown["data_dir"] = current
        handle.update(make(current), **({"metadata": metadata} if metadata else {}))

    shell.events.register("post_run_cell", follow)


def status_box(chapter: str, data_dir=None, lang: str | None = None):
    """The status box of ``chapter``: in both editions, ``glue.show(lambda lang: audit_pages.status_box(chapter, lang=lang))``.

    With ``lang`` it returns the box in that language (a :class:`StatusBox`, which ``glue.show``
    displays tagged with its language); without it, it displays the English box itself, as a
    chapter not yet translated calls it.

    A chapter shows the box before its parameters cell runs, so ``data_dir`` is not known yet:
    called without it, the box is computed with the default data and, in IPython, follows the
    notebook's ``data_dir`` variable: after each cell, when ``data_dir`` holds another folder, the
    box is recomputed with it and the displayed output updated in place (papermill keeps the update).
    """
    if lang is not None:
        if lang not in LANGUAGES:
            raise ValueError(f"status_box: language {lang!r}; expected one of {', '.join(LANGUAGES)}")
        return StatusBox(chapter, data_dir, lang)
    from IPython.display import Markdown, display

    handle = display(Markdown(status_markdown(chapter, data_dir)), display_id=True)
    if data_dir is None:
        _follow_data_dir(handle, lambda current: Markdown(status_markdown(chapter, current)))
    return None


def search_script(table_id: str, lang: str = "en"):
    """An HTML search box that hides the rows of table ``table_id`` not containing the typed text."""
    import html
    import json

    from IPython.display import HTML

    words = {"id": table_id, "label": html.escape(_("Search the registry:", lang)),
             "placeholder": html.escape(_("a claim id, a word, a status", lang), quote=True),
             "count": json.dumps(_("{shown} of {total} claims", lang))}
    return HTML("""
<p><label>%(label)s <input type="search" id="%(id)s-search" placeholder="%(placeholder)s"
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
      count.textContent = %(count)s.replace("{shown}", shown).replace("{total}", rows.length);
    }
    box.addEventListener("input", update); update();
  });
})();
</script>""" % words)


def corrections_by_finding(found: list[Finding], lang: str = "en") -> str:
    """The findings that adopt corrections, each with its own: ``A01 (C01 and C02), A02 (C05)``."""
    return join_words([f"{f.finding_id} ({join_words(f.corrections['correction_id'], lang=lang)})"
                       for f in found if len(f.corrections)], _("none", lang), lang)


def summary(evaluated: pd.DataFrame, found: list[Finding], lang: str = "en") -> dict[str, str]:
    """Glue-ready counts for the audit page, in ``lang`` (``glue.glue_texts(lambda lang: summary(..., lang))``)."""
    def fmt(n):
        return fmt_int(n, lang)

    counts = claims_module.status_counts(evaluated)
    by_doc = evaluated["document"].value_counts()
    corrections = sorted({c for f in found for c in f.corrections["correction_id"]})
    restated = (evaluated["computed_status"] == "reproduced") & evaluated["recomputed_as"].fillna("").ne("")
    return {"n_claims": fmt(len(evaluated)), "n_paper_claims": fmt(by_doc.get("paper", 0)),
            "n_inaes_claims": fmt(by_doc.get("inaes_profile", 0)),
            **{f"n_{status}": fmt(counts[status]) for status in claims_module.STATUSES},
            "n_restated": fmt(restated.sum()),
            "n_recomputed": fmt(evaluated["recomputed"].notna().sum()),
            "n_findings": fmt(len(found)), "n_findings_corrected": fmt(sum(len(f.corrections) > 0 for f in found)),
            "n_corrections": fmt(len(corrections)), "corrections_by_finding": corrections_by_finding(found, lang),
            "n_outside_records": fmt(evaluated["evidence_ids"].map(claims_module.ids).map(len).sum()),
            "n_outside_claims": fmt(evaluated["evidence_ids"].fillna("").ne("").sum()),
            "n_settled_records": fmt(evaluated["outside_evidence_ids"].map(claims_module.ids).map(len).sum())}


def _source_cell(record, lang: str = "en") -> str:
    """An outside record's source for a table: publisher, linked title, dates and kind."""
    title = record.title if isinstance(record.title, str) and record.title else record.address
    untitled = re.fullmatch(r"not shown \(page slug: (.*)\)", title)
    if untitled and lang != "en":  # the compendium's words for a page whose title the stored copy does not show
        title = _("not shown (page slug: {slug})", lang).format(slug=untitled[1])
    read = record.date_retrieved.date().isoformat()
    if isinstance(record.date_published, str) and record.date_published:
        dates = _("published {published}; read {read}", lang).format(published=record.date_published, read=read)
    else:
        dates = _("read {read}", lang).format(read=read)
    return f"{audit_text(record.publisher, lang)}: [{title}]({record.address}) ({dates}; {kind_word(record.kind, lang)})"


def _found_text(record, unit: str, lang: str = "en") -> str:
    """What an outside record found: its value in the claim's unit when comparable, else the words it gives (quoted
    from the source, in its own language)."""
    if not pd.isna(record.value):
        return with_unit(record.value, unit, lang)
    return record.value_found if isinstance(record.value_found, str) else ""


VERDICT_LABELS = {"confirmed": gettext_noop("confirms"), "contradicted": gettext_noop("contradicts"),
                  "not_found": gettext_noop("no comparable figure"),
                  "same_source": gettext_noop("a copy of the source itself")}
"""How the outside-evidence tables word each verdict (translated with ``_``)."""

OUTSIDE_COLUMNS = (gettext_noop("Claim"), gettext_noop("Printed"), gettext_noop("Found outside"), gettext_noop("Verdict"),
                   gettext_noop("Source"), gettext_noop("Note"))
"""The columns of :func:`outside_frame`, in English (its headers are translated)."""


def outside_frame(evaluated: pd.DataFrame, data_dir=None, settled: bool = True, lang: str = "en") -> pd.DataFrame:
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
        rows.append(dict(zip(OUTSIDE_COLUMNS, [
            f"{record.claim_id}: {audit_text(claim['measures'], lang)}", with_unit(claim["value"], claim["unit"], lang),
            _found_text(record, claim["unit"], lang), _(VERDICT_LABELS[record.verdict], lang),
            f"{record.evidence_id}. {_source_cell(record, lang)}", audit_text(record.note, lang)])))
    frame = pd.DataFrame(rows, columns=list(OUTSIDE_COLUMNS))
    return frame.rename(columns={c: _(c, lang) for c in OUTSIDE_COLUMNS})


def outside_markdown(evaluated: pd.DataFrame, data_dir=None, settled: bool = True, lang: str = "en") -> str:
    """The outside records as a Markdown list for the audit page: one item per record, the value found beside the printed one."""
    frame = outside_frame(evaluated, data_dir, settled, lang)
    frame.columns = list(OUTSIDE_COLUMNS)
    items = ["- " + _("**{claim}**: printed **{printed}**, found **{found}** ({verdict}). {source}. {note}", lang).format(
                 claim=row["Claim"], printed=row["Printed"], found=row["Found outside"] or _("no figure", lang),
                 verdict=row["Verdict"], source=row["Source"], note=row["Note"])
             for _i, row in frame.iterrows()]
    return "\n".join(items) + "\n"
