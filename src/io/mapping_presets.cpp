// Built-in column mappings for exports whose shape is known.
#include "io/mapping_presets.hpp"

#include "pipecast/io/column_mapping.hpp"

#include <utility>

namespace pipecast {
namespace {

// Maven Analytics' "CRM Sales Opportunities" sample (sales_pipeline.csv and
// friends).  It has no stage table and no stage history, so both are given
// here: the stage probabilities are assumptions (the export does not carry
// the CRM's), and history is rebuilt from engage and close dates.
constexpr std::string_view kMaven = R"json({
  "description": "Maven Analytics CRM Sales Opportunities export",
  "tables": {
    "opportunities": {
      "file": "sales_pipeline.csv",
      "columns": {"id": "opportunity_id", "owner": "sales_agent", "stage": "deal_stage",
                  "created": "engage_date", "close_date": "close_date", "amount": "close_value"},
      "defaults": {"pipeline": "Sales", "currency": "USD", "source": "", "segment": ""},
      "values": {"product": {"GTXPro": "GTX Pro"}}
    },
    "products": {
      "file": "products.csv",
      "columns": {"family": "series", "list_price": "sales_price"}
    }
  },
  "stages": [
    {"pipeline": "Sales", "stage": "Prospecting", "order": 1, "probability": 0.1, "kind": "open"},
    {"pipeline": "Sales", "stage": "Engaging", "order": 2, "probability": 0.5, "kind": "open"},
    {"pipeline": "Sales", "stage": "Won", "order": 3, "probability": 1, "kind": "won"},
    {"pipeline": "Sales", "stage": "Lost", "order": 4, "probability": 0, "kind": "lost"}
  ],
  "amount_from_list_price": "blank_or_zero",
  "history_from_dates": {"open_stage": "Engaging"},
  "created_when_blank": "latest",
  "lookups": [
    {"file": "accounts.csv", "key": "account", "field": "account",
     "columns": {"segment": "sector"}},
    {"file": "sales_teams.csv", "key": "sales_agent", "field": "owner",
     "columns": {"manager": "manager", "regional_office": "regional_office"}}
  ]
})json";

