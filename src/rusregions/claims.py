"""The claims ledger (data/claims.csv) and the checks that tie the book's words to the sources.

Every attributed claim in the prose carries a marker {claim}`ID` (an outside fact:
{outside}`ID`) that names a ledger row. The row holds the claim as the book words it,
its kind, the verbatim supporting passage with source, section and page, and the cite
key of the work the source credits. The checks here find what cannot be true:
a quotation that is not in any source, a marker without a row, a row whose passage is
not in its source, whose page or section is not where its (quoted) words stand, or that
credits a work the source's paragraph does not cite, a claim whose strength words
(numbers in digits or words, most/all/some, mean/median) the passage does not carry.
"""
from __future__ import annotations

import bisect
import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .data import DATA_DIR
from .sources import SOURCE_FILES, SourceError, load_source, normalise
from .version import ROOT

LEDGER = DATA_DIR / "claims.csv"
BIB = ROOT / "book" / "references.bib"
KINDS = ("quotation", "paraphrase", "inference", "outside")
# Generated pages: they repeat the ledger, they are not prose.
GENERATED = ("data_catalogue.md", "claims_ledger.md", "beyond_the_sources.md")
# The work each source document is, when a claim is the document's own.
OWN_KEY = {"000": "iorr_about", "001": "sergounin1999", "002": "pietrasiak2018",
           "003": "referenda_report", "004": "border_regions_abstract"}

