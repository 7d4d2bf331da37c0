// One way to write a CSV text cell (pipecast/io/csv_text.hpp): quoting, and
// the cells a spreadsheet would run as formulas, neutralised on request.
#include "pipecast/core/book_builder.hpp"
#include "pipecast/io/csv_book.hpp"
#include "pipecast/io/csv_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace pipecast {
// Named for the file: a unity build compiles the files of a program as one.
namespace csv_text_test {
namespace {

TEST(CsvText, QuotesOnlyWhatMustBeQuoted) {
  for (const FormulaCells mode : {FormulaCells::keep, FormulaCells::neutralise}) {
    EXPECT_EQ(csv_text("Acme", mode), "Acme");
    EXPECT_EQ(csv_text("", mode), "");
    EXPECT_EQ(csv_text("Acme, Inc.", mode), "\"Acme, Inc.\"");
    EXPECT_EQ(csv_text("the \"big\" one", mode), "\"the \"\"big\"\" one\"");
    EXPECT_EQ(csv_text("two\nlines", mode), "\"two\nlines\"");
    EXPECT_EQ(csv_text(" padded", mode), "\" padded\"");
    EXPECT_EQ(csv_text("a=b", mode), "a=b");  // only the first character counts
  }
}

TEST(CsvText, FormulasAreKeptOrNeutralisedWithAnApostrophe) {
  for (const char* formula : {"=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\r=1"}) {
    EXPECT_TRUE(spreadsheet_would_run(formula)) << formula;
    EXPECT_EQ(csv_text(formula, FormulaCells::keep).find('\''), std::string::npos) << formula;
  }
  EXPECT_EQ(csv_text("=1+2", FormulaCells::keep), "=1+2");
  EXPECT_EQ(csv_text("=1+2", FormulaCells::neutralise), "\"'=1+2\"");
  EXPECT_EQ(csv_text("@SUM(A1)", FormulaCells::neutralise), "\"'@SUM(A1)\"");
  EXPECT_EQ(csv_text("-1", FormulaCells::neutralise), "\"'-1\"");
  // The example: a product named as a hyperlink formula.
  EXPECT_EQ(csv_text("=HYPERLINK(\"http://x.invalid\",\"x\")", FormulaCells::neutralise),
            "\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"x\"\")\"");
  for (const char* text : {"", "Acme", " =1", "'=1", "1+1"})
    EXPECT_FALSE(spreadsheet_would_run(text)) << text;
}

Book book_with_a_formula_stage() {
  BookBuilder b;
  b.add_stage({"Sales", "=1+2", 1, 0.5, StageKind::open, ""});
  b.add_stage({"Sales", "Won", 2, 1.0, StageKind::won, ""});
  b.add_stage({"Sales", "Lost", 3, 0.0, StageKind::lost, ""});
  OpportunityRecord o;
  o.id = "@1";
  o.pipeline = "Sales";
  o.stage = "=1+2";
  o.amount = 100.0;
  o.created = to_day(2024, 1, 2);
  o.close_date = to_day(2024, 3, 1);
  b.add_opportunity(o);
  return std::move(b).finish();
}

TEST(CsvText, TheCanonicalExportKeepsFormulasAndReadsBackToTheSameBook) {
  const Book book = book_with_a_formula_stage();
  const CsvFiles files = export_csv_book(book);
  EXPECT_NE(files.at("stages.csv").find("\nSales,=1+2,1,"), std::string::npos) << files.at("stages.csv");
  const CsvFiles again = export_csv_book(import_csv_book(files).book);
  EXPECT_EQ(again, files);
}

TEST(CsvText, AnExportAskedToNeutraliseDoesSoForTextAndLeavesNumbers) {
  ExportOptions options;
  options.formulas = FormulaCells::neutralise;
  const CsvFiles files = export_csv_book(book_with_a_formula_stage(), options);
  EXPECT_NE(files.at("stages.csv").find("\nSales,\"'=1+2\",1,0.5,open"), std::string::npos) << files.at("stages.csv");
  EXPECT_NE(files.at("opportunities.csv").find("\n\"'@1\",Sales,"), std::string::npos) << files.at("opportunities.csv");
  EXPECT_NE(files.at("opportunities.csv").find(",100,"), std::string::npos) << files.at("opportunities.csv");
}

}  // namespace
}  // namespace csv_text_test
}  // namespace pipecast
