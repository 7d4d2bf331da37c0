// Building test books with BookBuilder: a call that must be accepted, and
// the smallest pipeline a book needs.
#pragma once

#include "pipecast/core/book_builder.hpp"

#include <gtest/gtest.h>

namespace pipecast::test {

/// Fails the test, naming the field and the reason, when a BookBuilder call
/// refused its record.
inline void expect_accepted(const Checked& rejected) {
  ASSERT_FALSE(rejected) << rejected->field << ": " << rejected->message;
}

/// Pipeline "Sales" with an open stage "Open" (20%) and a won stage "Won",
/// and with `lost` a lost stage "Lost".
inline void add_sales_stages(BookBuilder& b, bool lost = false) {
  expect_accepted(b.add_stage({"Sales", "Open", 1, 0.2, StageKind::open, ""}));
  expect_accepted(b.add_stage({"Sales", "Won", 2, 1.0, StageKind::won, ""}));
  if (lost) expect_accepted(b.add_stage({"Sales", "Lost", 3, 0.0, StageKind::lost, ""}));
}

}  // namespace pipecast::test
