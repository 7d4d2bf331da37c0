#!/usr/bin/env python3
"""Writes tests/data/crm/odoo/: an Odoo 17 CRM export as the web client's
CSV export writes it, and tests/data/crm/odoo.expected.json.

Files (the names are Odoo's own download names, see docs/crm/odoo.md):
- "LeadOpportunity (crm.lead).csv": the opportunities list, Action > Export,
  CSV, "I want to update data (import-compatible export)" unticked, with a
  filter that keeps archived (lost) opportunities too;
- "CRM Stages (crm.stage).csv": CRM > Configuration > Stages, same export;
- "Mail Tracking Value (mail.tracking.value).csv": Settings > Technical >
  Discuss > Tracking Values (developer mode), same export: the stage
  history, among other tracked changes;
- "Activity (mail.activity).csv": Settings > Technical > Discuss >
  Activities, same export: the planned activities, of deals and others;
- two unrelated exports a reader must ignore.

Deterministic (seeded), stdlib only. Run: python3 generate_odoo.py

Byte-level facts reproduced (docs/crm/odoo.md cites the code): UTF-8, no
byte order mark; Python's csv writer with QUOTE_ALL (every cell quoted,
empty cells as ""), records end with CRLF, a line break inside a cell
stays a bare LF; False and empty values are empty cells (so an archived
record's Active is empty and a zero Monetary amount is empty); floats as
Python writes them (12500.0); dates YYYY-MM-DD; datetimes
YYYY-MM-DD HH:MM:SS in the exporting user's time zone, without a zone
(here Europe/Brussels); a text cell starting with =, + or - gets a leading
apostrophe; each extra tag of a many2many column goes on its own
continuation row whose other cells are empty.
"""

import csv
import datetime as dt
import io
import json
import os
import random
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "odoo")
EXPECTED = os.path.join(HERE, "odoo.expected.json")

LEADS_FILE = "LeadOpportunity (crm.lead).csv"
STAGES_FILE = "CRM Stages (crm.stage).csv"
TRACKING_FILE = "Mail Tracking Value (mail.tracking.value).csv"
ACTIVITIES_FILE = "Activity (mail.activity).csv"
OTHER_FILES = ("Contact (res.partner).csv", "Sales Team (crm.team).csv")

SEED = 17_0_2025
EXPORT_UTC = dt.datetime(2025, 1, 15, 9, 12, 40)   # 10:12:40 in Brussels

LEADS_HEADER = [
    "ID", "Opportunity", "Customer", "Customer/Commercial Entity",
    "Salesperson", "Sales Team", "Stage", "Expected Revenue", "Currency",
    "Probability", "Created on", "Expected Closing", "Closed Date", "Active",
    "Lost Reason", "Tags", "Source", "Priority", "Company",
]
STAGES_HEADER = ["Sequence", "Stage Name", "Is Won Stage?",
                 "Folded in Pipeline", "Sales Team", "ID"]
TRACKING_HEADER = ["Message ID/Related Document Model",
                   "Message ID/Related Document ID", "Field",
                   "Old Value Char", "New Value Char", "Created on"]

# crm.stage: (id, sequence, name, is_won, fold, team); team "" = all teams.
STAGES = [
    (1, 1, "New", False, False, ""),
    (2, 2, "Qualified", False, False, ""),
    (7, 3, "Id. Decision Makers", False, False, "Channel Partners"),
    (3, 4, "Proposal/Quote", False, False, ""),
    (6, 5, "Negotiation", False, False, ""),
    (8, 6, "Contract Review", False, False, "Direct Sales"),   # never used
    (4, 70, "Won", True, False, ""),
]
SEQ = {s[2]: s[1] for s in STAGES}
OPEN_PATH = {
    "Direct Sales": ["New", "Qualified", "Proposal/Quote", "Negotiation"],
    "Channel Partners": ["New", "Qualified", "Id. Decision Makers",
                         "Proposal/Quote", "Negotiation"],
}
COMPANIES = {  # company -> currency (crm.lead's Currency is the company's)
    "Halvorsen Tech SA": "EUR",
    "Halvorsen Tech UK Ltd": "GBP",
    "Halvorsen Tech Inc.": "USD",
}
OWNERS = ["Anna Weber", "Luca Rossi", "Priya Nair", "Tom Becker"]
ACCOUNTS = ["Brightline Logistics", "Gemini Furniture", "Kestrel Foods GmbH",
            "Lumen Dental", "Northgate Hotels", "Orbital Print Ltd",
            "Quarry Hill Schools", "Vantage Motors Inc."]