// Salesforce's weekly Data Export (Setup > Data Export: one CSV per object,
// every field quoted, booleans 1/0, datetimes "YYYY-MM-DD HH:MM:SS" in UTC)
// or Data Loader extracts of the same objects (true/false, ISO datetimes).
// docs/crm/salesforce.md gives the sources.  One pipeline: the export does
// not say which sales process a stage belongs to.  Columns that restate a
// deal's outcome or its latest state (IsWon, Probability, ForecastCategory,
// LastStageChangeDate, FiscalQuarter...) are ignored: as custom attributes
// they would let a model learn the outcome from the outcome.
// Activities: Task.csv and Event.csv, the fields of the Task and Event
// objects (Salesforce's Object Reference, sforce_api_objects_task.htm and
// sforce_api_objects_event.htm): those of opportunities only (WhatId with
// the Opportunity key prefix 006); a task's day is the one it was completed
// (CompletedDateTime), else its due date (ActivityDate), else its creation;
// CallDurationInSeconds is left out (seconds, not minutes).
constexpr std::string_view kSalesforce = R"json({
  "description": "Salesforce Data Export (Opportunity.csv, OpportunityHistory.csv; OpportunityStage, Account, User, OpportunityLineItem, PricebookEntry, Product2, CurrencyType, Task and Event when present)",
  "tables": {
    "opportunities": {
      "file": "Opportunity.csv",
      "columns": {"id": "Id", "account": "AccountId", "owner": "OwnerId", "stage": "StageName", "amount": "Amount",
                  "currency": "CurrencyIsoCode", "created": "CreatedDate", "close_date": "CloseDate",
                  "source": "LeadSource"},
      "defaults": {"pipeline": "Sales", "product": "", "segment": "", "currency": "", "source": ""},
      "values": {"account": {"000000000000000AAA": ""}, "currency": {"000": ""}},
      "drop_rows": {"IsDeleted": ["1", "true"]},
      "ignore": ["IsPrivate", "Name", "Description", "StageSortOrder", "Probability", "ExpectedRevenue",
                 "TotalOpportunityQuantity", "NextStep", "IsClosed", "IsWon", "ForecastCategory",
                 "ForecastCategoryName", "CampaignId", "HasOpportunityLineItem", "Pricebook2Id", "CreatedById",
                 "LastModifiedDate", "LastModifiedById", "SystemModstamp", "LastActivityDate", "LastActivityInDays",
                 "LastStageChangeDate", "LastStageChangeInDays", "LastViewedDate", "LastReferencedDate", "FiscalYear",
                 "FiscalQuarter", "Fiscal", "ContactId", "PrimaryPartnerAccountId", "PartnerAccountId",
                 "SyncedQuoteId", "ContractId", "LastAmountChangedHistoryId", "LastCloseDateChangedHistoryId",
                 "HasOpenActivity", "HasOverdueTask", "PushCount", "AgeInDays", "IsExcludedFromTerritory2Filter",
                 "Territory2Id", "IsSplit", "CloseDateFlag"]
    },
    "stage_history": {
      "file": "OpportunityHistory.csv",
      "columns": {"opportunity_id": "OpportunityId", "stage": "StageName", "entered": "CreatedDate",
                  "amount": "Amount", "close_date": "CloseDate"},
      "drop_rows": {"IsDeleted": ["1", "true"]},
      "ignore": ["Id", "CreatedById", "CreatedDateForInsert", "ExpectedRevenue", "Probability",
                 "FromForecastCategory", "ForecastCategory", "PrevForecastUpdate", "FromOpportunityStageName",
                 "PrevOpportunityStageUpdate", "CurrencyIsoCode", "ValidThroughDate", "SystemModstamp",
                 "PrevAmount", "PrevCloseDate"]
    },
    "stages": {
      "file": "OpportunityStage.csv",
      "columns": {"stage": "ApiName", "order": "SortOrder", "probability": "DefaultProbability",
                  "forecast_category": "ForecastCategoryName"},
      "defaults": {"pipeline": "Sales"},
      "computed": {"kind": [{"when": {"IsWon": ["1", "true"]}, "value": "won"},
                            {"when": {"IsClosed": ["1", "true"]}, "value": "lost"}, {"value": "open"}]},
      "read_as": {"probability": "percent"},
      "ignore": ["Id", "MasterLabel", "IsActive", "ForecastCategory", "Description", "CreatedById", "CreatedDate",
                 "LastModifiedById", "LastModifiedDate", "SystemModstamp"]
    },
    "line_items": {
      "file": "OpportunityLineItem.csv",
      "columns": {"opportunity_id": "OpportunityId", "product": "PricebookEntryId", "quantity": "Quantity",
                  "unit_price": "UnitPrice"},
      "drop_rows": {"IsDeleted": ["1", "true"]},
      "ignore": ["Id", "SortOrder", "CurrencyIsoCode", "Discount", "TotalPrice", "ListPrice", "ServiceDate",
                 "Description", "Name", "ProductCode", "Product2Id", "CreatedDate", "CreatedById", "LastModifiedDate",
                 "LastModifiedById", "SystemModstamp"]
    },
    "fx_rates": {
      "file": "CurrencyType.csv",
      "columns": {"currency": "IsoCode", "rate": "ConversionRate"},
      "read_as": {"rate": "inverse"},
      "ignore": ["Id", "DecimalPlaces", "IsActive", "IsCorporate", "CreatedDate", "CreatedById", "LastModifiedDate",
                 "LastModifiedById", "SystemModstamp"]
    },
    "activities": [
      {"file": "Task.csv",
       "columns": {"opportunity_id": "WhatId", "type": "Type", "owner": "OwnerId", "direction": "CallType",
                   "outcome": "CallDisposition"},
       "defaults": {"type": "Task"},
       "values": {"direction": {"Inbound": "in", "Outbound": "out", "Internal": ""}},
       "computed": {"date": [{"when": {"CompletedDateTime": ["?*"]}, "column": "CompletedDateTime"},
                             {"when": {"ActivityDate": ["?*"]}, "column": "ActivityDate"}, {"column": "CreatedDate"}],
                    "outcome": [{"when": {"CallDisposition": [""]}, "column": "Status"}]},
       "keep_rows": {"WhatId": ["006*"]},
       "drop_rows": {"IsDeleted": ["1", "true"]},
       "ignore": ["*"],
       "optional": true},
      {"file": "Event.csv",
       "columns": {"opportunity_id": "WhatId", "type": "Type", "owner": "OwnerId",
                   "duration_minutes": "DurationInMinutes"},
       "defaults": {"type": "Event"},
       "computed": {"date": [{"when": {"ActivityDateTime": ["?*"]}, "column": "ActivityDateTime"},
                             {"column": "ActivityDate"}]},
       "keep_rows": {"WhatId": ["006*"]},
       "drop_rows": {"IsDeleted": ["1", "true"]},
       "ignore": ["*"],
       "optional": true}
    ]
  },
  "stages_from_data": {
    "kind": [{"when": {"IsWon": ["1", "true"]}, "value": "won"},
             {"when": {"IsClosed": ["1", "true"]}, "value": "lost"}, {"value": "open"}],
    "probability": "Probability", "probability_as": "percent", "order": "StageSortOrder"
  },
  "lookups": [
    {"file": "Account.csv", "key": "Id", "field": "account", "columns": {"account": "Name", "segment": "Industry"},
     "optional": true},
    {"file": "User.csv", "key": "Id", "field": "owner", "columns": {"owner": ["FirstName", "LastName"]},
     "optional": true},
    {"table": "activities", "file": "User.csv", "key": "Id", "field": "owner",
     "columns": {"owner": ["FirstName", "LastName"]}, "optional": true},
    {"table": "line_items", "file": "PricebookEntry.csv", "key": "Id", "field": "product",
     "columns": {"product": "Product2Id"}, "optional": true},
    {"table": "line_items", "file": "Product2.csv", "key": "Id", "field": "product", "columns": {"product": "Name"},
     "optional": true}
  ],
  "currency_without_rate": "amount_unknown",
  "nul_bytes": "drop"
})json";

