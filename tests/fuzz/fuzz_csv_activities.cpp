// activities.csv through the importer (see csv_table_fuzzer.hpp).
#include "csv_table_fuzzer.hpp"

PIPECAST_FUZZ_TARGET(fuzz_csv_activities, data, size) {
  return pipecast::fuzz::fuzz_csv_table(pipecast::Table::activities, data, size);
}
