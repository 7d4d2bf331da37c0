// The report page's stylesheet, inline in the page.  Internal.
#pragma once

#include <string_view>

namespace pipecast::render {

/// Screen and print (@media print) rules of the HTML report.
std::string_view html_report_style();

}  // namespace pipecast::render