// Pipedrive's deals export (Deals > Export filter results, CSV: one file
// named deals-<company>-<n>.csv, headers "Deal - <field label>").  No stage
// table, no history, no rates: a stages.csv beside it (from the pipeline
// settings) is read when present, else the stages are made from the deals.
// A closed deal keeps the stage where it stopped and says Won or Lost in its
// status.  Activities: the activities list's export (activities-*.csv,
// headers "Activity - <label>" as the deals', with the deal's ID column
// added); the fields are the activity's (Pipedrive's API: type, due_date,
// user_id, done, deal_id); duration is left out (HH:MM, not minutes), and so
// are activities of no deal.  docs/crm/pipedrive.md gives the sources.
constexpr std::string_view kPipedrive = R"json({
  "description": "Pipedrive deals export (deals-*.csv), with stages.csv, fx_rates.csv and the activities export (activities-*.csv) when given",
  "tables": {
    "opportunities": {
      "file": "deals-*.csv",
      "columns": {"id": "Deal - ID", "pipeline": "Deal - Pipeline", "account": "Deal - Organization",
                  "owner": "Deal - Owner", "product": "Deal - Product name", "source": "Deal - Source channel",
                  "amount": "Deal - Value", "currency": "Deal - Currency of Value", "created": "Deal - Deal created",
                  "stage": "Deal - Stage"},
      "defaults": {"segment": "", "product": "", "source": ""},
      "computed": {
        "stage": [{"when": {"Deal - Status": ["Won", "won"]}, "value": "Won"},
                  {"when": {"Deal - Status": ["Lost", "lost"]}, "value": "Lost"}],
        "close_date": [{"when": {"Deal - Status": ["Won", "won", "Lost", "lost"]}, "column": "Deal - Deal closed on"},
                       {"column": "Deal - Expected close date"}]
      },
      "drop_rows": {"Deal - Status": ["Deleted", "deleted"]},
      "ignore": ["Deal - Title", "Deal - Creator", "Deal - Weighted value", "Deal - Currency of Weighted value",
                 "Deal - Update time", "Deal - Last stage change", "Deal - Next activity date",
                 "Deal - Last activity date", "Deal - Won time", "Deal - Last email received", "Deal - Last email sent",
                 "Deal - Lost time", "Deal - Deal closed on", "Deal - Lost reason", "Deal - Visible to",
                 "Deal - Total activities", "Deal - Done activities", "Deal - Activities to do",
                 "Deal - Email messages count", "Deal - Product quantity", "Deal - Product amount",
                 "Deal - Source origin ID", "Deal - Source channel ID", "Deal - Archive status", "Deal - Archive time",
                 "Deal - Participants", "Deal - Probability", "Deal - Organization ID", "Deal - Contact person",
                 "Deal - Contact person ID", "Deal - Expected close date", "Deal - Sequence enrollment",
                 "Deal - Next steps"]
    },
    "activities": {
      "file": "activities-*.csv",
      "columns": {"opportunity_id": "Deal - ID", "type": "Activity - Type", "date": "Activity - Due date",
                  "owner": "Activity - Assigned to user", "outcome": "Activity - Done"},
      "drop_rows": {"Deal - ID": [""]},
      "ignore": ["*"],
      "optional": true
    }
  },
  "stages_from_data": {
    "kind": [{"when": {"Deal - Status": ["Won", "won"]}, "value": "won"},
             {"when": {"Deal - Status": ["Lost", "lost"]}, "value": "lost"}, {"value": "open"}]
  },
  "history_from_dates": {"stage_column": "Deal - Stage"},
  "currency_without_rate": "amount_unknown"
})json";

