#!/usr/bin/env python3
"""Write tests/data/crm/dynamics365/: a Dynamics 365 Sales opportunity export.

Layout (see docs/crm/dynamics365.md): Dataverse Web API rows (logical column
names, raw values, and `<column>@OData.Community.Display.V1.FormattedValue`
companion columns) flattened one property per CSV column, as an export tool
writes them from `GET /api/data/v9.2/opportunities` with
`Prefer: odata.include-annotations="OData.Community.Display.V1.FormattedValue"`.
Stage history comes from the audit log (RetrieveRecordChangeHistory), one row
per changed column. Currencies and rates come from the transactioncurrency table.

Bytes: UTF-8 with a byte order mark, CRLF between records, a bare LF inside a
multi-line memo value, fields quoted only when they must be (RFC 4180).

Deterministic: a fixed seed, no clock, stdlib only. Run `python3
generate_dynamics365.py`; it rewrites the folder and the expected JSON, then
re-reads them with the csv module and checks every number in the JSON.
"""

import csv
import datetime as dt
import json
import os
import random
import shutil

SEED = 20250115
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "dynamics365")
EXPECTED = os.path.join(HERE, "dynamics365.expected.json")
STAGES_HELPER = os.path.join(HERE, "dynamics365.stages.csv")
EXPORT_DAY = dt.date(2025, 1, 15)
FV = "@OData.Community.Display.V1.FormattedValue"

rng = random.Random(SEED)

# ---------------------------------------------------------------- helpers


def guid(tag="ee11"):
    """A GUID shaped like the sequential ones Dataverse hands out."""
    g4 = rng.choice(["8847", "a815", "b596", "a7c7", "8eb7"])
    g5 = rng.choice(["000d3a", "6045bd", "002248"]) + "%06x" % rng.getrandbits(24)
    return "%08x-%04x-%s-%s-%s" % (rng.getrandbits(32), rng.getrandbits(16), tag, g4, g5)


