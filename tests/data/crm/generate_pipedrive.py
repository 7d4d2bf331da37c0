#!/usr/bin/env python3
"""Writes tests/data/crm/pipedrive/: a Pipedrive deals export ("Export filter
results" from the Deals list view, CSV), as Pipedrive lays it out, plus two
unrelated exports a reader must ignore, and tests/data/crm/pipedrive.expected.json.

Deterministic (seeded), stdlib only. Run: python3 generate_pipedrive.py
The layout and every assumption are described in docs/crm/pipedrive.md.

Byte-level choices (assumptions where Pipedrive documents nothing):
UTF-8 without a byte order mark, comma separator, a field is quoted only
when it holds a comma, a quote or a line break, records end with LF.
"""

import csv
import datetime as dt
import io
import json
import os
import random
import shutil
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "pipedrive")
EXPECTED = os.path.join(HERE, "pipedrive.expected.json")

# Pipedrive names a generated export "<items>-<number>-<number>.<ext>"
# (one real deals export is named deals-22614642-11.xlsx).
DEALS_FILE = "deals-7654321-4.csv"
ORGS_FILE = "organizations-7654321-5.csv"
ACTIVITIES_FILE = "activities-7654321-7.csv"
PERSONS_FILE = "persons-7654321-6.csv"

EXPORT_DAY = dt.datetime(2025, 1, 15, 10, 30, 0)
SEED = 20250115

# Default deal fields in the order of a real Pipedrive deals export
# (deals-22614642-11.xlsx, see docs/crm/pipedrive.md), then two custom
# fields, which Pipedrive heads "Deal - <field label>".
HEADER = [
    "Deal - ID", "Deal - Title", "Deal - Creator", "Deal - Owner",
    "Deal - Weighted value", "Deal - Currency of Weighted value",
    "Deal - Pipeline", "Deal - Stage", "Deal - Status", "Deal - Deal created",
    "Deal - Update time", "Deal - Last stage change",
    "Deal - Next activity date", "Deal - Last activity date",
    "Deal - Won time", "Deal - Last email received", "Deal - Last email sent",
    "Deal - Lost time", "Deal - Deal closed on", "Deal - Lost reason",
    "Deal - Visible to", "Deal - Total activities", "Deal - Done activities",
    "Deal - Activities to do", "Deal - Email messages count",
    "Deal - Product quantity", "Deal - Product amount", "Deal - Product name",
    "Deal - Source origin", "Deal - Source origin ID",
    "Deal - Source channel", "Deal - Source channel ID",
    "Deal - Archive status", "Deal - Archive time", "Deal - Participants",
    "Deal - Value", "Deal - Currency of Value", "Deal - Probability",
    "Deal - Organization", "Deal - Organization ID", "Deal - Contact person",
    "Deal - Contact person ID", "Deal - Label", "Deal - Expected close date",
    "Deal - Sequence enrollment",
    "Deal - Lead source", "Deal - Next steps",
]

# Pipeline settings (not in the export): what a user copies from
# Pipedrive's pipeline editor. Order = position left to right, probability
# = stage probability in percent. "Legal Review" is used by no deal.
PIPELINES = {
    "Sales Pipeline": [
        ("Lead In", 10), ("Contact Made", 25), ("Needs Defined", 40),
        ("Proposal/Quote Sent", 60), ("Negotiations Started", 80),
    ],
    "Partnerships": [
        ("Intro Call", 10), ("Qualified", 30), ("Id. Decision Makers", 50),
        ("Contract Sent", 75), ("Legal Review", 90),
    ],
}
UNUSED_STAGE = ("Partnerships", "Legal Review")

OWNERS = ["Anna Keller", "Marcus Lindqvist", "Priya Raman", "Tom Okafor"]

