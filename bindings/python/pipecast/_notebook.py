"""What a notebook shows of the results: `_repr_html_` (a compact HTML table
of each main table, its first rows, then "N more rows") and the one-line
`__repr__` of each result.

Under the tables, the charts that `pipecast report --html` draws of the
result (a report's funnels, times in stage, win rates and products; a
forecast's fan), each the library's own self-contained `<svg>` element
(pipecast_result_chart), at most MAX_CHARTS of them.  Every text is escaped;
the HTML has inline styles only (and each chart's own `<style>`, whose
classes carry a pc- prefix): no script, no stylesheet, nothing loaded from
anywhere."""

from __future__ import annotations

import ctypes
import datetime
import html
import math
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Sequence, Tuple

from . import _core, _errors, _results
from ._results import BOOL, DAY, DOUBLE, INT64, TEXT, Table

if TYPE_CHECKING:
    from ._forecast import Backtest, Forecast, Movement, Scores
    from ._results import ActivityEffects, LeadPlan, Report, _Tables

lib = _core.lib

# The rows a notebook shows of each table.
MAX_ROWS = 10

# The tables a notebook shows of each kind of result, in order (the others
# are named under them).
MAIN_TABLES: Dict[str, Tuple[str, ...]] = {
    "Report": ("funnel", "coverage", "stalled", "products"),
    "LeadPlan": ("lead_plan_pipelines", "lead_plan_stages"),
    "ActivityEffects": ("activity_stages", "activity_comparisons"),
    "Scores": ("scores",),
    "Forecast": ("forecast",),
    "Movement": ("movement", "movers"),
    "Backtest": ("overall", "deal_summary", "summary"),
}

# The charts a notebook shows of a result, in the page's order (the others
# are named under them).
MAX_CHARTS = 6

# Inline styles only, and few: a notebook styles tables itself.
_TABLE_STYLE = "border-collapse:collapse;font-size:12px;margin:4px 0"
_NUMBER_STYLE = "text-align:right"
_NOTE_STYLE = "color:#666;font-size:11px;margin:0 0 8px 0"


# ---- Cells -------------------------------------------------------------------


def head(table: Table, rows: int) -> List[List[Any]]:
    """The first `rows` rows of a table as Python values (as Table.column
    gives them), reading only those rows from the library."""
    n = min(rows, len(table))
    columns: List[List[Any]] = []
    for c, t in enumerate(table.types):
        if n == 0:
            columns.append([])
        elif t == TEXT:
            pointers = (ctypes.c_char_p * n)()
            _core.check(lib.pipecast_table_read_text(table._live(), c, 0, pointers, n))
            columns.append([_core.string(pointers[i]) for i in range(n)])
        else:
            _, ctype, read = _results._READERS[t]
            values = (ctype * n)()
            _core.check(getattr(lib, read)(table._live(), c, 0, values, n))
            columns.append([_value(t, values[i]) for i in range(n)])
    return [list(row) for row in zip(*columns)] if columns else [[] for _ in range(n)]


def _value(column_type: int, raw: Any) -> Any:
    if column_type == DOUBLE:
        return None if math.isnan(raw) else float(raw)
    if column_type == DAY:
        return _core.from_day(raw)
    if column_type == BOOL:
        return bool(raw)
    return int(raw)