CONTACTS = {"Gemini Furniture": "Edwin Hansen", "Lumen Dental": "Sara Okafor"}
SOURCES = ["Search engine", "Newsletter", "LinkedIn", "Referral",
           "Trade show", ""]
TAGS = ["Product", "Software", "Services", "Consulting", "Training"]
LOST_REASONS = ["Too expensive", "We don't have people/skills",
                "Not enough stock"]
PRIORITIES = ["Low", "Low", "Low", "Medium", "Medium", "High", "Very High"]
PRIORITY_RANK = {"Low": 0, "Medium": 1, "High": 2, "Very High": 3}
WHAT = ["Office fit-out", "Fleet telematics", "POS terminals", "ERP rollout",
        "Support contract", "Laptops refresh", "Warehouse scanners",
        "Network upgrade", "Training days", "Cloud backup", "Kiosk screens",
        "Printer fleet", "Website rebuild", "Data migration"]


# -------------------------------------------------------------- time zone
def _last_sunday(year, month):
    d = dt.date(year, month, 31)
    return d - dt.timedelta(days=(d.weekday() + 1) % 7)


def brussels(utc):
    """UTC -> Europe/Brussels wall time (EU rule: summer time from the last
    Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC)."""
    start = dt.datetime.combine(_last_sunday(utc.year, 3), dt.time(1))
    end = dt.datetime.combine(_last_sunday(utc.year, 10), dt.time(1))
    return utc + dt.timedelta(hours=2 if start <= utc < end else 1)


def fmt_dt(utc):
    return brussels(utc).strftime("%Y-%m-%d %H:%M:%S") if utc else ""


def fmt_float(x):
    # Odoo writes str(float); a Monetary of 0 or unset is written empty.
    return "" if x is None else str(float(x))


def odoo_text(s):
    # web/controllers/export.py: a text cell starting with =, - or + is
    # prefixed with an apostrophe against spreadsheet formula injection.
    return "'" + s if s.startswith(("=", "-", "+")) else s


