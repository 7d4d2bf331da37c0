// A forecast's JSON is its header's single values and the rows of its
// "forecast" table: every cell of the table, exactly, and nothing the old
// nested document had is lost.
#include "pipecast/forecast/forecast_tables.hpp"
#include "pipecast/forecast/json.hpp"
#include "pipecast/forecast/model.hpp"
#include "pipecast/forecast/period_forecast.hpp"
#include "pipecast/synth/synthetic_book.hpp"

#include "table_json_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace forecast_json_test {
namespace {

using Json = nlohmann::ordered_json;

struct Fixture {
  Book book = generate_synthetic_book({.deals = 3000, .seed = 5}).book;
  Day as_of = to_day(2024, 5, 15);
  Forecast forecast = [this] {
    ForecastOptions options;
    options.trials = 500;
    options.seed = 3;
    Period p = period_containing(as_of, PeriodKind::quarter);
    for (int j = 0; j < 3; ++j, p = next_period(p)) options.periods.push_back(p);
    return forecast_periods(fit_model("markov", book, as_of), book, options);
  }();
};

const Fixture& fixture() {
  static const Fixture instance;
  return instance;
}

TEST(ForecastJson, TheHeaderThenTheRowsOfTheForecastTable) {
  const Forecast& f = fixture().forecast;
  const Json json = Json::parse(to_json(f, "a description"));
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"model", "description", "as_of", "trials", "seed", "open_deals",
                                            "forecast"}));
  EXPECT_EQ(json["model"], "markov");
  EXPECT_EQ(json["description"], "a description");
  EXPECT_EQ(json["as_of"], "2024-05-15");
  EXPECT_EQ(json["trials"], 500);
  EXPECT_EQ(json["seed"], 3);
  EXPECT_EQ(json["open_deals"], f.open_deals);
  EXPECT_GT(f.open_deals, 0u);
  EXPECT_FALSE(Json::parse(to_json(f)).contains("description"));

  const ResultTable table = forecast_table(f);
  ASSERT_EQ(table.rows, 3u * kForecastComponents.size());
  test::expect_rows_are_the_table(json["forecast"], table);
}

TEST(ForecastJson, EachPeriodsComponentsInOrderWithTheirLabelDaysAndFigures) {
  const Forecast& f = fixture().forecast;
  const Json rows = Json::parse(to_json(f))["forecast"];
  for (std::size_t j = 0; j < f.periods.size(); ++j) {
    const PeriodForecast& p = f.periods[j];
    for (std::size_t k = 0; k < kForecastComponents.size(); ++k) {
      const Json& row = rows[j * kForecastComponents.size() + k];
      const ComponentForecast& v = p[kForecastComponents[k]];
      EXPECT_EQ(row["model"], "markov");
      EXPECT_EQ(row["component"], to_string(kForecastComponents[k]));
      EXPECT_EQ(row["period"], p.period.label);
      EXPECT_EQ(row["period_start"], format_day(p.period.first));
      EXPECT_EQ(row["period_end"], format_day(p.period.last));
      EXPECT_EQ(row["expected"].get<double>(), v.expected);
      EXPECT_EQ(row["p10"].get<double>(), v.p10);
      EXPECT_EQ(row["p50"].get<double>(), v.p50);
      EXPECT_EQ(row["p90"].get<double>(), v.p90);
    }
  }
  EXPECT_EQ(rows[3]["component"], "total");
  EXPECT_EQ(rows[0]["period"], "2024-Q2");
  EXPECT_EQ(rows[4]["period"], "2024-Q3");
  EXPECT_GT(rows[3]["p90"].get<double>(), rows[3]["p10"].get<double>());
}

}  // namespace
}  // namespace forecast_json_test
}  // namespace pipecast