def cell_text(value: Any, unit: str = "none") -> str:
    """How a notebook writes a value (not yet escaped): "" for None,
    dates as YYYY-MM-DD, counts with thousands separators, fractions as
    percentages, amounts to the unit (2 decimals below 100), days to 0.1."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return "{:,}".format(value)
    if isinstance(value, float):
        if math.isinf(value):
            return "∞" if value > 0 else "-∞"
        if unit == "fraction":
            return "{:.1%}".format(value)
        if unit == "currency" or unit == "count":
            return "{:,.0f}".format(value) if abs(value) >= 100 else "{:,.2f}".format(value)
        if unit == "days":
            return "{:,.1f}".format(value)
        return "{:.4g}".format(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _number(value: float) -> str:
    """An amount in a sentence: thousands separators, no decimals above 100."""
    return cell_text(value, "currency")


def _whole(value: float) -> str:
    """A count in a sentence: thousands separators, no decimals."""
    return "{:,.0f}".format(value)


def _closed(result: _Tables) -> bool:
    return not result._result._handle


# ---- Tables ------------------------------------------------------------------


def table_html(table: Table, max_rows: int = MAX_ROWS, caption: Optional[str] = None) -> str:
    """The one rendering of a table to HTML: a <table> of its first
    `max_rows` rows (a cell's exact number in its title), then a note of the
    rows left out.  Every text is escaped; styles are inline."""
    rows = head(table, max_rows)
    numeric = [t in (INT64, DOUBLE) for t in table.types]
    out = ['<table style="%s">' % _TABLE_STYLE]
    title = caption if caption is not None else table.name
    out.append('<caption style="text-align:left;font-weight:bold;padding:2px 0">%s '
               '<span style="font-weight:normal;color:#666">(%s rows)</span></caption>'
               % (html.escape(title), "{:,}".format(len(table))))
    out.append("<thead><tr>")
    out += ["<th>%s</th>" % html.escape(name) for name in table.columns]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>")
        for value, unit, is_number in zip(row, table.units, numeric):
            text = html.escape(cell_text(value, unit))
            if isinstance(value, float):
                out.append('<td style="%s" title="%s">%s</td>' % (_NUMBER_STYLE, html.escape(repr(value)), text))
            else:
                out.append('<td style="%s">%s</td>' % (_NUMBER_STYLE, text) if is_number else "<td>%s</td>" % text)
        out.append("</tr>")
    out.append("</tbody></table>")
    more = len(table) - len(rows)
    if more > 0:
        out.append('<p style="%s">%s more row%s</p>' % (_NOTE_STYLE, "{:,}".format(more), "" if more == 1 else "s"))
    return '<div style="overflow-x:auto">%s</div>' % "".join(out)


def result_html(result: _Tables, max_rows: int = MAX_ROWS) -> str:
    """A result's HTML: its one-line headline, its main tables, the names
    of the others."""
    name = type(result).__name__
    if _closed(result):
        return "<p>%s</p>" % html.escape(result_repr(result))
    headline = _headline(result)
    out = ['<div style="font-family:sans-serif">',
           '<p style="margin:4px 0"><b>pipecast.%s</b> %s</p>' % (html.escape(name), html.escape(headline))]
    if name == "Backtest":
        verdict: List[str] = getattr(result, "verdict")
        out.append('<ul style="margin:4px 0;font-size:12px">%s</ul>'
                   % "".join("<li>%s</li>" % html.escape(s) for s in verdict))
    if name == "LeadPlan":
        out.append('<p style="margin:4px 0">%s</p>' % html.escape(getattr(result, "message")))
    main = [t for t in MAIN_TABLES.get(name, ()) if t in result.tables]
    for table_name in main:
        with result.table(table_name) as table:
            out.append(table_html(table, max_rows))
    others = [t for t in result.tables if t not in main]
    if others:
        out.append('<p style="%s">Other tables (.table(NAME)): %s</p>' % (_NOTE_STYLE, html.escape(", ".join(others))))
    out += charts_html(result.charts())
    out.append("</div>")
    return "".join(out)


def charts_html(charts: Dict[str, str]) -> List[str]:
    """The first MAX_CHARTS charts, each in a <div> of its own (the SVG is
    the library's, its texts escaped there), then the names of the rest."""
    names = list(charts)
    out = ['<div style="max-width:960px;margin:8px 0" title="%s">%s</div>' % (html.escape(name), charts[name])
           for name in names[:MAX_CHARTS]]
    if len(names) > MAX_CHARTS:
        out.append('<p style="%s">Other charts (.charts()[NAME]): %s</p>'
                   % (_NOTE_STYLE, html.escape(", ".join(names[MAX_CHARTS:]))))
    return out


# ---- One-line reprs ----------------------------------------------------------


def result_repr(result: _Tables) -> str:
    """<pipecast.KIND headline>, or <pipecast.KIND (closed)>; never raises."""
    name = type(result).__name__
    if _closed(result):
        return "<pipecast.%s (closed)>" % name
    try:
        return "<pipecast.%s %s>" % (name, _headline(result))
    except _errors.Error as e:  # a repr must not raise
        return "<pipecast.%s (%s)>" % (name, " ".join(str(e).split()))


def _headline(result: _Tables) -> str:
    headline = _HEADLINES.get(type(result).__name__)
    text = headline(result) if headline is not None else "%d tables" % len(result.tables)
    return " ".join(text.split())  # one line, whatever a text holds


def _report(r: Report) -> str:
    scope = "".join([", pipeline %s" % r.pipeline if r.pipeline else "", ", %s" % r.filters if r.filters else ""])
    return "%s as of %s: %s deals%s, %s, %d tables" % (r.period, r.as_of, "{:,}".format(r.deals), scope,
                                                        r.currency or "no currency", len(r.tables))


def _lead_plan(p: LeadPlan) -> str:
    return "%s target %s %s: %s, %s leads needed (P90) by %s" % (
        p.period, _number(p.target), p.currency, p.status, _whole(p.leads_needed_p90), p.create_by_p90)


def _activity_effects(e: ActivityEffects) -> str:
    return "as of %s: %d comparisons of advanced with lost stays, %d flagged (q < %g)" % (
        e.as_of, e.comparisons, e.flagged, e.fdr)


def _scores(s: Scores) -> str:
    n = len(s)
    if n == 0:
        return "0 deals"
    p, e = s.win_probability, s.expected_amount
    return "%s deals, mean win probability %.1f%%, expected %s" % (
        "{:,}".format(n), 100.0 * float(sum(p)) / n, _number(float(sum(x for x in e if not math.isnan(x)))))


def _forecast(f: Forecast) -> str:
    totals = f.totals()
    first = next(iter(totals.values()), None)
    text = "%s as of %s, %d period%s" % (f.model, f.as_of, len(totals), "" if len(totals) == 1 else "s")
    if first is not None and first.p50 is not None:
        text += ": %s P50 %s (P10 %s, P90 %s)" % (first.period, _number(first.p50), _number(first.p10),
                                                  _number(first.p90))
    return text


def _movement(m: Movement) -> str:
    bars = m.bars()
    text = "%s %s..%s" % (m.model, m.since, m.as_of)
    if "before" in bars and "after" in bars:
        text += ": %s -> %s" % (_number(bars["before"]), _number(bars["after"]))
    return text


def _backtest(b: Backtest) -> str:
    overall = b.overall
    with b.table("origin_models") as t:
        origins = len(set(t.array("origin")))
    text = "%d model%s over %d origin%s" % (len(overall), "" if len(overall) == 1 else "s", origins,
                                            "" if origins == 1 else "s")
    if overall:
        text += ": %s ranks first" % overall[0].model
    return text


_HEADLINES: Dict[str, Callable[[Any], str]] = {
    "Report": _report,
    "LeadPlan": _lead_plan,
    "ActivityEffects": _activity_effects,
    "Scores": _scores,
    "Forecast": _forecast,
    "Movement": _movement,
    "Backtest": _backtest,
}

