// stage_history.csv through the importer (see csv_table_fuzzer.hpp).
#include "csv_table_fuzzer.hpp"

PIPECAST_FUZZ_TARGET(fuzz_csv_stage_history, data, size) {
  return pipecast::fuzz::fuzz_csv_table(pipecast::Table::stage_history, data, size);
}
