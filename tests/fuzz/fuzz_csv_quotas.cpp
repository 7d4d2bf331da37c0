// quotas.csv through the importer (see csv_table_fuzzer.hpp).
#include "csv_table_fuzzer.hpp"

PIPECAST_FUZZ_TARGET(fuzz_csv_quotas, data, size) {
  return pipecast::fuzz::fuzz_csv_table(pipecast::Table::quotas, data, size);
}
