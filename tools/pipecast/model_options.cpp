#include "model_options.hpp"

#include "book_source.hpp"

#include "pipecast/forecast/model_file.hpp"

namespace pipecast::cli {

void ModelOptions::add_options(CLI::App& command, bool from_file, bool with_as_of) {
  if (with_as_of)
    command.add_option("--as-of", as_of, "Forecast as known at the end of this day (default: the book's latest day)")
        ->check(date_validator());
  std::string names;
  for (const auto& name : ModelRegistry::builtin().names()) names += (names.empty() ? "" : ", ") + name;
  auto* model_option = command.add_option("--model", model, "Model to fit: " + names)
                           ->check(CLI::IsMember(ModelRegistry::builtin().names()))
                           ->capture_default_str();
  auto* activities_flag = command.add_flag(
      "--activities,!--no-activities", activities,
      "Fit logistic (and auto's logistic) with activity features when the book has activities (activities.csv): "
      "what each deal's own activities say, days since the last one, the current stage's silence, and each "
      "type's count in the last 14 and 30 days (the default; --no-activities fits without them: see "
      "docs/forecasting.md)");
  command.add_option("--threads", threads, "Threads (0: one per core); the result does not depend on it")
      ->capture_default_str();
  if (from_file)
    command.add_option("--model-file", model_file, "Use a model saved by `pipecast fit` instead of fitting one")
        ->check(CLI::ExistingFile)
        ->excludes(model_option)
        ->excludes(activities_flag);
}

FittedModel ModelOptions::resolve(const Book& book, Day day) const {
  if (!model_file.empty()) return load_model(model_file);
  FitOptions options;
  options.activities = activities;
  options.threads = threads;
  return fit_model(model, book, day, options);
}

}  // namespace pipecast::cli
