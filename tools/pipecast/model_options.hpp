// --model / --model-file / --as-of / --threads, shared by score, forecast, fit
// and activities.
#pragma once

#include "pipecast/forecast/model.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace pipecast::cli {

struct ModelOptions {
  std::string model = std::string(kDefaultModel);
  std::string model_file;
  std::string as_of;
  bool activities = true;
  unsigned threads = 0;  ///< the fit's, and the work after it (forecast)

  /// Adds --as-of (unless the command has its own: `with_as_of` false),
  /// --model, --activities/--no-activities, --threads and (when `from_file`)
  /// --model-file.
  void add_options(CLI::App& command, bool from_file = true, bool with_as_of = true);
  /// The fitted model: loaded from --model-file, or --model fitted on `book`
  /// as of `as_of`.
  FittedModel resolve(const Book& book, Day as_of) const;
};

}  // namespace pipecast::cli
