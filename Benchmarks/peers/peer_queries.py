"""Turns query-log lines into tantivy queries shaped like newssearch's benchmark forms.

newssearch's `bench --forms and,keyword,phrase` (`BenchmarkQuery.expand`) makes of one line:
- `and`: the line as typed; every bare word is required, in title, heading or body;
- `keyword` (here also called `or`): only for lines of two or more words; any word may
  match (`--any`), with common English words (`Stopwords.swift`) dropped;
- `phrase`: only for lines of two or more words without a `"`; the whole line as one
  exact phrase.

The tantivy queries are built programmatically, exactly as tantivy's own query parser
builds them for plain words (`check` proves it on the query file): for `and`, per word a
BooleanQuery of Should clauses over the fields, each boosted by newssearch's field weight,
the words joined by Must; for `or`, one flat Should list of every (field, word) leaf; for
`phrase`, Should over the fields of one PhraseQuery each. A word the tokenizer splits into several tokens
(`u.s.`, `20.04`) becomes a phrase of those tokens, as FTS5 does for a quoted string and
tantivy's parser does too. Nothing passes through the query-language parser, so no
punctuation can make a syntax error.
"""
import os
import re

import tantivy

FORMS = ("and", "or", "phrase")
# newssearch's own name of the `or` form.
FORM_ALIASES = {"keyword": "or"}
FIELDS = ("title", "heading", "body")
DEFAULT_WEIGHTS = (3.0, 1.5, 1.0)
# Query-language syntax newssearch's `and` form would interpret (operators, quotes,
# exclusion, prefixes, fields, groups, NEAR). Lines with it are counted as skipped
# rather than silently run with other semantics.
SYNTAX = re.compile(r'(^|\s)(OR|AND|NOT|\||&)(\s|$)|["“”()]|(^|\s)-\S|\*(\s|$)|\b(title|heading|body|author):|NEAR\(')

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
STOPWORDS_SWIFT = os.path.join(REPO, "Sources", "NewsSearch", "Query", "Stopwords.swift")


class QueryBuildError(Exception):
    """A line that cannot become a query of a form (reported, never fatal)."""


def parse_forms(text):
    """`and,or,phrase` (or newssearch's `keyword` for `or`) into a tuple of form names."""
    forms = []
    for name in text.split(","):
        name = FORM_ALIASES.get(name.strip(), name.strip())
        if name not in FORMS:
            raise ValueError(f"unknown form `{name}` in --forms: use and, or (or keyword), phrase")
        if name not in forms:
            forms.append(name)
    if not forms:
        raise ValueError("--forms is empty: use and, or, phrase")
    return tuple(forms)


def load_stopwords(path=STOPWORDS_SWIFT):
    """newssearch's English stopwords, read from its Swift source so the two never drift."""
    try:
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
    except OSError as error:
        raise SystemExit(f"tantivy_peer: cannot read the stopword list {path} ({error.strerror}): run from a newssearch checkout")
    body = source.split("Set<String> = [", 1)[-1].split("]", 1)[0]
    words = set(re.findall(r'"([^"]+)"', body))
    if len(words) < 50:
        raise SystemExit(f"tantivy_peer: found only {len(words)} stopwords in {path}: its layout changed, update load_stopwords")
    return words


def read_query_lines(path, max_queries=None):
    """The lines of a query file as newssearch's bench reads them: trimmed, without empty and `#` lines."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = [line.strip() for line in handle.read().split("\n")]
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8"
        raise ValueError(f"cannot read the query file {path} ({reason}): pass --queries FILE, one query per line")
    lines = [line for line in lines if line and not line.startswith("#")]
    return lines[:max_queries] if max_queries is not None else lines


def en_stem_analyzer():
    """The same chain as tantivy's built-in `en_stem` tokenizer (simple, remove_long 40, lowercase, English stemmer)."""
    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(40))
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.stemmer("english"))
            .build())


class QueryBuilder:
    """Builds the tantivy query of one line in one form, over the fields with weight > 0."""

    def __init__(self, schema, weights=DEFAULT_WEIGHTS, stopwords=None):
        self.schema = schema
        self.fields = [(field, float(weight)) for field, weight in zip(FIELDS, weights) if weight > 0]
        if not self.fields:
            raise ValueError("every field weight is 0: nothing to search")
        self.analyzer = en_stem_analyzer()
        self.stopwords = load_stopwords() if stopwords is None else stopwords

    def applies(self, line, form):
        """Whether newssearch's bench runs this line in this form at all."""
        words = line.split()
        if form == "and":
            return True
        if form == "or":
            return len(words) > 1
        return len(words) > 1 and '"' not in line

    def build(self, line, form):
        """The query, or QueryBuildError saying why this line has none in this form."""
        if SYNTAX.search(line):
            raise QueryBuildError(f"uses query-language syntax that is not mirrored: {line!r}")
        words = line.split()
        if form == "phrase":
            tokens = self.analyzer.analyze(" ".join(words))
            if not tokens:
                raise QueryBuildError(f"has nothing searchable: {line!r}")
            return self._across_fields(tokens)
        if form == "or":
            # newssearch's lexer takes trailing commas off a word before the stopword test.
            kept = [word for word in words if (word.rstrip(",") or word).lower() not in self.stopwords]
            if not kept:
                raise QueryBuildError(f"has only stopwords: {line!r}")
            words = kept
        tokenized = [tokens for tokens in map(self.analyzer.analyze, words) if tokens]
        if not tokenized:
            raise QueryBuildError(f"has nothing searchable: {line!r}")
        if len(tokenized) == 1:
            return self._across_fields(tokenized[0])
        if form == "or":
            # The parser flattens a disjunction of disjunctions into one Should list of
            # (field, word) leaves, which is what lets tantivy run block-max WAND on it.
            leaves = [leaf for tokens in tokenized for leaf in self._field_leaves(tokens)]
            return tantivy.Query.boolean_query(leaves, 1)
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, self._across_fields(tokens)) for tokens in tokenized])

    def _across_fields(self, tokens):
        """One word (or phrase of tokens) in any field: Should over the fields, as tantivy's parser builds it."""
        leaves = self._field_leaves(tokens)
        if len(leaves) == 1:
            return leaves[0][1]
        return tantivy.Query.boolean_query(leaves, 1)

    def _field_leaves(self, tokens):
        """(Should, query) per field for one word or phrase of tokens, boosted by the field's weight."""
        leaves = []
        for field, weight in self.fields:
            if len(tokens) == 1:
                leaf = tantivy.Query.term_query(self.schema, field, tokens[0])
            else:
                leaf = tantivy.Query.phrase_query(self.schema, field, tokens)
            leaves.append((tantivy.Occur.Should, leaf if weight == 1.0 else tantivy.Query.boost_query(leaf, weight)))
        return leaves

    def parser_query(self, index, line, form):
        """What tantivy's own query parser makes of a plain line in this form, for `check`."""
        text = f'"{" ".join(line.split())}"' if form == "phrase" else line
        if form == "or":
            text = " ".join(word for word in line.split() if word.lower() not in self.stopwords)
        boosts = {field: weight for field, weight in self.fields if weight != 1.0}
        return index.parse_query(text, [field for field, _ in self.fields], field_boosts=boosts,
                                 conjunction_by_default=(form == "and"))
