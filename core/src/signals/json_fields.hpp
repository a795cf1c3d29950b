#pragma once
// Reading fields of a parsed JSON object with bounds, each failure worded as what was expected.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace clusop::signals {

// Each returns false and sets *error ("<where>.<key> must be ...") when the field is present but
// wrong, or absent while required. Optional fields absent or null leave *out alone.
bool ReadText(const nlohmann::json& obj, const char* key, bool required, const std::string& where, std::string* out,
              std::string* error);
bool ReadCount(const nlohmann::json& obj, const char* key, bool required, const std::string& where, int64_t* out,
               std::string* error);
bool ReadAmount(const nlohmann::json& obj, const char* key, bool required, const std::string& where, double* out,
                std::string* error);
// A number, or a decimal written as a string (Databricks DECIMAL columns often arrive that way).
bool ReadDecimal(const nlohmann::json& obj, const char* key, const std::string& where, double* out, std::string* error);
bool ReadInstantField(const nlohmann::json& obj, const char* key, bool required, const std::string& where,
                      int64_t* out, std::string* error);
// A string or an integer identifier (Databricks ids arrive either way) as text; "" when absent.
std::string IdText(const nlohmann::json& obj, const char* key);

// Bracket nesting deeper than `max_depth` anywhere in the text (strings skipped): rejected before
// parsing, so writing a parsed value back never recurses without bound.
bool NestingWithin(std::string_view text, int max_depth);

}  // namespace clusop::signals
