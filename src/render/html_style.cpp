#include "render/html_style.hpp"

namespace pipecast::render {

std::string_view html_report_style() {
  // Sized for a laptop screen (content at most 1120 px wide) and for A4 or
  // Letter paper: on paper the cards lose their frames, colours are kept
  // (the charts need them) and no chart or table row is cut across pages.
  return R"css(
:root{--ink:#111827;--muted:#6b7280;--line:#e5e7eb;--soft:#f9fafb;--accent:#1d4ed8}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f3f4f6;color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
main{max-width:1120px;margin:0 auto;padding:28px 28px 48px}
header.page h1{font-size:26px;margin:0 0 4px;letter-spacing:-.01em}
header.page .meta{color:var(--muted);margin:0}
header.page .meta b{color:var(--ink);font-weight:600}
nav.toc{margin:14px 0 0;font-size:13px;display:flex;flex-wrap:wrap;gap:4px 14px}
nav.toc a{color:var(--accent);text-decoration:none}
nav.toc a:hover{text-decoration:underline}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(196px,1fr));gap:12px;margin:20px 0 4px}
.tile{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.tile .label{color:var(--muted);font-size:11.5px;text-transform:uppercase;letter-spacing:.04em}
.tile .big{font-size:22px;font-weight:650;font-variant-numeric:tabular-nums;margin:2px 0 1px;white-space:nowrap}
.tile .big small{font-size:13px;font-weight:500;color:var(--muted)}
.tile .sub{color:var(--muted);font-size:12.5px}
.tile .sub span{color:#374151}
section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:18px 22px;margin:18px 0}
h2{font-size:19px;margin:0 0 6px}
h3{font-size:15px;margin:20px 0 6px}
p{margin:6px 0}
p.note{color:var(--muted);font-size:13px;margin:4px 0 10px;max-width:80ch}
p.empty{color:#374151;background:var(--soft);border:1px dashed #d1d5db;border-radius:8px;padding:12px 14px;margin:8px 0}
p.verdict{font-weight:600}
p.scope-note{color:#92400e;background:#fffbeb;border:1px solid #fcd34d;border-radius:8px;padding:8px 12px;margin:8px 0;max-width:80ch}
figure.chart{margin:10px 0 6px}
figure.chart figcaption{color:var(--muted);font-size:12px;margin-top:2px}
svg.pc-chart{display:block;width:100%;max-width:960px;height:auto}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0 4px}
table.narrow{width:auto;min-width:340px}
th,td{padding:5px 9px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;white-space:nowrap}
.table-wrap{overflow-x:auto}
table.wrap-last td:last-child{white-space:normal;min-width:260px}
th{font-weight:600;color:#374151;background:var(--soft);font-size:12.5px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tbody tr:nth-child(even){background:#fcfcfd}
tr.total td{font-weight:600;border-top:2px solid #d1d5db;background:var(--soft)}
.side-by-side{display:flex;flex-wrap:wrap;gap:10px 28px;align-items:flex-start}
.up{color:#15803d}
.down{color:#b91c1c}
footer{color:var(--muted);font-size:12px;margin-top:22px}
@media (max-width:720px){main{padding:16px 12px}section{padding:14px 12px}td,th{padding:4px 5px}}
@media print{
  @page{size:auto;margin:14mm 12mm}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  body{background:#fff;font-size:11px}
  main{max-width:none;padding:0}
  nav.toc{display:none}
  section{border:0;border-radius:0;padding:0;margin:16px 0 0}
  .tile{break-inside:avoid}
  h2,h3{break-after:avoid}
  figure.chart,tr{break-inside:avoid}
  svg.pc-chart{max-width:100%}
  table{font-size:10px}
  .table-wrap{overflow:visible}
}
)css";
}

}  // namespace pipecast::render
