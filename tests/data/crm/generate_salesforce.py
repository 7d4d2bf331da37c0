#!/usr/bin/env python3
"""Writes two Salesforce export fixtures, deterministically (stdlib only):

  tests/data/crm/salesforce/            a multi-currency org (USD corporate,
                                        EUR, GBP, and one deal in CHF that
                                        has no CurrencyType row), with
                                        OpportunityStage.csv
  tests/data/crm/salesforce_no_stages/  a single-currency org, without
                                        OpportunityStage.csv, CurrencyType.csv
                                        and DatedConversionRate.csv

and, beside them, salesforce.expected.json and
salesforce_no_stages.expected.json.

Every file but OpportunityStage.csv is laid out as Salesforce's weekly Data
Export writes it (Setup > Data Export, one CSV per object, unzipped): every
field quoted, the header too; LF line ends; no byte order mark; datetimes as
'YYYY-MM-DD HH:MM:SS' without a zone; date fields as 'YYYY-MM-DD 00:00:00';
booleans as 1/0; numbers without thousands separators or currency symbols;
some empty lookups as the null id 000000000000000AAA. The Data Export has no
OpportunityStage.csv, so the main fixture's one is a Data Loader extract
(UTF-8 with a byte order mark, CRLF line ends, every field quoted, booleans
true/false, datetimes 'YYYY-MM-DDTHH:MM:SS.000Z'). docs/crm/salesforce.md
gives the sources.

Run:  python3 tests/data/crm/generate_salesforce.py
It rewrites both folders and both expected files, then reads them back and
checks that the expected facts match the files.
"""

import csv
import datetime as dt
import io
import json
import os
import random
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

EXPORT_AT = dt.datetime(2025, 1, 15, 6, 12, 40)  # when the weekly export ran (UTC)
NULL_ID = "000000000000000AAA"  # Data Export's spelling of some empty lookups
MIGRATION_DAY = dt.date(2023, 6, 1)

# ---------------------------------------------------------------------------
# ids


B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def id18(id15):
    """The case-safe 18-character form of a 15-character Salesforce id."""
    out = id15
    for i in range(3):
        flags = 0
        for j, c in enumerate(id15[i * 5:i * 5 + 5]):
            if "A" <= c <= "Z":
                flags |= 1 << j
        out += SUFFIX[flags]
    return out


def b62(n, width):
    s = ""
    for _ in range(width):
        s = B62[n % 62] + s
        n //= 62
    return s


class IdMaker:
    """Increasing ids per key prefix, as an org hands them out."""

    def __init__(self, rng):
        self.rng = rng
        self.next = {}
        self.seen = set()

    def new(self, prefix):
        if prefix not in self.next:
            self.next[prefix] = self.rng.randrange(62 ** 4 * 10, 62 ** 4 * 40)
        self.next[prefix] += self.rng.randint(1, 37)
        i = id18(prefix + "5g00000" + b62(self.next[prefix], 5))
        assert i.lower() not in self.seen
        self.seen.add(i.lower())
        return i


# ---------------------------------------------------------------------------
# formats


def f_dt(t):
    return "" if t is None else t.strftime("%Y-%m-%d %H:%M:%S")


def f_date(d):
    return "" if d is None else d.strftime("%Y-%m-%d") + " 00:00:00"