MARKER = re.compile(r"\{(claim|outside)\}`([^`]+)`")
CITE = re.compile(r"\{cite:[pt]\}`([^`]+)`")
QUOTATION = re.compile(r'"([^"\n]+(?:\n[^"\n]+)*)"')
# Words that carry a claim's strength; a paraphrase may not use one its passage lacks.
STRENGTH = ("all", "every", "most", "mostly", "many", "some", "few", "majority", "minority", "none",
            "always", "never", "mean", "means", "median", "medians", "average", "total")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Counts in words carry strength as digits do: a number word stands for its digits ("three" in a claim is
# carried by "3" or "three" in the passage), a multiple, fraction or magnitude for itself ("in trillions" is
# carried by "USD 4.2 trillion"). "one" is left out (as often a pronoun: "one cannot say"), and so is an
# ordinal unless it makes a fraction ("a third").
COUNTS = {w: str(n) for n, w in enumerate("two three four five six seven eight nine ten eleven twelve".split(), 2)}
COUNTS |= {"dozen": "12", "dozens": "dozens", "twice": "twice", "double": "twice", "doubled": "twice",
           "twofold": "twice", "thrice": "thrice", "triple": "thrice", "tripled": "thrice", "threefold": "thrice",
           "half": "half", "halved": "half"}
COUNTS |= {w + s: w for w in ("hundred", "thousand", "million", "billion", "trillion") for s in ("", "s")}
FRACTION = re.compile(r"\b(?:a|one|two|three)[ -](third|quarter|fifth)s?\b")
# Wording that marks a sentence as the report's own inference.
INFERENCE_WORDS = ("implies", "implied", "imply", "suggest", "likely", "probably", "evidently", "read as",
                   "reads as", "reading", "if ", "cannot", "would", "the report", "this report", "appears",
                   "apparently", "must be", "most likely", "infer", "possible")


# A parenthetical citation: a capitalised name and a year, e.g. "(Zykov 2007, 7–10)".
CITATION = re.compile(r"\((?=[^()]*[A-Z][a-z’'-]+)[^()]*\b(?:1[89]|20)\d\d[a-z]?\b[^()]*\)")
# Names by which the source credits a work besides its author's surname (source 002 prints the government's
# name in Cyrillic in its citations of the 2009 programme).
ALIASES = {"Ministerstvo": ("ministerstvo", "mofa"), "Kuznetsov": ("kuznetsov", "kusnetsov"),
           "Pravitel’stvo": ("pravitel'stvo", "правительств")}


@dataclass(frozen=True)
class Paragraph:
    file: str     # path relative to the repository root
    chapter: str  # file stem: 05_far_east, region_profile, intro
    text: str


def fold(text: str, lower: bool = True) -> str:
    """Normalise for comparison: curly quotes and dashes as typed, whitespace collapsed, a hyphen split
    by a line break rejoined ("euro- centrism"), no accents; lower case unless `lower` is False."""
    text = (text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
            .replace("„", '"').replace("–", "-").replace("—", "-"))
    text = normalise(text)
    text = re.sub(r"(\w)- (\w)", r"\1-\2", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower() if lower else text


def _parts(quote: str) -> list[str]:
    """The verbatim pieces of a quotation: an ellipsis stands for omitted words; nested single quotes
    count as the source's double quotes."""
    return [p.strip() for p in re.split(r"\s*(?:…|\.\.\.|\[\.\.\.\])\s*", fold(quote.replace("'", '"'), lower=False))
            if p.strip()]


def _spans(parts: list[str], text: str) -> list[tuple[int, int]] | None:
    """Where the parts occur in order in `text`, case and all (only a capital opening the quotation may
    differ): one (start, end) per part, or None."""
    pos, spans = 0, []
    for i, part in enumerate(parts):
        variants = [part] if i else [part, part[:1].swapcase() + part[1:]]
        # Whole words only: "alarming" is not a quotation of "Alarmingly".
        # (A capital may follow a letter where the extraction glued words: "RegionalizationThe".)
        pattern = "|".join(("" if v[:1].isupper() else r"(?<!\w)") + re.escape(v) + r"(?!\w)" for v in variants)
        m = re.compile(pattern).search(text, pos)
        if not m:
            return None
        spans.append(m.span())
        pos = m.end()
    return spans


def _occurs(parts: list[str], text: str) -> bool:
    return _spans(parts, text) is not None


@lru_cache(maxsize=None)
def _folded_source(key: str) -> str:
    return fold(load_source(key).flat, lower=False).replace("'", '"')


# --- where a passage stands in its source: section and paragraph ------------------------

# A numbered heading opening a line (source 002): "4.13.1. The Sakhalin Oblast".
HEADING = re.compile(r"(\d+(?:\.\d+)+)\.? [A-Z]")
# Page furniture that the extraction of source 002 set inside paragraphs: running headers, and footnotes
# ("2 Interviews were held…": after a blank line, to the next blank line or page).
RUNNING_HEADER = re.compile(r"Słowikowski\d{3}$|^\d{3}The International Activity")
FOOTNOTE = re.compile(r"\d [A-Z]")
# A sentence ends a line; so does a citation the source left without its full stop ("…Sakhalina”, 2015)"),
# but not a bare year in parentheses (a heading of Table 4.1: "(2013)").
SENTENCE_END = re.compile(r"(?:[.!?…][\"”’)]*|\w[\"”’]?,? (?:1[89]|20)\d\d[a-z]?\))$")
# An item of a numbered list, "2. In the second group…", "3) political-legal…". The source sets such items
# within its paragraphs ("forms may be observed: 1) … 2) … 3) … (Makarychev 1999, 508)") and closes a list set
# apart with one citation for all its items (the four leagues, "(Dem’yanenko 2013, 199)"): a list is one
# paragraph with the sentence that introduces it. (Its dash lists are not: there each item cites its own works.)
LIST_ITEM = re.compile(r"\d{1,2}[.)] ")


def _lines(key: str):
    """Each line of the source as (offset in `flat` or None for a blank line, its words, whether it opens a page)."""
    pos = 0
    for line in load_source(key).text.split("\n"):
        chunk = " ".join(line.split())
        if not chunk:
            yield None, "", False
            continue
        yield pos, chunk, line.startswith(" ")
        pos += len(chunk) + 1


@lru_cache(maxsize=None)
def _headings(key: str) -> tuple[tuple[int, str], ...]:
    return tuple((pos, m.group(1)) for pos, chunk, _ in _lines(key) if pos is not None and (m := HEADING.match(chunk)))


def section_at(key: str, offset: int) -> str:
    """Number of the section that holds `offset` of the source's flat text ('' in a source without numbered
    sections)."""
    return next((number for pos, number in reversed(_headings(key)) if pos <= offset), "")


@lru_cache(maxsize=None)
def _paragraphs(key: str) -> tuple[tuple[tuple[int, int], ...], ...]:
    """The source's paragraphs, each as the spans of `flat` it covers. A blank line ends a paragraph (source 003,
    which has none, puts one on each line). But the extraction of 002 also left blank lines inside paragraphs,
    where it set a running header or footnote mid-sentence at a page foot, and in its lists and tables: so there
    a blank line ends a paragraph only after a sentence or heading ends and before a line that does not start in
    lower case or opens a numbered item. A running header belongs to no paragraph, a footnote is a paragraph of
    its own, and so is a heading."""
    one_a_line = not re.search(r"\n[ \t]*\n", load_source(key).text)
    paras: list[list[tuple[int, int]]] = []
    text: list[tuple[int, int]] = []   # the paragraph of running text
    note: list[tuple[int, int]] | None = None  # the footnote being read
    blank = heading = False  # heading: the last line of text was (part of) a heading
    prev = ""
    for pos, chunk, opens_page in _lines(key):
        if pos is None or (note is not None and opens_page):
            note = None
        if pos is None:
            blank = True
            continue
        if RUNNING_HEADER.search(chunk):
            continue
        if note is None and blank and FOOTNOTE.match(chunk):
            note = []
            paras.append(note)
        if note is not None:
            _extend(note, pos, chunk)
            continue
        opens_heading = bool(HEADING.match(chunk))
        if (not paras or one_a_line or opens_heading
                or (blank and (heading or SENTENCE_END.search(prev)) and not chunk[:1].islower()
                    and not LIST_ITEM.match(chunk))):
            text = []
            paras.append(text)
        heading = opens_heading or (heading and not blank)
        _extend(text, pos, chunk)
        prev, blank = chunk, False
    return tuple(tuple(p) for p in paras)


def _extend(spans: list[tuple[int, int]], pos: int, chunk: str) -> None:
    """Add a line at `pos` of `flat` to a paragraph's spans: the next line of the same run of text lengthens the
    last span."""
    if spans and spans[-1][1] + 1 == pos:
        spans[-1] = (spans[-1][0], pos + len(chunk))
    else:
        spans.append((pos, pos + len(chunk)))


def paragraph_text(key: str, offset: int, start: int = 0) -> str:
    """The text of the source paragraph that holds `offset` of `flat`, from offset `start` on, page furniture
    left out."""
    flat = load_source(key).flat
    para = next((p for p in _paragraphs(key) if any(s <= offset <= e for s, e in p)), ())
    return " ".join(flat[max(s, start):e] for s, e in para if e > start)


def _quoted_offset(row: dict) -> int:
    """Offset, in the row's passage, of the first word its claim quotes (0 if it quotes none of the passage)."""
    passage = normalise(row["quote"])
    folded = fold(passage, lower=False).replace("'", '"')
    found = [spans[0][0] for q in quotations(row["claim"]) if (spans := _spans(_parts(q), folded))]
    if not found:
        return 0
    # Folding may drop characters (a hyphen's line break); count them back.
    return bisect.bisect_right(range(len(passage)), min(found),
                               key=lambda i: len(fold(passage[:i + 1], lower=False)))


def load_ledger(path: Path = LEDGER) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=None)
def bib_entries(path: Path = BIB) -> dict[str, str]:
    """Cite key -> author field of references.bib."""
    text = Path(path).read_text(encoding="utf-8")
    out = {}
    for m in re.finditer(r"@\w+\{([^,\s]+),(.*?)\n\}", text, flags=re.S):
        author = re.search(r"author\s*=\s*\{(.*)\},?\s*$", m.group(2), flags=re.M)
        out[m.group(1)] = (author.group(1) if author else "").replace("{", "").replace("}", "")
    return out


def credited_name(key: str) -> str:
    """The name by which a source credits the work: the first author's surname as the bibliography prints it."""
    author = bib_entries().get(key, "")
    first = re.split(r"\s+and\s+", author)[0]
    return first.split(",")[0].strip().split()[0] if first else ""


# --- the prose -------------------------------------------------------------------

def prose_files(root: Path = ROOT) -> list[Path]:
    files = sorted((root / "chapters").glob("*.ipynb")) + [root / "chapters" / "templates" / "region_profile.ipynb"]
    files += sorted(p for p in (root / "book").glob("*.md") if p.name not in GENERATED)
    return files


def paragraphs(root: Path = ROOT) -> list[Paragraph]:
    """Every prose paragraph: markdown cells of the notebooks and the book's own pages, code blocks left out."""
    import json

    out = []
    for path in prose_files(root):
        if path.suffix == ".ipynb":
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            texts = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
        else:
            texts = [path.read_text(encoding="utf-8")]
        for text in texts:
            text = re.sub(r"```.*?```", "", text, flags=re.S)
            for para in re.split(r"\n\s*\n", text):
                if para.strip():
                    out.append(Paragraph(str(path.relative_to(root)), path.stem, para.strip()))
    return out


def quotations(text: str) -> list[str]:
    """Double-quoted spans of prose, outside inline code."""
    text = re.sub(r"`[^`]*`", "", text)
    return [q for q in QUOTATION.findall(text)]


def find_quotation(quote: str) -> str | None:
    """Id of the source in which `quote` occurs verbatim (an ellipsis may stand for omitted words;
    a capital at the start may be lower case in the source), else None."""
    parts = _parts(quote)
    if not parts:
        return None
    for key in SOURCE_FILES:
        if _occurs(parts, _folded_source(key)):
            return key
    return None


def strength_words(text: str) -> dict[str, str]:
    """The strength words of `text`, each under its common form ("3" for "three"), with the form `text` uses."""
    folded = fold(text)
    found = {n.replace(",", ""): n.replace(",", "") for n in NUMBER.findall(text)}
    for w in re.findall(r"[a-z]+", folded):
        if w in STRENGTH:
            found[w] = w
        elif w in COUNTS:
            found.setdefault(COUNTS[w], w)
    found |= {m.group(1): m.group() for m in FRACTION.finditer(folded)}
    return found


# --- the checks ---------------------------------------------------------------------

@lru_cache(maxsize=None)
def _body_citation() -> re.Pattern:
    """A citation by body and title without a year, as the source cites laws and some ministry documents:
    "(Rossiyskaya Federatsiya, Konstitutsiya Rossiyskoy Federatsii)". The body must be an author (of more than
    one word, no personal name) in references.bib, so "(Chechnya, Tatarstan)" is not a citation."""
    bodies = {re.split(r"\s+and\s+", a)[0] for a in bib_entries().values()}
    bodies = sorted((b for b in bodies if " " in b and "," not in b), key=len, reverse=True)
    return re.compile(r"\((?:" + "|".join(map(re.escape, bodies)) + r"),[^()]*\)")


def citations(text: str) -> list[tuple[int, int]]:
    """Where `text` cites a work, in order: a name and a year, or a body and a title."""
    return sorted({m.span() for pattern in (CITATION, _body_citation()) for m in pattern.finditer(text)})


def miscredit(key: str, start: int, quote: str, cite: str) -> str | None:
    """Why `cite` is not the work source `key` credits for `quote` (found at `start` of its flat text), or None.
    The rule for the ledger and for the data rows alike: the credited work must be named in the passage or in the
    first citation that closes after it in the same paragraph of the source (a citation in the next paragraph
    credits other words); a paragraph that cites no work and does not name the credited one is the source's own.
    A key not in references.bib is left to the check that says so."""
    if cite == OWN_KEY[key]:
        return None
    end = start + len(normalise(quote))
    para = paragraph_text(key, start)
    at = len(para) - len(paragraph_text(key, start, end))  # where the passage ends in its paragraph
    # The first citation that closes after the passage: one that follows it, or one the passage stands in
    # (a row may quote the title a citation gives).
    after = next(((s, e) for s, e in citations(para) if e > at), None)
    window = fold(load_source(key).flat[start:end] + (para[min(after[0], at):after[1]] if after else ""))
    name = credited_name(cite)
    names = ALIASES.get(name, (fold(name),))
    if not name or any(n in window for n in names):
        return None
    # A paragraph that names the work elsewhere ("The Russian MOFA report shows that…") credits it for other
    # words than the passage's, or the passage leaves out the words that credit it.
    if citations(para) or any(n in fold(para) for n in names):
        return f"({name}) is not the work the source credits for this passage"
    return f"({name}): the source paragraph of this passage cites no work; credit the source itself ({OWN_KEY[key]!r})"


def check_row(row: dict, rowno: int) -> list[str]:
    """Problems with one ledger row (empty list: the row holds)."""
    where = f"claims.csv:{rowno} ({row.get('claim_id', '?')})"
    problems = []
    kind, key, cite = row["kind"], row["source_id"], row["cite_key"]
    if kind not in KINDS:
        return [f"{where}: kind {kind!r} is not one of {KINDS}"]
    try:
        source = load_source(key)
        start = source.locate(row["quote"])
    except (KeyError, SourceError):
        return [f"{where}: passage not found in source {key!r}: {row['quote']!r}"]
    # Page and section: for a quotation, where the quoted words stand, since a passage given for context may
    # open on the page or in the section before them (words that run on to the next page: where they begin,
    # the page column being an integer); for other rows, where the passage starts.
    at, what = (start + _quoted_offset(row), "the quoted words are") if kind == "quotation" else (start, "passage is")
    page, section = source.pages[at], section_at(key, at)
    if (row["page"] or "") != ("" if page is None else str(page)):
        problems.append(f"{where}: page is {row['page']!r}, {what} on page {page!r}")
    if row["section"] != section:
        problems.append(f"{where}: section is {row['section']!r}, {what} in section {section!r}")
    bib = bib_entries()
    for col in ("cite_key", "outside_ref"):
        if row[col] and row[col] not in bib:
            problems.append(f"{where}: {col} {row[col]!r} is not in references.bib")
    wrong = miscredit(key, start, row["quote"], cite)
    if wrong:
        problems.append(f"{where}: cite_key {cite!r} {wrong}")
    passage = fold(row["quote"])
    if kind == "outside":
        if not row["outside_ref"]:
            problems.append(f"{where}: an outside fact needs its own reference in outside_ref")
    elif row["outside_ref"]:
        problems.append(f"{where}: outside_ref is only for kind 'outside'")
    if kind == "quotation":
        quoted = quotations(row["claim"])
        if not quoted:
            problems.append(f"{where}: a quotation row must quote the source in its claim")
        for q in quoted:
            if not _occurs(_parts(q), fold(row["quote"], lower=False).replace("'", '"')):
                problems.append(f"{where}: quotation {q!r} is not in the passage")
    if kind in ("quotation", "paraphrase"):
        passage_words = strength_words(row["quote"])
        # strength_note: "word, word: why the passage supports it; word: why ..."
        justified = {COUNTS.get(w.lower(), w.lower()) for item in row["strength_note"].split(";") if ":" in item
                     for w in re.findall(r"[\w.]+", item.split(":")[0])}
        claim_words = strength_words(row["claim"])
        missing = sorted(set(claim_words) - set(passage_words) - justified)
        if missing:
            problems.append(f"{where}: the claim says {', '.join(repr(claim_words[m]) for m in missing)} but the "
                            f"passage does not")
    if kind == "inference" and not any(w in fold(row["claim"]) for w in INFERENCE_WORDS):
        problems.append(f"{where}: an inference must be worded as one (e.g. 'implies', 'most likely', 'if')")
    return problems


def check_ledger(rows: list[dict]) -> list[str]:
    problems = []
    seen = set()
    for rowno, row in enumerate(rows, start=2):
        if row["claim_id"] in seen:
            problems.append(f"claims.csv:{rowno}: duplicate claim_id {row['claim_id']!r}")
        seen.add(row["claim_id"])
        problems += check_row(row, rowno)
    return problems


def check_prose(rows: list[dict], paras: list[Paragraph]) -> list[str]:
    """Problems with the prose: unknown or misplaced markers, rows never used, quotations not in any source,
    claims credited to a work their paragraph does not cite."""
    by_id = {r["claim_id"]: r for r in rows}
    used: set[str] = set()
    problems = []
    for p in paras:
        for role, cid in MARKER.findall(p.text):
            row = by_id.get(cid)
            if row is None:
                problems.append(f"{p.file}: marker {{{role}}}`{cid}` has no row in claims.csv")
                continue
            used.add(cid)
            if row["chapter"] != p.chapter:
                problems.append(f"{p.file}: marker {cid} belongs to chapter {row['chapter']!r}")
            elif normalise(row["claim"]) not in normalise(MARKER.sub("", p.text)):
                problems.append(f"{p.file}: the claim of {cid} is not worded so in the prose: {row['claim']!r}")
            if (role == "outside") != (row["kind"] == "outside"):
                problems.append(f"{p.file}: {cid} is of kind {row['kind']!r}; mark outside facts with "
                                f"{{outside}} and only them")
            # A claim credited to another work must cite it in its own paragraph: a reader credits a sentence
            # to the nearest citation, and one paragraphs away credits other words. The source document's own
            # claims need no citation (the chapter is their subject), nor do outside facts (their reference is
            # on the beyond page).
            cited = {k.strip() for keys in CITE.findall(p.text) for k in keys.split(",")}
            if (role == "claim" and row["cite_key"] and row["cite_key"] != OWN_KEY.get(row["source_id"])
                    and row["cite_key"] not in cited):
                problems.append(f"{p.file}: {cid} credits {row['cite_key']!r} but its paragraph does not cite it")
        # A quotation is the words of the source its claim row names: one of the paragraph's rows must hold it.
        passages = [fold(by_id[cid]["quote"], lower=False).replace("'", '"')
                    for _, cid in MARKER.findall(p.text) if cid in by_id]
        for q in quotations(MARKER.sub("", p.text)):
            if any(_occurs(_parts(q), passage) for passage in passages):
                continue
            found = find_quotation(q)
            if found is None:
                problems.append(f"{p.file}: quotation not found in any source: \"{normalise(q)}\"")
            else:
                problems.append(f"{p.file}: quotation \"{normalise(q)}\" (source {found}) is in no passage of "
                                f"the claim rows marked in its paragraph")
    for cid in sorted(set(by_id) - used):
        problems.append(f"claims.csv: {cid} is not marked anywhere in chapter {by_id[cid]['chapter']!r}")
    return problems


# An attribution: a source as subject and a verb of saying, e.g. "the chapter finds", "Sergounin argues".
# "the chapter" of this report is framing when the verb's object is a pronoun ("the chapter says which").
ATTRIBUTION = re.compile(
    r"\b(?:(?:the|its|their)\s+(?:same\s+)?(?:authors?|(?:book\s+)?chapter|Institute|abstract|memo)|Sergounin"
    r"|Pietrasiak(?:\s+and\s+S\w+)?)(?!['’]s)(?:\s+[\w'’-]+){0,3}?\s+"
    r"(?:argue[sd]?|holds?|held|says|said|stated?s?|noted?s?|writes|wrote|claim(?:s|ed)?|conclude[sd]?|reports?"
    r"|reported|finds?|found|warn(?:s|ed)?|believes?|maintains?|contends?|insists?)\b"
    r"(?!\s+(?:which|whether|one|them|so)\b)"
    r"|\baccording to\b|\bin the view of\b", flags=re.I)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z*\"(])")
