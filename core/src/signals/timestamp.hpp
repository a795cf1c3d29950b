#pragma once
// Instants as milliseconds since 1970-01-01 UTC, read from the two spellings signals and billing
// rows use: Java's Instant ("2026-11-30T12:00:00.123Z") and Databricks' timestamps
// ("2026-11-30 12:00:00.000+00:00", or without a zone: UTC).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace clusop::signals {

// Years 1970..9999; fractions beyond milliseconds are truncated. nullopt for anything else.
std::optional<int64_t> ParseInstant(std::string_view text);

// "2026-11-30T12:00:00.123Z" (always three fraction digits: one spelling per instant).
std::string FormatInstant(int64_t millis);

}  // namespace clusop::signals
