#!/usr/bin/env python3
"""Writes tests/data/crm/hubspot/, a HubSpot deals export as HubSpot writes it.

Deterministic (fixed seed); stdlib only; rewrites the folder on every run.

What it writes (layout facts and their sources: docs/crm/hubspot.md):
  hubspot/hubspot-crm-exports-all-deals-2025-01-15.csv      the deals export
  hubspot/hubspot-crm-exports-all-contacts-2025-01-15.csv   unrelated, to ignore
  hubspot/hubspot-crm-exports-all-companies-2025-01-15.csv  unrelated, to ignore
  hubspot/hubspot-crm-exports-all-calls-2025-01-15.csv      calls (the calls index page's export)
  hubspot/hubspot-crm-exports-all-meetings-2025-01-15.csv   meetings (the meetings index page's)
  hubspot.expected.json   facts a test can assert (outside the export folder)
  hubspot.stages.csv      the stage table a user would transcribe from
                          Settings > Objects > Deals > Pipelines (HubSpot's
                          export does not carry it), in the interchange format

Byte layout, as in real HubSpot exports: UTF-8 without a byte order mark,
every field (header included) in double quotes, empty cells as "", embedded
quotes doubled, LF line ends, a final LF. Datetimes "YYYY-MM-DD HH:MM" in the
exporting user's time zone, no zone written. Numbers like Java's
Double.toString ("25000.0", "0.4"). Booleans "true"/"false".
"""

import csv
import io
import json
import os
import random
import shutil
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "hubspot")
EXPECTED = os.path.join(HERE, "hubspot.expected.json")
STAGES_FILE = os.path.join(HERE, "hubspot.stages.csv")
DEALS_FILE = "hubspot-crm-exports-all-deals-2025-01-15.csv"
EXPORT_DAY = datetime(2025, 1, 15, 9, 30)

# Pipelines: (stage label, probability, kind). "Sales Pipeline" is HubSpot's
# default pipeline with its default stages (legacydocs.hubspot.com, Deal
# Pipelines API overview). "Partner Channel" is a custom one.
PIPELINES = {
    "Sales Pipeline": [
        ("Appointment Scheduled", 0.2, "open"),
        ("Qualified To Buy", 0.4, "open"),
        ("Presentation Scheduled", 0.6, "open"),
        ("Decision Maker Bought-In", 0.8, "open"),   # never used by a deal
        ("Contract Sent", 0.9, "open"),
        ("Closed Won", 1.0, "won"),
        ("Closed Lost", 0.0, "lost"),
    ],
    "Partner Channel": [
        ("Lead Received", 0.1, "open"),
        ("Id. Decision Makers", 0.3, "open"),
        ("Proposal/Price Quote", 0.6, "open"),
        ("Negotiation/Review", 0.8, "open"),
        ("Closed Won", 1.0, "won"),
        ("Closed Lost", 0.0, "lost"),
    ],
}
UNUSED = ("Sales Pipeline", "Decision Maker Bought-In")

OWNERS = ["Maya Thompson", "Daniel Okafor", "Sofia Rossi", "Liam Carter"]
ACCOUNTS = [  # name, HubSpot company record ID
    ("Northwind Traders", "9817263541"),
    ("Blue Harbor Logistics", "9817263588"),
    ("Initech", "9817264012"),
    ("Vandelay Industries", "9817264230"),
    ("Kessler Medical Group", "9817265107"),
    ("Brightline Foods", "9817265399"),
    ("Orbis Analytics GmbH", "9817266021"),
    ("Hartley & Sons Ltd", "9817266475"),
]
ACCOUNT_CURRENCY = {"Orbis Analytics GmbH": "EUR", "Hartley & Sons Ltd": "GBP",
                    "Kessler Medical Group": "USD"}
PRODUCTS = ["Analytics Suite", "Data Connector", "Support Plan", "Onboarding",
            "Platform Licence", "Forecasting Add-on"]
SOURCES = ["Organic Search", "Referrals", "Offline Sources", "Direct Traffic",
           "Paid Search", "Email Marketing"]
DEAL_TYPES = ["New Business", "New Business", "Existing Business", ""]
# Exchange rate: company currency (USD) per unit of the deal currency.
OPEN_RATE = {"EUR": 1.04, "GBP": 1.25}