# A possessive credit: a name (an author, two joined by "and", a body such as the Institute) whose grouping,
# model, view, reading… the sentence reports ("Dem'yanenko's grouping", "Turovskiy's network and corporate
# models"); up to three words may stand between. A work is not a claim: "Pietrasiak and Słowikowski's Table 4.1"
# and "Sergounin's memo" name what is quoted, not what it holds. "The authors'", "the chapter's" are not names:
# the verbs of saying above catch what they are said to hold.
POSSESSIVE = re.compile(
    r"\b[A-Z][\w-]*(?:['’][a-z][\w-]*)*(?:\s+and\s+[A-Z][\w-]*)?"
    r"(?:['’]s|(?<=s)['’])(?!\w)(?:\s+[\w-]+){0,3}?\s+"
    r"(?:arguments?|views?|readings?|interpretations?|models?|typology|typologies|types|classifications?"
    r"|groupings?|groups|leagues|theory|theories|concepts?|thesis|claims?|conclusions?|findings?|judge?ments?"
    r"|assessments?|periodi[sz]ations?|distinctions?|ideas?|schemes?|framework|critique|criticism|account"
    r"|explanations?|positions?|divisions?|sense)\b")


def unmarked_attributions(paras: list[Paragraph]) -> list[str]:
    """Sentences that attribute a claim to a source but carry no claim marker: a verb of saying without
    a marker or citation, or a possessive credit (Turovskiy's models) without a marker; a citation names
    the work, not the claim. Headings and italic examples (*the Institute states…*) are not claims."""
    out = []
    for p in paras:
        text = re.sub(r"(?<![*\w])\*[^*\n]+\*(?![*\w])", "", p.text)
        for sentence in SENTENCE.split(text):
            if sentence.lstrip().startswith("#") or MARKER.search(sentence):
                continue
            if POSSESSIVE.search(sentence) or (ATTRIBUTION.search(sentence) and not CITE.search(sentence)):
                out.append(f"{p.file}: attribution without a claim marker: \"{normalise(sentence)}\"")
    return out