# organization name, id, currency its deals are usually in
ORGS = [
    ("Brightwave Media", 11, "GBP"),
    ("Nordhaven Logistics", 12, "EUR"),
    ("Kestrel Analytics GmbH", 14, "EUR"),
    ("Solace Health", 15, "USD"),
    ("Ironbark Construction Ltd", 17, "GBP"),
    ("Vantage Retail Group", 18, "USD"),
    ("Meridian Foods", 21, "EUR"),
    ("Fjällbacka Outdoor AB", 22, "EUR"),
]
PERSONS = {  # org id -> [(person, person id)]
    11: [("Hannah Price", 31), ("Ollie Grant", 32)],
    12: [("Jens Mikkelsen", 33)],
    14: [("Zoë Brandt", 34), ("Felix Moser", 35)],
    15: [("Dana Whitfield", 36)],
    17: [("Callum Reid", 37)],
    18: [("Maria Alvarez", 38), ("Kevin Liu", 39)],
    21: [("Sofia Conti", 40)],
    22: [("Erik Lund", 41)],
}
LONE_PERSON = ("Rachel Moreno", 42)  # a deal linked to a person only

PRODUCTS = ["Analytics Suite", "Onboarding Package", "Premium Support",
            "Data Connector"]
LEAD_SOURCES = ["Referral", "Website", "Trade show", "Cold outreach",
                "Partner"]
LOST_REASONS = ["Went with a competitor", "No budget", "Timing not right",
                "No response", "Price too high"]
TITLE_WORDS = ["Platform rollout", "Renewal 2024", "Pilot project",
               "Expansion", "Reporting upgrade", "Warehouse integration",
               "Team licences", "Annual contract", "Regional launch",
               "Support tier upgrade"]


def fmt_dt(t):
    return t.strftime("%Y-%m-%d %H:%M:%S") if t else ""


def fmt_d(d):
    return d.strftime("%Y-%m-%d") if d else ""


def fmt_num(x):
    if x is None:
        return ""
    x = round(x, 2)
    if x == int(x):
        return str(int(x))
    return ("%.2f" % x).rstrip("0")


def rand_time(rng, day):
    return dt.datetime(day.year, day.month, day.day, rng.randint(7, 17),
                       rng.randint(0, 59), rng.randint(0, 59))


def between(rng, a, b):
    """A datetime uniformly between a and b (a <= b)."""
    span = int((b - a).total_seconds())
    return a + dt.timedelta(seconds=rng.randint(0, max(span, 0)))