def fmt_dt(d):
    return d.strftime("%Y-%m-%d %H:%M")


def fmt_num(x):
    """A number as HubSpot's export writes it (Java Double.toString style)."""
    if x is None:
        return ""
    s = repr(float(x))
    return s


def csv_bytes(rows):
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n")
    for r in rows:
        w.writerow(r)
    return buf.getvalue().encode("utf-8")


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def stage_header(kind, stage, pipeline):
    return '%s "%s (%s)"' % (kind, stage, pipeline)


def build_deals(rng):
    n = 62
    deals = []
    start = datetime(2023, 1, 3)
    span = (datetime(2024, 12, 20) - start).days
    # Record IDs grow with creation time, like HubSpot's.
    created = sorted(start + timedelta(days=rng.randrange(span),
                                       hours=rng.randrange(8, 19),
                                       minutes=rng.randrange(60))
                     for _ in range(n))
    next_id = 14203380000
    for i, cr in enumerate(created):
        next_id += rng.randrange(900000, 40000000)
        pipeline = "Sales Pipeline" if rng.random() < 0.68 else "Partner Channel"
        stages = PIPELINES[pipeline]
        open_stages = [s for s in stages if s[2] == "open"
                       and (pipeline, s[0]) != UNUSED]
        account, company_id = ACCOUNTS[rng.randrange(len(ACCOUNTS))]
        product = PRODUCTS[rng.randrange(len(PRODUCTS))]
        currency = ACCOUNT_CURRENCY.get(account)
        if currency is None:
            currency = rng.choice(["USD"] * 6 + ["EUR", "GBP"])
        age = (EXPORT_DAY - cr).days
        p_closed = 0.72 if age > 320 else (0.35 if age > 130 else 0.1)
        closed = rng.random() < p_closed
        # Path through open stages: keep stages in order, sometimes skip one.
        if closed:
            depth = rng.randrange(1, len(open_stages) + 1)
        else:
            depth = rng.randrange(1, len(open_stages) + 1)
        path = [open_stages[0]]
        for s in open_stages[1:depth]:
            if rng.random() < 0.8:
                path.append(s)
        outcome = None
        if closed:
            outcome = "won" if rng.random() < 0.45 else "lost"
            path.append(next(s for s in stages if s[2] == outcome))
        # Times: first stage entered at creation, then forward steps.
        entered = []
        t = cr
        limit = EXPORT_DAY - timedelta(days=1)
        for k, s in enumerate(path):
            if k > 0:
                t = (t + timedelta(days=rng.randrange(4, 45))).replace(
                    hour=rng.randrange(8, 19), minute=rng.randrange(60))
                if t > limit:
                    t = limit - timedelta(hours=rng.randrange(1, 48) * (len(path) - k))
            entered.append((s[0], t))
        # Repair non-increasing times left by the cap above.
        for k in range(1, len(entered)):
            if entered[k][1] <= entered[k - 1][1]:
                entered[k] = (entered[k][0], entered[k - 1][1] + timedelta(hours=3))
        exited = {entered[k][0]: entered[k + 1][1] for k in range(len(entered) - 1)}
        current = entered[-1][0]
        if closed:
            close = entered[-1][1]
        else:
            close = datetime(2025, 1, 20) + timedelta(days=rng.randrange(0, 330))
            close = close.replace(hour=rng.choice([0, 9, 12, 17]),
                                  minute=rng.choice([0, 0, 30]))
        amount = round(rng.uniform(2500, 95000), rng.choice([0, 0, 2]))
        if rng.random() < 0.5:
            amount = float(round(amount / 50) * 50)
        deals.append({
            "id": str(next_id),
            "name": "%s - %s" % (account, product),
            "pipeline": pipeline,
            "stage": current,
            "amount": amount,
            "currency": currency,
            "created": cr,
            "close": close,
            "owner": OWNERS[rng.randrange(len(OWNERS))],
            "type": rng.choice(DEAL_TYPES),
            "source": rng.choice(SOURCES),
            "description": "",
            "account": account,
            "company_id": company_id,
            "entered": dict(entered),
            "exited": exited,
            "outcome": outcome,
        })
    return deals


