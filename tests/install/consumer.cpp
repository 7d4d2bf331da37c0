// A C++ host of the installed static library: headers, link and dependencies.
#include <pipecast/core/as_of.hpp>
#include <pipecast/core/calendar.hpp>
#include <pipecast/core/summary.hpp>
#include <pipecast/io/csv_book.hpp>

#include <iostream>

int main() {
  const pipecast::CsvFiles files = {
      {"stages.csv",
       "pipeline,stage,order,probability,kind\n"
       "sales,Open,1,0.5,open\nsales,Won,2,1,won\nsales,Lost,3,0,lost\n"},
      {"opportunities.csv",
       "id,pipeline,account,owner,product,source,segment,amount,currency,created,close_date,stage\n"
       "D1,sales,Acme,ann,Widget,web,smb,1000,USD,2024-01-10,2024-03-01,Open\n"},
      {"stage_history.csv", "opportunity_id,stage,entered\nD1,Open,2024-01-10\n"},
  };
  const pipecast::Book book = pipecast::import_csv_book(files).book;
  const auto day = pipecast::parse_day("2024-02-01");
  const pipecast::Summary summary = pipecast::summarize(pipecast::as_of(book, *day));
  if (summary.opportunities != 1 || summary.open != 1 || pipecast::format_day(*day) != "2024-02-01") {
    std::cout << "unexpected summary: " << summary.opportunities << " deals\n";
    return 1;
  }
  std::cout << "C++ consumer: " << summary.opportunities << " deal, " << summary.open_amount
            << " open\n";
  return 0;
}