def f_dl(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ".000Z"


def f_num(x):
    if x is None:
        return ""
    x = float(x)
    if x.is_integer():
        return str(int(x))
    return repr(x)


def b01(flag):
    return "1" if flag else "0"


def csv_bytes(rows, eol="\n", bom=False):
    text = "".join(",".join('"' + str(v).replace('"', '""') + '"' for v in row) + eol for row in rows)
    data = text.encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


# ---------------------------------------------------------------------------
# the org

# ApiName, MasterLabel, SortOrder, DefaultProbability, IsClosed, IsWon,
# ForecastCategory, ForecastCategoryName
STAGES = [
    ("Prospecting", "Prospecting", 1, 10, False, False, "Pipeline", "Pipeline"),
    ("Qualification", "Qualification", 2, 20, False, False, "Pipeline", "Pipeline"),
    ("Value Proposition", "Value Proposition", 3, 50, False, False, "Pipeline", "Pipeline"),
    ("Id. Decision Makers", "Id. Decision Makers", 4, 60, False, False, "Pipeline", "Pipeline"),
    ("Proposal/Price Quote", "Proposal/Price Quote", 5, 75, False, False, "BestCase", "Best Case"),
    ("Negotiation/Review", "Negotiation/Review (Legal)", 6, 90, False, False, "Forecast", "Commit"),
    ("Closed Won", "Closed Won", 7, 100, True, True, "Closed", "Closed"),
    ("Closed Lost", "Closed Lost", 8, 0, True, False, "Omitted", "Omitted"),
]
ST = {s[0]: s for s in STAGES}
OPEN_PATH = ["Prospecting", "Qualification", "Id. Decision Makers", "Proposal/Price Quote", "Negotiation/Review"]
UNUSED_STAGE = "Value Proposition"
# OpportunityHistory.ForecastCategory holds the category's name, not its API value
FC_NAME = {"Pipeline": "Pipeline", "BestCase": "Best Case", "Forecast": "Commit",
           "Closed": "Closed", "Omitted": "Omitted"}

# units of the currency per 1 USD (CurrencyType.ConversionRate)
RATES = {"USD": 1.0, "EUR": 0.92, "GBP": 0.79}
INACTIVE_CURRENCY = ("JPY", 149.5)
NO_RATE_CURRENCY = "CHF"

ACCOUNTS = [  # name, industry, type, city, country, currency
    ("Acme Logistics", "Transportation", "Customer", "Chicago", "United States", "USD"),
    ("Brightwave Energy", "Energy", "Customer", "Houston", "United States", "USD"),
    ("Northwind Traders", "Retail", "Prospect", "Seattle", "United States", "USD"),
    ("Müller & Söhne GmbH", "Manufacturing", "Customer", "Stuttgart", "Germany", "EUR"),
    ("Kestrel Health, Inc.", "Healthcare", "Customer", "Boston", "United States", "USD"),
    ("Harbor Analytics", "Technology", "Prospect", "Dublin", "Ireland", "EUR"),
    ("Bluefin Foods", "Food & Beverage", "Customer", "Leeds", "United Kingdom", "GBP"),
    ("Orion Textiles Ltd", "Apparel", "Customer", "Manchester", "United Kingdom", "GBP"),
]

USERS = [  # first, last, alias, active, currency, owns deals
    ("Dana", "Whitfield", "dwhit", True, "USD", True),
    ("Marco", "Rossi", "mross", False, "EUR", True),   # left the company, still owns deals
    ("Priya", "Natarajan", "pnata", True, "USD", True),
    ("Sofía", "Marín", "smari", True, "GBP", True),
    ("", "Data Migration", "dmigr", True, "USD", False),  # the integration user of the 2023 migration
    ("Alex", "Admin", "aadmi", True, "USD", False),
]

PRODUCTS = [  # name, code, family, USD list price, active
    ("Fleet Tracker Pro", "FTP-100", "Software", 1200, True),
    ("Fleet Tracker Lite", "FTL-050", "Software", 600, True),
    ("Telematics Gateway", "TGW-200", "Hardware", 350, True),
    ("Onboarding Services", "SVC-ONB", "Services", 5000, True),
    ("Premium Support", "SVC-PRM", "Services", 2400, False),
]

LEAD_SOURCES = ["Web", "Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other", ""]
TYPES = ["New Business", "New Business", "Existing Business", ""]
LOSS_REASONS = ["Price", "Competitor", "No Decision", "Timing"]
REGIONS = {"United States": "NA", "Germany": "EMEA", "Ireland": "EMEA", "United Kingdom": "UK&I"}
NEXT_STEPS = ["Send revised quote", "Security review call", "Pilot kickoff", "Follow up with CFO", ""]

# ---------------------------------------------------------------------------
# headers (Data Export order; see docs/crm/salesforce.md for the sources)

H_OPP = ["Id", "IsDeleted", "AccountId", "IsPrivate", "Name", "Description", "StageName", "StageSortOrder",
         "Amount", "Probability", "ExpectedRevenue", "TotalOpportunityQuantity", "CloseDate", "Type", "NextStep",
         "LeadSource", "IsClosed", "IsWon", "ForecastCategory", "ForecastCategoryName", "CurrencyIsoCode",
         "CampaignId", "HasOpportunityLineItem", "Pricebook2Id", "OwnerId", "CreatedDate", "CreatedById",
         "LastModifiedDate", "LastModifiedById", "SystemModstamp", "LastActivityDate", "LastStageChangeDate",
         "FiscalYear", "FiscalQuarter", "ContactId", "PrimaryPartnerAccountId", "SyncedQuoteId", "ContractId",
         "LastAmountChangedHistoryId", "LastCloseDateChangedHistoryId", "Loss_Reason__c", "Closing_Plan__c",
         "Region__c"]
H_HIST = ["Id", "OpportunityId", "CreatedById", "CreatedDate", "CreatedDateForInsert", "StageName", "Amount",
          "ExpectedRevenue", "CloseDate", "Probability", "FromForecastCategory", "ForecastCategory",
          "PrevForecastUpdate", "FromOpportunityStageName", "PrevOpportunityStageUpdate", "CurrencyIsoCode",
          "ValidThroughDate", "SystemModstamp", "IsDeleted", "PrevAmount", "PrevCloseDate"]
H_STAGE_DL = ["Id", "MasterLabel", "ApiName", "IsActive", "SortOrder", "IsClosed", "IsWon", "ForecastCategory",
              "ForecastCategoryName", "DefaultProbability", "Description", "CreatedById", "CreatedDate",
              "LastModifiedById", "LastModifiedDate", "SystemModstamp"]
H_CURRENCY = ["Id", "IsoCode", "ConversionRate", "DecimalPlaces", "IsActive", "IsCorporate", "CreatedDate",
              "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp"]
H_DATED = ["Id", "IsoCode", "StartDate", "NextStartDate", "ConversionRate", "CreatedDate", "CreatedById",
           "LastModifiedDate", "LastModifiedById", "SystemModstamp"]
H_USER = ["Id", "Username", "FirstName", "LastName", "MiddleName", "Suffix", "CompanyName", "Division",
          "Department", "Title", "Street", "City", "State", "PostalCode", "Country", "StateCode", "CountryCode",
          "Latitude", "Longitude", "GeocodeAccuracy", "Email", "SenderEmail", "SenderName", "Signature",
          "StayInTouchSubject", "StayInTouchSignature", "StayInTouchNote", "Phone", "Fax", "MobilePhone", "Alias",
          "CommunityNickname", "IsActive", "IsSystemControlled", "TimeZoneSidKey", "UserRoleId", "LocaleSidKey",
          "ReceivesInfoEmails", "ReceivesAdminInfoEmails", "EmailEncodingKey", "DefaultCurrencyIsoCode",
          "CurrencyIsoCode", "ProfileId", "UserType", "UserSubtype", "StartDay", "EndDay", "LanguageLocaleKey",
          "EmployeeNumber", "DelegatedApproverId", "ManagerId", "LastLoginDate", "LastPasswordChangeDate",
          "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp",
          "NumberOfFailedLogins", "SuAccessExpirationDate", "SuOrgAdminExpirationDate",
          "OfflineTrialExpirationDate", "WirelessTrialExpirationDate", "OfflinePdaTrialExpirationDate",
          "ForecastEnabled", "ContactId", "AccountId", "CallCenterId", "Extension", "FederationIdentifier",
          "AboutMe", "LoginLimit", "ProfilePhotoId", "DigestFrequency", "DefaultGroupNotificationFrequency",
          "WorkspaceId", "SharingType", "ChatterAdoptionStage", "ChatterAdoptionStageModifiedDate",
          "BannerPhotoId", "IsProfilePhotoActive", "GlobalIdentity"]
H_ACCOUNT = ["Id", "IsDeleted", "MasterRecordId", "Name", "Type", "ParentId", "BillingStreet", "BillingCity",
             "BillingState", "BillingPostalCode", "BillingCountry", "BillingLatitude", "BillingLongitude",
             "BillingGeocodeAccuracy", "ShippingStreet", "ShippingCity", "ShippingState", "ShippingPostalCode",
             "ShippingCountry", "ShippingLatitude", "ShippingLongitude", "ShippingGeocodeAccuracy", "Phone", "Fax",
             "AccountNumber", "Website", "Sic", "Industry", "AnnualRevenue", "NumberOfEmployees", "Ownership",
             "TickerSymbol", "Description", "Rating", "Site", "CurrencyIsoCode", "OwnerId", "CreatedDate",
             "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "LastActivityDate",
             "Jigsaw", "JigsawCompanyId", "CleanStatus", "AccountSource", "DunsNumber", "Tradestyle", "NaicsCode",
             "NaicsDesc", "YearStarted", "SicDesc", "DandbCompanyId"]
H_PRODUCT = ["Id", "Name", "ProductCode", "Description", "IsActive", "CreatedDate", "CreatedById",
             "LastModifiedDate", "LastModifiedById", "SystemModstamp", "Family", "CurrencyIsoCode", "IsDeleted",
             "IsArchived"]
H_PRICEBOOK = ["Id", "IsDeleted", "Name", "CurrencyIsoCode", "CreatedDate", "CreatedById", "LastModifiedDate",
               "LastModifiedById", "SystemModstamp", "IsActive", "IsArchived", "Description", "IsStandard"]
H_PBE = ["Id", "Pricebook2Id", "Product2Id", "CurrencyIsoCode", "UnitPrice", "IsActive", "UseStandardPrice",
         "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "IsDeleted",
         "IsArchived"]
H_OLI = ["Id", "OpportunityId", "SortOrder", "PricebookEntryId", "CurrencyIsoCode", "Quantity", "Discount",
         "TotalPrice", "UnitPrice", "ServiceDate", "Description", "CreatedDate", "CreatedById", "LastModifiedDate",
         "LastModifiedById", "SystemModstamp", "IsDeleted"]
H_CONTACT = ["Id", "IsDeleted", "MasterRecordId", "AccountId", "Salutation", "FirstName", "LastName",
             "OtherStreet", "OtherCity", "OtherState", "OtherPostalCode", "OtherCountry", "OtherLatitude",
             "OtherLongitude", "OtherGeocodeAccuracy", "MailingStreet", "MailingCity", "MailingState",
             "MailingPostalCode", "MailingCountry", "MailingLatitude", "MailingLongitude", "MailingGeocodeAccuracy",
             "Phone", "Fax", "MobilePhone", "HomePhone", "OtherPhone", "AssistantPhone", "ReportsToId", "Email",
             "Title", "Department", "AssistantName", "LeadSource", "Birthdate", "Description", "CurrencyIsoCode",
             "OwnerId", "HasOptedOutOfEmail", "HasOptedOutOfFax", "DoNotCall", "CreatedDate", "CreatedById",
             "LastModifiedDate", "LastModifiedById", "SystemModstamp", "LastActivityDate", "LastCURequestDate",
             "LastCUUpdateDate", "EmailBouncedReason", "EmailBouncedDate", "Jigsaw", "JigsawContactId",
             "CleanStatus"]
H_CASE = ["Id", "IsDeleted", "MasterRecordId", "CaseNumber", "ContactId", "AccountId", "AssetId", "ProductId",
          "EntitlementId", "SourceId", "BusinessHoursId", "ParentId", "SuppliedName", "SuppliedEmail",
          "SuppliedPhone", "SuppliedCompany", "Type", "Status", "Reason", "Origin", "Subject", "Priority",
          "Description", "IsClosed", "ClosedDate", "IsEscalated", "CurrencyIsoCode", "OwnerId", "IsClosedOnCreate",
          "SlaStartDate", "SlaExitDate", "IsStopped", "StopStartDate", "CreatedDate", "CreatedById",
          "LastModifiedDate", "LastModifiedById", "SystemModstamp", "ServiceContractId", "EventsProcessedDate"]
H_TASK = ["Id", "WhoId", "WhatId", "WhoCount", "WhatCount", "Subject", "ActivityDate", "Status", "Priority",
          "OwnerId", "Description", "CurrencyIsoCode", "Type", "IsDeleted", "AccountId", "IsClosed", "CreatedDate",
          "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "IsArchived", "EmailMessageId",
          "ActivityOriginType", "CallDurationInSeconds", "CallType", "CallDisposition", "CallObject",
          "ReminderDateTime", "IsReminderSet", "RecurrenceActivityId", "IsRecurrence", "RecurrenceStartDateOnly",
          "RecurrenceEndDateOnly", "RecurrenceTimeZoneSidKey", "RecurrenceType", "RecurrenceInterval",
          "RecurrenceDayOfWeekMask", "RecurrenceDayOfMonth", "RecurrenceInstance", "RecurrenceMonthOfYear",
          "RecurrenceRegeneratedType", "CompletedDateTime"]
H_OCR = ["Id", "OpportunityId", "ContactId", "Role", "IsPrimary", "CreatedDate", "CreatedById",
         "LastModifiedDate", "LastModifiedById", "SystemModstamp", "IsDeleted"]
H_EVENT = ["Id", "WhoId", "WhatId", "Subject", "Location", "IsAllDayEvent", "ActivityDateTime", "ActivityDate",
           "DurationInMinutes", "Description", "AccountId", "OwnerId", "Type", "IsPrivate", "ShowAs", "IsDeleted",
           "IsChild", "IsGroupEvent", "GroupEventType", "CreatedDate", "CreatedById", "LastModifiedDate",
           "LastModifiedById", "SystemModstamp", "IsArchived"]


def table(header, records, multi_currency):
    """Rows (header first) from dicts; a single-currency org has no currency columns."""
    cols = [h for h in header if multi_currency or h not in ("CurrencyIsoCode", "DefaultCurrencyIsoCode")]
    return [cols] + [[r.get(c, "") for c in cols] for r in records]


# ---------------------------------------------------------------------------
# time helpers


def at(rng, day, lo=8, hi=18):
    return dt.datetime(day.year, day.month, day.day, rng.randint(lo, hi), rng.randint(0, 59), rng.randint(0, 59))


def rand_day(rng, a, b):
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


# ---------------------------------------------------------------------------
# deals


class Deal:
    pass


def stage_path(rng, status, special=None):
    if special:
        return list(special)
    start = rng.choice([0, 0, 1])
    if status == "won":
        path = [OPEN_PATH[start]] + [s for s in OPEN_PATH[start + 1:4] if rng.random() < 0.35] + ["Negotiation/Review"]
        return path + ["Closed Won"]
    if status == "lost":
        end = rng.randint(start, 4)
        path = [OPEN_PATH[start]] + [s for s in OPEN_PATH[start + 1:end + 1] if rng.random() < 0.35 or s == OPEN_PATH[end]]
        return path + ["Closed Lost"]
    end = max(rng.choice([0, 1, 1, 2, 2, 3, 3, 4]), start)
    return [OPEN_PATH[start]] + [s for s in OPEN_PATH[start + 1:end + 1] if rng.random() < 0.35 or s == OPEN_PATH[end]]


def spread_times(rng, t0, t1, n):
    """n increasing datetimes, the first t0, the rest in (t0, t1]."""
    if n == 1:
        return [t0]
    span = max((t1 - t0).total_seconds(), n * 3600)
    cuts = sorted(rng.uniform(0.05, 1.0) for _ in range(n - 1))
    out = [t0] + [t0 + dt.timedelta(seconds=int(span * c)) for c in cuts]
    for i in range(1, n):  # strictly increasing
        if out[i] <= out[i - 1]:
            out[i] = out[i - 1] + dt.timedelta(minutes=7)
    return out


def make_deals(rng, cfg):
    """The deals' facts, before any file is written."""
    deals = []
    plan = []  # (group, status, special)
    if cfg["multi_currency"]:
        plan += [("migrated", s, None) for s in ["won"] * 7 + ["lost"] * 7 + ["open"] * 6]
        plan += [("normal", s, None) for s in ["won"] * 8 + ["lost"] * 5 + ["open"] * 17]
    else:
        plan += [("normal", s, None) for s in ["won"] * 14 + ["lost"] * 12 + ["open"] * 24]
    plan += [("normal", "open", "deleted"), ("normal", "lost", "deleted")]
    for n, (group, status, special) in enumerate(plan):
        d = Deal()
        d.n = n
        d.group = group
        d.status = status
        d.deleted = special == "deleted"
        d.quirks = set()
        deals.append(d)
    kept = [d for d in deals if not d.deleted]
    mig = [d for d in kept if d.group == "migrated"]
    norm = [d for d in kept if d.group == "normal"]

    def pick(pool, status, k, exclude=()):
        cands = [d for d in pool if d.status == status and not (d.quirks & set(exclude))]
        chosen = rng.sample(cands, k)
        return chosen

    # quirks, each on chosen deals
    if cfg["multi_currency"]:
        for d in pick(mig, "won", 1) + pick(mig, "lost", 1):
            d.quirks.add("closed_before_migration")  # closed in the old CRM, so CloseDate < CreatedDate
        keep = [d for d in mig if "closed_before_migration" in d.quirks][:1]
        others = [d for d in mig if d not in keep]
        for d in keep + rng.sample(others, 9):
            d.quirks.add("history_kept")  # history rows keep their real, earlier dates
    else:
        for d in pick(norm, "won", 1) + pick(norm, "lost", 1):
            d.quirks.add("logged_late")  # entered after it closed: CloseDate < CreatedDate
    busy = {"closed_before_migration", "logged_late"}
    for d in pick(norm, "open", 2, busy):
        d.quirks.add("no_history")
    busy.add("no_history")
    d = pick(norm, "open", 1, busy)[0]
    d.quirks.add("history_disagrees")
    busy.add("history_disagrees")
    d = pick(norm, "open", 1, busy)[0]
    d.quirks.add("backwards_open")
    busy.add("backwards_open")
    d = pick(norm, "won", 1, busy)[0]
    d.quirks.add("backwards_won")
    busy.add("backwards_won")
    for d in pick(norm, "open", 2, busy) + pick(norm, "lost", 1, busy):
        d.quirks.add("blank_amount")
    busy.add("blank_amount")
    for d in pick(norm, "open", 1, busy) + pick(norm, "lost", 1, busy):
        d.quirks.add("zero_amount")
    busy.add("zero_amount")
    d = pick(norm, "open", 1, busy)[0]
    d.quirks.add("probability_overridden")
    busy.add("probability_overridden")
    d = pick(norm, "open", 1, busy)[0]
    d.quirks.add("quoted_comma")
    d = pick(norm, "won", 1, busy)[0]
    d.quirks.add("line_break")
    if cfg["multi_currency"]:
        d = pick(norm, "open", 1, busy | {"quoted_comma"})[0]
        d.quirks.add("no_rate_currency")
        busy.add("no_rate_currency")
        for d in pick(kept, "won", 1, busy) + pick(kept, "open", 1, busy):
            d.quirks.add("rich_text_nul")

    accounts_by_cur = {}
    for i, a in enumerate(ACCOUNTS):
        accounts_by_cur.setdefault(a[5], []).append(i)
    owners = [i for i, u in enumerate(USERS) if u[5]]

    for d in deals:
        q = d.quirks
        # dates
        if d.group == "migrated":
            last_day = dt.date(2023, 4, 14) if "closed_before_migration" in q else dt.date(2023, 5, 26)
            d.created_real = at(rng, rand_day(rng, dt.date(2023, 1, 9), last_day))
            if "closed_before_migration" in q:
                close = rand_day(rng, d.created_real.date() + dt.timedelta(days=20), dt.date(2023, 5, 30))
            elif d.status in ("won", "lost"):
                close = rand_day(rng, dt.date(2023, 6, 12), dt.date(2024, 6, 28))
            else:
                close = rand_day(rng, dt.date(2025, 1, 20), dt.date(2025, 11, 28))
        else:
            if d.status == "open":
                lo = dt.date(2023, 7, 3) if rng.random() < 0.15 else dt.date(2024, 2, 1)
                lo = dt.date(2023, 1, 9) if not cfg["multi_currency"] and rng.random() < 0.1 else lo
                d.created_real = at(rng, rand_day(rng, lo, dt.date(2024, 12, 18)))
                close = rand_day(rng, dt.date(2025, 1, 20), dt.date(2025, 12, 15))
            else:
                lo = dt.date(2023, 6, 5) if cfg["multi_currency"] else dt.date(2023, 1, 9)
                d.created_real = at(rng, rand_day(rng, lo, dt.date(2024, 10, 25)))
                close = min(d.created_real.date() + dt.timedelta(days=rng.randint(18, 170)), dt.date(2025, 1, 10))
                if "logged_late" in q:
                    close = d.created_real.date() - dt.timedelta(days=rng.randint(3, 25))
        d.close = close
        # stages
        if "backwards_open" in q:
            special = ["Prospecting", "Qualification", "Proposal/Price Quote", "Qualification"]
        elif "backwards_won" in q:
            special = ["Qualification", "Id. Decision Makers", "Negotiation/Review", "Id. Decision Makers",
                       "Negotiation/Review", "Closed Won"]
        elif "history_disagrees" in q:
            special = ["Prospecting", "Qualification", "Id. Decision Makers", "Proposal/Price Quote"]
        else:
            special = None
        path = stage_path(rng, d.status, special)
        if cfg.get("history_only_stage"):
            # no deal sits in this stage at export time, so only the history names it
            hs = cfg["history_only_stage"]
            if path[-1] == hs:
                if len(path) > 1 and rng.random() < 0.5:
                    path.pop()  # it never got that far
                else:
                    path[-1] = "Proposal/Price Quote"
        if "probability_overridden" in q and path[-1] != "Proposal/Price Quote":
            path = ["Prospecting", "Qualification", "Proposal/Price Quote"]
        d.path = path
        # who, what, how much
        d.currency = "USD"
        if cfg["multi_currency"]:
            d.currency = rng.choice(["USD"] * 6 + ["EUR"] * 2 + ["GBP"] * 2)
        if "no_rate_currency" in q:
            d.currency = NO_RATE_CURRENCY
        pool = accounts_by_cur.get(d.currency if cfg["multi_currency"] else "USD", list(range(len(ACCOUNTS))))
        if not cfg["multi_currency"] or d.currency == NO_RATE_CURRENCY:
            pool = list(range(len(ACCOUNTS)))
        d.account = rng.choice(pool)
        if "quoted_comma" in q:
            d.account = 4 if (not cfg["multi_currency"] or d.currency == "USD") else d.account
        d.owner = rng.choice(owners)
        d.lead_source = rng.choice(LEAD_SOURCES)
        d.type = rng.choice(TYPES)
        # line items
        d.items = []
        if not (q & {"blank_amount", "zero_amount", "no_rate_currency"}) and rng.random() < 0.65:
            prods = rng.sample(range(len(PRODUCTS)), rng.choice([1, 1, 2]))
            for p in prods:
                if not PRODUCTS[p][4] and d.created_real.date() > dt.date(2023, 12, 31):
                    p = 0  # the retired product is on old deals only
                qty = rng.choice([5, 10, 20, 25, 40, 60, 100]) if PRODUCTS[p][2] != "Services" else 1
                disc = rng.choice([None, None, None, 10, 15])
                d.items.append((p, qty, disc))
            seen = set()
            d.items = [it for it in d.items if not (it[0] in seen or seen.add(it[0]))]
        rate = RATES.get(d.currency, 0.88)
        if d.items:
            total = 0.0
            for p, qty, disc in d.items:
                unit = price_in(PRODUCTS[p][3], d.currency)
                total += round(qty * unit * (1 - (disc or 0) / 100.0), 2)
            d.amount = round(total, 2)
        else:
            usd = rng.choice([7500, 12000, 18500, 24000, 36000, 48000, 65000, 90000, 125000, 180000])
            d.amount = float(round(usd * rate / 50) * 50)
            if rng.random() < 0.15:
                d.amount += 0.75
        if "blank_amount" in q:
            d.amount = None
        if "zero_amount" in q:
            d.amount = 0.0
        deals_amount_start(rng, d)
    return deals


def price_in(usd, currency):
    return float(round(usd * RATES.get(currency, 1.0)))


def deals_amount_start(rng, d):
    """The amount and close date the deal started with (they may change later)."""
    if d.amount is None:
        d.amount0 = None
    elif d.amount == 0:
        d.amount0 = 5000.0
    elif rng.random() < 0.35:
        d.amount0 = float(round(d.amount * rng.uniform(0.6, 1.3), -2)) or 1000.0
    else:
        d.amount0 = d.amount
    if d.status == "open" and rng.random() < 0.4:
        d.close0 = d.close - dt.timedelta(days=rng.randint(20, 120))  # pushed since
    elif d.status != "open" and rng.random() < 0.3:
        d.close0 = d.close + dt.timedelta(days=rng.randint(10, 60))  # closed earlier than planned
    else:
        d.close0 = d.close


def events_of(rng, d):
    """The deal's real changes: (time, stage, amount, close, probability)."""
    n = len(d.path)
    t0 = d.created_real
    if d.status == "open":
        t1 = min(EXPORT_AT - dt.timedelta(days=1), t0 + dt.timedelta(days=rng.randint(10, 300)))
    else:
        t1 = at(rng, d.close) if d.close > t0.date() else t0 + dt.timedelta(hours=rng.randint(2, 40))
    if "logged_late" in d.quirks:
        t1 = t0 + dt.timedelta(minutes=rng.randint(3, 40))  # entered, then closed at once
    if t1 <= t0:
        t1 = t0 + dt.timedelta(hours=3)
    times = spread_times(rng, t0, t1, n)
    if d.status != "open" and "logged_late" not in d.quirks and d.close > t0.date():
        times[-1] = max(times[-1], at(rng, d.close))
        if times[-1] <= times[-2]:
            times[-1] = times[-2] + dt.timedelta(hours=2)
    evs = []
    amount_change_at = rng.randint(1, n - 1) if d.amount0 != d.amount and n > 1 else None
    close_change_at = rng.randint(1, n - 1) if d.close0 != d.close and n > 1 else None
    amount, close = d.amount0, d.close0
    if n == 1:
        amount, close = d.amount, d.close
    for i, (t, s) in enumerate(zip(times, d.path)):
        changes = i in (amount_change_at, close_change_at)
        if changes and evs and rng.random() < 0.35:
            # the change came on its own, before the next change of stage
            t_own = evs[-1][0] + (t - evs[-1][0]) / 2
            evs.append([t_own, evs[-1][1], d.amount if i == amount_change_at else amount,
                        d.close if i == close_change_at else close])
        if i == amount_change_at:
            amount = d.amount
        if i == close_change_at:
            close = d.close
        evs.append([t, s, amount, close])
    for e in evs:
        e.append(ST[e[1]][3])
    if "probability_overridden" in d.quirks:
        evs[-1][4] = 60
    return evs


# ---------------------------------------------------------------------------
# the files


def build(cfg):
    rng = random.Random(cfg["seed"])
    ids = IdMaker(rng)
    multi = cfg["multi_currency"]
    org_start = dt.datetime(2023, 5, 22, 14, 3, 11)

    users = []
    for i, (first, last, alias, active, cur, _) in enumerate(USERS):
        uid = ids.new("005")
        users.append({"Id": uid, "first": first, "last": last})
    admin = users[5]["Id"]
    migration_user = users[4]["Id"]
    user_rows = []
    for i, (first, last, alias, active, cur, owns) in enumerate(USERS):
        created = org_start + dt.timedelta(minutes=11 * i)
        domain = "example-fleet.com"
        email = (alias + "@" + domain)
        user_rows.append({
            "Id": users[i]["Id"], "Username": email + ".prod", "FirstName": first, "LastName": last,
            "CompanyName": "Example Fleet Systems", "Department": "Sales" if owns else "IT",
            "Title": "Account Executive" if owns else ("Integration" if i == 4 else "Administrator"),
            "Country": "", "Email": email, "Alias": alias,
            "CommunityNickname": alias + str(1000 + i), "IsActive": b01(active), "IsSystemControlled": "0",
            "TimeZoneSidKey": "Europe/Berlin" if cur == "EUR" else ("Europe/London" if cur == "GBP" else "America/New_York"),
            "UserRoleId": NULL_ID, "LocaleSidKey": "de_DE" if cur == "EUR" else ("en_GB" if cur == "GBP" else "en_US"),
            "ReceivesInfoEmails": "0", "ReceivesAdminInfoEmails": b01(i == 5), "EmailEncodingKey": "UTF-8",
            "DefaultCurrencyIsoCode": cur, "CurrencyIsoCode": cur, "ProfileId": id18("00e5g000001Ab" + b62(i, 2)),
            "UserType": "Standard", "StartDay": "7", "EndDay": "19", "LanguageLocaleKey": "en_US",
            "DelegatedApproverId": NULL_ID, "ManagerId": NULL_ID,
            "LastLoginDate": f_dt(EXPORT_AT - dt.timedelta(days=rng.randint(1, 9), minutes=rng.randint(0, 900))) if active else "2024-03-28 16:40:02",
            "LastPasswordChangeDate": f_dt(created + dt.timedelta(days=2)),
            "CreatedDate": f_dt(created), "CreatedById": admin,
            "LastModifiedDate": f_dt(created + dt.timedelta(days=40)), "LastModifiedById": admin,
            "SystemModstamp": f_dt(created + dt.timedelta(days=40)),
            "ForecastEnabled": b01(owns), "ContactId": NULL_ID, "AccountId": NULL_ID,
            "DigestFrequency": "D", "DefaultGroupNotificationFrequency": "N", "WorkspaceId": NULL_ID,
            "SharingType": "Standard", "IsProfilePhotoActive": "0",
        })

    account_ids = []
    account_rows = []
    for i, (name, industry, typ, city, country, cur) in enumerate(ACCOUNTS):
        aid = ids.new("001")
        account_ids.append(aid)
        created = dt.datetime(2023, 6, 1, 8, 2, 10) + dt.timedelta(seconds=37 * i)
        owner = users[[0, 2, 0, 1, 2, 3, 3, 1][i]]["Id"]
        account_rows.append({
            "Id": aid, "IsDeleted": "0", "Name": name, "Type": typ, "ParentId": NULL_ID, "BillingCity": city,
            "BillingCountry": country, "Phone": "+1 555 01%02d" % i if country == "United States" else "",
            "Website": "www." + name.split()[0].lower().replace("ü", "ue") + ".example", "Industry": industry,
            "AnnualRevenue": str([12000000, 86000000, 5400000, 230000000, 41000000, 3100000, 18750000, 9900000][i]),
            "NumberOfEmployees": str([120, 640, 45, 2100, 380, 28, 150, 90][i]), "Ownership": "Private",
            "Rating": "", "CurrencyIsoCode": cur, "OwnerId": owner, "CreatedDate": f_dt(created),
            "CreatedById": migration_user, "LastModifiedDate": f_dt(created + dt.timedelta(days=200 + 13 * i)),
            "LastModifiedById": owner, "SystemModstamp": f_dt(created + dt.timedelta(days=200 + 13 * i)),
            "CleanStatus": "Pending", "AccountSource": "",
        })

    pricebook_id = ids.new("01s")
    product_ids = [ids.new("01t") for _ in PRODUCTS]
    currencies = list(RATES) if multi else ["USD"]
    pbe = {}
    pbe_rows = []
    for p, prod in enumerate(PRODUCTS):
        for cur in currencies:
            eid = ids.new("01u")
            pbe[(p, cur)] = eid
            pbe_rows.append({
                "Id": eid, "Pricebook2Id": pricebook_id, "Product2Id": product_ids[p], "CurrencyIsoCode": cur,
                "UnitPrice": f_num(price_in(prod[3], cur)), "IsActive": b01(prod[4]), "UseStandardPrice": "0",
                "CreatedDate": f_dt(org_start + dt.timedelta(days=1, minutes=p)), "CreatedById": admin,
                "LastModifiedDate": f_dt(org_start + dt.timedelta(days=1, minutes=p)), "LastModifiedById": admin,
                "SystemModstamp": f_dt(org_start + dt.timedelta(days=1, minutes=p)), "IsDeleted": "0",
                "IsArchived": "0",
            })
    product_rows = [{
        "Id": product_ids[p], "Name": prod[0], "ProductCode": prod[1], "Description": "", "IsActive": b01(prod[4]),
        "CreatedDate": f_dt(org_start + dt.timedelta(days=1, minutes=p)), "CreatedById": admin,
        "LastModifiedDate": f_dt(org_start + dt.timedelta(days=1, minutes=p) if prod[4] else dt.datetime(2024, 1, 8, 10, 0, 5)),
        "LastModifiedById": admin,
        "SystemModstamp": f_dt(org_start + dt.timedelta(days=1, minutes=p) if prod[4] else dt.datetime(2024, 1, 8, 10, 0, 5)),
        "Family": prod[2], "CurrencyIsoCode": "USD", "IsDeleted": "0", "IsArchived": "0",
    } for p, prod in enumerate(PRODUCTS)]
    pricebook_rows = [{
        "Id": pricebook_id, "IsDeleted": "0", "Name": "Standard Price Book", "CurrencyIsoCode": "000",
        "CreatedDate": f_dt(org_start), "CreatedById": admin, "LastModifiedDate": f_dt(org_start),
        "LastModifiedById": admin, "SystemModstamp": f_dt(org_start), "IsActive": "1", "IsArchived": "0",
        "Description": "", "IsStandard": "1",
    }]

    deals = make_deals(rng, cfg)
    # Opportunity ids in the order the org created the records
    migrated = sorted([d for d in deals if d.group == "migrated"], key=lambda d: d.created_real)
    t = dt.datetime(2023, 6, 1, 9, 4, 17)
    for d in migrated:
        d.created = t
        t += dt.timedelta(seconds=rng.randint(40, 140))
    for d in deals:
        if d.group != "migrated":
            d.created = d.created_real
    for d in sorted(deals, key=lambda d: d.created):
        d.id = ids.new("006")

    # history: the real events, as the org recorded them
    hist_events = []  # (insert order key, deal, event)
    for d in deals:
        evs = events_of(rng, d)
        d.events = evs
        rec = []
        if d.group == "migrated" and "history_kept" not in d.quirks:
            before = [e for e in evs if e[0] <= d.created]
            after = [e for e in evs if e[0] > d.created]
            if before:
                last = list(before[-1])
                last[0] = d.created
                rec = [last] + after
            else:
                rec = after
        else:
            rec = list(evs)
        if "no_history" in d.quirks:
            rec = []
        if "history_disagrees" in d.quirks:
            rec = rec[:-1]  # the last change of stage never reached the history
        d.recorded = rec
        for e in rec:
            inserted = max(e[0], d.created) if d.group == "migrated" else e[0]
            hist_events.append((inserted, e[0], d, e))
    hist_events.sort(key=lambda x: (x[0], x[1], x[2].n))
    hist_id = {}
    for inserted, _, d, e in hist_events:
        hist_id[id(e)] = ids.new("008")

    deleted_at = {}
    for d in deals:
        if d.deleted:
            last = max(d.events[-1][0], d.created)
            deleted_at[d.id] = min(last + dt.timedelta(days=rng.randint(3, 30), hours=2),
                                   last + (EXPORT_AT - last) / 2)
            assert last < deleted_at[d.id] < EXPORT_AT

    owner_id = {i: users[i]["Id"] for i in range(len(USERS))}
    hist_rows = []
    for d in deals:
        rec = d.recorded
        last_stage_change = rec[0][0] if rec else None
        last_fc_change = rec[0][0] if rec else None
        for i, e in enumerate(rec):
            t_e, stage, amount, close, prob = e
            prev = rec[i - 1] if i else None
            nxt = rec[i + 1] if i + 1 < len(rec) else None
            fc = FC_NAME[ST[stage][6]]
            if prev is None:
                psu = t_e
                pfu = t_e
            else:
                psu = last_stage_change
                pfu = last_fc_change
            if prev is not None and prev[1] != stage:
                last_stage_change = t_e
            if prev is not None and FC_NAME[ST[prev[1]][6]] != fc:
                last_fc_change = t_e
            valid_through = nxt[0] if nxt else None
            modstamp = valid_through or t_e
            if d.deleted:
                modstamp = deleted_at[d.id]
            actor = migration_user if (d.group == "migrated" and t_e <= d.created) else owner_id[d.owner]
            hist_rows.append({
                "Id": hist_id[id(e)], "OpportunityId": d.id, "CreatedById": actor, "CreatedDate": f_dt(t_e),
                "CreatedDateForInsert": f_dt(t_e), "StageName": stage, "Amount": f_num(amount),
                "ExpectedRevenue": "" if amount is None else f_num(amount * (prob / 100.0)),
                "CloseDate": f_date(close), "Probability": str(prob),
                "FromForecastCategory": FC_NAME[ST[prev[1]][6]] if prev else "", "ForecastCategory": fc,
                "PrevForecastUpdate": f_dt(pfu), "FromOpportunityStageName": prev[1] if prev else "",
                "PrevOpportunityStageUpdate": f_dt(psu), "CurrencyIsoCode": d.currency,
                "ValidThroughDate": f_dt(valid_through), "SystemModstamp": f_dt(modstamp),
                "IsDeleted": b01(d.deleted), "PrevAmount": f_num(prev[2]) if prev else "",
                "PrevCloseDate": f_date(prev[3]) if prev else "",
            })
    hist_rows.sort(key=lambda r: r["Id"])

    # line items
    oli_rows = []
    for d in sorted(deals, key=lambda d: d.id):
        for k, (p, qty, disc) in enumerate(d.items):
            unit = price_in(PRODUCTS[p][3], d.currency)
            when = max(d.events[min(1, len(d.events) - 1)][0], d.created)  # migrated with their deal
            mod = deleted_at.get(d.id, when)
            oli_rows.append({
                "Id": ids.new("00k"), "OpportunityId": d.id, "SortOrder": "", "PricebookEntryId": pbe[(p, d.currency)],
                "CurrencyIsoCode": d.currency, "Quantity": str(qty), "Discount": "" if disc is None else str(disc),
                "TotalPrice": f_num(round(qty * unit * (1 - (disc or 0) / 100.0), 2)), "UnitPrice": f_num(unit),
                "Description": "", "CreatedDate": f_dt(when), "CreatedById": owner_id[d.owner],
                "LastModifiedDate": f_dt(mod), "LastModifiedById": owner_id[d.owner], "SystemModstamp": f_dt(mod),
                "IsDeleted": b01(d.deleted),
            })

    # opportunities
    opp_rows = []
    names_used = set()
    for d in sorted(deals, key=lambda d: d.id):
        acc = ACCOUNTS[d.account]
        stage = d.path[-1]
        s = ST[stage]
        prob = d.events[-1][4]
        product = PRODUCTS[d.items[0][0]][0] if d.items else rng.choice(["Fleet rollout", "Renewal", "Expansion", "Pilot"])
        c = d.created_real
        name = "%s - %s %d-Q%d" % (acc[0].replace(", Inc.", ""), product, c.year, (c.month - 1) // 3 + 1)
        while name in names_used:
            name += " (phase 2)"
        if "quoted_comma" in d.quirks:
            name = "Renewal, 3-year – %s" % acc[0].replace(", Inc.", "")
        names_used.add(name)
        desc = ""
        if "line_break" in d.quirks:
            desc = "Budget approved for phase 1.\r\nPhase 2 (\"rollout\") depends on the pilot results."
        elif rng.random() < 0.2:
            desc = rng.choice(["Referred by an existing customer.", "Competes with an in-house build.",
                               "Framework agreement; call-offs per depot."])
        last_change = max([e[0] for i, e in enumerate(d.events) if i == 0 or d.events[i - 1][1] != e[1]])
        last_mod = max(d.events[-1][0], d.created) + dt.timedelta(minutes=rng.randint(0, 90))
        if d.deleted:
            last_mod = deleted_at[d.id]
        last_mod = min(last_mod, EXPORT_AT - dt.timedelta(hours=1))
        rec_ids = [hist_id[id(e)] for e in d.recorded]
        amt_change = [hist_id[id(e)] for i, e in enumerate(d.recorded) if i and e[2] != d.recorded[i - 1][2]]
        close_change = [hist_id[id(e)] for i, e in enumerate(d.recorded) if i and e[3] != d.recorded[i - 1][3]]
        rich = ""
        if "rich_text_nul" in d.quirks:
            rich = "\x00<p>Exec sponsor: <b>COO</b>. Sign-off in two steps.</p>"
        opp_rows.append({
            "Id": d.id, "IsDeleted": b01(d.deleted), "AccountId": account_ids[d.account], "IsPrivate": "0",
            "Name": name, "Description": desc, "StageName": stage, "StageSortOrder": str(s[2]),
            "Amount": f_num(d.amount), "Probability": str(prob),
            "ExpectedRevenue": "" if d.amount is None else f_num(d.amount * (prob / 100.0)),
            "TotalOpportunityQuantity": str(sum(q for _, q, _ in d.items)) if d.items else "",
            "CloseDate": f_date(d.close), "Type": d.type,
            "NextStep": rng.choice(NEXT_STEPS) if d.status == "open" else "", "LeadSource": d.lead_source,
            "IsClosed": b01(s[4]), "IsWon": b01(s[5]), "ForecastCategory": s[6], "ForecastCategoryName": s[7],
            "CurrencyIsoCode": d.currency, "CampaignId": NULL_ID, "HasOpportunityLineItem": b01(bool(d.items)),
            "Pricebook2Id": pricebook_id if d.items else "", "OwnerId": owner_id[d.owner],
            "CreatedDate": f_dt(d.created),
            "CreatedById": migration_user if d.group == "migrated" else owner_id[d.owner],
            "LastModifiedDate": f_dt(last_mod), "LastModifiedById": owner_id[d.owner],
            "SystemModstamp": f_dt(last_mod),
            "LastActivityDate": f_date(min(last_mod.date(), d.close)) if rng.random() < 0.5 else "",
            "LastStageChangeDate": f_dt(max(last_change, d.created)),
            "FiscalYear": str(d.close.year), "FiscalQuarter": str((d.close.month - 1) // 3 + 1),
            "ContactId": NULL_ID, "SyncedQuoteId": "", "ContractId": "",
            "LastAmountChangedHistoryId": amt_change[-1] if amt_change else "",
            "LastCloseDateChangedHistoryId": close_change[-1] if close_change else "",
            "Loss_Reason__c": rng.choice(LOSS_REASONS) if d.status == "lost" else "",
            "Closing_Plan__c": rich, "Region__c": REGIONS[acc[4]],
        })
        d.name = name

    # the stage table (Data Loader extract)
    stage_rows = [H_STAGE_DL]
    st_created = dt.datetime(2023, 5, 22, 14, 0, 2)
    for api, label, order, p, closed, won, fc, fcn in STAGES:
        changed = st_created + (dt.timedelta(days=30, hours=3) if label != api else dt.timedelta())
        stage_rows.append([id18("01J5g00000" + b62(900 + order * 7, 5)), label, api, "true", str(order),
                           str(closed).lower(), str(won).lower(), fc, fcn, "%.1f" % p, "", admin, f_dl(st_created),
                           admin, f_dl(changed), f_dl(changed)])

    # currencies
    cur_rows = []
    dated_rows = []
    if multi:
        for k, (code, rate) in enumerate(list(RATES.items()) + [INACTIVE_CURRENCY]):
            created = org_start + dt.timedelta(minutes=3 + k)
            changed = dt.datetime(2024, 1, 2, 9, 15, 0) if code in ("EUR", "GBP") else created
            cur_rows.append({
                "Id": ids.new("01L"), "IsoCode": code, "ConversionRate": f_num(rate), "DecimalPlaces": "2" if code != "JPY" else "0",
                "IsActive": b01(code != INACTIVE_CURRENCY[0]), "IsCorporate": b01(code == "USD"),
                "CreatedDate": f_dt(created), "CreatedById": admin, "LastModifiedDate": f_dt(changed),
                "LastModifiedById": admin, "SystemModstamp": f_dt(changed),
            })
        periods = {"USD": [(dt.date(1, 1, 1), dt.date(9999, 12, 31), 1.0)],
                   "EUR": [(dt.date(1, 1, 1), dt.date(2024, 1, 1), 0.905), (dt.date(2024, 1, 1), dt.date(9999, 12, 31), 0.92)],
                   "GBP": [(dt.date(1, 1, 1), dt.date(2024, 1, 1), 0.8), (dt.date(2024, 1, 1), dt.date(9999, 12, 31), 0.79)]}
        for code, ps in periods.items():
            for start, nxt, rate in ps:
                when = org_start + dt.timedelta(minutes=20) if start.year == 1 else dt.datetime(2024, 1, 2, 9, 15, 0)
                dated_rows.append({
                    "Id": ids.new("04w"), "IsoCode": code, "StartDate": "%04d-%02d-%02d 00:00:00" % (start.year, start.month, start.day),
                    "NextStartDate": "%04d-%02d-%02d 00:00:00" % (nxt.year, nxt.month, nxt.day),
                    "ConversionRate": f_num(rate), "CreatedDate": f_dt(when), "CreatedById": admin,
                    "LastModifiedDate": f_dt(when), "LastModifiedById": admin, "SystemModstamp": f_dt(when),
                })

    # objects a reader must ignore
    contact_ids = [ids.new("003") for _ in range(3)]
    contacts = [{"Id": contact_ids[i], "IsDeleted": "0", "MasterRecordId": "", "AccountId": account_ids[a],
                 "FirstName": fn, "LastName": ln, "Email": em, "Title": ti, "LeadSource": "Web", "CurrencyIsoCode": ACCOUNTS[a][5],
                 "OwnerId": users[0]["Id"], "HasOptedOutOfEmail": "0", "HasOptedOutOfFax": "0", "DoNotCall": "0",
                 "CreatedDate": f_dt(dt.datetime(2023, 6, 1, 8, 30, 0) + dt.timedelta(minutes=i)), "CreatedById": migration_user,
                 "LastModifiedDate": "2024-02-12 10:04:33", "LastModifiedById": users[0]["Id"],
                 "SystemModstamp": "2024-02-12 10:04:33", "CleanStatus": "Pending", "ReportsToId": NULL_ID,
                 "MailingCity": ACCOUNTS[a][3], "MailingCountry": ACCOUNTS[a][4]}
                for i, (a, fn, ln, em, ti) in enumerate([(0, "Jordan", "Lee", "jlee@acme.example", "COO"),
                                                         (3, "Jürgen", "Weiß", "jweiss@mueller.example", "Einkauf"),
                                                         (6, "Amelia", "Hart", "ahart@bluefin.example", "Head of Fleet")])]
    cases = [{"Id": ids.new("500"), "IsDeleted": "0", "MasterRecordId": "", "CaseNumber": "%08d" % (1001 + i),
              "ContactId": contact_ids[i], "AccountId": account_ids[[0, 3][i]], "AssetId": NULL_ID, "ProductId": NULL_ID,
              "EntitlementId": NULL_ID, "SourceId": NULL_ID, "BusinessHoursId": id18("01m5g00000AbXyZ"), "ParentId": NULL_ID,
              "Type": "Problem", "Status": ["Closed", "New"][i], "Reason": "Performance", "Origin": ["Phone", "Web"][i],
              "Subject": ["Tracker offline after firmware update", "Gateway, SIM not detected"][i], "Priority": "High",
              "Description": "", "IsClosed": b01(i == 0), "ClosedDate": ["2024-03-05 11:20:09", ""][i], "IsEscalated": "0",
              "CurrencyIsoCode": ACCOUNTS[[0, 3][i]][5], "OwnerId": users[5]["Id"], "IsClosedOnCreate": "0", "IsStopped": "0",
              "CreatedDate": ["2024-03-01 08:15:44", "2025-01-13 15:02:51"][i], "CreatedById": users[5]["Id"],
              "LastModifiedDate": ["2024-03-05 11:20:09", "2025-01-13 15:02:51"][i], "LastModifiedById": users[5]["Id"],
              "SystemModstamp": ["2024-03-05 11:20:09", "2025-01-13 15:02:51"][i], "ServiceContractId": NULL_ID}
             for i in range(2)]
    some = [d for d in sorted(deals, key=lambda d: d.id) if not d.deleted and d.status == "open"][:3]
    tasks = [{"Id": ids.new("00T"), "WhoId": contact_ids[i] if i < 2 else NULL_ID, "WhatId": d.id, "WhoCount": "1" if i < 2 else "0",
              "WhatCount": "1", "Subject": ["Call", "Send quote", "Email: pricing"][i],
              "ActivityDate": f_date(d.close - dt.timedelta(days=30)), "Status": ["Completed", "Not Started", "Completed"][i],
              "Priority": "Normal", "OwnerId": owner_id[d.owner],
              "Description": ["Discussed pilot scope", "", "To: buyer CC:  BCC:  Subject: pricing"][i],
              "CurrencyIsoCode": d.currency, "Type": ["Call", "", "Email"][i], "IsDeleted": "0",
              "AccountId": account_ids[d.account], "IsClosed": b01(i != 1), "CreatedDate": f_dt(d.created + dt.timedelta(days=3)),
              "CreatedById": owner_id[d.owner], "LastModifiedDate": f_dt(d.created + dt.timedelta(days=3)),
              "LastModifiedById": owner_id[d.owner], "SystemModstamp": f_dt(d.created + dt.timedelta(days=3)),
              "IsArchived": "0", "EmailMessageId": "", "ActivityOriginType": "", "IsReminderSet": "0", "IsRecurrence": "0",
              "CompletedDateTime": f_dt(d.created + dt.timedelta(days=3)) if i != 1 else ""}
             for i, d in enumerate(some)]
    ocrs = [{"Id": ids.new("00K"), "OpportunityId": d.id, "ContactId": contact_ids[i], "Role": "Decision Maker",
             "IsPrimary": "1", "CreatedDate": f_dt(d.created + dt.timedelta(days=1)), "CreatedById": owner_id[d.owner],
             "LastModifiedDate": f_dt(d.created + dt.timedelta(days=1)), "LastModifiedById": owner_id[d.owner],
             "SystemModstamp": f_dt(d.created + dt.timedelta(days=1)), "IsDeleted": "0"}
            for i, d in enumerate(some[:2])]

    files = {
        "Opportunity.csv": csv_bytes(table(H_OPP, opp_rows, multi)),
        "OpportunityHistory.csv": csv_bytes(table(H_HIST, hist_rows, multi)),
        "OpportunityLineItem.csv": csv_bytes(table(H_OLI, oli_rows, multi)),
        "PricebookEntry.csv": csv_bytes(table(H_PBE, pbe_rows, multi)),
        "Pricebook2.csv": csv_bytes(table(H_PRICEBOOK, pricebook_rows, multi)),
        "Product2.csv": csv_bytes(table(H_PRODUCT, product_rows, multi)),
        "Account.csv": csv_bytes(table(H_ACCOUNT, account_rows, multi)),
        "User.csv": csv_bytes(table(H_USER, user_rows, multi)),
        "Contact.csv": csv_bytes(table(H_CONTACT, contacts, multi)),
        "Case.csv": csv_bytes(table(H_CASE, cases, multi)),
        "Task.csv": csv_bytes(table(H_TASK, tasks, multi)),
        "OpportunityContactRole.csv": csv_bytes(table(H_OCR, ocrs, multi)),
        "Event.csv": csv_bytes(table(H_EVENT, [], multi)),  # an object with no rows: the header alone
    }
    if multi:
        files["CurrencyType.csv"] = csv_bytes(table(H_CURRENCY, cur_rows, True))
        files["DatedConversionRate.csv"] = csv_bytes(table(H_DATED, dated_rows, True))
        files["OpportunityStage.csv"] = csv_bytes(stage_rows, eol="\r\n", bom=True)
    return deals, files


# ---------------------------------------------------------------------------
# expected facts, and the check that the files say the same


def expected_from_plan(cfg, deals):
    kept = [d for d in deals if not d.deleted]
    ids_with = lambda q: sorted(d.id for d in kept if q in d.quirks)
    exp = {
        "deals": len(kept),
        "deleted": sorted(d.id for d in deals if d.deleted),
        "won": sum(d.status == "won" for d in kept),
        "lost": sum(d.status == "lost" for d in kept),
        "open": sum(d.status == "open" for d in kept),
        "currencies": sorted({d.currency for d in kept}) if cfg["multi_currency"] else [],
        "blank_amount": ids_with("blank_amount"),
        "zero_amount": ids_with("zero_amount"),
        "close_before_created": sorted(d.id for d in kept if d.close < d.created.date()),
        "no_history": ids_with("no_history"),
        "history_disagrees": ids_with("history_disagrees"),
        "went_backwards": sorted(ids_with("backwards_open") + ids_with("backwards_won")),
        "unused_stages": [UNUSED_STAGE] if cfg["multi_currency"] else [],
        "currency_without_rate": [NO_RATE_CURRENCY] if cfg["multi_currency"] else [],
        "quoted_comma": ids_with("quoted_comma")[0],
        "line_break": ids_with("line_break")[0],
    }
    return exp


def read_csv(path, encoding="utf-8"):
    with open(path, newline="", encoding=encoding) as f:
        return list(csv.DictReader(f))


def facts_from_files(folder, multi):
    """What the files themselves say, recomputed as a test would."""
    opps = read_csv(os.path.join(folder, "Opportunity.csv"))
    hist = read_csv(os.path.join(folder, "OpportunityHistory.csv"))
    kept = [o for o in opps if o["IsDeleted"] == "0"]
    if multi:
        stages = read_csv(os.path.join(folder, "OpportunityStage.csv"), "utf-8-sig")
        order = {s["ApiName"]: int(s["SortOrder"]) for s in stages}
        closed = {s["ApiName"] for s in stages if s["IsClosed"] == "true"}
        rates = {r["IsoCode"] for r in read_csv(os.path.join(folder, "CurrencyType.csv"))}
    else:
        order = {s[0]: s[2] for s in STAGES}
        closed = {s[0] for s in STAGES if s[4]}
        rates = set()
    by_opp = {}
    for h in hist:
        if h["IsDeleted"] == "0":
            by_opp.setdefault(h["OpportunityId"], []).append(h)
    no_hist, disagree, backwards = [], [], []
    for o in kept:
        rows = sorted(by_opp.get(o["Id"], []), key=lambda h: h["CreatedDate"])
        if not rows:
            no_hist.append(o["Id"])
            continue
        if rows[-1]["StageName"] != o["StageName"]:
            disagree.append(o["Id"])
        seq = [r["StageName"] for i, r in enumerate(rows) if i == 0 or rows[i - 1]["StageName"] != r["StageName"]]
        opened = [s for s in seq if s not in closed]
        if any(order[b] < max(order[a] for a in opened[:i]) for i, b in enumerate(opened) if i):
            backwards.append(o["Id"])
    used = {o["StageName"] for o in opps} | {h["StageName"] for h in hist}
    facts = {
        "deals": len(kept),
        "deleted": sorted(o["Id"] for o in opps if o["IsDeleted"] == "1"),
        "won": sum(o["IsWon"] == "1" for o in kept),
        "lost": sum(o["IsClosed"] == "1" and o["IsWon"] == "0" for o in kept),
        "open": sum(o["IsClosed"] == "0" for o in kept),
        "currencies": sorted({o["CurrencyIsoCode"] for o in kept}) if multi else [],
        "blank_amount": sorted(o["Id"] for o in kept if o["Amount"] == ""),
        "zero_amount": sorted(o["Id"] for o in kept if o["Amount"] == "0"),
        "close_before_created": sorted(o["Id"] for o in kept if o["CloseDate"][:10] < o["CreatedDate"][:10]),
        "no_history": sorted(no_hist),
        "history_disagrees": sorted(disagree),
        "went_backwards": sorted(backwards),
        "unused_stages": sorted(s for s in order if s not in used) if multi else [],
        "currency_without_rate": sorted({o["CurrencyIsoCode"] for o in kept} - rates) if multi else [],
        "quoted_comma": [o["Id"] for o in kept if "," in o["Name"]],
        "line_break": [o["Id"] for o in kept if "\n" in o["Description"]],
    }
    return facts, opps, hist, kept


# ---------------------------------------------------------------------------


VARIANTS = [
    {"name": "salesforce", "seed": 20250115, "multi_currency": True},
    {"name": "salesforce_no_stages", "seed": 20250116, "multi_currency": False,
     "history_only_stage": "Id. Decision Makers"},
]

NOTES_MAIN = (
    "Salesforce weekly Data Export (Setup > Data Export), unzipped: one CSV per object named <Object>.csv "
    "(Opportunity, OpportunityHistory, OpportunityLineItem, PricebookEntry, Pricebook2, Product2, Account, User, "
    "CurrencyType, DatedConversionRate, plus Contact, Case, Task, OpportunityContactRole and a header-only "
    "Event.csv to ignore). Every field quoted, LF, UTF-8 without BOM; datetimes 'YYYY-MM-DD HH:MM:SS' (UTC, no "
    "zone), date fields 'YYYY-MM-DD 00:00:00', booleans 1/0, empty lookups sometimes 000000000000000AAA. "
    "OpportunityStage.csv is not part of the Data Export: here it is a Data Loader extract (UTF-8 BOM, CRLF, "
    "booleans true/false, datetimes 'YYYY-MM-DDTHH:MM:SS.000Z', DefaultProbability '75.0'). Stages are keyed by "
    "ApiName (= StageName); 'Negotiation/Review' has MasterLabel 'Negotiation/Review (Legal)'. Won/lost from "
    "IsClosed/IsWon; Probability and DefaultProbability are percent. Owner is a User Id (User.csv has FirstName "
    "and LastName, no Name column); account, industry via AccountId -> Account.csv. Product: "
    "OpportunityLineItem.PricebookEntryId -> PricebookEntry.Product2Id -> Product2.Name (no Product2Id on the "
    "line item); deals without line items have no product. CurrencyType.ConversionRate is units per 1 USD "
    "(invert for fx_rates); JPY is an inactive CurrencyType no deal uses; the CHF deal has no CurrencyType row. "
    "DatedConversionRate has periods from 0001-01-01 to 9999-12-31 (outside pipecast's date range). "
    "OpportunityHistory has one row per change of stage, amount, probability or close date (not only stage "
    "changes): collapse consecutive rows of one stage; its ForecastCategory holds names ('Best Case', 'Commit'). "
    "Deleted deals (IsDeleted 1) also have IsDeleted 1 on their history and line items. 40% of the deals were "
    "created by a data migration on 2023-06-01 (created_same_day); for history_before_created their "
    "OpportunityHistory keeps the real, earlier dates, so the first history row precedes CreatedDate; the two "
    "close_before_created deals closed in the old CRM before the migration. Closing_Plan__c is a rich-text field "
    "whose values start with a NUL byte (rich_text_nul). Export date 2025-01-15.")

NOTES_NO_STAGES = (
    "Same Data Export layout as ../salesforce, from a single-currency org: no CurrencyIsoCode columns anywhere, "
    "no CurrencyType.csv, DatedConversionRate.csv or OpportunityStage.csv, so stages must be derived from the "
    "data: order from Opportunity.StageSortOrder, kind from IsClosed/IsWon, probability from the most common "
    "Probability (percent) of a stage's deals or history rows. 'Id. Decision Makers' appears only in "
    "OpportunityHistory (no deal sits in it at export time), so it has no StageSortOrder: its place comes from "
    "the history (after Qualification, before Proposal/Price Quote). The org's unused stage cannot be seen, so "
    "unused_stages is []. One open deal has a Probability overridden to 60 in a 75% stage. The currency is the "
    "org's (USD here) and is not in the export: currencies is []. The two close_before_created deals were "
    "entered after they had closed. Export date 2025-01-15.")


def main():
    results = {}
    for cfg in VARIANTS:
        deals, files = build(cfg)
        folder = os.path.join(HERE, cfg["name"])
        if os.path.isdir(folder):
            shutil.rmtree(folder)
        os.makedirs(folder)
        for name, data in files.items():
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
        exp = expected_from_plan(cfg, deals)
        kept = [d for d in deals if not d.deleted]
        exp["probability_overridden"] = sorted(d.id for d in kept if "probability_overridden" in d.quirks)
        exp["no_line_items"] = sorted(d.id for d in kept if not d.items)
        exp["multi_line_items"] = sorted(d.id for d in kept if len(d.items) > 1)
        exp["inactive_owner"] = [r for r in read_csv(os.path.join(folder, "User.csv")) if r["IsActive"] == "0"][0]["Id"]
        if cfg["multi_currency"]:
            mig = [d for d in kept if d.group == "migrated"]
            exp["created_same_day"] = {"date": str(MIGRATION_DAY), "ids": sorted(d.id for d in mig)}
            exp["history_before_created"] = sorted(d.id for d in kept if d.recorded and d.recorded[0][0] < d.created)
            exp["rich_text_nul"] = sorted(d.id for d in kept if "rich_text_nul" in d.quirks)
            exp["stage_label_differs"] = {s[0]: s[1] for s in STAGES if s[0] != s[1]}
            exp["base_currency"] = "USD"
            exp["fx_rates"] = {c: round(1.0 / r, 12) for c, r in RATES.items()}
            exp["notes"] = NOTES_MAIN
        else:
            hs = cfg["history_only_stage"]
            exp["stages_only_in_history"] = [hs]
            exp["derived_stages"] = [
                {"stage": s[0], "sort_order_in_export": (None if s[0] == hs else s[2]),
                 "probability": s[3] / 100.0, "kind": "won" if s[5] else ("lost" if s[4] else "open")}
                for s in STAGES if s[0] != UNUSED_STAGE]
            exp["notes"] = NOTES_NO_STAGES
        with open(os.path.join(HERE, cfg["name"] + ".expected.json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(exp, indent=2, ensure_ascii=False) + "\n")
        results[cfg["name"]] = (cfg, deals, exp, folder)

    for name, (cfg, deals, exp, folder) in results.items():
        check(cfg, deals, exp, folder)
        size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
        print("%s: %d files, %d bytes; %d deals kept, %d deleted; won %d, lost %d, open %d"
              % (name, len(os.listdir(folder)), size, exp["deals"], len(exp["deleted"]), exp["won"], exp["lost"],
                 exp["open"]))


def check(cfg, deals, exp, folder):
    multi = cfg["multi_currency"]
    facts, opps, hist, kept = facts_from_files(folder, multi)
    for k, v in facts.items():
        want = exp[k]
        if k in ("quoted_comma", "line_break"):
            assert v == [want], (cfg["name"], k, v, want)
        else:
            assert v == want, (cfg["name"], k, v, want)
    assert 50 <= exp["deals"] <= 70
    assert len(exp["blank_amount"]) in (2, 3) and len(exp["zero_amount"]) in (1, 2)
    assert len(exp["close_before_created"]) in (1, 2) and len(exp["no_history"]) in (1, 2)
    assert len(exp["history_disagrees"]) == 1 and len(exp["went_backwards"]) in (1, 2)
    assert len(exp["deleted"]) in (1, 2)
    assert abs(exp["won"] + exp["lost"] - exp["open"]) <= 10
    # every file parses, with one width per file; bytes as the CRM writes them
    for fn in os.listdir(folder):
        raw = open(os.path.join(folder, fn), "rb").read()
        if fn == "OpportunityStage.csv":
            assert raw.startswith(b"\xef\xbb\xbf\"Id\"") and raw.endswith(b"\r\n")
            assert raw.count(b"\n") == raw.count(b"\r\n")
            text = raw[3:].decode("utf-8")
        else:
            assert raw.startswith(b'"Id"') and raw.endswith(b"\n") and not raw.endswith(b"\r\n")
            text = raw.decode("utf-8")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert len({len(r) for r in rows}) == 1, fn
        if not multi:
            assert "CurrencyIsoCode" not in rows[0], fn
    # ids: 18 characters with a valid case suffix, unique ignoring case
    all_ids = [o["Id"] for o in opps] + [h["Id"] for h in hist]
    assert all(len(i) == 18 and id18(i[:15]) == i for i in all_ids)
    assert len({i.lower() for i in all_ids}) == len(all_ids)
    # quoted comma and line break are real CSV content
    opp_text = open(os.path.join(folder, "Opportunity.csv"), encoding="utf-8", newline="").read()
    assert '"Renewal, 3-year' in opp_text and "\r\nPhase 2" in opp_text
    # history rows of deleted deals carry IsDeleted 1; ids in history all name an exported deal
    deleted = set(exp["deleted"])
    opp_ids = {o["Id"] for o in opps}
    assert all(h["OpportunityId"] in opp_ids for h in hist)
    assert all((h["IsDeleted"] == "1") == (h["OpportunityId"] in deleted) for h in hist)
    # stage defaults: every deal's Probability is its stage's default but the overridden one
    defaults = {s[0]: s[3] for s in STAGES}
    odd = sorted(o["Id"] for o in kept if int(o["Probability"]) != defaults[o["StageName"]])
    assert odd == exp["probability_overridden"], odd
    if multi:
        same_day = [o["Id"] for o in kept if o["CreatedDate"].startswith(str(MIGRATION_DAY))]
        assert sorted(same_day) == exp["created_same_day"]["ids"] and len(same_day) == int(0.4 * exp["deals"])
        first = {}
        for h in hist:
            if h["IsDeleted"] == "0":
                first[h["OpportunityId"]] = min(first.get(h["OpportunityId"], "9"), h["CreatedDate"])
        early = sorted(o["Id"] for o in kept if o["Id"] in first and first[o["Id"]] < o["CreatedDate"])
        assert early == exp["history_before_created"] and len(early) >= 5, early
        assert len(exp["rich_text_nul"]) == 2 and opp_text.count("\x00<p>") == 2
    else:
        hs = exp["stages_only_in_history"][0]
        assert all(o["StageName"] != hs for o in opps) and any(h["StageName"] == hs for h in hist)
    size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
    assert size < 112_000, size


if __name__ == "__main__":
    main()