def plant_quirks(deals, rng):
    """Overrides on chosen deals; returns the lists for the expected file."""
    q = {}
    open_sales = [d for d in deals if d["outcome"] is None
                  and d["pipeline"] == "Sales Pipeline"]
    closed = [d for d in deals if d["outcome"] is not None]
    used = set()

    def take(pool, pred=lambda d: True):
        for d in pool:
            if d["id"] not in used and pred(d):
                used.add(d["id"])
                return d
        raise SystemExit("no deal left for a quirk")

    # Two deals that went backwards: AS -> QTB -> PS -> back to QTB.
    q["went_backwards"] = []
    for _ in range(2):
        d = take(open_sales, lambda d: d["created"] < datetime(2024, 8, 1))
        t0 = d["created"]
        t1 = t0 + timedelta(days=9, hours=2)
        t2 = t1 + timedelta(days=16, hours=5, minutes=12)
        t3 = t2 + timedelta(days=21, hours=1, minutes=40)
        d["entered"] = {"Appointment Scheduled": t0, "Presentation Scheduled": t2,
                        "Qualified To Buy": t3}  # re-entry keeps the latest time
        d["exited"] = {"Appointment Scheduled": t1, "Qualified To Buy": t2,
                       "Presentation Scheduled": t3}
        d["stage"] = "Qualified To Buy"
        q["went_backwards"].append(d["id"])

    # One deal whose history ends in another stage than its current one:
    # it sits in Contract Sent, but no "Date entered" was recorded for it.
    d = take(open_sales, lambda d: d["created"] < datetime(2024, 9, 1))
    t0 = d["created"]
    t1 = t0 + timedelta(days=12, hours=3)
    t2 = t1 + timedelta(days=20, minutes=35)
    d["entered"] = {"Appointment Scheduled": t0, "Qualified To Buy": t1,
                    "Presentation Scheduled": t2}
    d["exited"] = {"Appointment Scheduled": t1, "Qualified To Buy": t2}
    d["stage"] = "Contract Sent"
    q["history_disagrees"] = [d["id"]]

    # Two deals without any stage history (imported without stage dates).
    q["no_history"] = []
    for pool in (open_sales, closed):
        d = take(pool)
        d["entered"], d["exited"] = {}, {}
        q["no_history"].append(d["id"])

    # Two closed deals logged after the fact: close date before creation.
    q["close_before_created"] = []
    for outcome in ("won", "lost"):
        d = take(closed, lambda d, o=outcome: d["outcome"] == o and d["entered"])
        first = next(iter(d["entered"]))
        won_stage = d["stage"]
        t0 = d["created"]
        d["entered"] = {first: t0, won_stage: t0 + timedelta(minutes=4)}
        d["exited"] = {first: t0 + timedelta(minutes=4)}
        d["close"] = (t0 - timedelta(days=rng.randrange(3, 20))).replace(hour=0, minute=0)
        q["close_before_created"].append(d["id"])

    # Blank and zero amounts.
    q["blank_amount"] = []
    for _ in range(3):
        d = take(deals, lambda d: d["outcome"] is None)
        d["amount"] = None
        q["blank_amount"].append(d["id"])
    q["zero_amount"] = []
    d = take(deals, lambda d: d["outcome"] == "lost")
    d["amount"] = 0.0
    q["zero_amount"].append(d["id"])
    d = take(deals, lambda d: d["outcome"] is None and d["pipeline"] == "Partner Channel")
    d["amount"] = 0.0
    q["zero_amount"].append(d["id"])

    # A deal name with a comma, a description with a line break.
    d = take(deals, lambda d: d["account"] == "Initech")
    d["name"] = "Initech - Onboarding, Training & Support"
    q["quoted_comma"] = d["id"]
    d = take(deals, lambda d: d["outcome"] is None)
    d["description"] = ('Pilot with two regions first.\n'
                        'Full rollout if the "Q2 review" passes.')
    q["line_break"] = d["id"]
    # Some ordinary one-line descriptions.
    for d in deals[::7]:
        if not d["description"]:
            d["description"] = "Budget approved by %s." % d["owner"].split()[0]
    return q


def rate_for(d, rng):
    if d["currency"] == "USD":
        return None
    if d["outcome"] is None:
        return OPEN_RATE[d["currency"]]
    base = {"EUR": 1.08, "GBP": 1.26}[d["currency"]]
    return round(base + rng.uniform(-0.03, 0.03), 4)