// HubSpot's deals export (CRM > Deals > Export: hubspot-crm-exports-<view>-
// <date>.csv, headers are property labels).  The stage history is wide:
// a `Date entered "STAGE (PIPELINE)"` column per stage.  Amounts are taken
// in the company currency, which the export does not name.  No stage table:
// a stages.csv beside it (from the pipeline settings) is read when present,
// else the stages are made from the deals.  Activities: the calls, meetings
// and emails index pages' exports (one file each, named like the deals'),
// headers the properties' labels (hs_timestamp "Activity date",
// hubspot_owner_id "Activity assigned to", hs_call_direction, ...: HubSpot's
// calls and meetings API guides) and the deal association column
// "Associated Deal IDs"; activities of no deal, or of several (ids joined
// by ";"), are left out.  docs/crm/hubspot.md gives the sources.
constexpr std::string_view kHubspot = R"json({
  "description": "HubSpot deals export (hubspot-crm-exports-*deals*.csv), with stages.csv and the calls, meetings and emails exports when given",
  "tables": {
    "opportunities": {
      "file": "hubspot-crm-exports-*deals*.csv",
      "columns": {"id": "Record ID", "pipeline": "Pipeline", "stage": "Deal Stage", "amount": "Amount",
                  "created": "Create Date", "close_date": "Close Date", "owner": "Deal owner",
                  "account": "Associated Company", "source": "Original Traffic Source"},
      "defaults": {"product": "", "segment": "", "currency": "", "account": "", "source": "", "owner": ""},
      "computed": {"amount": [{"column": "Amount in company currency"}]},
      "ignore": ["Deal Name", "Deal Description", "Exchange rate", "Deal probability", "Is Closed Won",
                 "Is closed lost", "Associated Company IDs", "Date entered *", "Date exited *",
                 "Cumulative time in *", "Latest time in *", "Last Modified Date", "Last Activity Date",
                 "Next Activity Date", "Number of Sales Activities", "Number of times contacted", "Closed Lost Reason",
                 "Closed Won Reason", "Days to close", "Forecast category", "Forecast amount",
                 "Weighted amount", "Is Closed"]
    },
    "activities": [
      {"file": "hubspot-crm-exports-*calls*.csv",
       "columns": {"opportunity_id": "Associated Deal IDs", "date": "Activity date", "owner": "Activity assigned to",
                   "direction": "Call direction", "outcome": "Call outcome"},
       "defaults": {"type": "call"},
       "values": {"direction": {"Inbound": "in", "Outbound": "out", "INBOUND": "in", "OUTBOUND": "out"}},
       "drop_rows": {"Associated Deal IDs": ["", "*;*"]},
       "ignore": ["*"]},
      {"file": "hubspot-crm-exports-*meetings*.csv",
       "columns": {"opportunity_id": "Associated Deal IDs", "date": "Activity date", "owner": "Activity assigned to",
                   "outcome": "Meeting outcome"},
       "defaults": {"type": "meeting"},
       "drop_rows": {"Associated Deal IDs": ["", "*;*"]},
       "ignore": ["*"]},
      {"file": "hubspot-crm-exports-*emails*.csv",
       "columns": {"opportunity_id": "Associated Deal IDs", "date": "Activity date", "owner": "Activity assigned to"},
       "defaults": {"type": "email"},
       "drop_rows": {"Associated Deal IDs": ["", "*;*"]},
       "ignore": ["*"]}
    ]
  },
  "stages_from_data": {
    "kind": [{"when": {"Is Closed Won": ["true", "True"]}, "value": "won"},
             {"when": {"Is closed lost": ["true", "True"]}, "value": "lost"}, {"value": "open"}],
    "probability": "Deal probability"
  },
  "history_from_columns": {"header": "Date entered \"{stage} ({pipeline})\""}
})json";

