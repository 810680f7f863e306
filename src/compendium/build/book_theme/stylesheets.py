"""One stylesheet per site, holding only the rules its pages can use.

The book theme's pages link nine stylesheets (about 450 kB, most of it pydata-sphinx-theme's rules
for components the book never shows). On a phone each is a request that holds up the first paint,
and the browser parses every rule before it paints. After each build the stylesheets the pages link
are joined, in their order, into one file of ``_static/styles/`` that keeps a rule only when the
pages or the scripts can use it, and the pages link that file instead (about 150 kB, 27 kB sent
compressed, where the nine were 75 kB).

A rule is kept when, for at least one of its selectors, every class, id and element name it needs
occurs in the site: in the pages' ``class``/``id`` attributes and element names, or as a word of
the scripts (which add classes such as ``show`` as they run). Conditions inside ``:not()``,
``:is()``, ``:has()`` and attribute selectors are not required, so in doubt a rule stays. At-rules
with rules inside (``@media``, ``@supports``, ``@container``, ``@layer``) are filtered inside;
others (``@font-face``, ``@keyframes``) are kept as they are.
"""
from __future__ import annotations

import hashlib
import posixpath
import re
from pathlib import Path

# Class names the scripts build from pieces (Bootstrap's `bs-${name}-auto`), which no word shows whole.
BUILT_CLASS_PREFIXES = ("bs-",)
GROUPING_AT_RULES = ("@media", "@supports", "@container", "@layer", "@document")
BUNDLE_DIR = "_static/styles"
BUNDLE_FILE = re.compile(r"compendium-[0-9a-f]{10}\.css")
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_HTML_ATTRIBUTE = re.compile(r"""\s(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_HTML_ELEMENT = re.compile(r"<([A-Za-z][\w-]*)")
_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def _skip_string(css: str, i: int) -> int:
    """The index just after the string that starts at ``css[i]``."""
    quote, i = css[i], i + 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def _skip_comment(css: str, i: int) -> int:
    end = css.find("*/", i + 2)
    return len(css) if end < 0 else end + 2


def blocks(css: str) -> list[tuple[str, str | None]]:
    """The top-level statements of ``css``: ``(prelude, body)`` for a rule or block at-rule,
    ``(statement, None)`` for one ending in ``;`` (``@charset``, ``@import``). Comments are left out,
    but for ``/*! ... */`` (licences), kept as a statement."""
    found, prelude, i, n = [], [], 0, len(css)
    while i < n:
        char = css[i]
        if css.startswith("/*", i):
            end = _skip_comment(css, i)
            if css.startswith("/*!", i) and not "".join(prelude).strip():
                found.append((css[i:end], None))
            i = end
        elif char in "\"'":
            end = _skip_string(css, i)
            prelude.append(css[i:end])
            i = end
        elif char == ";":
            statement = "".join(prelude).strip()
            if statement:
                found.append((statement + ";", None))
            prelude, i = [], i + 1
        elif char == "{":
            depth, j = 1, i + 1
            while j < n and depth:
                if css.startswith("/*", j):
                    j = _skip_comment(css, j)
                    continue
                if css[j] in "\"'":
                    j = _skip_string(css, j)
                    continue
                depth += {"{": 1, "}": -1}.get(css[j], 0)
                j += 1
            found.append(("".join(prelude).strip(), css[i + 1:j - 1]))
            prelude, i = [], j
        elif char == "}":  # a stray closing brace: ignored, as a browser does
            i += 1
        else:
            prelude.append(char)
            i += 1
    return found


def _split_top_level(text: str, separator: str = ",") -> list[str]:
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        char = text[i]
        if char in "\"'":
            i = _skip_string(text, i)
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _without_bracketed(selector: str) -> str:
    """``selector`` without attribute selectors, strings and the arguments of pseudo-classes."""
    out, depth, i = [], 0, 0
    while i < len(selector):
        char = selector[i]
        if char in "\"'":
            i = _skip_string(selector, i)
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0:
            out.append(char)
        i += 1
    return "".join(out)


def _unescape(name: str) -> str:
    return re.sub(r"\\(.)", r"\1", name)


def selector_needs(selector: str) -> set[str]:
    """The class names (``.name``), ids (``#name``) and element names a selector requires to match."""
    simple = re.sub(r"::?[\w-]+", " ", _without_bracketed(selector))  # pseudo-classes and -elements
    needs = {"." + _unescape(name) for name in re.findall(r"\.((?:\\.|[\w-])+)", simple)}
    needs |= {"#" + _unescape(name) for name in re.findall(r"#((?:\\.|[\w-])+)", simple)}
    for compound in re.split(r"[\s>+~]+", simple):
        element = re.match(r"[A-Za-z][\w-]*", compound)
        if element:
            needs.add(element.group(0).lower())
    return needs


def site_names(pages: list[str], scripts: list[str]) -> set[str]:
    """What selectors may ask for: ``.class``, ``#id`` and element names of ``pages``, and every word of
    ``scripts`` as a class, an id and an element name."""
    names = set()
    for page in pages:
        for match in _HTML_ATTRIBUTE.finditer(page):
            value = next(group for group in match.groups() if group is not None)
            prefix = "." if match.group(0).lstrip().lower().startswith("class") else "#"
            names.update(prefix + token for token in value.split())
        names.update(element.lower() for element in _HTML_ELEMENT.findall(page))
    for script in scripts:
        for word in set(_WORD.findall(script)):
            names.update((word.lower(), "." + word, "#" + word))
    return names


def _may_match(selector: str, names: set[str]) -> bool:
    return all(need in names or need.startswith(tuple("." + p for p in BUILT_CLASS_PREFIXES))
               for need in selector_needs(selector))


def purged(css: str, names: set[str]) -> str:
    """``css`` (minified) with only the selectors and rules that may match something in ``names``."""
    out = []
    for prelude, body in blocks(css):
        if body is None:
            if not prelude.lower().startswith(("@charset", "@import")):
                out.append(prelude)
        elif prelude.startswith("@"):
            if prelude.lower().startswith(GROUPING_AT_RULES):
                inner = purged(body, names)
                if inner:
                    out.append(f"{prelude}{{{inner}}}")
            else:
                out.append(f"{prelude}{{{body.strip()}}}")
        else:
            kept = [selector for selector in _split_top_level(prelude) if _may_match(selector, names)]
            if kept:
                out.append(f"{','.join(kept)}{{{body.strip()}}}")
    return "\n".join(out)


def rebased(css: str, source: str, target: str) -> str:
    """``css`` read from the site path ``source`` with its relative ``url()`` s rewritten for ``target``."""
    source_dir, target_dir = posixpath.dirname(source), posixpath.dirname(target)

    def fix(match) -> str:
        url = match.group(2).strip()
        if re.match(r"[a-z][a-z0-9+.-]*:|/|#", url, re.IGNORECASE):
            return match.group(0)
        moved = posixpath.relpath(posixpath.normpath(posixpath.join(source_dir, url)), target_dir or ".")
        return f'url("{moved}")'

    return _URL.sub(fix, css)


def bundle_name(sources: list[str], versions: list[str]) -> str:
    """The site path of the stylesheet that joins ``sources`` (site paths under ``_static/``) in the
    ``versions`` the pages link (Sphinx's ``?v=`` checksums): a new version of one is a new file."""
    digest = hashlib.sha256(repr(list(zip(sources, versions))).encode()).hexdigest()[:10]
    return f"{BUNDLE_DIR}/compendium-{digest}.css"


def write_bundle(outdir: Path, target: str, sources: list[str], names: set[str]) -> Path:
    """Join the site's stylesheets ``sources``, in order, keeping the rules that may match ``names``,
    into the site path ``target``."""
    parts = ['@charset "utf-8";']
    for source in sources:
        css = (outdir / source).read_text(encoding="utf-8")
        parts.append(f"/* from {source} */\n" + purged(rebased(css, source, target), names))
    path = outdir / target
    text = "\n".join(parts) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def joined_sources(bundle_css: str) -> list[str]:
    """The site paths of the stylesheets a file written by :func:`write_bundle` joins, in order."""
    return re.findall(r"^/\* from (\S+) \*/$", bundle_css, re.MULTILINE)
