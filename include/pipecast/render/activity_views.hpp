/// @file
/// How the "what worked" tables (analytics/activity_effects_tables.hpp) read
/// to a person, in a terminal or on a page: the wording says association,
/// never cause ("associated with advancing").
#pragma once

#include "pipecast/render/table_view.hpp"

namespace pipecast::render {

/// activity_stages: each open stage's sample, its playbook and the open deals off it.
TableView activity_stages_view();
/// activity_comparisons: each comparison's pattern, sample, rates or median
/// silences, effect with its 95% interval, q-value and finding.
TableView activity_comparisons_view();
/// worklist (analytics/worklist_tables.hpp): an owner's open deals in rank,
/// the recommended step, its lift, the value of attention and the reason.
TableView worklist_view();
/// time_split: an owner's activities by stage and by deal-size band as
/// shares, beside the shares of their won revenue.
TableView time_split_view();

}  // namespace pipecast::render