def deal_rows(deals, rng):
    stage_cols = [(p, s[0]) for p in PIPELINES for s in PIPELINES[p]]
    header = ["Record ID", "Deal Name", "Pipeline", "Deal Stage", "Amount",
              "Currency", "Amount in company currency", "Exchange rate",
              "Close Date", "Create Date", "Deal owner", "Deal Type",
              "Original Traffic Source", "Deal probability", "Is Closed Won",
              "Is closed lost", "Deal Description", "Associated Company"]
    header += [stage_header("Date entered", s, p) for p, s in stage_cols]
    header += [stage_header("Date exited", s, p) for p, s in stage_cols]
    header += ["Associated Company IDs"]
    probs = {(p, s[0]): s for p in PIPELINES for s in PIPELINES[p]}
    rows = [header]
    order = list(deals)
    rng.shuffle(order)  # an index view's order, not the creation order
    for d in order:
        st = probs[(d["pipeline"], d["stage"])]
        rate = rate_for(d, rng)
        amt = d["amount"]
        home = None if amt is None else (amt if rate is None else round(amt * rate, 2))
        row = [d["id"], d["name"], d["pipeline"], d["stage"], fmt_num(amt),
               d["currency"], fmt_num(home), fmt_num(rate),
               fmt_dt(d["close"]), fmt_dt(d["created"]), d["owner"], d["type"],
               d["source"], fmt_num(st[1]), "true" if st[2] == "won" else "false",
               "true" if st[2] == "lost" else "false", d["description"],
               d["account"]]
        for p, s in stage_cols:
            t = d["entered"].get(s) if p == d["pipeline"] else None
            row.append(fmt_dt(t) if t else "")
        for p, s in stage_cols:
            t = d["exited"].get(s) if p == d["pipeline"] else None
            row.append(fmt_dt(t) if t else "")
        row.append(d["company_id"])
        rows.append(row)
    return rows


def other_files(deals):
    contacts = [["Record ID", "First Name", "Last Name", "Email", "Phone Number",
                 "Contact owner", "Lead Status", "Marketing contact status",
                 "Create Date", "Associated Company", "Associated Company IDs"],
                ["51234001", "Priya", "Nair", "priya.nair@northwind.example", "",
                 "Maya Thompson", "Open", "Non-marketing contact", "2024-02-12 10:41",
                 "Northwind Traders", "9817263541"],
                ["51234077", "Tom", "Becker", "t.becker@orbis.example", "+49 30 1234567",
                 "Sofia Rossi", "Connected", "Marketing contact", "2023-11-03 15:09",
                 "Orbis Analytics GmbH", "9817266021"],
                ["51234190", "Alice", "Hartley", "alice@hartley.example", "",
                 "Liam Carter", "", "Non-marketing contact", "2024-07-22 08:55",
                 "Hartley & Sons Ltd", "9817266475"]]
    companies = [["Record ID", "Company name", "Company owner", "Create Date",
                  "Phone Number", "Last Activity Date", "City", "Country/Region",
                  "Industry"]]
    for k, (name, cid) in enumerate(ACCOUNTS[:3]):
        companies.append([cid, name, OWNERS[k], "2022-1%d-0%d 11:2%d" % (k, k + 1, k),
                          "", "2024-12-1%d 16:0%d" % (k, k), ["Seattle", "Rotterdam",
                          "Austin"][k], ["United States", "Netherlands",
                          "United States"][k], ["Wholesale", "Logistics and Supply Chain",
                          "Computer Software"][k]])
    return contacts, companies


# ---------------------------------------------------------------------------
# Check: re-read the written files and recompute every expected fact.

