#pragma once
// Text placed into Markdown safely: plan text and engine words can hold backticks, pipes and
// HTML, and must never close a code block or inject markup into whatever renders the ticket.
#include <string>
#include <string_view>

namespace clusop::markdown {

// Prose: Markdown and HTML specials escaped, one line.
std::string Inline(std::string_view text);
// A table cell: as Inline (pipes included), one line.
std::string Cell(std::string_view text);
// An inline code span no backtick run inside can close; one line. In a table cell pipes are
// escaped too (GitHub's tables split on them even inside code).
std::string Code(std::string_view text, bool in_table = false);
// A fenced block no backtick run inside can close; `info` names the language ("text").
std::string Fenced(std::string_view text, std::string_view info);

}  // namespace clusop::markdown
