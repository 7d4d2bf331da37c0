// Building test books with BookBuilder: a call that must be accepted.
#pragma once

#include "pipecast/core/book_builder.hpp"

#include <gtest/gtest.h>

namespace pipecast::test {

/// Fails the test, naming the field and the reason, when a BookBuilder call
/// refused its record.
inline void expect_accepted(const Checked& rejected) {
  ASSERT_FALSE(rejected) << rejected->field << ": " << rejected->message;
}

}  // namespace pipecast::test
