#include "book_source.hpp"
#include "commands.hpp"
#include "model_options.hpp"

#include "pipecast/forecast/model_file.hpp"

#include <iostream>
#include <memory>

namespace pipecast::cli {

void add_fit_command(CLI::App& app, Run& run) {
  struct Options {
    BookSource source;
    ModelOptions model;
    std::string out;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "fit", "Fit a forecast model as of a date and save it, for score and forecast --model-file");
  options->source.add_options(*command);
  options->model.add_options(*command, false);
  command->add_option("--out", options->out, "The model file to write")->required();
  command->callback([options, &run] {
    run = [options] {
      const Book book = options->source.load();
      const Day as_of = resolve_as_of(options->model.as_of, book);
      const FittedModel model = options->model.resolve(book, as_of);
      save_model(model, options->out);
      std::cout << "fitted " << model.name() << " as of " << format_day(as_of) << ": "
                << model.description() << "\nwrote " << options->out << '\n';
      return 0;
    };
  });
}

}  // namespace pipecast::cli