// Odoo CRM's crm.lead exported from the list view with field labels as
// headers ("import-compatible" unticked; archived records included), and
// the stage changes from mail.tracking.value when that export is beside it.
// Lost means archived (Active blank) with the stage unchanged.  Pipelines
// are sales teams.  No stage table with probabilities: the stages are made
// from the deals, in the order the tracked changes enter them.  Activities:
// mail.activity's list export (res_model, res_id, activity_type_id,
// date_deadline, user_id, headed by their labels as Odoo's
// addons/mail/models/mail_activity.py names them), those of crm.lead; Odoo
// keeps planned activities only (a done one becomes a message), so their
// due dates are mostly after the export.  docs/crm/odoo.md gives the sources.
constexpr std::string_view kOdoo = R"json({
  "description": "Odoo CRM: crm.lead list export (*(crm.lead).csv), with mail.tracking.value's stage changes and mail.activity's planned activities",
  "tables": {
    "opportunities": {
      "file": "*(crm.lead).csv",
      "columns": {"id": "ID", "pipeline": "Sales Team", "account": "Customer", "owner": "Salesperson",
                  "source": "Source", "amount": "Expected Revenue", "currency": "Currency", "created": "Created on",
                  "stage": "Stage"},
      "defaults": {"pipeline": "Sales", "product": "", "segment": "", "source": "", "currency": ""},
      "computed": {
        "stage": [{"when": {"Active": ["", "False", "false"]}, "value": "Lost"}],
        "account": [{"column": "Customer/Commercial Entity"}],
        "close_date": [{"when": {"Active": ["", "False", "false"]}, "column": "Closed Date"},
                       {"when": {"Probability": ["100.0", "100"]}, "column": "Closed Date"},
                       {"column": "Expected Closing"}]
      },
      "drop_rows": {"ID": [""]},
      "ignore": ["Opportunity", "Probability", "Closed Date", "Lost Reason", "Expected Closing"]
    },
    "stage_history": {
      "file": "*(mail.tracking.value).csv",
      "columns": {"opportunity_id": "Message ID/Related Document ID", "stage": "New Value Char",
                  "entered": "Created on"},
      "keep_rows": {"Message ID/Related Document Model": ["crm.lead"],
                    "Field": ["Stage (Lead/Opportunity)", "Stage (crm.lead)", "Stage",
                              "Active (Lead/Opportunity)", "Active (crm.lead)", "Active"]},
      "drop_rows": {"New Value Char": ["True", "true"]},
      "computed": {"stage": [{"when": {"Field": ["Active (Lead/Opportunity)", "Active (crm.lead)", "Active"]},
                              "value": "Lost"}]},
      "previous_stage": "Old Value Char",
      "ignore": ["Old Value Char"],
      "optional": true
    },
    "activities": {
      "file": "*(mail.activity).csv",
      "columns": {"opportunity_id": "Related Document ID", "type": "Activity Type", "date": "Due Date",
                  "owner": "Assigned to"},
      "keep_rows": {"Related Document Model": ["crm.lead"]},
      "ignore": ["Document Name", "Document Model", "Summary", "Note"],
      "optional": true
    }
  },
  "stages_from_data": {
    "kind": [{"when": {"Active": ["", "False", "false"]}, "value": "lost"},
             {"when": {"Probability": ["100.0", "100"]}, "value": "won"}, {"value": "open"}],
    "probability": "Probability", "probability_as": "percent"
  },
  "currency_without_rate": "amount_unknown"
})json";