def build(rng):
    n = 60
    statuses = ["Won"] * 14 + ["Lost"] * 14 + ["Open"] * 30 + ["Deleted"] * 2
    rng.shuffle(statuses)

    first = dt.date(2023, 1, 2)
    last = dt.date(2024, 12, 20)
    days = sorted(rng.randint(0, (last - first).days) for _ in range(n))
    created = [rand_time(rng, first + dt.timedelta(days=d)) for d in days]

    # Two deals entered by a spreadsheet import on 2024-02-05: Pipedrive
    # stamps them with the import time while their won/lost time is the
    # real (earlier) one, so they close before they were created.
    import_time = dt.datetime(2024, 2, 5, 9, 14, 3)
    imp_slots = [i for i in range(n) if created[i].date() <= dt.date(2024, 2, 5)][-2:]
    for i in imp_slots:
        created[i] = import_time
    statuses[imp_slots[0]] = "Won"
    statuses[imp_slots[1]] = "Lost"
    # keep the totals 14/14/30/2
    for want in ("Won", "Lost"):
        while statuses.count(want) > 14:
            j = next(k for k in range(n) if statuses[k] == want and k not in imp_slots)
            statuses[j] = "Open" if statuses.count("Open") < 30 else "Deleted"
    while statuses.count("Open") > 30:
        j = next(k for k in range(n) if statuses[k] == "Open")
        statuses[j] = "Won" if statuses.count("Won") < 14 else "Lost"
    order = sorted(range(n), key=lambda i: (created[i], i))
    created = [created[i] for i in order]
    statuses = [statuses[i] for i in order]
    imp_idx = [k for k in range(n) if created[k] == import_time]

    ids, cur = [], 1000
    for _ in range(n):
        cur += rng.randint(1, 4)
        ids.append(cur)

    deals = []
    for k in range(n):
        rng_k = random.Random(SEED * 1000 + k)
        status = statuses[k]
        c = created[k]
        pipeline = "Partnerships" if rng_k.random() < 0.3 else "Sales Pipeline"
        stages = [s for s in PIPELINES[pipeline] if (pipeline, s[0]) != UNUSED_STAGE]
        if status == "Won":
            si = rng_k.choice([len(stages) - 1] * 3 + [len(stages) - 2])
        elif status == "Open":
            si = rng_k.randrange(len(stages))
        else:
            si = rng_k.randrange(len(stages))
        stage, stage_prob = stages[si]

        org_name, org_id, cur_code = ORGS[rng_k.randrange(len(ORGS))]
        if rng_k.random() < 0.12:
            cur_code = rng_k.choice(["EUR", "USD", "GBP"])
        person, person_id = rng_k.choice(PERSONS[org_id])
        value = rng_k.choice([1500, 2400, 3800, 5000, 7200, 9500, 12000,
                              18500, 24000, 36000, 48000, 75000, 120000])
        if rng_k.random() < 0.15:
            value += 0.5
        owner = rng_k.choice(OWNERS)
        creator = owner if rng_k.random() < 0.8 else rng_k.choice(OWNERS)
        title = "%s – %s" % (org_name.split()[0], rng_k.choice(TITLE_WORDS))

        d = {
            "id": ids[k], "status": status, "pipeline": pipeline,
            "stage": stage, "stage_order": si + 1, "stage_prob": stage_prob,
            "created": c, "org": org_name, "org_id": org_id,
            "person": person, "person_id": person_id, "currency": cur_code,
            "value": value, "owner": owner, "creator": creator,
            "title": title, "deal_prob": None, "origin": "Manually created",
            "origin_id": "", "channel": "", "channel_id": "",
            "archived": False, "archive_time": None, "lost_reason": "",
            "lead_source": rng_k.choice(LEAD_SOURCES + [""]),
            "next_steps": "", "label": rng_k.choice(["", "", "Hot", "Warm", "Cold"]),
            "visible": "All users" if rng_k.random() < 0.9 else "Item owner",
        }

        # close / expected dates
        if status in ("Won", "Lost"):
            close = c + dt.timedelta(days=rng_k.randint(12, 160),
                                     hours=rng_k.randint(0, 6))
            if close > EXPORT_DAY - dt.timedelta(days=3):
                close = EXPORT_DAY - dt.timedelta(days=rng_k.randint(3, 9),
                                                  hours=rng_k.randint(1, 5))
            d["close"] = close
            d["expected"] = (close + dt.timedelta(days=rng_k.randint(-20, 20))).date() \
                if rng_k.random() < 0.7 else None
        else:
            d["close"] = None
            d["expected"] = dt.date(2025, 1, 20) + dt.timedelta(days=rng_k.randint(0, 250)) \
                if rng_k.random() < 0.9 else None
        if status == "Lost":
            d["lost_reason"] = rng_k.choice(LOST_REASONS + [""])

        end = d["close"] or (EXPORT_DAY - dt.timedelta(days=1))
        if d["stage_order"] > 1 and end > c + dt.timedelta(days=1):
            d["stage_change"] = between(rng_k, c + dt.timedelta(days=1), end)
        else:
            d["stage_change"] = None
        floor = max(x for x in (c, d["stage_change"], d["close"]) if x)
        top = min(floor + dt.timedelta(days=40), EXPORT_DAY - dt.timedelta(hours=2))
        d["update"] = between(rng_k, floor, max(top, floor))

        done = rng_k.randint(0, 9)
        todo = 0
        if status == "Open" and rng_k.random() < 0.65:
            todo = rng_k.randint(1, 2)
            d["next_activity"] = (EXPORT_DAY + dt.timedelta(days=rng_k.randint(1, 45))).date()
        else:
            d["next_activity"] = None
        d["done"], d["todo"] = done, todo
        d["last_activity"] = between(rng_k, c, d["update"]).date() if done else None
        mails = rng_k.choice([0, 0, 0, 1, 2, 4])
        d["mails"] = mails
        d["mail_in"] = between(rng_k, c, d["update"]) if mails else None
        d["mail_out"] = between(rng_k, c, d["update"]) if mails > 1 else None
        if rng_k.random() < 0.4:
            d["product"] = rng_k.choice(PRODUCTS)
            d["qty"] = rng_k.randint(1, 3)
        else:
            d["product"], d["qty"] = "", None
        ch = rng_k.random()
        if ch < 0.08:
            d["channel"] = "Prospector"
        elif ch < 0.14:
            d["channel"], d["channel_id"] = "Lead Suggestions", "LinkedIn"
        elif ch < 0.18:
            d["channel"] = "Web visitors"
        deals.append(d)

    by_id = {d["id"]: d for d in deals}

    def pick(pred, count, exclude=()):
        pool = [d for d in deals if pred(d) and d["id"] not in exclude]
        return sorted(rng.sample(pool, count), key=lambda d: d["id"])

    plants = {}
    # imported deals: created at import time, closed earlier
    for k, d in zip(imp_idx, [deals[i] for i in imp_idx]):
        d["origin"] = "Import"
        d["origin_id"] = str(uuid.UUID(int=random.Random(SEED + k).getrandbits(128)))
        d["close"] = dt.datetime(2023, 11, 20, 16, 2, 11) if d["status"] == "Won" \
            else dt.datetime(2023, 12, 8, 11, 47, 50)
        d["expected"] = None
        d["stage_change"] = None
        d["update"] = d["created"]
        d["last_activity"] = None
        d["mails"], d["mail_in"], d["mail_out"] = 0, None, None
        d["done"], d["todo"], d["next_activity"] = 0, 0, None
        if d["status"] == "Lost":
            d["lost_reason"] = "Price too high"
    plants["close_before_created"] = [deals[i]["id"] for i in imp_idx]
    used = set(plants["close_before_created"])

    # a few deals created through the API (web form integration)
    for d in pick(lambda d: d["origin"] == "Manually created", 3, used):
        d["origin"], d["origin_id"] = "API", "webform-sync"

    # deleted deals: keep their stage, lose nothing but the status
    plants["deleted"] = [d["id"] for d in deals if d["status"] == "Deleted"]
    # Pipedrive keeps a deleted deal for 30 days only, so the deletion (the
    # deal's last update) lies within the 30 days before the export.
    for d in deals:
        if d["status"] == "Deleted":
            d["next_activity"], d["todo"] = None, 0
            lo = max(d["created"], d["stage_change"] or d["created"],
                     EXPORT_DAY - dt.timedelta(days=25))
            d["update"] = between(rng, lo, EXPORT_DAY - dt.timedelta(days=1))
    used |= set(plants["deleted"])

    opens = lambda d: d["status"] == "Open"
    blank = pick(opens, 3, used)
    for d in blank:
        d["value"] = None
        d["product"], d["qty"] = "", None
    plants["blank_amount"] = [d["id"] for d in blank]
    used |= set(plants["blank_amount"])

    zero = sorted(pick(opens, 1, used) + pick(lambda d: d["status"] == "Lost", 1, used),
                  key=lambda d: d["id"])
    for d in zero:
        d["value"] = 0
        d["product"], d["qty"] = "", None
    plants["zero_amount"] = [d["id"] for d in zero]
    used |= set(plants["zero_amount"])

    comma = pick(lambda d: d["status"] == "Won", 1, used)[0]
    comma["title"] = "Data migration, phase 2"
    plants["quoted_comma"] = comma["id"]
    used.add(comma["id"])

    brk = pick(opens, 1, used)[0]
    brk["next_steps"] = "Call the CFO on Monday\nSend the revised quote by Friday"
    plants["line_break"] = brk["id"]
    used.add(brk["id"])
    for d in pick(opens, 6, used):
        d["next_steps"] = rng.choice(["Book a demo", "Waiting for budget approval",
                                      "Send \"final\" pricing", "Follow up after holidays"])

    probs = pick(lambda d: d["status"] == "Open" and d["value"], 3, used)
    for d, p in zip(probs, (70, 20, 90)):
        d["deal_prob"] = p
    plants["deal_probability_set"] = [d["id"] for d in probs]

    arch = pick(lambda d: d["status"] == "Lost" and d["close"] < dt.datetime(2024, 3, 1), 1, used)[0]
    arch["archived"] = True
    arch["archive_time"] = between(rng, arch["update"], dt.datetime(2024, 9, 30))
    arch["update"] = arch["archive_time"]
    plants["archived"] = [arch["id"]]

    lone = pick(lambda d: d["status"] == "Open", 1, used | {p for p in plants["deal_probability_set"]})[0]
    lone["org"], lone["org_id"] = "", None
    lone["person"], lone["person_id"] = LONE_PERSON
    lone["title"] = "Rachel Moreno deal"
    plants["no_organization"] = [lone["id"]]
    return deals, plants


