// A Period's fields in the library's archives (bounded_archive.hpp): the
// book's quotas and a backtest block's periods share the layout.
#pragma once

#include "pipecast/core/calendar.hpp"
#include "storage/bounded_archive.hpp"

namespace pipecast {

constexpr PeriodKind last_value(PeriodKind) { return PeriodKind::range; }

template <class Archive>
void archive_fields(Archive& archive, Period& period) {
  bounded::fields(archive, period.kind, period.first, period.last, period.label);
}

}  // namespace pipecast
