// A stage table made from the deals and their history, for exports that
// carry none (Salesforce without OpportunityStage.csv): the mapping's
// stages_from_data says how a deal's row tells its stage's kind, probability
// and position.
#pragma once

#include "pipecast/io/column_mapping.hpp"
#include "pipecast/io/diagnostics.hpp"
#include "io/table_input.hpp"

#include <vector>

namespace pipecast {

/// The stages the rows of `opportunities` (and of `history`, when given) use,
/// per pipeline: open stages first, in the order of `spec.order`, else in the
/// order deals enter them in the history, else by probability; then the won
/// stages, then the lost ones.  A stage takes the kind most of its deals give
/// and their most common probability.  Rows that cannot be read are skipped:
/// the import that follows reports them.  Notes on stages whose deals
/// disagree go to `warnings`.  `stopped_stage_column`, when not blank, is a
/// header naming the open stage a closed deal stopped in (Pipedrive's stage
/// column): those stages are open stages of the deal's pipeline too.
/// `wide_history`, when given, finds the history in the deals' own columns;
/// `previous_stage`, when not blank, is the history's header of the stage a
/// logged change left (a stage too).
std::vector<StageDefinition> stages_from_data(const StagesFromData& spec, TableInput& opportunities,
                                              TableInput* history, const std::string& stopped_stage_column,
                                              const HistoryFromColumns* wide_history, const std::string& previous_stage,
                                              std::vector<Diagnostic>& warnings);

}  // namespace pipecast