def row_of(d):
    v = d["value"]
    prob = d["deal_prob"] if d["deal_prob"] is not None else d["stage_prob"]
    weighted = None if v is None else v * prob / 100.0
    won = d["close"] if d["status"] == "Won" else None
    lost = d["close"] if d["status"] == "Lost" else None
    return [
        str(d["id"]), d["title"], d["creator"], d["owner"],
        fmt_num(weighted), "" if v is None else d["currency"],
        d["pipeline"], d["stage"], d["status"], fmt_dt(d["created"]),
        fmt_dt(d["update"]), fmt_dt(d["stage_change"]),
        fmt_d(d["next_activity"]), fmt_d(d["last_activity"]),
        fmt_dt(won), fmt_dt(d["mail_in"]), fmt_dt(d["mail_out"]),
        fmt_dt(lost), fmt_dt(d["close"]), d["lost_reason"], d["visible"],
        str(d["done"] + d["todo"]), str(d["done"]), str(d["todo"]),
        str(d["mails"]),
        "" if d["qty"] is None else str(d["qty"]),
        "" if not d["product"] or v is None else fmt_num(v),
        d["product"], d["origin"], d["origin_id"], d["channel"],
        d["channel_id"], "Archived" if d["archived"] else "Not archived",
        fmt_dt(d["archive_time"]), d["person"],
        fmt_num(v), d["currency"],
        "" if d["deal_prob"] is None else str(d["deal_prob"]),
        d["org"], "" if d["org_id"] is None else str(d["org_id"]),
        d["person"], str(d["person_id"]), d["label"], fmt_d(d["expected"]),
        "", d["lead_source"], d["next_steps"],
    ]