def check(expected):
    with open(os.path.join(OUT, DEALS_FILE), "rb") as f:
        raw = f.read()
    assert not raw.startswith(b"\xef\xbb\xbf"), "HubSpot writes no BOM"
    assert b"\r" not in raw, "HubSpot writes LF line ends"
    assert raw.endswith(b"\n")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    assert all(len(r) == len(header) for r in body)
    col = {h: i for i, h in enumerate(header)}
    ids = [r[col["Record ID"]] for r in body]
    assert len(set(ids)) == len(ids)
    assert len(body) == expected["deals"]
    won = sum(r[col["Is Closed Won"]] == "true" for r in body)
    lost = sum(r[col["Is closed lost"]] == "true" for r in body)
    assert (won, lost, len(body) - won - lost) == (expected["won"], expected["lost"],
                                                  expected["open"])
    assert sorted({r[col["Currency"]] for r in body}) == sorted(expected["currencies"])
    assert sorted(r[0] for r in body if r[col["Amount"]] == "") == sorted(expected["blank_amount"])
    assert sorted(r[0] for r in body if r[col["Amount"]] != ""
                  and float(r[col["Amount"]]) == 0) == sorted(expected["zero_amount"])
    assert sorted(r[0] for r in body if r[col["Close Date"]] < r[col["Create Date"]]) \
        == sorted(expected["close_before_created"])
    # Stage columns: 'Date entered "STAGE (PIPELINE)"'; stage/pipeline pairs
    # are matched against the stage table, not parsed at the last "(".
    order = {}
    kinds = {}
    with open(STAGES_FILE, newline="", encoding="utf-8") as f:
        for s in csv.DictReader(f):
            order[(s["pipeline"], s["stage"])] = int(s["order"])
            kinds[(s["pipeline"], s["stage"])] = s["kind"]
    entered_cols = {}
    for (p, s) in order:
        h = stage_header("Date entered", s, p)
        assert h in col, h
        entered_cols[(p, s)] = col[h]
    no_hist, disagree, backwards, used = [], [], [], set()
    for r in body:
        p = r[col["Pipeline"]]
        used.add((p, r[col["Deal Stage"]]))
        hist = sorted((r[i], s) for (pp, s), i in entered_cols.items()
                      if pp == p and r[i])
        for _, s in hist:
            used.add((p, s))
        if not hist:
            no_hist.append(r[0])
            continue
        if hist[-1][1] != r[col["Deal Stage"]]:
            disagree.append(r[0])
        seq = [order[(p, s)] for _, s in hist]
        if any(b < a and kinds[(p, hist[k + 1][1])] == "open"
               for k, (a, b) in enumerate(zip(seq, seq[1:]))):
            backwards.append(r[0])
    assert sorted(no_hist) == sorted(expected["no_history"])
    assert sorted(disagree) == sorted(expected["history_disagrees"])
    assert sorted(backwards) == sorted(expected["went_backwards"])
    unused = sorted(s for (p, s) in order if (p, s) not in used)
    assert unused == sorted(expected["unused_stages"]), unused
    by_id = {r[0]: r for r in body}
    assert "," in by_id[expected["quoted_comma"]][col["Deal Name"]]
    assert "\n" in by_id[expected["line_break"]][col["Deal Description"]]
    assert expected["deleted"] == [] and expected["currency_without_rate"] == []
    # Every non-USD deal carries its exchange rate; USD (company currency) none.
    for r in body:
        has_rate = r[col["Exchange rate"]] != ""
        assert has_rate == (r[col["Currency"]] != "USD"), r[0]
    for name in os.listdir(OUT):
        with open(os.path.join(OUT, name), newline="", encoding="utf-8") as f:
            list(csv.reader(f))
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    assert total < 60_000, total


def activity_files(deals):
    """The calls and meetings exports: headers the properties' labels, the
    deal association as in the deals export (names, then their IDs joined by
    ";"). Three calls of deals, one of no deal and one of two deals (left out
    by the preset); one meeting. No random draw: the deals stay as they are."""
    first = sorted((d for d in deals if d["outcome"] is None), key=lambda d: d["id"])[:3]
    when = lambda d, days: (d["created"] + timedelta(days=days)).strftime("%Y-%m-%d %H:%M")
    calls = [["Record ID", "Call Title", "Activity date", "Activity assigned to", "Call direction", "Call outcome",
              "Call duration", "Associated Deal", "Associated Deal IDs"]]
    for k, (d, direction, outcome) in enumerate(zip(first, ["OUTBOUND", "INBOUND", "OUTBOUND"],
                                                     ["Connected", "Connected", "No answer"])):
        calls.append([str(71000 + k), "Call %d" % (k + 1), when(d, 2 + k), d["owner"], direction, outcome,
                      str(60000 * (5 + k)), d["name"], d["id"]])
    calls.append(["71003", "Cold call", when(first[0], 1), first[0]["owner"], "OUTBOUND", "Busy", "0", "", ""])
    calls.append(["71004", "Joint call", when(first[0], 4), first[0]["owner"], "OUTBOUND", "Connected", "900000",
                  first[0]["name"] + ";" + first[1]["name"], first[0]["id"] + ";" + first[1]["id"]])
    meetings = [["Record ID", "Meeting name", "Activity date", "Activity assigned to", "Meeting outcome",
                 "Associated Deal", "Associated Deal IDs"],
                ["72000", "Demo", when(first[1], 6), first[1]["owner"], "Completed", first[1]["name"], first[1]["id"]]]
    return calls, meetings