def uncovered(paras: list[Paragraph]) -> list[str]:
    """Paragraphs that cite a work but carry no claim marker: attributed claims without a ledger row."""
    return [f"{p.file}: {normalise(p.text)[:90]}…" for p in paras if CITE.search(p.text) and not MARKER.search(p.text)]


# --- the generated pages ------------------------------------------------------------

LEDGER_PAGE = ROOT / "book" / "claims_ledger.md"
BEYOND_PAGE = ROOT / "book" / "beyond_the_sources.md"
KIND_LABEL = {"quotation": "direct quotation", "paraphrase": "paraphrase", "inference": "the report's own inference",
              "outside": "fact from outside the sources"}


def page_titles(root: Path = ROOT) -> dict[str, str]:
    """File stem -> the page's title (its first heading)."""
    import json

    titles = {}
    for path in prose_files(root):
        if path.suffix == ".ipynb":
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            text = next("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        else:
            text = path.read_text(encoding="utf-8")
        first = text.strip().splitlines()[0].lstrip("# ").strip()
        titles[path.stem] = "Region profiles (template)" if "{glue" in first else first
    return titles


def _where(row: dict) -> str:
    page = f", p. {row['page']}" if row["page"] else ""
    section = f", section {row['section']}" if row["section"] else ""
    return f"source {row['source_id']}{section}{page}"


def _md(text: str) -> str:
    return normalise(text).replace("*", "\\*")


def render_ledger(rows: list[dict] | None = None) -> str:
    rows = load_ledger() if rows is None else rows
    counts = {k: sum(r["kind"] == k for r in rows) for k in KINDS}
    lines = ["# Claims ledger", "",
             "Every attributed claim in the report's prose links here. Each entry gives the claim as the report "
             "words it, its kind, the verbatim passage of the source that supports it, with section and printed "
             "page (for a quotation, those of the quoted words), and the work the source credits. The tests check "
             "that each passage is in its source, that the credited work is the one the source names in the "
             "passage's paragraph, and that the words carrying a claim's strength (numbers, in digits or in words, "
             "*most*, *all*, *mean*, *median*) are in the passage. Facts from outside the sources are "
             "also listed on {doc}`beyond_the_sources`. This page is generated from `data/claims.csv`; do not edit "
             "it by hand.", "",
             f"{len(rows)} claims: " + ", ".join(f"{counts[k]} {KIND_LABEL[k]}" for k in KINDS) + ".", ""]
    chapter, titles = None, page_titles()
    for r in rows:
        if r["chapter"] != chapter:
            chapter = r["chapter"]
            lines += [f"## {titles.get(chapter, chapter)}", ""]
        lines += [f"(claim-{r['claim_id']})=", "",
                  f"**{r['claim_id']}** · {KIND_LABEL[r['kind']]} · {_where(r)} · credited: `{r['cite_key']}`"
                  + (f" · outside reference: {{cite:t}}`{r['outside_ref']}`" if r["outside_ref"] else ""), "",
                  f"Claim: {_md(r['claim'])}", ""]
        if r["strength_note"]:
            lines += [f"Strength words the passage does not carry, and why they hold: {_md(r['strength_note'])}", ""]
        lines += [
                  f"> {_md(r['quote'])}", ""]
    return "\n".join(lines)


def render_beyond(rows: list[dict] | None = None) -> str:
    rows = [r for r in (load_ledger() if rows is None else rows) if r["kind"] == "outside"]
    lines = ["# Beyond the sources", "",
             "The report keeps to what its five source documents say. Where it states a fact the sources do not "
             "give, the sentence carries the mark † and the fact is listed here with its own reference and the "
             "passage of the source it qualifies. This page is generated from `data/claims.csv` (kind "
             "`outside`); do not edit it by hand.", ""]
    for r in rows:
        lines += [f"(outside-{r['claim_id']})=", "",
                  f"**{r['claim_id']}** ({page_titles().get(r['chapter'], r['chapter'])}): {_md(r['claim'])}. Reference: {{cite:t}}`{r['outside_ref']}`. "
                  f"It qualifies {_where(r)}:", "",
                  f"> {_md(r['quote'])}", ""]
    return "\n".join(lines)


def write_pages() -> tuple[Path, Path]:
    LEDGER_PAGE.write_text(render_ledger(), encoding="utf-8")
    BEYOND_PAGE.write_text(render_beyond(), encoding="utf-8")
    return LEDGER_PAGE, BEYOND_PAGE


if __name__ == "__main__":  # python -m rusregions.claims: check, then regenerate the two pages
    import sys

    ledger = load_ledger()
    prose = paragraphs()
    found = check_ledger(ledger) + check_prose(ledger, prose) + uncovered(prose) + unmarked_attributions(prose)
    write_pages()
    print("\n".join(found) or "claims OK")
    sys.exit(1 if found else 0)