// Dynamics 365 Sales' opportunity table as the Dataverse Web API gives it
// (column logical names; "@OData.Community.Display.V1.FormattedValue" twins
// hold the display values, the names of owners and customers among them),
// its currencies, and the audit log's stage changes when present.
// statecode 0 open, 1 won, 2 lost; stepname is the sales process stage.
// docs/crm/dynamics365.md gives the sources.
constexpr std::string_view kDynamics365 = R"json({
  "description": "Dynamics 365 Sales: opportunity.csv (Web API columns), transactioncurrency.csv and audit.csv when present",
  "tables": {
    "opportunities": {
      "file": "opportunity.csv",
      "columns": {"id": "opportunityid", "stage": "stepname", "created": "createdon",
                  "owner": "_ownerid_value@OData.Community.Display.V1.FormattedValue",
                  "account": "_customerid_value@OData.Community.Display.V1.FormattedValue",
                  "currency": "_transactioncurrencyid_value"},
      "defaults": {"pipeline": "Sales", "product": "", "source": "", "segment": "", "currency": ""},
      "computed": {
        "stage": [{"when": {"statecode": ["1", "Won"]}, "value": "Won"},
                  {"when": {"statecode": ["2", "Lost"]}, "value": "Lost"}],
        "amount": [{"when": {"statecode": ["1", "Won"]}, "column": "actualvalue"}, {"column": "estimatedvalue"}],
        "close_date": [{"when": {"statecode": ["1", "2", "Won", "Lost"]}, "column": "actualclosedate"},
                       {"column": "estimatedclosedate"}]
      },
      "ignore": ["@odata.etag", "name", "description", "*@OData.Community.Display.V1.FormattedValue", "statuscode",
                 "closeprobability", "msdyn_forecastcategory", "exchangerate", "_ownerid_value", "_customerid_value",
                 "_campaignid_value", "actualvalue", "actualclosedate", "estimatedvalue", "estimatedclosedate"]
    },
    "stage_history": {
      "file": "audit.csv",
      "columns": {"opportunity_id": "_objectid_value", "stage": "newvalue", "entered": "createdon"},
      "keep_rows": {"attributelogicalname": ["stepname", "statecode"]},
      "drop_rows": {"newvalue": ["Open", "0"]},
      "computed": {"stage": [{"when": {"attributelogicalname": "statecode", "newvalue": ["Won", "1"]}, "value": "Won"},
                             {"when": {"attributelogicalname": "statecode", "newvalue": ["Lost", "2"]},
                              "value": "Lost"}]},
      "previous_stage": "oldvalue",
      "ignore": ["auditid", "operation", "action", "oldvalue", "_userid_value@OData.Community.Display.V1.FormattedValue",
                 "_userid_value"],
      "optional": true
    },
    "fx_rates": {
      "file": "transactioncurrency.csv",
      "columns": {"currency": "isocurrencycode", "rate": "exchangerate"},
      "read_as": {"rate": "inverse"},
      "ignore": ["@odata.etag", "currencyname", "currencysymbol", "*@OData.Community.Display.V1.FormattedValue",
                 "statecode", "transactioncurrencyid", "currencyprecision"]
    }
  },
  "stages_from_data": {
    "kind": [{"when": {"statecode": ["1", "Won"]}, "value": "won"},
             {"when": {"statecode": ["2", "Lost"]}, "value": "lost"}, {"value": "open"}],
    "probability": "closeprobability", "probability_as": "percent"
  },
  "lookups": [
    {"file": "transactioncurrency.csv", "key": "transactioncurrencyid", "field": "currency",
     "columns": {"currency": "isocurrencycode"}, "optional": true}
  ],
  "currency_without_rate": "amount_unknown"
})json";

constexpr std::pair<std::string_view, std::string_view> kPresets[] = {
    {"dynamics365", kDynamics365}, {"hubspot", kHubspot},      {"maven", kMaven},
    {"odoo", kOdoo},               {"pipedrive", kPipedrive},  {"salesforce", kSalesforce}};

}  // namespace

std::optional<std::string_view> preset_text(std::string_view name) {
  for (const auto& [preset_name, text] : kPresets)
    if (preset_name == name) return text;
  return std::nullopt;
}

std::optional<ColumnMapping> ColumnMapping::preset(std::string_view name) {
  if (const auto text = preset_text(name)) return from_json(*text, "preset " + std::string(name));
  return std::nullopt;
}

std::vector<std::string> ColumnMapping::preset_names() {
  std::vector<std::string> names;
  for (const auto& [name, text] : kPresets) names.emplace_back(name);
  return names;
}

}  // namespace pipecast