def main():
    rng = random.Random(20250115)
    deals = build_deals(rng)
    q = plant_quirks(deals, rng)
    rows = deal_rows(deals, rng)
    contacts, companies = other_files(deals)

    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    write(os.path.join(OUT, DEALS_FILE), csv_bytes(rows))
    write(os.path.join(OUT, "hubspot-crm-exports-all-contacts-2025-01-15.csv"),
          csv_bytes(contacts))
    write(os.path.join(OUT, "hubspot-crm-exports-all-companies-2025-01-15.csv"),
          csv_bytes(companies))
    calls, meetings = activity_files(deals)
    write(os.path.join(OUT, "hubspot-crm-exports-all-calls-2025-01-15.csv"), csv_bytes(calls))
    write(os.path.join(OUT, "hubspot-crm-exports-all-meetings-2025-01-15.csv"), csv_bytes(meetings))

    stage_rows = [["pipeline", "stage", "order", "probability", "kind"]]
    for p, stages in PIPELINES.items():
        for k, (s, prob, kind) in enumerate(stages, 1):
            stage_rows.append([p, s, str(k), "%g" % prob, kind])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(stage_rows)
    write(STAGES_FILE, buf.getvalue().encode("utf-8"))

    won = sum(d["outcome"] == "won" for d in deals)
    lost = sum(d["outcome"] == "lost" for d in deals)
    expected = {
        "deals": len(deals),
        "deleted": [],
        "won": won,
        "lost": lost,
        "open": len(deals) - won - lost,
        "currencies": sorted({d["currency"] for d in deals}),
        "blank_amount": q["blank_amount"],
        "zero_amount": q["zero_amount"],
        "close_before_created": q["close_before_created"],
        "no_history": q["no_history"],
        "history_disagrees": q["history_disagrees"],
        "went_backwards": q["went_backwards"],
        "unused_stages": [UNUSED[1]],
        "currency_without_rate": [],
        "quoted_comma": q["quoted_comma"],
        "line_break": q["line_break"],
        "activities": 4,
        "notes": (
            "HubSpot export: one CSV per object, named "
            "hubspot-crm-exports-<view>-<YYYY-MM-DD>.csv; the contacts and "
            "companies exports in the folder are to be ignored. HubSpot has no "
            "deleted flag: deleted deals go to the recycle bin and are not "
            "exported, so nothing is dropped. Stage history is wide: one "
            "'Date entered \"STAGE (PIPELINE)\"' and one 'Date exited ...' column "
            "per stage of every pipeline; a re-entered stage keeps only its "
            "latest entry time. Won/lost from 'Is Closed Won'/'Is closed lost' "
            "(or stage probability 1/0). Stages are keyed by (Pipeline, Deal "
            "Stage): 'Closed Won' exists in both pipelines. The unused stage is "
            "Sales Pipeline's 'Decision Maker Bought-In'; it shows only as its "
            "two columns. No exchange-rate table is exported: each non-USD deal "
            "carries its own 'Exchange rate' (USD per unit), USD is the company "
            "currency with a blank rate, so currency_without_rate is empty. "
            "Stage order and probabilities are not in the export: see "
            "hubspot.stages.csv. Datetimes are 'YYYY-MM-DD HH:MM' without zone."),
    }
    with open(EXPECTED, "wb") as f:
        f.write((json.dumps(expected, indent=2) + "\n").encode("utf-8"))
    check(expected)
    print("wrote %s (%d deals: %d won, %d lost, %d open)" % (
        os.path.relpath(OUT), len(deals), won, lost, len(deals) - won - lost))


if __name__ == "__main__":
    main()
