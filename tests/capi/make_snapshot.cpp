// capi_make_snapshot CSV_DIR SNAPSHOT: saves the book of CSV_DIR as a snapshot,
// for the C tests of loading one (the C ABI cannot write snapshots yet).
#include "pipecast/io/csv_book.hpp"
#include "pipecast/snapshot.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: capi_make_snapshot CSV_DIR SNAPSHOT\n";
    return 2;
  }
  try {
    pipecast::save_snapshot(pipecast::import_csv_directory(argv[1]).book, argv[2]);
  } catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
  return 0;
}
