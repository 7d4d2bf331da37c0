// The built-in mapping documents (mapping_presets.cpp), as text: what
// ColumnMapping::preset parses, and what a document's "preset" key starts from.
#pragma once

#include <optional>
#include <string_view>

namespace pipecast {

/// The document of the preset `name`; nullopt when there is none of that name.
std::optional<std::string_view> preset_text(std::string_view name);

}  // namespace pipecast