def iso_z(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def us_pacific(t_utc):
    """UTC -> US Pacific wall time (the exporting user's zone), DST rules since 2007."""
    y = t_utc.year

    def nth_sunday(month, n):
        d = dt.date(y, month, 1)
        d += dt.timedelta(days=(6 - d.weekday()) % 7)
        return d + dt.timedelta(weeks=n - 1)

    dst_start = dt.datetime.combine(nth_sunday(3, 2), dt.time(10, 0))  # 02:00 PST
    dst_end = dt.datetime.combine(nth_sunday(11, 1), dt.time(9, 0))    # 02:00 PDT
    offset = -7 if dst_start <= t_utc < dst_end else -8
    return t_utc + dt.timedelta(hours=offset)


def fmt_local_datetime(t_utc):
    t = us_pacific(t_utc)
    hour = t.hour % 12 or 12
    return "%d/%d/%d %d:%02d %s" % (t.month, t.day, t.year, hour, t.minute,
                                    "AM" if t.hour < 12 else "PM")


def fmt_date(d):
    return "%d/%d/%d" % (d.month, d.day, d.year)


def money_raw(x):
    return "%.10f" % x


def money_fv(x, symbol):
    return "%s%s" % (symbol, "{:,.2f}".format(x))


def rate_raw(x):
    return "%.12f" % x


def csv_field(v):
    v = "" if v is None else str(v)
    if any(c in v for c in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def write_csv(path, header, rows):
    lines = [",".join(csv_field(h) for h in header)]
    for r in rows:
        assert len(r) == len(header), (path, r)
        lines.append(",".join(csv_field(v) for v in r))
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    with open(path, "wb") as f:
        f.write(b"\xef\xbb\xbf" + data)


etag_counter = [3270000]


def etag():
    etag_counter[0] += rng.randint(40, 900)
    return 'W/"%d"' % etag_counter[0]


# ---------------------------------------------------------------- reference data

OWNERS = [(guid("ed11"), n) for n in
          ["Nancy Anderson", "Alan Steiner", "Renee Lo", "Dan Park"]]

ACCOUNTS = [(guid("ed11"), n) for n in [
    "Fabrikam, Inc.", "Contoso Pharmaceuticals", "Adventure Works Cycles",
    "Alpine Ski House", "Coho Winery", "Litware, Inc.", "Northwind Traders",
    "Tailspin Toys"]]

# code, name, symbol, current rate (units per 1 USD), in transactioncurrency.csv?
CURRENCIES = {
    "USD": dict(id=guid("ed11"), name="US Dollar", symbol="$", rate=1.0, exported=True),
    "EUR": dict(id=guid("ed11"), name="Euro", symbol="\u20ac", rate=0.9261, exported=True),
    "GBP": dict(id=guid("ed11"), name="Pound Sterling", symbol="\u00a3", rate=0.7884, exported=True),
    # deactivated in 2024: absent from the 'Active Currencies' export
    "CHF": dict(id=guid("ed11"), name="Swiss Franc", symbol="CHF", rate=0.8846, exported=False),
}

CAMPAIGNS = [(guid("ed11"), n) for n in [
    "Spring Webinar Series 2023", "Hannover Messe 2024 - Booth Leads",
    "Partner Referral Program", "Customer Upsell Q3 2024"]]

# Pipeline Phase (stepname): "<n>-<stage category label>"; the org renamed and
# added stage categories, hence the dot and the slash.
STAGES = ["1-Qualify", "2-Id. Decision Makers", "3-Develop",
          "4-Proposal/Price Quote", "5-Close"]
STAGE_PROB = [10, 25, 40, 60, 80]
FORECAST = {100000001: "Pipeline", 100000002: "Best case", 100000003: "Committed",
            100000004: "Omitted", 100000005: "Won", 100000006: "Lost"}
STATE = {0: "Open", 1: "Won", 2: "Lost"}
STATUS = {1: "In Progress", 2: "On Hold", 3: "Won", 4: "Canceled", 5: "Out-Sold"}

PRODUCTS = ["Data Platform Renewal", "Cellar Sensor Rollout", "Fleet Telematics",
            "ERP Connector", "Field Service Tablets", "Analytics Workshop",
            "Security Assessment", "Warehouse Scanners", "Support Contract 3y",
            "Cloud Migration", "Point of Sale Upgrade", "Training Package",
            "Sales Kiosk Pilot", "Lab Equipment Lease"]

# ---------------------------------------------------------------- deals

N_ROWS = 56          # rows in opportunity.csv
OUTCOMES = ["won"] * 15 + ["lost"] * 13 + ["open"] * 28
rng.shuffle(OUTCOMES)


def rand_time(lo, hi):
    """A random UTC datetime between two datetimes."""
    span = int((hi - lo).total_seconds())
    return lo + dt.timedelta(seconds=rng.randint(0, max(span, 0)))


def business_time(day):
    return dt.datetime.combine(day, dt.time(rng.randint(14, 23), rng.randint(0, 59),
                                            rng.randint(0, 59)))


def pick_currency():
    r = rng.random()
    return "USD" if r < 0.62 else "EUR" if r < 0.87 else "GBP"


deals = []
for i in range(N_ROWS):
    outcome = OUTCOMES[i]
    if outcome == "open":
        created_day = dt.date(2023, 2, 1) + dt.timedelta(days=rng.randint(0, 680))
    else:
        created_day = dt.date(2023, 2, 1) + dt.timedelta(days=rng.randint(0, 560))
    created = business_time(created_day)
    cur = pick_currency()
    amount = rng.choice([rng.randint(10, 500) * 500, rng.randint(50, 900) * 100])
    deal = dict(
        id=guid(rng.choice(["ed11", "ee11", "ef11"])), outcome=outcome,
        created=created, currency=cur, amount=float(amount),
        owner=rng.choice(OWNERS), account=rng.choice(ACCOUNTS),
        campaign=rng.choice(CAMPAIGNS) if rng.random() < 0.6 else None,
        product=rng.choice(PRODUCTS), description=None, status=None,
        history=True, backwards=False, disagree=False, close_before=False,
        on_hold=False,
    )
    deals.append(deal)

by_outcome = {k: [d for d in deals if d["outcome"] == k] for k in ("won", "lost", "open")}

# --- planted quirks on fixed deals
q_no_history = by_outcome["open"][0:2]
for k, d in enumerate(q_no_history):        # imported in January 2023, auditing off, never touched
    d["created"] = business_time(dt.date(2023, 1, 9 + 7 * k))
    d["history"] = False
q_disagree = by_outcome["open"][2]
q_disagree["disagree"] = True
q_back_open = by_outcome["open"][3]
q_back_lost = by_outcome["lost"][0]
q_back_open["backwards"] = q_back_lost["backwards"] = True
q_blank = [by_outcome["open"][4], by_outcome["open"][5], by_outcome["lost"][1]]
q_zero = [by_outcome["open"][6], by_outcome["lost"][2]]
q_close_before = [by_outcome["won"][0], by_outcome["lost"][3]]
for d in q_close_before:
    d["close_before"] = True
q_chf = by_outcome["won"][1]
q_chf["currency"] = "CHF"
q_chf["created"] = business_time(dt.date(2023, 4, 18))
q_on_hold = [by_outcome["open"][7], by_outcome["open"][8]]
for d in q_on_hold:
    d["on_hold"] = True
q_comma = by_outcome["open"][9]
q_linebreak = by_outcome["won"][2]
q_quote = by_outcome["lost"][4]

for d in q_blank:
    d["amount"] = None
for d in q_zero:
    d["amount"] = 0.0

export_cutoff = dt.datetime(2025, 1, 14, 23, 0, 0)

for d in deals:
    c = d["created"]
    # stage path (indices into STAGES) and the times they were entered
    if d["outcome"] == "open":
        last = rng.randint(0, 4)
        if d is q_disagree:
            last = 2                                  # audit ends at 3-Develop ...
        if d is q_back_open:
            path = [0, 1, 2, 3, 1, 2]                 # 4 then back to 2
        else:
            path = list(range(0, last + 1))
        end = min(export_cutoff, c + dt.timedelta(days=rng.randint(60, 420)))
        close_t = None
    else:
        days = rng.randint(25, 230)
        close_t = min(c + dt.timedelta(days=days), dt.datetime(2025, 1, 10, 18, 0, 0))
        if close_t <= c + dt.timedelta(days=2):
            close_t = c + dt.timedelta(days=3)
        if d["outcome"] == "won":
            last = rng.randint(3, 4)
        else:
            last = rng.randint(0, 4)
        if d is q_back_lost:
            path = [0, 1, 2, 3, 2]                    # 4 then back to 3, then lost
        else:
            path = list(range(0, last + 1))
        end = close_t - dt.timedelta(hours=rng.randint(2, 72))
    # entry times: first stage at creation, then sorted random times
    times = sorted(rand_time(c + dt.timedelta(hours=1), end) for _ in path[1:])
    d["path"] = path
    d["entered"] = [c] + times
    d["close_t"] = close_t
    d["stage"] = STAGES[path[-1]]
    if d is q_disagree:
        d["stage"] = STAGES[3]                        # ... but the record says 4-Proposal/Price Quote

    # dates and values
    if d["outcome"] == "open":
        d["est_close"] = dt.date(2025, 1, 20) + dt.timedelta(days=rng.randint(0, 330))
        d["act_close"] = None
        d["state"], d["status"] = 0, (2 if d["on_hold"] else 1)
        idx = path[-1] if d is not q_disagree else 3
        d["prob"] = max(5, STAGE_PROB[idx] + rng.choice([-5, 0, 0, 5]))
        d["forecast"] = (100000004 if d["on_hold"] else
                         100000001 if idx <= 1 else 100000002 if idx <= 3 else 100000003)
    else:
        d["act_close"] = close_t.date()
        if d["close_before"]:
            d["act_close"] = c.date() - dt.timedelta(days=rng.randint(3, 12))
        d["est_close"] = d["act_close"] + dt.timedelta(days=rng.randint(-40, 60))
        if d["outcome"] == "won":
            d["state"], d["status"], d["prob"], d["forecast"] = 1, 3, 100, 100000005
        else:
            d["state"], d["status"], d["prob"], d["forecast"] = (
                2, rng.choice([4, 5]), 0, 100000006)
    base = CURRENCIES[d["currency"]]["rate"]
    d["rate"] = 1.0 if d["currency"] == "USD" else round(base * (1 + rng.uniform(-0.03, 0.03)), 4)
    if d["outcome"] == "won" and d["amount"] is not None:
        d["actual"] = d["amount"] if rng.random() < 0.7 else round(d["amount"] * rng.uniform(0.85, 1.0), -2)
    else:
        d["actual"] = None
    d["name"] = "%s - %s" % (d["account"][1].split(",")[0], d["product"])

# texts
q_comma["name"] = "Northwind Traders - Scanners, Printers and Labels"
q_linebreak["description"] = "Phase 1: two pilot sites in March.\nPhase 2: all 14 stores after sign-off."
q_quote["description"] = 'Customer said "not this fiscal year"; revisit in Q3.'
for d in rng.sample([d for d in deals if d["description"] is None], 8):
    d["description"] = rng.choice([
        "Follow-up after discovery call.", "Budget approved by finance.",
        "Competing with incumbent vendor.", "Needs legal review of the MSA.",
        "Renewal of the existing agreement."])

# two deals that were deleted: they exist only in the audit log
deleted = []
for k in range(2):
    c = business_time(dt.date(2023, 6, 5) + dt.timedelta(days=200 * k))
    d = dict(id=guid("ee11"), created=c, owner=rng.choice(OWNERS), path=[0, 1],
             entered=[c, c + dt.timedelta(days=9, hours=3)], outcome="deleted",
             deleted_t=c + dt.timedelta(days=40 + 20 * k, hours=5), history=True)
    deleted.append(d)

# ---------------------------------------------------------------- opportunity.csv

OPP_HEADER = [
    "@odata.etag", "name",
    "statecode" + FV, "statecode", "statuscode" + FV, "statuscode", "stepname",
    "closeprobability" + FV, "closeprobability",
    "msdyn_forecastcategory" + FV, "msdyn_forecastcategory",
    "estimatedvalue" + FV, "estimatedvalue", "actualvalue" + FV, "actualvalue",
    "estimatedclosedate" + FV, "estimatedclosedate",
    "actualclosedate" + FV, "actualclosedate",
    "createdon" + FV, "createdon", "exchangerate" + FV, "exchangerate",
    "_ownerid_value" + FV, "_ownerid_value",
    "_customerid_value" + FV, "_customerid_value",
    "_transactioncurrencyid_value" + FV, "_transactioncurrencyid_value",
    "_campaignid_value" + FV, "_campaignid_value",
    "description", "opportunityid",
]

# the Web API returns rows in primary-key order when no $orderby is given
deals.sort(key=lambda d: d["id"])

opp_rows = []
for d in deals:
    cur = CURRENCIES[d["currency"]]
    amt, act = d["amount"], d["actual"]
    opp_rows.append([
        etag(), d["name"],
        STATE[d["state"]], d["state"], STATUS[d["status"]], d["status"], d["stage"],
        str(d["prob"]), d["prob"],
        FORECAST[d["forecast"]], d["forecast"],
        money_fv(amt, cur["symbol"]) if amt is not None else "",
        money_raw(amt) if amt is not None else "",
        money_fv(act, cur["symbol"]) if act is not None else "",
        money_raw(act) if act is not None else "",
        fmt_date(d["est_close"]), d["est_close"].isoformat(),
        fmt_date(d["act_close"]) if d["act_close"] else "",
        d["act_close"].isoformat() if d["act_close"] else "",
        fmt_local_datetime(d["created"]), iso_z(d["created"]),
        rate_raw(d["rate"]), rate_raw(d["rate"]),
        d["owner"][1], d["owner"][0],
        d["account"][1], d["account"][0],
        cur["name"], cur["id"],
        d["campaign"][1] if d["campaign"] else "", d["campaign"][0] if d["campaign"] else "",
        d["description"] or "", d["id"],
    ])

# ---------------------------------------------------------------- audit.csv

AUDIT_HEADER = [
    "auditid", "createdon", "operation", "action",
    "_objectid_value", "_userid_value" + FV,
    "attributelogicalname", "oldvalue", "newvalue",
]


def audit_rows_for(d):
    """Audit rows of one deal, oldest first: (time, op, action, label, attr, old, new)."""
    out = [(d["created"], 1, 1, "Create", "", "", "")]
    path, entered = d["path"], d["entered"]
    for j in range(1, len(path)):
        out.append((entered[j], 2, 2, "Update", "stepname", STAGES[path[j - 1]], STAGES[path[j]]))
    if d.get("on_hold"):
        t = rand_time(entered[-1] + dt.timedelta(hours=1), export_cutoff)
        out.append((t, 2, 2, "Update", "statuscode", "In Progress", "On Hold"))
    if d["outcome"] in ("won", "lost"):
        label = "Win" if d["outcome"] == "won" else "Lose"
        new_state = "Won" if d["outcome"] == "won" else "Lost"
        act = 44 if d["outcome"] == "won" else 45
        out.append((d["close_t"], 2, act, label, "statecode", "Open", new_state))
        if d["outcome"] == "lost":           # the reason: Canceled or Out-Sold
            out.append((d["close_t"], 2, act, label, "statuscode", "In Progress", STATUS[d["status"]]))
    if d["outcome"] == "deleted":
        out.append((d["deleted_t"], 3, 3, "Delete", "", "", ""))
    return out


audit_rows = []
for d in deals + deleted:
    if not d["history"]:
        continue
    events = audit_rows_for(d)
    ids = {}
    user = d["owner"][1]
    per_deal = []
    for (t, op, act, label, attr, old, new) in events:
        key = (t, op, act)
        if key not in ids:                     # Win/Lose: one audit record, two columns
            ids[key] = guid("ef11")
        per_deal.append([ids[key], iso_z(t), op, act, d["id"], user,
                         attr, old, new])
    # the change history comes back newest first
    per_deal.sort(key=lambda r: r[1], reverse=True)
    audit_rows.extend(per_deal)

# ---------------------------------------------------------------- other tables

CUR_HEADER = ["@odata.etag", "currencyname", "isocurrencycode", "currencysymbol",
              "exchangerate" + FV, "exchangerate", "statecode" + FV, "statecode",
              "transactioncurrencyid"]
cur_rows = []
for code in ["USD", "EUR", "GBP", "CHF"]:
    c = CURRENCIES[code]
    if not c["exported"]:
        continue
    cur_rows.append([etag(), c["name"], code, c["symbol"], rate_raw(c["rate"]),
                     rate_raw(c["rate"]), "Active", 0, c["id"]])

ACC_HEADER = ["@odata.etag", "name", "telephone1", "address1_city",
              "createdon" + FV, "createdon", "accountid"]
acc_rows = []
for (aid, name), (tel, city) in zip(ACCOUNTS[:3], [("425-555-0110", "Redmond"),
                                                   ("+49 30 5550 1122", "Berlin"),
                                                   ("206-555-0173", "Seattle")]):
    t = business_time(dt.date(2022, 11, 3) + dt.timedelta(days=rng.randint(0, 60)))
    acc_rows.append([etag(), name, tel, city, fmt_local_datetime(t), iso_z(t), aid])

CON_HEADER = ["@odata.etag", "fullname", "emailaddress1", "_parentcustomerid_value" + FV,
              "_parentcustomerid_value", "contactid"]
con_rows = [
    [etag(), "Cacilia Viera", "cacilia@alpineskihouse.com", ACCOUNTS[3][1], ACCOUNTS[3][0], guid("ed11")],
    [etag(), "Jim Glynn", "jim@cohowinery.com", ACCOUNTS[4][1], ACCOUNTS[4][0], guid("ed11")],
]

LEAD_HEADER = ["@odata.etag", "subject", "statecode" + FV, "statecode",
               "leadsourcecode" + FV, "leadsourcecode", "createdon", "leadid"]
lead_rows = [
    [etag(), "Interested in kiosks", "Open", 0, "Web", 8, "2024-11-28T16:02:11Z", guid("ef11")],
    [etag(), "Trade show contact", "Qualified", 1, "Trade Show", 7, "2024-04-17T09:45:50Z", guid("ef11")],
]

CALL_HEADER = ["@odata.etag", "subject", "scheduledend", "_regardingobjectid_value", "activityid"]
call_rows = [
    [etag(), "Discovery call", "2024-10-02T17:30:00Z", deals[0]["id"], guid("ef11")],
    [etag(), "Pricing follow-up", "2024-12-11T20:00:00Z", deals[1]["id"], guid("ef11")],
]

# ---------------------------------------------------------------- write

if os.path.isdir(OUT):
    shutil.rmtree(OUT)
os.makedirs(OUT)
write_csv(os.path.join(OUT, "opportunity.csv"), OPP_HEADER, opp_rows)
write_csv(os.path.join(OUT, "audit.csv"), AUDIT_HEADER, audit_rows)
write_csv(os.path.join(OUT, "transactioncurrency.csv"), CUR_HEADER, cur_rows)
write_csv(os.path.join(OUT, "account.csv"), ACC_HEADER, acc_rows)
write_csv(os.path.join(OUT, "contact.csv"), CON_HEADER, con_rows)
write_csv(os.path.join(OUT, "lead.csv"), LEAD_HEADER, lead_rows)
write_csv(os.path.join(OUT, "phonecall.csv"), CALL_HEADER, call_rows)

# Stage table a preset can start from. NOT part of the export: Dataverse has no
# per-stage probability; these are the fixture's assumptions (see the doc).
with open(STAGES_HELPER, "wb") as f:
    lines = ["pipeline,stage,order,probability,kind"]
    for k, (s, p) in enumerate(zip(STAGES, STAGE_PROB)):
        lines.append("Opportunity Sales Process,%s,%d,%s,open" % (s, k + 1, p / 100))
    lines.append("Opportunity Sales Process,Won,6,1,won")
    lines.append("Opportunity Sales Process,Lost,7,0,lost")
    f.write(("\n".join(lines) + "\n").encode("utf-8"))

expected = {
    "deals": len(deals),
    "deleted": sorted(d["id"] for d in deleted),
    "won": len(by_outcome["won"]),
    "lost": len(by_outcome["lost"]),
    "open": len(by_outcome["open"]),
    "currencies": ["CHF", "EUR", "GBP", "USD"],
    "blank_amount": sorted(d["id"] for d in q_blank),
    "zero_amount": sorted(d["id"] for d in q_zero),
    "close_before_created": sorted(d["id"] for d in q_close_before),
    "no_history": sorted(d["id"] for d in q_no_history),
    "history_disagrees": [q_disagree["id"]],
    "went_backwards": sorted([q_back_open["id"], q_back_lost["id"]]),
    "unused_stages": [],
    "currency_without_rate": ["CHF"],
    "quoted_comma": q_comma["id"],
    "line_break": q_linebreak["id"],
    "notes": (
        "Dynamics 365 Sales via the Dataverse Web API, flattened to CSV by the export tool: "
        "opportunity.csv (one row per opportunity), audit.csv (change history: one row per changed "
        "column of each audit record, newest first per deal), transactioncurrency.csv (ISO codes and "
        "rates); account.csv, contact.csv, lead.csv, phonecall.csv are to be ignored. Ids are "
        "opportunityid GUIDs. Raw values sit next to '<col>@OData.Community.Display.V1.FormattedValue' "
        "columns: use the raw ones (the formatted createdon is US Pacific local time; formatted money "
        "has symbols and thousands separators). Won/lost from statecode (0 Open, 1 Won, 2 Lost); open "
        "stage from stepname ('1-Qualify' .. '5-Close'); the export carries no stage table, so "
        "unused_stages is empty (dynamics365.stages.csv is a helper, not export). Amount is "
        "estimatedvalue (actualvalue is also set on won deals). Dataverse deletes are hard deletes: the "
        "two deleted deals are not in opportunity.csv; they appear only in audit.csv (operation 3) and "
        "their history rows must be dropped. History: stage entered = audit createdon of each "
        "stepname change (first stage = oldvalue of the first change, at opportunity createdon; "
        "statecode change = Won/Lost). Currency: _transactioncurrencyid_value -> "
        "transactioncurrency.csv isocurrencycode; CHF ('Swiss Franc', a deactivated currency) is not "
        "in transactioncurrency.csv, so it has no rate (its rows still carry a per-record "
        "exchangerate). exchangerate is units of the currency per 1 USD (base): invert it for "
        "fx_rates.csv. Dates: estimatedclosedate/actualclosedate YYYY-MM-DD; createdon "
        "YYYY-MM-DDTHH:MM:SSZ (UTC). UTF-8 with BOM, CRLF, LF inside the multi-line description."),
}
with open(EXPECTED, "wb") as f:
    f.write((json.dumps(expected, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))

# ---------------------------------------------------------------- self-check


def read(name):
    with open(os.path.join(OUT, name), "rb") as f:
        raw = f.read()
    assert raw.startswith(b"\xef\xbb\xbf"), name
    assert b"\r\n" in raw, name
    with open(os.path.join(OUT, name), newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def check():
    exp = json.load(open(EXPECTED, encoding="utf-8"))
    opp = read("opportunity.csv")
    aud = read("audit.csv")
    curs = read("transactioncurrency.csv")
    for other in ("account.csv", "contact.csv", "lead.csv", "phonecall.csv"):
        assert 1 <= len(read(other)) <= 3
    ids = [r["opportunityid"] for r in opp]
    assert len(ids) == len(set(ids)) == exp["deals"]
    states = [r["statecode"] for r in opp]
    assert states.count("1") == exp["won"] and states.count("2") == exp["lost"]
    assert states.count("0") == exp["open"]
    assert exp["won"] + exp["lost"] + exp["open"] == exp["deals"]
    for r in opp:
        assert STATE[int(r["statecode"])] == r["statecode" + FV]
        if r["statecode"] != "0":
            assert r["actualclosedate"], r["opportunityid"]
            assert r["estimatedclosedate"] >= "2023"
        else:
            assert r["estimatedclosedate"].startswith("2025") and not r["actualclosedate"]
        assert r["createdon"].endswith("Z") and "2023-01-01" <= r["createdon"][:10] <= "2024-12-31"
        assert r["stepname"] in STAGES
    assert sorted(r["opportunityid"] for r in opp if r["estimatedvalue"] == "") == exp["blank_amount"]
    assert sorted(r["opportunityid"] for r in opp
                  if r["estimatedvalue"] and float(r["estimatedvalue"]) == 0) == exp["zero_amount"]
    assert sorted(r["opportunityid"] for r in opp
                  if r["actualclosedate"] and r["actualclosedate"] < r["createdon"][:10]) \
        == exp["close_before_created"]
    # currencies
    rates = {r["transactioncurrencyid"]: r["isocurrencycode"] for r in curs}
    name_to_code = {c["name"]: k for k, c in CURRENCIES.items()}
    used = {name_to_code[r["_transactioncurrencyid_value" + FV]] for r in opp}
    assert sorted(used) == exp["currencies"]
    without = sorted({name_to_code[r["_transactioncurrencyid_value" + FV]] for r in opp
                      if r["_transactioncurrencyid_value"] not in rates})
    assert without == exp["currency_without_rate"]
    for r in opp:
        if r["_transactioncurrencyid_value"] in rates and r["estimatedvalue"]:
            assert rates[r["_transactioncurrencyid_value"]] == name_to_code[
                r["_transactioncurrencyid_value" + FV]]
    # texts
    assert "," in next(r for r in opp if r["opportunityid"] == exp["quoted_comma"])["name"]
    assert "\n" in next(r for r in opp if r["opportunityid"] == exp["line_break"])["description"]
    assert sum("\n" in r["description"] for r in opp) == 1
    # history
    by_deal = {}
    for r in aud:
        by_deal.setdefault(r["_objectid_value"], []).append(r)
    assert sorted(set(by_deal) - set(ids)) == exp["deleted"]
    for did in exp["deleted"]:
        assert any(r["operation"] == "3" for r in by_deal[did])
    assert sorted(set(ids) - set(by_deal)) == exp["no_history"]
    disagree, backwards = [], []
    for did, rows in by_deal.items():
        if did in exp["deleted"]:
            continue
        rows = sorted(rows, key=lambda r: r["createdon"])
        assert rows[0]["operation"] == "1"
        steps = [r for r in rows if r["attributelogicalname"] == "stepname"]
        current = next(r for r in opp if r["opportunityid"] == did)
        seq = [steps[0]["oldvalue"]] if steps else [current["stepname"]]
        seq += [r["newvalue"] for r in steps]
        for a, b in zip(steps, steps[1:]):      # each change starts where the last ended
            assert a["newvalue"] == b["oldvalue"], did
        if steps:
            assert steps[0]["oldvalue"] == STAGES[0], did
        if seq[-1] != current["stepname"]:
            disagree.append(did)
        idx = [STAGES.index(s) for s in seq]
        if any(b < a for a, b in zip(idx, idx[1:])):
            backwards.append(did)
        closes = [r for r in rows if r["attributelogicalname"] == "statecode"]
        if current["statecode"] == "0":
            assert not closes
        else:
            assert len(closes) == 1 and closes[0]["newvalue"] == current["statecode" + FV]
            assert closes[0]["createdon"] >= rows[0]["createdon"]
        for a, b in zip(rows, rows[1:]):
            assert a["createdon"] <= b["createdon"]
    assert sorted(disagree) == exp["history_disagrees"], disagree
    assert sorted(backwards) == exp["went_backwards"], backwards
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    assert total < 61 * 1024, total
    return total


if __name__ == "__main__":
    size = check()
    print("wrote %s (%d bytes), %s" % (OUT, size, EXPECTED))