def csv_bytes(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=",", quotechar='"', quoting=csv.QUOTE_MINIMAL,
                   lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def unrelated_files(deals):
    org_header = ["Organization - ID", "Organization - Name", "Organization - Owner",
                  "Organization - Address", "Organization - Open deals",
                  "Organization - Organization created", "Organization - Update time"]
    org_rows = []
    for name, oid, _ in ORGS[:4]:
        mine = [d for d in deals if d["org_id"] == oid]
        org_rows.append([str(oid), name, mine[0]["owner"] if mine else OWNERS[0],
                         "", str(sum(1 for d in mine if d["status"] == "Open")),
                         "2022-11-0%d 10:00:00" % (oid % 9 + 1), "2024-12-0%d 15:20:00" % (oid % 9 + 1)])
    per_header = ["Person - ID", "Person - Name", "Person - Organization",
                  "Person - Organization ID", "Person - Email - Work",
                  "Person - Phone - Work", "Person - Person created"]
    per_rows = []
    org_by_id = {oid: name for name, oid, _ in ORGS}
    for oid in (11, 14, 18):
        for pname, pid in PERSONS[oid]:
            per_rows.append([str(pid), pname, org_by_id[oid], str(oid),
                             pname.lower().replace(" ", ".").replace("ë", "e") + "@example.com",
                             "", "2022-12-01 09:00:00"])
    return csv_bytes(org_header, org_rows), csv_bytes(per_header, per_rows)


def close_date(r):
    """The date pipecast would take as the close date of an exported row."""
    if r["Deal - Status"] in ("Won", "Lost"):
        return r["Deal - Deal closed on"][:10]
    return r["Deal - Expected close date"][:10]


def activities_file(deals):
    """The Activities list's export, laid out as the deals': "Activity - <label>"
    headers, with the deal's ID and title and the organization's name added.
    Three activities of deals, one of an organization only (left out by the
    preset). Duration is HH:MM, as Pipedrive's API writes it. No random draw."""
    header = ["Activity - ID", "Activity - Subject", "Activity - Type", "Activity - Due date", "Activity - Due time",
              "Activity - Duration", "Activity - Assigned to user", "Activity - Done", "Deal - ID", "Deal - Title",
              "Organization - Name"]
    first = sorted((d for d in deals if d["status"] == "Open"), key=lambda d: d["id"])[:3]
    day = lambda d, days: (d["created"] + dt.timedelta(days=days)).strftime("%Y-%m-%d")
    rows = [[str(501 + k), subject, kind, day(d, 3 + k), "10:00", "00:30", d["owner"], done, str(d["id"]), d["title"],
             d["org"]]
            for k, (d, subject, kind, done) in enumerate(zip(first, ["Intro call", "Demo", "Send proposal"],
                                                             ["call", "meeting", "email"], ["Done", "Done", "To do"]))]
    rows.append(["504", "Quarterly check-in", "call", day(first[0], 5), "", "", first[0]["owner"], "To do", "", "",
                 first[0]["org"]])
    return csv_bytes(header, rows)


def main():
    rng = random.Random(SEED)
    deals, plants = build(rng)

    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    write(os.path.join(OUT, DEALS_FILE), csv_bytes(HEADER, [row_of(d) for d in deals]))
    orgs, persons = unrelated_files(deals)
    write(os.path.join(OUT, ORGS_FILE), orgs)
    write(os.path.join(OUT, PERSONS_FILE), persons)
    write(os.path.join(OUT, ACTIVITIES_FILE), activities_file(deals))

    # ---- read everything back with the csv module and derive the facts ----
    raw = open(os.path.join(OUT, DEALS_FILE), "rb").read()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert len(rows) == 60
    assert list(rows[0].keys()) == HEADER
    for name in (ORGS_FILE, PERSONS_FILE):
        with open(os.path.join(OUT, name), encoding="utf-8", newline="") as f:
            assert len(list(csv.reader(f))) >= 2

    kept = [r for r in rows if r["Deal - Status"] != "Deleted"]
    deleted = [int(r["Deal - ID"]) for r in rows if r["Deal - Status"] == "Deleted"]
    count = lambda s: sum(1 for r in kept if r["Deal - Status"] == s)
    blank = [int(r["Deal - ID"]) for r in kept if r["Deal - Value"] == ""]
    zero = [int(r["Deal - ID"]) for r in kept if r["Deal - Value"] == "0"]
    before = [int(r["Deal - ID"]) for r in kept
              if close_date(r) and close_date(r) < r["Deal - Deal created"][:10]]
    used_stages = {(r["Deal - Pipeline"], r["Deal - Stage"]) for r in rows}
    unused = [s for p, st in PIPELINES.items() for s, _ in st if (p, s) not in used_stages]
    comma = [int(r["Deal - ID"]) for r in rows if "," in r["Deal - Title"]]
    brk = [int(r["Deal - ID"]) for r in rows if any("\n" in v for v in r.values())]
    blank_lsc = [int(r["Deal - ID"]) for r in kept if r["Deal - Last stage change"] == ""]
    archived = [int(r["Deal - ID"]) for r in kept if r["Deal - Archive status"] == "Archived"]
    probs = [int(r["Deal - ID"]) for r in kept if r["Deal - Probability"] != ""]

    assert deleted == plants["deleted"] and len(deleted) == 2
    assert blank == plants["blank_amount"] and len(blank) == 3
    assert zero == plants["zero_amount"] and len(zero) == 2
    assert sorted(before) == sorted(plants["close_before_created"]) and len(before) == 2
    assert unused == [UNUSED_STAGE[1]]
    assert comma == [plants["quoted_comma"]]
    assert brk == [plants["line_break"]]
    assert b'"Data migration, phase 2"' in raw
    assert archived == plants["archived"] and probs == plants["deal_probability_set"]
    assert (count("Won"), count("Lost"), count("Open")) == (14, 14, 30)
    for r in kept:  # open deals close in 2025, closed ones by the export day
        if r["Deal - Status"] == "Open" and r["Deal - Expected close date"]:
            assert r["Deal - Expected close date"].startswith("2025")
        assert "2023-01-01" <= r["Deal - Deal created"][:10] <= "2024-12-31"
        assert r["Deal - Update time"] <= "2025-01-15 10:30:00"

    expected = {
        "export_file": DEALS_FILE,
        "activities_file": ACTIVITIES_FILE,
        "activities": 3,
        "deals": len(kept),
        "deleted": deleted,
        "won": count("Won"),
        "lost": count("Lost"),
        "open": count("Open"),
        "currencies": sorted({r["Deal - Currency of Value"] for r in kept}),
        "blank_amount": blank,
        "zero_amount": zero,
        "close_before_created": sorted(before),
        "no_history": [],
        "history_disagrees": [],
        "went_backwards": [],
        "unused_stages": unused,
        "currency_without_rate": [],
        "quoted_comma": plants["quoted_comma"],
        "line_break": plants["line_break"],
        "archived_kept": archived,
        "deal_probability_set": probs,
        "no_organization": plants["no_organization"],
        "last_stage_change_blank": blank_lsc,
        "pipeline_settings": [
            {"pipeline": p, "stage": s, "order": i + 1, "probability": prob / 100.0,
             "kind": "open"}
            for p, st in PIPELINES.items() for i, (s, prob) in enumerate(st)
        ],
        "notes": (
            "Pipedrive's deals export has no stage table, no stage history and no "
            "exchange rates, so no_history/history_disagrees/went_backwards and "
            "currency_without_rate do not apply ([]); pipeline_settings is what a user "
            "copies from the pipeline editor (open stages only; won and lost are "
            "statuses, not stages), and it holds the unused stage. Deal - Status decides "
            "won/lost ('Won'/'Lost'); Deal - Stage stays where the deal stopped. Drop rows "
            "with Deal - Status 'Deleted'. Close date: Deal - Deal closed on for Won/Lost, "
            "Deal - Expected close date for Open. The two close_before_created deals came "
            "in through a spreadsheet import (Source origin 'Import'): created at import "
            "time, won/lost earlier. The archived deal (Archive status 'Archived') is a "
            "normal lost deal and is kept. Blank amounts are planted: Pipedrive normally "
            "writes 0 for a deal without a value. The line break is in the custom large "
            "text field 'Deal - Next steps'. Ids are Deal - ID values."
        ),
    }
    with open(EXPECTED, "wb") as f:
        f.write((json.dumps(expected, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))

    total = sum(os.path.getsize(os.path.join(OUT, x)) for x in os.listdir(OUT))
    assert total < 60 * 1024, total
    print("wrote %s (%d bytes) and %s" % (OUT, total, EXPECTED))


if __name__ == "__main__":
    main()