def csv_bytes(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue().encode("utf-8")


# ------------------------------------------------------------------ deals
def rand_time(rng, lo, hi):
    span = int((hi - lo).total_seconds())
    t = lo + dt.timedelta(seconds=rng.randrange(span))
    # keep it in office hours, UTC
    return t.replace(hour=rng.randrange(7, 17), minute=rng.randrange(60),
                     second=rng.randrange(60))


def build():
    rng = random.Random(SEED)
    n = 60
    ids, cur = [], 117
    for _ in range(n):
        cur += rng.choice([1, 1, 1, 2, 3])   # gaps: deleted leads are gone
        ids.append(cur)

    deals = []
    for i, lead_id in enumerate(ids):
        created = rand_time(rng, dt.datetime(2023, 1, 3),
                            dt.datetime(2024, 12, 18))
        team = "Direct Sales" if rng.random() < 0.6 else "Channel Partners"
        if team == "Channel Partners":
            company = "Halvorsen Tech Inc."
        else:
            company = ("Halvorsen Tech UK Ltd" if rng.random() < 0.3
                       else "Halvorsen Tech SA")
        account = rng.choice(ACCOUNTS)
        deals.append({
            "id": lead_id, "created": created, "team": team,
            "company": company, "currency": COMPANIES[company],
            "account": account, "customer": account,
            "owner": rng.choice(OWNERS),
            "name": f"{account.split()[0]} - {rng.choice(WHAT)}",
            "amount": float(rng.randrange(20, 900) * 50),
            "source": rng.choice(SOURCES),
            "tags": rng.sample(TAGS, rng.choice([0, 1, 1, 1, 2, 2, 3])),
            "priority": rng.choice(PRIORITIES),
        })
    deals.sort(key=lambda d: d["created"])

    # outcome: older deals are mostly closed, recent ones mostly open
    for d in deals:
        closed_p = 0.78 if d["created"] < dt.datetime(2024, 6, 1) else 0.1
        if rng.random() < closed_p:
            d["outcome"] = "won" if rng.random() < 0.55 else "lost"
        else:
            d["outcome"] = "open"

    plan = {}   # planted quirks, by role -> deal
    opens = [d for d in deals if d["outcome"] == "open"]
    wons = [d for d in deals if d["outcome"] == "won"]
    losts = [d for d in deals if d["outcome"] == "lost"]
    plan["no_history"] = [opens[3], opens[11]]
    plan["disagrees"] = opens[7]
    plan["backwards"] = [opens[5], losts[4]]
    plan["lost_in_won_stage"] = losts[2]
    plan["close_before_created"] = [opens[9], opens[14]]
    plan["blank_amount"] = [opens[2], wons[3], losts[6]]
    plan["zero_amount"] = [wons[6]]           # 0 is written empty by Odoo
    plan["quoted_comma"] = wons[1]
    plan["line_break"] = opens[1]
    plan["formula"] = opens[4]
    plan["contact_customer"] = [wons[1], losts[1]]
    plan["no_customer"] = opens[12]
    plan["midnight"] = deals[21]

    for d in plan["blank_amount"] + plan["zero_amount"]:
        d["amount"] = None
    q = plan["quoted_comma"]
    q["account"] = "Gemini Furniture"
    q["customer"] = "Gemini Furniture, " + CONTACTS["Gemini Furniture"]
    q["name"] = "Desks, chairs and lamps for the new floor"
    c = plan["contact_customer"][1]
    c["account"] = "Lumen Dental"
    c["customer"] = "Lumen Dental, " + CONTACTS["Lumen Dental"]
    plan["line_break"]["name"] = "Warehouse racking\nphase 2 (from the tender)"
    plan["formula"]["name"] = "+15 licences add-on"
    nc = plan["no_customer"]
    nc["account"] = nc["customer"] = ""
    nc["name"] = "Inbound enquiry via website form"
    m = plan["midnight"]
    m["created"] = dt.datetime(2023, 12, 31, 23, 40, 12)   # 00:40 local
    # the midnight deal must be old enough to close
    for d in deals:
        d["tags"].sort(key=TAGS.index)

    # stage paths and their tracked transitions (UTC times)
    for d in deals:
        path = OPEN_PATH[d["team"]]
        if d["outcome"] == "open":
            k = rng.randrange(1, len(path))
            stages = path[:k + 1]
            if rng.random() < 0.35 and k >= 2:   # skip a stage sometimes
                del stages[rng.randrange(1, k)]
            end = EXPORT_UTC - dt.timedelta(days=2)
        else:
            k = rng.randrange(1, len(path))
            stages = [s for j, s in enumerate(path[:k + 1])
                      if j == 0 or j == k or rng.random() < 0.7]
            if d["outcome"] == "won":
                stages.append("Won")
            span = rng.randrange(20, 200)
            end = min(d["created"] + dt.timedelta(days=span),
                      EXPORT_UTC - dt.timedelta(days=5))
        d["path"] = stages
        d["end"] = end

    b1, b2 = plan["backwards"]
    b1["path"] = (["New", "Qualified", "Proposal/Quote", "Qualified",
                   "Proposal/Quote", "Negotiation"]
                  if b1["team"] == "Direct Sales" else
                  ["New", "Id. Decision Makers", "Qualified",
                   "Id. Decision Makers", "Proposal/Quote"])
    b2["path"] = ["New", "Qualified", "Negotiation", "Proposal/Quote"]
    lw = plan["lost_in_won_stage"]
    lw["path"] = ["New", "Qualified", "Proposal/Quote", "Won"]
    for d in plan["no_history"]:
        d["path"] = ["Qualified"] if d is plan["no_history"][0] \
            else ["Proposal/Quote"]
    dis = plan["disagrees"]
    dis["path"] = ["New", "Qualified"]
    dis["current_override"] = "Negotiation"   # moved by an untracked import

    for d in deals:
        p = d["path"]
        times = sorted(rand_time(rng, d["created"] + dt.timedelta(hours=2),
                                 d["end"]) for _ in range(len(p)))
        times = [max(t, d["created"] + dt.timedelta(hours=1)) for t in times]
        for j in range(1, len(times)):      # strictly increasing
            if times[j] <= times[j - 1]:
                times[j] = times[j - 1] + dt.timedelta(minutes=17)
        d["moves"] = [(p[j - 1], p[j], times[j]) for j in range(1, len(p))]
        if d in plan["no_history"]:
            d["moves"] = []
        d["stage"] = d.get("current_override", p[-1])
        if d["outcome"] == "won":
            d["closed"] = d["moves"][-1][2]
        elif d["outcome"] == "lost":
            last = d["moves"][-1][2] if d["moves"] else d["created"]
            d["closed"] = last + dt.timedelta(days=rng.randrange(3, 40),
                                              hours=rng.randrange(0, 6))
            d["closed"] = min(d["closed"], EXPORT_UTC - dt.timedelta(days=1))
            d["lost_reason"] = rng.choice(LOST_REASONS + [""])
        else:
            d["closed"] = None

    # Expected Closing (a date the salesperson typed) and probability
    for d in deals:
        if d["outcome"] == "open":
            d["expected"] = dt.date(2025, 1, 20) + dt.timedelta(
                days=rng.randrange(0, 330))
            d["probability"] = rng.choice(
                [10.0, 20.0, 30.0, 50.0, 70.0,
                 round(rng.uniform(5, 80), 2), round(rng.uniform(5, 80), 2)])
            d["active"] = True
        else:
            base = brussels(d["closed"]).date()
            d["expected"] = (None if rng.random() < 0.15 else
                             base + dt.timedelta(days=rng.randrange(-20, 30)))
            if d["expected"] and d["expected"] < brussels(d["created"]).date():
                d["expected"] = brussels(d["created"]).date() + \
                    dt.timedelta(days=30)
            d["probability"] = 100.0 if d["outcome"] == "won" else 0.0
            d["active"] = d["outcome"] == "won"
    for d, back in zip(plan["close_before_created"], (25, 9)):
        d["expected"] = brussels(d["created"]).date() - dt.timedelta(days=back)
    return deals, plan


def lead_rows(deals):
    # Odoo's default order for crm.lead: priority desc, id desc
    order = sorted(deals, key=lambda d: (-PRIORITY_RANK[d["priority"]],
                                         -d["id"]))
    rows, continuation = [], 0
    for d in order:
        tags = d["tags"]
        rows.append([
            str(d["id"]), odoo_text(d["name"]), d["customer"], d["account"],
            d["owner"], d["team"], d["stage"], fmt_float(d["amount"]),
            d["currency"], fmt_float(d["probability"]), fmt_dt(d["created"]),
            d["expected"].isoformat() if d["expected"] else "",
            fmt_dt(d["closed"]), "True" if d["active"] else "",
            d.get("lost_reason", ""), tags[0] if tags else "", d["source"],
            d["priority"], d["company"],
        ])
        tag_col = LEADS_HEADER.index("Tags")
        for t in tags[1:]:     # many2many: one continuation row per extra tag
            extra = [""] * len(LEADS_HEADER)
            extra[tag_col] = t
            rows.append(extra)
            continuation += 1
    return rows, continuation


def tracking_rows(deals, rng):
    ev = []   # (utc, model, res_id, field, old, new)
    lf = " (Lead/Opportunity)"
    for d in deals:
        for old, new, t in d["moves"]:
            ev.append((t, "crm.lead", d["id"], "Stage" + lf, old, new))
        if d["outcome"] == "lost":
            ev.append((d["closed"], "crm.lead", d["id"], "Active" + lf, "", ""))
            if d.get("lost_reason"):
                ev.append((d["closed"], "crm.lead", d["id"], "Lost Reason" + lf,
                           "", d["lost_reason"]))
        if rng.random() < 0.2 and d["moves"]:
            t = d["moves"][0][2] - dt.timedelta(minutes=rng.randrange(5, 300))
            t = max(t, d["created"] + dt.timedelta(minutes=3))
            ev.append((t, "crm.lead", d["id"], "Expected Revenue" + lf, "", ""))
        if rng.random() < 0.12 and d["moves"]:
            other = rng.choice([o for o in OWNERS if o != d["owner"]])
            t = d["moves"][0][2] + dt.timedelta(minutes=rng.randrange(5, 90))
            ev.append((t, "crm.lead", d["id"], "Salesperson" + lf, other,
                       d["owner"]))
    # other models' tracking, with ids that collide with lead ids
    some = sorted(d["id"] for d in deals)[:4]
    base = dt.datetime(2024, 3, 4, 8, 0, 0)
    ev += [
        (base, "project.task", some[0], "Stage (Task)", "New", "In Progress"),
        (base + dt.timedelta(days=2), "project.task", some[0], "Stage (Task)",
         "In Progress", "Done"),
        (base + dt.timedelta(days=9), "project.task", some[2], "Stage (Task)",
         "New", "In Progress"),
        (base + dt.timedelta(days=30), "sale.order", some[1],
         "Status (Sales Order)", "Quotation", "Quotation Sent"),
        (base + dt.timedelta(days=33), "sale.order", some[1],
         "Status (Sales Order)", "Quotation Sent", "Sales Order"),
        (base + dt.timedelta(days=40), "res.partner", some[3],
         "Salesperson (Contact)", "", "Luca Rossi"),
    ]
    ev.sort(key=lambda e: (e[0], e[2], e[3]))       # creation order = id order
    ev.reverse()                                     # mail.tracking.value: id DESC
    return [[m, str(r), f, o, n, fmt_dt(t)] for t, m, r, f, o, n in ev]


def stage_rows():
    rows = []
    for sid, seq, name, won, fold, team in sorted(STAGES, key=lambda s: (s[1], s[2])):
        rows.append([str(seq), name, "True" if won else "",
                     "True" if fold else "", team, str(sid)])
    return rows


# Settings > Technical > Discuss > Activities (developer mode), the same
# export, with the fields res_model, res_id, res_name, activity_type_id,
# summary, date_deadline and user_id (their labels as headers, as Odoo's
# mail/models/mail_activity.py names them).  Planned activities only: Odoo
# deletes an activity once done (posting a message).  One is planned on a
# contact (res.partner), which a reader of deals' activities leaves out.
ACTIVITIES_HEADER = ["Related Document Model", "Related Document ID", "Document Name", "Activity Type",
                     "Summary", "Due Date", "Assigned to"]


def activity_rows(deals):
    by_name = {d["name"]: d for d in deals}
    planned = [("Kestrel - ERP rollout", "Meeting", "Demo, part 2", "2025-01-22"),
               ("Gemini - ERP rollout", "Call", "Follow up on quote", "2025-01-17")]
    rows = [["crm.lead", str(by_name[name]["id"]), name, kind, summary, due, by_name[name]["owner"]]
            for name, kind, summary, due in planned]
    rows.append(["res.partner", "7", "Gemini Furniture", "Email", "Send the brochure", "2025-01-20", "Anna Weber"])
    return rows


def other_files():
    return {
        "Contact (res.partner).csv": csv_bytes(
            ["Name", "Email", "Phone", "Related Company"],
            [["Edwin Hansen", "edwin.hansen@gemini-furniture.example",
              "+32 2 555 01 23", "Gemini Furniture"],
             ["Gemini Furniture", "info@gemini-furniture.example", "", ""],
             ["Sara Okafor", "sara@lumendental.example", "", "Lumen Dental"]]),
        "Sales Team (crm.team).csv": csv_bytes(
            ["Sales Team", "Team Leader", "Company"],
            [["Direct Sales", "Anna Weber", ""],
             ["Channel Partners", "Priya Nair", "Halvorsen Tech Inc."]]),
    }


# ------------------------------------------------------------------ check
def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def check(expected):
    """Re-derive every fact of expected.json from the files alone."""
    total = 0
    for name in os.listdir(OUT):
        p = os.path.join(OUT, name)
        total += os.path.getsize(p)
        raw = open(p, "rb").read()
        assert not raw.startswith(b"\xef\xbb\xbf"), name
        assert raw.endswith(b"\r\n"), name
        read_csv(p)
    assert total < 60_000, total

    st = read_csv(os.path.join(OUT, STAGES_FILE))
    assert st[0] == STAGES_HEADER
    won_stages = {r[1] for r in st[1:] if r[2] == "True"}
    seq = {r[1]: int(r[0]) for r in st[1:]}

    rows = read_csv(os.path.join(OUT, LEADS_FILE))
    h = rows[0]
    assert h == LEADS_HEADER
    col = {k: i for i, k in enumerate(h)}
    deals = {}
    cont = 0
    for r in rows[1:]:
        assert len(r) == len(h)
        if r[col["ID"]] == "":
            assert all(v == "" for j, v in enumerate(r) if j != col["Tags"])
            cont += 1
            continue
        deals[int(r[col["ID"]])] = r
    assert cont == expected["continuation_rows"]
    kind = {}
    for i, r in deals.items():
        if r[col["Active"]] == "":
            kind[i] = "lost"
            assert r[col["Probability"]] == "0.0"
        elif r[col["Stage"]] in won_stages:
            kind[i] = "won"
        else:
            kind[i] = "open"
    assert expected["deals"] == len(deals)
    for k in ("won", "lost", "open"):
        assert expected[k] == sum(1 for v in kind.values() if v == k), k
    assert expected["currencies"] == sorted({r[col["Currency"]] for r in deals.values()})
    assert expected["blank_amount"] == sorted(
        i for i, r in deals.items() if r[col["Expected Revenue"]] == "")
    assert expected["zero_amount"] == sorted(
        i for i, r in deals.items() if r[col["Expected Revenue"]] in ("0.0", "0"))

    def close_date(i, r):
        if kind[i] != "open":
            return r[col["Closed Date"]][:10]
        return r[col["Expected Closing"]]
    cbc = sorted(i for i, r in deals.items()
                 if close_date(i, r) and close_date(i, r) < r[col["Created on"]][:10])
    assert expected["close_before_created"] == cbc, cbc
    for i, r in deals.items():
        if kind[i] == "open":
            assert r[col["Closed Date"]] == ""

    tr = read_csv(os.path.join(OUT, TRACKING_FILE))
    assert tr[0] == TRACKING_HEADER
    hist = {}
    for m, rid, field, old, new, when in tr[1:]:
        if m == "crm.lead" and field.startswith("Stage ("):
            hist.setdefault(int(rid), []).append((when, old, new))
    for v in hist.values():
        v.sort()
    assert set(hist) <= set(deals)
    assert expected["no_history"] == sorted(set(deals) - set(hist))
    assert expected["history_disagrees"] == sorted(
        i for i, v in hist.items() if v[-1][2] != deals[i][col["Stage"]])
    for i, v in hist.items():   # each move starts where the previous ended
        for a, b in zip(v, v[1:]):
            assert a[2] == b[1], i
            assert a[0] <= b[0], i
        assert v[0][0] >= deals[i][col["Created on"]], i
    back = sorted(i for i, v in hist.items()
                  if any(seq[n] < seq[o] for _, o, n in v
                         if o not in won_stages and n not in won_stages))
    assert expected["went_backwards"] == back, back
    used = {r[col["Stage"]] for r in deals.values()}
    for v in hist.values():
        for _, o, n in v:
            used |= {o, n}
    assert expected["unused_stages"] == sorted(set(seq) - used)
    assert expected["lost_in_won_stage"] == sorted(
        i for i in deals if kind[i] == "lost" and deals[i][col["Stage"]] in won_stages)
    q = deals[expected["quoted_comma"]]
    assert "," in q[col["Customer"]]
    assert "\n" in deals[expected["line_break"]][col["Opportunity"]]
    assert deals[expected["formula_prefixed"]][col["Opportunity"]].startswith("'+")
    # the midnight deal: created on New Year's Eve in UTC, 2024 locally
    assert deals[expected["created_across_midnight"]][col["Created on"]].startswith(
        "2024-01-01 00:")


def main():
    deals, plan = build()
    rng = random.Random(SEED + 1)
    leads, continuation = lead_rows(deals)
    files = {
        LEADS_FILE: csv_bytes(LEADS_HEADER, leads),
        STAGES_FILE: csv_bytes(STAGES_HEADER, stage_rows()),
        TRACKING_FILE: csv_bytes(TRACKING_HEADER, tracking_rows(deals, rng)),
    }
    files[ACTIVITIES_FILE] = csv_bytes(ACTIVITIES_HEADER, activity_rows(deals))
    files.update(other_files())

    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)

    ids = lambda ds: sorted(d["id"] for d in ds)
    kinds = [d["outcome"] for d in deals]
    used = {d["stage"] for d in deals} | {s for d in deals for m in d["moves"]
                                          for s in m[:2]}
    expected = {
        "export_file": LEADS_FILE,
        "stages_file": STAGES_FILE,
        "history_file": TRACKING_FILE,
        "activities_file": ACTIVITIES_FILE,
        "activities": 2,
        "ignore_files": sorted(OTHER_FILES),
        "deals": len(deals),
        "deleted": [],
        "won": kinds.count("won"),
        "lost": kinds.count("lost"),
        "open": kinds.count("open"),
        "currencies": sorted({d["currency"] for d in deals}),
        "blank_amount": ids(plan["blank_amount"] + plan["zero_amount"]),
        "zero_amount": [],
        "close_before_created": ids(plan["close_before_created"]),
        "no_history": ids(plan["no_history"]),
        "history_disagrees": ids([plan["disagrees"]]),
        "went_backwards": ids(plan["backwards"]),
        "unused_stages": sorted(s[2] for s in STAGES if s[2] not in used),
        "currency_without_rate": [],
        "quoted_comma": plan["quoted_comma"]["id"],
        "line_break": plan["line_break"]["id"],
        "continuation_rows": continuation,
        "lost_in_won_stage": ids([plan["lost_in_won_stage"]]),
        "formula_prefixed": plan["formula"]["id"],
        "contact_person_customer": ids(plan["contact_customer"]),
        "no_customer": ids([plan["no_customer"]]),
        "created_across_midnight": plan["midnight"]["id"],
        "zero_amount_written_blank": ids(plan["zero_amount"]),
        "notes": (
            "Odoo 17, non-import-compatible CSV export, user time zone "
            "Europe/Brussels. Lost = Active empty (archived) with Probability "
            "0.0; the Stage stays where the deal was lost (deal "
            f"{plan['lost_in_won_stage']['id']} was lost in the Won stage). "
            "Won = Stage whose 'Is Won Stage?' is True in the stages export. "
            "Open = active, not in a won stage. Close date: Closed Date (a "
            "local datetime) for won and lost deals, Expected Closing for "
            "open ones. Odoo writes a Monetary of 0 as an empty cell, so a "
            "zero amount cannot be told from a missing one: deal "
            f"{plan['zero_amount'][0]['id']} was 0 and is listed under "
            "blank_amount. Rows with an empty ID are continuation rows of "
            "the deal above, holding one more tag each. History: rows of "
            "the tracking export with Related Document Model crm.lead and a "
            "Field starting 'Stage (' (Odoo 17 writes 'Stage "
            "(Lead/Opportunity)', Odoo 16 'Stage (crm.lead)'); the first "
            "stage is never tracked: it is the Old Value Char of the first "
            "row, entered at Created on (or the current stage when there is "
            "no row). Tracking rows come newest first. Deals "
            + ", ".join(str(d["id"]) for d in plan["no_history"])
            + " were imported into their stage, deal "
            f"{plan['disagrees']['id']} moved by an import without "
            "tracking. Pipeline = Sales Team; a stage with an empty Sales "
            "Team belongs to every team. No exchange rates are exported."),
    }
    with open(EXPECTED, "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=2)
        f.write("\n")
    check(expected)
    print(f"wrote {OUT} ({len(files)} files) and {EXPECTED}: "
          f"{expected['deals']} deals, {expected['won']} won, "
          f"{expected['lost']} lost, {expected['open']} open")


if __name__ == "__main__":
    main()
