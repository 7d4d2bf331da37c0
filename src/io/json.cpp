#include "pipecast/io/json.hpp"

#include <nlohmann/json.hpp>

namespace pipecast {

std::string to_json(const Summary& s, int indent) {
  nlohmann::ordered_json by_stage = nlohmann::ordered_json::array();
  for (const auto& st : s.by_stage)
    by_stage.push_back({{"pipeline", st.pipeline},
                        {"stage", st.stage},
                        {"kind", to_string(st.kind)},
                        {"probability", st.probability},
                        {"count", st.count},
                        {"amount", st.amount}});
  const nlohmann::ordered_json j = {{"as_of", format_day(s.as_of)},
                                    {"currency", s.currency},
                                    {"opportunities", s.opportunities},
                                    {"open", s.open},
                                    {"won", s.won},
                                    {"lost", s.lost},
                                    {"open_amount", s.open_amount},
                                    {"weighted_amount", s.weighted_amount},
                                    {"won_amount", s.won_amount},
                                    {"lost_amount", s.lost_amount},
                                    {"missing_amount", s.missing_amount},
                                    {"by_stage", by_stage}};
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace pipecast
