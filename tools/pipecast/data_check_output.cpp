#include "data_check_output.hpp"

namespace pipecast::cli {
namespace {

std::string examples_of(const DataFinding& f) {
  std::string out;
  for (const std::string& e : f.examples) out += (out.empty() ? "" : ", ") + e;
  return f.count > f.examples.size() ? out + ", ..." : out;
}

}  // namespace

void print_data_check(const std::string& data, const Book& book, const std::vector<DataFinding>& findings,
                      std::ostream& out) {
  out << "Data check of " << data << ": " << book.size() << " deals, " << book.history_size()
      << " history rows, " << book.stages().size() << " stages\n\n";
  std::string clean;
  for (const DataFinding& f : findings) {
    if (f.count == 0) {
      clean += (clean.empty() ? "" : ", ") + f.check;
      continue;
    }
    out << f.check << ": " << f.count << " - " << f.what << "\n"
        << "  e.g. " << examples_of(f) << "\n"
        << "  pipecast: " << f.action << "\n\n";
  }
  out << (clean.empty() ? "Every check found something." : "Nothing found by: " + clean + ".") << '\n';
}

void print_finding_lines(const std::vector<DataFinding>& findings, std::ostream& out) {
  for (const DataFinding& f : findings)
    if (f.count > 0) out << "check: " << f.check << ": " << f.count << " - " << f.what << " (e.g. " << examples_of(f) << ")\n";
}

}  // namespace pipecast::cli
