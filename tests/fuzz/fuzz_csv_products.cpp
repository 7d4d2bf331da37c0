// products.csv through the importer (see csv_table_fuzzer.hpp).
#include "csv_table_fuzzer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return pipecast::fuzz::fuzz_csv_table(pipecast::Table::products, data, size);
}
