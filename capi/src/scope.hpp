// pipecast_scope_options -> pipecast::AnalysisOptions, checked.
#pragma once

#include "handles.hpp"

#include "pipecast/analytics/scope.hpp"

namespace pipecast::capi {

/// The analysis options a host's scope asks for on `book` (NULL: defaults).
/// Unknown pipelines and filter fields are NOT_FOUND, the rest of what is
/// wrong INVALID_ARGUMENT.
AnalysisOptions analysis_options(const pipecast_book& book, const pipecast_scope_options* scope);

/// Throws NOT_FOUND naming the known fields when `field` is neither a
/// dimension nor a custom attribute of the book.
void check_field(const Book& book, std::string_view field, const std::string& what);

}  // namespace pipecast::capi
